"""The admin's account pages: roles, course access, and the audit trail."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
from flask import url_for
from sqlalchemy import func, select

from mooc.models import AuditEvent, CourseAccess, User
from mooc.services import identity, staff
from mooc.services.staff import StaffError
from tests.conftest import Browser

PASSWORD = "mat-khau-dai-1"
NUMBER = "001099012345"
XSS = "<script>alert(1)</script>"
XSS_ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


@pytest.fixture
def admin(make_user, browser):
    """An admin, signed in with `browser`."""
    user = make_user(role="admin", name="Quản Trị Viên", login="0900000001")
    assert browser.login("0900000001", PASSWORD).status_code == 302
    return user


def other_browser(app) -> Browser:
    return Browser(app.test_client())


def events(session, action: str) -> list[AuditEvent]:
    return list(
        session.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id))
    )


def page_of(browser, url: str) -> str:
    response = browser.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.get_data(as_text=True)


# --- Roles ----------------------------------------------------------------------------------------


def test_a_demoted_teacher_loses_access_at_once_on_every_device(app, browser, session, make_user, admin):
    teacher = make_user(role="teacher", name="Trần Văn Giáo", login="0900000002")
    elsewhere = other_browser(app)
    assert elsewhere.login("0900000002", PASSWORD, remember="y").status_code == 302
    with app.test_request_context():
        teacher_page = url_for("author.quizzes")
    assert elsewhere.get(teacher_page).status_code == 200
    old_token = teacher.session_token

    response = browser.post(
        f"/admin/users/{teacher.id}/role", {"role": "learner"}, page=f"/admin/users/{teacher.id}"
    )

    assert response.status_code == 302 and response.headers["Location"] == f"/admin/users/{teacher.id}"
    session.refresh(teacher)
    assert teacher.role == "learner" and teacher.session_token != old_token
    # The teacher's cookie (and "remember me") now names no account: sent to sign in.
    after = elsewhere.get(teacher_page)
    assert after.status_code == 302 and "/login?next=" in after.headers["Location"]
    [event] = events(session, "user.role")
    assert (event.actor_id, event.target, event.details) == (
        admin.id,
        f"user:{teacher.id}",
        {"old": "teacher", "new": "learner"},
    )
    shown = page_of(browser, f"/admin/users/{teacher.id}")
    assert "Trần Văn Giáo giờ là: Người học. Các phiên đăng nhập của người này đã kết thúc." in shown
    assert "<dt>Vai trò</dt><dd>Người học</dd>" in shown
    assert '<option selected value="learner">Người học</option>' in shown


def test_the_last_admin_cannot_be_demoted(browser, session, admin):
    response = browser.post(f"/admin/users/{admin.id}/role", {"role": "official"}, page="/admin/users")

    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert 'id="role-error"' in page
    assert "Đây là quản trị viên cuối cùng: hãy giao vai trò quản trị cho người khác trước." in page
    assert '<option selected value="official">Cán bộ phường</option>' in page  # what was chosen stays
    session.refresh(admin)
    assert admin.role == "admin" and events(session, "user.role") == []
    assert browser.get("/admin/users").status_code == 200  # still signed in, still admin


def test_an_admin_may_step_down_when_another_admin_remains(browser, session, make_user, admin):
    other = make_user(role="admin", name="Phó Quản Trị", login="0900000003")

    response = browser.post(f"/admin/users/{admin.id}/role", {"role": "official"}, page="/admin/users")

    assert response.status_code == 302 and response.headers["Location"] == "/"
    session.refresh(admin)
    assert admin.role == "official"
    # This browser got the new session token: still signed in, now as an official.
    assert browser.get("/official/records").status_code == 200
    assert browser.get("/admin/users").status_code == 403
    # And the remaining admin is now the last one.
    with pytest.raises(StaffError) as refused:
        staff.set_role(session, other, "teacher", admin)
    assert refused.value.field == "role"
    session.rollback()
    assert session.get(User, other.id).role == "admin"


def test_choosing_the_same_role_changes_nothing(browser, session, make_user, admin):
    official = make_user(role="official", login="0900000004")
    token = official.session_token

    response = browser.post(
        f"/admin/users/{official.id}/role", {"role": "official"}, page=f"/admin/users/{official.id}"
    )

    assert response.status_code == 302
    session.refresh(official)
    assert official.session_token == token and events(session, "user.role") == []
    assert "Vai trò không thay đổi." in page_of(browser, f"/admin/users/{official.id}")


def test_an_unknown_role_is_refused_inline(browser, session, make_user, admin):
    learner = make_user(login="0900000005")
    response = browser.post(
        f"/admin/users/{learner.id}/role", {"role": "superuser"}, page=f"/admin/users/{learner.id}"
    )
    assert response.status_code == 200
    assert "Vai trò không hợp lệ." in response.get_data(as_text=True)
    session.refresh(learner)
    assert learner.role == "learner"


# --- Course access --------------------------------------------------------------------------------


def test_a_teacher_is_given_an_existing_course_and_one_being_written(browser, session, make_user, admin):
    teacher = make_user(role="teacher", name="Trần Văn Giáo", login="0900000002")
    url = f"/admin/users/{teacher.id}/courses"

    first = browser.post(url, {"course": "alpha", "slug": ""}, page=f"/admin/users/{teacher.id}")
    second = browser.post(url, {"course": "", "slug": " Hoc-Phan-Moi "}, page=f"/admin/users/{teacher.id}")
    again = browser.post(url, {"course": "alpha", "slug": ""}, page=f"/admin/users/{teacher.id}")

    assert [r.status_code for r in (first, second, again)] == [302, 302, 302]
    rows = session.execute(
        select(CourseAccess.course_slug, CourseAccess.granted_by)
        .where(CourseAccess.user_id == teacher.id)
        .order_by(CourseAccess.course_slug)
    ).all()
    assert [tuple(r) for r in rows] == [("alpha", admin.id), ("hoc-phan-moi", admin.id)]
    granted = events(session, "course.grant")  # the repeated grant wrote nothing
    assert [(e.actor_id, e.target, e.details) for e in granted] == [
        (admin.id, f"user:{teacher.id}", {"course": "alpha"}),
        (admin.id, f"user:{teacher.id}", {"course": "hoc-phan-moi"}),
    ]
    page = page_of(browser, f"/admin/users/{teacher.id}")
    assert "Trần Văn Giáo đã được soạn học phần alpha từ trước." in page
    assert '<strong>Học phần Alpha</strong> — <span class="code">alpha</span>' in page
    assert '<strong>Học phần đang soạn</strong> — <span class="code">hoc-phan-moi</span>' in page
    assert f'action="/admin/users/{teacher.id}/courses/alpha/revoke"' in page


def test_revoking_a_course(browser, session, make_user, admin):
    teacher = make_user(role="teacher", login="0900000002")
    staff.grant_course(session, teacher, "alpha", None)
    session.commit()

    response = browser.post(
        f"/admin/users/{teacher.id}/courses/alpha/revoke", page=f"/admin/users/{teacher.id}"
    )

    assert response.status_code == 302
    assert staff.courses_of(session, teacher) == []
    [event] = events(session, "course.revoke")
    assert (event.actor_id, event.target, event.details) == (
        admin.id,
        f"user:{teacher.id}",
        {"course": "alpha"},
    )
    # The earlier grant came from the command line: no actor.
    assert [e.actor_id for e in events(session, "course.grant")] == [None]


def test_a_mistaken_course_is_shown_inline_with_what_was_typed(browser, session, make_user, admin):
    teacher = make_user(role="teacher", login="0900000002")
    url = f"/admin/users/{teacher.id}/courses"

    bad = browser.post(url, {"course": "", "slug": "Học phần mới!"}, page=f"/admin/users/{teacher.id}")
    both = browser.post(url, {"course": "alpha", "slug": "beta"}, page=f"/admin/users/{teacher.id}")
    nothing = browser.post(url, {"course": "", "slug": ""}, page=f"/admin/users/{teacher.id}")

    assert [r.status_code for r in (bad, both, nothing)] == [200, 200, 200]
    bad_page = bad.get_data(as_text=True)
    assert 'id="slug-error"' in bad_page and 'value="Học phần mới!"' in bad_page
    assert "Mã học phần chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang" in bad_page
    both_page = both.get_data(as_text=True)
    assert "Chọn một học phần trong danh sách hoặc nhập mã, không cả hai." in both_page
    assert '<option selected value="alpha">' in both_page and 'value="beta"' in both_page
    assert 'id="slug-error"' in nothing.get_data(as_text=True)
    assert "Vui lòng chọn hoặc nhập mã học phần." in nothing.get_data(as_text=True)
    assert staff.courses_of(session, teacher) == [] and events(session, "course.grant") == []


def test_only_teachers_and_admins_are_given_courses(browser, session, make_user, admin):
    learner = make_user(login="0900000005")
    page = page_of(browser, f"/admin/users/{learner.id}")
    assert "Chỉ giáo viên hoặc quản trị viên mới được giao học phần. Hãy đổi vai trò trước." in page
    assert f'action="/admin/users/{learner.id}/courses' not in page

    response = browser.post(
        f"/admin/users/{learner.id}/courses", {"course": "alpha"}, page=f"/admin/users/{learner.id}"
    )

    assert response.status_code == 200
    assert "Chỉ giáo viên hoặc quản trị viên mới được giao học phần." in response.get_data(as_text=True)
    assert session.scalar(select(func.count()).select_from(CourseAccess)) == 0


def test_a_teacher_moved_to_another_role_loses_their_courses(browser, session, make_user, admin):
    teacher = make_user(role="teacher", login="0900000002")
    staff.grant_course(session, teacher, "alpha", admin)
    staff.grant_course(session, teacher, "beta", admin)
    session.commit()

    browser.post(f"/admin/users/{teacher.id}/role", {"role": "official"}, page=f"/admin/users/{teacher.id}")

    assert staff.courses_of(session, teacher) == []
    assert [e.details for e in events(session, "course.revoke")] == [
        {"course": "alpha", "reason": "role"},
        {"course": "beta", "reason": "role"},
    ]


# --- Who may use these pages ----------------------------------------------------------------------

PAGES = ["/admin/users", "/admin/users/{id}", "/admin/audit"]
POSTS = [
    ("/admin/users/{id}/role", {"role": "admin"}),
    ("/admin/users/{id}/courses", {"course": "alpha"}),
    ("/admin/users/{id}/courses/alpha/revoke", {}),
]


@pytest.mark.parametrize("role", ["learner", "teacher", "official"])
def test_nobody_but_an_admin_reaches_the_pages_or_the_forms(browser, session, make_user, role):
    someone = make_user(role=role, login="0900000006")
    teacher = make_user(role="teacher", login="0900000007")
    staff.grant_course(session, teacher, "alpha", None)
    session.commit()
    browser.login("0900000006", PASSWORD)
    for url in PAGES:
        assert browser.get(url.format(id=teacher.id)).status_code == 403, url
    for url, data in POSTS:  # a valid CSRF token: the refusal is about the role
        assert browser.post(url.format(id=teacher.id), data).status_code == 403, url
    session.refresh(someone)
    session.refresh(teacher)
    assert (someone.role, teacher.role) == (role, "teacher")
    assert staff.courses_of(session, teacher) == ["alpha"]
    assert events(session, "user.role") == [] and events(session, "course.revoke") == []


def test_a_visitor_who_is_not_signed_in_is_sent_to_sign_in(client, make_user):
    teacher = make_user(role="teacher", login="0900000007")
    for url in PAGES:
        response = client.get(url.format(id=teacher.id))
        assert response.status_code == 302 and "/login?next=" in response.headers["Location"], url


def test_the_admin_navigation_links_to_the_new_pages(browser, admin, app, make_user):
    page = page_of(browser, "/")
    assert '<a href="/admin/users">Tài khoản và vai trò</a>' in page
    assert '<a href="/admin/audit">Nhật ký thao tác</a>' in page
    make_user(role="official", login="0900000008")
    official = other_browser(app)
    official.login("0900000008", PASSWORD)
    assert "/admin/users" not in official.get("/").get_data(as_text=True)


# --- Finding accounts -----------------------------------------------------------------------------


def test_search_by_name_with_or_without_marks_by_phone_and_by_email(browser, make_user, admin):
    make_user(name="Nguyễn Văn An", login="0912345678")
    make_user(name="Đặng Thị Bình", login="binh@example.vn")
    make_user(role="teacher", name="Lê Văn Cường", login="0987654321")

    def names(query: str) -> list[str]:
        page = page_of(browser, f"/admin/users?{query}")
        return re.findall(r'<a class="target" href="/admin/users/\d+">([^<]+)</a>', page)

    assert names("q=nguyen+van+an") == ["Nguyễn Văn An"]
    assert names("q=NGUYỄN+an") == ["Nguyễn Văn An"]
    assert names("q=dang+thi") == ["Đặng Thị Bình"]
    assert names("q=%2B84+912+345+678") == ["Nguyễn Văn An"]
    assert names("q=4321") == ["Lê Văn Cường"]
    assert names("q=binh%40example") == ["Đặng Thị Bình"]
    assert names("q=van") == ["Lê Văn Cường", "Nguyễn Văn An"]  # staff first
    assert names("role=teacher") == ["Lê Văn Cường"]
    assert names("q=khong+co+ai") == []


def test_the_user_list_shows_roles_and_pages_through_in_vietnamese_order(
    browser, make_user, admin, monkeypatch
):
    monkeypatch.setattr("mooc.web.admin.views.PER_PAGE", 2)
    for name in ("Vũ Thị Yến", "Trần Văn Anh", "Phạm Đức Bảo", "Lê Ánh"):
        make_user(name=name)
    make_user(role="teacher", name="Hồ Văn Dũng")

    first = page_of(browser, "/admin/users")
    third = page_of(browser, "/admin/users?page=3")

    rows = re.findall(r'href="/admin/users/\d+">([^<]+)</a></td>\s*<td>([^<]+)</td>', first)
    assert rows == [("Quản Trị Viên", "Quản trị viên"), ("Hồ Văn Dũng", "Giáo viên (soạn bài)")]
    assert "6 tài khoản" in first and "Trang 1/3" in first
    assert '<a rel="next" href="/admin/users?page=2">' in first and 'rel="prev"' not in first
    # Learners by given name, as Vietnamese lists are ordered: Anh, Ánh, Bảo, Yến.
    second = page_of(browser, "/admin/users?page=2")
    assert re.findall(r'href="/admin/users/\d+">([^<]+)</a>', second) == ["Trần Văn Anh", "Lê Ánh"]
    assert re.findall(r'href="/admin/users/\d+">([^<]+)</a>', third) == ["Phạm Đức Bảo", "Vũ Thị Yến"]
    assert "Trang 3/3" in third and 'rel="next"' not in third
    filtered = page_of(browser, "/admin/users?q=an&page=1")  # Quản, Văn ×2, Ánh: 4 on 2 pages
    assert "4 tài khoản" in filtered and "Trang 1/2" in filtered
    assert '<a rel="next" href="/admin/users?page=2&amp;q=an">' in filtered


# --- The audit trail ------------------------------------------------------------------------------


def add_event(session, action, target="", actor_id=None, at=None, **details):
    event = AuditEvent(action=action, target=target, actor_id=actor_id, details=details)
    if at is not None:
        event.at = at
    session.add(event)
    session.commit()
    return event


def test_the_audit_page_lists_events_newest_first_in_vietnam_time(browser, session, make_user, admin):
    teacher = make_user(role="teacher", name="Trần Văn Giáo", login="0900000002")
    add_event(session, "export.bundle", "batch:b1", admin.id, datetime(2026, 1, 2, 3, 4, tzinfo=UTC), rows=7)
    add_event(session, "course.grant", f"user:{teacher.id}", None, datetime(2026, 3, 1, 17, 30, tzinfo=UTC))

    page = page_of(browser, "/admin/audit")

    rows = re.findall(r"<tr>\s*<td>([^<]+)</td>", page)
    assert rows == ["00:30 02/03/2026", "10:04 02/01/2026"]  # UTC+7, newest first
    assert "2 sự kiện" in page
    assert "Dòng lệnh (máy chủ)</td>" in page  # the grant had no actor
    assert (
        f'<a class="target" href="/admin/users/{teacher.id}">Trần Văn Giáo</a><br><span class="code">' in page
    )
    assert 'Lập lô hồ sơ gửi thành phố<br><span class="code">export.bundle</span>' in page
    assert "<td>rows: 7</td>" in page


def test_the_audit_page_filters_by_kind_and_by_actor(browser, session, make_user, admin):
    teacher = make_user(role="teacher", login="0900000002")
    staff.grant_course(session, teacher, "alpha", admin)  # course.grant by the admin
    staff.set_role(session, teacher, "official", None)  # user.role, course.revoke from the command line
    session.commit()

    def actions(query: str) -> list[str]:
        return re.findall(
            r'<span class="code">([a-z_]+\.[a-z_]+)</span>', page_of(browser, f"/admin/audit?{query}")
        )

    assert actions("") == ["course.revoke", "user.role", "course.grant"]
    assert actions("action=course.") == ["course.revoke", "course.grant"]
    assert actions("action=user.") == ["user.role"]
    assert actions(f"actor={admin.id}") == ["course.grant"]
    assert actions("actor=cli") == ["course.revoke", "user.role"]
    assert actions("action=course.&actor=cli") == ["course.revoke"]
    assert actions("action=privacy.") == []
    assert actions("actor=99999999999999999999") == ["course.revoke", "user.role", "course.grant"]
    page = page_of(browser, "/admin/audit?action=course.")
    assert '<option selected value="course.">' in page


def test_the_audit_page_pages_through(browser, session, admin, monkeypatch):
    monkeypatch.setattr("mooc.web.admin.views.PER_PAGE", 2)
    for n in range(5):
        add_event(session, "record.revoke", f"record:{n}", admin.id, datetime(2026, 1, 1, n, tzinfo=UTC))

    second = page_of(browser, "/admin/audit?action=record.&page=2")

    assert re.findall(r'<span class="code">(record:\d)</span>', second) == ["record:2", "record:1"]
    assert "Trang 2/3" in second
    assert '<a rel="prev" href="/admin/audit?page=1&amp;action=record.">' in second
    assert '<a rel="next" href="/admin/audit?page=3&amp;action=record.">' in second


def test_no_national_id_number_ever_appears_in_the_audit(app, browser, session, make_user, admin):
    learner = make_user(name="Hoàng Thị Định", login="0911222333")
    learner.date_of_birth = date(1999, 3, 4)
    session.commit()
    identity.give_number(session, learner, b"k" * 32, NUMBER, NUMBER, agreed=True)
    identity.mark_checked(session, learner.id, admin)
    # Should a number ever slip into the details, it is masked all the same.
    add_event(session, "identity.note", f"user:{learner.id}", admin.id, note=f"số {NUMBER} đã xem")
    session.commit()

    for url in ("/admin/audit", "/admin/audit?action=identity.", f"/admin/users/{learner.id}"):
        page = page_of(browser, url)
        assert NUMBER not in page and "001 099 012 345" not in page, url
        assert "identity.give" in page and "identity.check" in page, url
        assert "note: số •••••••••••• đã xem" in page, url


def test_names_are_escaped_on_the_user_list_and_the_audit_page(browser, session, make_user, admin):
    attacker = make_user(role="admin", name=XSS, login="0900000009")
    teacher = make_user(role="teacher", name=XSS + " 2", login="0900000010")
    staff.grant_course(session, teacher, "alpha", attacker)  # the name shows as actor and as target
    session.commit()

    for url in (
        "/admin/users",
        "/admin/audit",
        f"/admin/users/{teacher.id}",
        f"/admin/audit?actor={attacker.id}",
    ):
        page = page_of(browser, url)
        assert XSS not in page, url
        assert XSS_ESCAPED in page, url
    assert f'<option value="{attacker.id}">{XSS_ESCAPED} (0900000009)</option>' in page_of(
        browser, "/admin/audit"
    )


def test_the_account_page_shows_what_was_done_to_and_by_the_account(browser, session, make_user, admin):
    official = make_user(role="official", name="Phạm Thị Cán Bộ", login="0900000004")
    learner = make_user(name="Lê Văn Học", login="0900000005")
    add_event(session, "record.revoke", "record:12", official.id, reason="mistake")
    staff.set_role(session, learner, "teacher", admin)
    session.commit()

    official_page = page_of(browser, f"/admin/users/{official.id}")
    learner_page = page_of(browser, f"/admin/users/{learner.id}")

    assert "record:12" in official_page and "reason: mistake" in official_page
    assert "user.role" not in official_page
    assert "new: teacher<br>old: learner" in learner_page and "record:12" not in learner_page


def count_queries(app, browser, url: str) -> int:
    from sqlalchemy import event

    engine = app.extensions["mooc.db"].engine
    statements: list[str] = []

    def record(conn, cursor, statement, *args):
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        page_of(browser, url)
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return len(statements)


def test_the_pages_make_the_same_number_of_queries_however_many_rows(app, browser, session, make_user, admin):
    teacher = make_user(role="teacher", login="0900000002")
    staff.grant_course(session, teacher, "alpha", admin)
    session.commit()
    urls = ("/admin/users", f"/admin/users/{teacher.id}", "/admin/audit")
    few = [count_queries(app, browser, url) for url in urls]
    for n in range(8):
        other = make_user(role="teacher", name=f"Giáo Viên {n}")
        staff.grant_course(session, other, "beta", admin)
        staff.grant_course(session, teacher, f"hoc-phan-{n}", other)
        add_event(session, "record.revoke", f"record:{n}", other.id)
    session.commit()
    many = [count_queries(app, browser, url) for url in urls]
    assert many == few and all(count >= 3 for count in few), few
