"""Review, publish, versions, diff and rollback pages (/teach/review, /teach/courses/<slug>/versions)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from mooc.content.sources import read_tree
from mooc.models import AuditEvent, CourseAccess, CourseDraft, CourseVersion
from mooc.services import authoring, course_versions
from tests.conftest import TEST_CONTENT, Browser, csrf_from

PASSWORD = "mat-khau-dai-1"
LESSON = "courses/alpha/01-mot.md"
ALPHA = "courses/alpha/course.md"
LOGINS = {"teacher": "0900000011", "other": "0900000012", "official": "0900000013", "admin": "0900000014"}


@pytest.fixture
def people(app, session, make_user):
    """The test content with version 1 of each course; a teacher of alpha, a reviewer, an admin."""
    app.config["CONTENT_DIR"] = str(TEST_CONTENT)
    course_versions.record_file_versions(session, read_tree(TEST_CONTENT))
    found = {
        "teacher": make_user(role="teacher", name="Cô Giáo Lan", login=LOGINS["teacher"]),
        "other": make_user(role="teacher", name="Thầy Khác", login=LOGINS["other"]),
        "official": make_user(role="official", name="Cán Bộ Duyệt", login=LOGINS["official"]),
        "admin": make_user(role="admin", name="Quản Trị Viên", login=LOGINS["admin"]),
        "learner": make_user(name="Người Học", login="0900000015"),
    }
    session.add(CourseAccess(course_slug="alpha", user_id=found["teacher"].id))
    session.commit()
    return found


def signed_in(app, who: str) -> Browser:
    browser = Browser(app.test_client())
    login = LOGINS.get(who, "0900000015")
    assert browser.login(login, PASSWORD).status_code == 302
    return browser


def submit(session, people, old: str = "## Phần đầu", new: str = "## Phần mở đầu") -> CourseDraft:
    """The teacher changes lesson one and sends the draft for review."""
    teacher = people["teacher"]
    draft = authoring.open_draft(session, "alpha", teacher)
    authoring.save_file(session, draft, LESSON, draft.files[LESSON].replace(old, new), teacher)
    authoring.submit_for_review(session, draft, teacher, TEST_CONTENT)
    session.commit()
    return draft


def page(browser: Browser, url: str, status: int = 200) -> str:
    response = browser.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response.get_data(as_text=True)


def post(browser: Browser, url: str, **data):
    """A form sent with the session's CSRF token, as the page's own form would send it."""
    return browser.client.post(url, data={"csrf_token": browser.token("/"), **data})


def main(html: str) -> str:
    return html[html.index("<main") : html.index("</main>")]


def versions_of(session, slug: str = "alpha") -> list[tuple[int, str]]:
    query = select(CourseVersion.number, CourseVersion.origin).where(CourseVersion.course_slug == slug)
    return [tuple(row) for row in session.execute(query.order_by(CourseVersion.number))]


def test_the_queue_lists_a_submitted_draft_with_who_and_when(app, session, people):
    draft = submit(session, people)
    draft.submitted_at = datetime(2026, 3, 1, 17, 30, tzinfo=UTC)
    session.commit()
    official = signed_in(app, "official")

    shown = page(official, "/teach/review")

    assert '<a href="/teach/review">Duyệt bài</a>' in shown  # in the staff navigation
    row = re.search(r"<tbody>(.*?)</tbody>", shown, re.S).group(1)
    assert '<a class="target" href="/teach/review/alpha">Học phần Alpha</a>' in row
    assert "<td>Cô Giáo Lan</td>" in row and "<td>00:30 02/03/2026</td>" in row  # Vietnam time
    assert "Duyệt bài" not in page(signed_in(app, "teacher"), "/teach/quizzes")


def test_the_queue_names_a_new_course_and_a_renamed_one_by_their_drafts_titles(app, session, people):
    teacher = people["teacher"]
    fresh = authoring.open_draft(session, "mua-ban-an-toan", teacher, title="Mua bán an toàn")
    authoring.submit_for_review(session, fresh, teacher, TEST_CONTENT)
    renamed = authoring.open_draft(session, "alpha", teacher)
    authoring.save_file(
        session, renamed, ALPHA, renamed.files[ALPHA].replace("Học phần Alpha", "Alpha mới"), teacher
    )
    authoring.submit_for_review(session, renamed, teacher, TEST_CONTENT)
    session.commit()

    row = re.search(r"<tbody>(.*?)</tbody>", page(signed_in(app, "official"), "/teach/review"), re.S).group(1)

    assert '<a class="target" href="/teach/review/mua-ban-an-toan">Mua bán an toàn</a>' in row
    assert '<a class="target" href="/teach/review/alpha">Alpha mới</a>' in row


def test_the_review_page_shows_the_diff_the_checker_and_a_preview(app, session, people):
    submit(session, people)
    official = signed_in(app, "official")

    shown = page(official, "/teach/review/alpha")

    assert "Thay đổi so với phiên bản 1" in shown and "Trình kiểm tra không thấy lỗi nào." in shown
    assert '<span class="diff-marker" aria-hidden="true">−</span>## Phần đầu</span>' in shown
    added = '<span class="visually-hidden">Thêm: </span><span class="diff-marker" aria-hidden="true">+</span>'
    assert f"{added}## Phần mở đầu</span>" in shown
    assert "dòng được thêm vào" in shown  # the legend: not colour alone
    assert 'action="/teach/review/alpha/publish"' in shown and 'action="/teach/review/alpha/return"' in shown
    preview = page(official, "/teach/review/alpha/preview")
    assert "<h2>Phần mở đầu</h2>" in preview and "<h2>Phần đầu</h2>" not in preview
    assert 'href="/learn/alpha/bai-hai"' in preview  # links resolved as on the published lesson
    assert "Đã có phiên bản mới hơn" not in shown
    latest = course_versions.latest_version(session, "alpha")  # now someone imports a change from files:
    files = {**latest.files, ALPHA: latest.files[ALPHA].replace("Giới thiệu", "Lời giới thiệu")}
    images = course_versions.image_bytes(session, latest.images)
    course_versions.publish_version(
        session, "alpha", files, images, origin="files", actor=None, content_root=TEST_CONTENT
    )
    session.commit()
    behind = page(official, "/teach/review/alpha")
    assert "Đã có phiên bản mới hơn được xuất bản sau khi giáo viên mở bản nháp này." in behind


def test_publish_creates_the_next_version_and_learners_see_the_new_text(app, session, people):
    submit(session, people)
    official = signed_in(app, "official")

    response = post(official, "/teach/review/alpha/publish", publish_note="Sửa  tiêu đề")

    assert response.status_code == 302 and response.headers["Location"] == "/teach/courses/alpha/versions"
    assert versions_of(session) == [(1, "files"), (2, "browser")]
    version = session.scalar(select(CourseVersion).filter_by(course_slug="alpha", number=2))
    assert (version.note, version.created_by) == ("Sửa tiêu đề", people["official"].id)
    assert session.scalar(select(CourseDraft).filter_by(course_slug="alpha")) is None
    assert "Đã xuất bản phiên bản 2 của học phần alpha." in page(official, "/teach/courses/alpha/versions")
    lesson = page(Browser(app.test_client()), "/learn/alpha/bai-mot")
    assert "<h2>Phần mở đầu</h2>" in lesson and "<h2>Phần đầu</h2>" not in lesson


def test_a_second_click_on_publish_creates_no_second_version(app, session, people):
    submit(session, people)
    official = signed_in(app, "official")
    token = csrf_from(page(official, "/teach/review/alpha"))  # one page, its button clicked twice

    first = official.client.post("/teach/review/alpha/publish", data={"csrf_token": token})
    second = official.client.post("/teach/review/alpha/publish", data={"csrf_token": token})

    assert first.status_code == second.status_code == 302
    assert second.headers["Location"] == "/teach/courses/alpha/versions"
    assert versions_of(session) == [(1, "files"), (2, "browser")]
    shown = page(official, "/teach/courses/alpha/versions")
    assert "Bản nháp này không còn: học phần đã được xuất bản (phiên bản 2)" in shown


def test_return_needs_a_note_and_keeps_it_for_the_teacher(app, session, people):
    draft = submit(session, people)
    official = signed_in(app, "official")

    empty = post(official, "/teach/review/alpha/return", return_note=" ")

    shown = empty.get_data(as_text=True)
    assert empty.status_code == 200 and "Hãy ghi rõ cần sửa gì để giáo viên biết." in shown
    assert 'aria-describedby="return_note-error"' in shown and 'aria-invalid="true"' in shown
    session.refresh(draft)
    assert draft.status == "in_review"
    done = post(official, "/teach/review/alpha/return", return_note="Thêm  một ví dụ về OTP.")
    assert done.status_code == 302 and done.headers["Location"] == "/teach/review"
    session.refresh(draft)
    assert (draft.status, draft.review_note) == ("returned", "Thêm một ví dụ về OTP.")
    assert "Không có học phần nào đang chờ duyệt." in page(official, "/teach/review")
    assert versions_of(session) == [(1, "files")]


def test_publish_is_refused_while_the_files_have_an_error(app, session, people):
    draft = submit(session, people)
    # An error that slipped in after submission (files written directly, as a broken import would).
    draft.files = {**draft.files, ALPHA: draft.files[ALPHA].replace('["4.1"]', '["9.9"]')}
    session.commit()
    official = signed_in(app, "official")
    review = page(official, "/teach/review/alpha")
    assert "Còn 1 lỗi: chưa thể xuất bản." in review and "unknown competence code &#39;9.9&#39;" in review
    assert 'action="/teach/review/alpha/publish"' not in review  # no button that cannot work

    refused = post(official, "/teach/review/alpha/publish", publish_note="Ghi chú đã gõ")
    shown = refused.get_data(as_text=True)
    assert refused.status_code == 200
    assert '<span class="code">courses/alpha/course.md:6</span> unknown competence code' in shown
    assert "Chưa xuất bản được: các tệp còn lỗi" in shown and "Ghi chú đã gõ</textarea>" in shown
    assert versions_of(session) == [(1, "files")]
    assert session.scalar(select(CourseDraft.status).filter_by(course_slug="alpha")) == "in_review"


def publish_version_2(app, session, people) -> Browser:
    submit(session, people)
    official = signed_in(app, "official")
    assert post(official, "/teach/review/alpha/publish").status_code == 302
    return official


def test_versions_list_and_diff_show_the_changed_line(app, session, people):
    publish_version_2(app, session, people)
    teacher = signed_in(app, "teacher")  # a teacher of the course may read its history
    listing = page(teacher, "/teach/courses/alpha/versions")

    rows = re.findall(r'<th scope="row">(\d+).*?</th>\s*<td>([^<]+)</td>\s*<td>([^<]+)</td>', listing)
    assert rows == [
        ("2", "Xuất bản từ trình duyệt", "Cán Bộ Duyệt"),
        ("1", "Nạp từ tệp", "Dòng lệnh (máy chủ)"),
    ]
    assert 'href="/teach/courses/alpha/diff?from=1&amp;to=2"' in listing
    assert "Trở lại phiên bản" not in listing  # teachers do not roll back
    diff = page(teacher, "/teach/courses/alpha/diff?from=1&to=2")
    assert "Từ phiên bản 1 đến phiên bản 2" in diff and "1 tệp thay đổi." in diff
    assert '<h3><span class="code">courses/alpha/01-mot.md</span> — Tệp đã sửa</h3>' in diff
    assert "−</span>## Phần đầu</span>" in diff and "+</span>## Phần mở đầu</span>" in diff
    assert '<option value="1" selected>1</option>' in diff and '<option value="2" selected>2</option>' in diff
    assert main(page(teacher, "/teach/courses/alpha/diff")) == main(diff)  # default: newest vs the one before
    files = page(teacher, "/teach/courses/alpha/versions/1")
    assert '<pre class="source">---\ntitle: Bài một' in files and "## Phần đầu" in files
    page(teacher, "/teach/courses/alpha/versions/9", status=404)
    page(teacher, "/teach/courses/alpha/diff?from=1&to=9", status=404)


def test_rollback_asks_first_then_writes_a_new_version_with_the_old_files(app, session, people):
    publish_version_2(app, session, people)
    admin = signed_in(app, "admin")
    assert 'action="/teach/courses/alpha/versions/1/rollback"' in page(admin, "/teach/courses/alpha/versions")

    asked = post(admin, "/teach/courses/alpha/versions/1/rollback")
    shown = asked.get_data(as_text=True)
    assert asked.status_code == 200 and "Trở lại phiên bản 1?" in shown
    assert "Việc này tạo phiên bản mới 3 với đúng nội dung của phiên bản 1." in shown
    assert "+</span>## Phần đầu</span>" in shown  # what will change
    assert versions_of(session) == [(1, "files"), (2, "browser")]

    done = post(admin, "/teach/courses/alpha/versions/1/rollback", confirm="yes")
    again = post(admin, "/teach/courses/alpha/versions/1/rollback", confirm="yes")  # a second click

    assert done.status_code == again.status_code == 302
    assert versions_of(session) == [(1, "files"), (2, "browser"), (3, "rollback")]
    first, third = (course_versions.get_version(session, "alpha", n) for n in (1, 3))
    assert (third.files, third.images, third.created_by) == (first.files, first.images, people["admin"].id)
    assert "<h2>Phần đầu</h2>" in page(Browser(app.test_client()), "/learn/alpha/bai-mot")
    assert "đã có đúng nội dung của phiên bản 1" in page(admin, "/teach/courses/alpha/versions")


def test_a_teacher_cannot_publish_or_roll_back(app, session, people):
    publish_version_2(app, session, people)
    submit(session, people, "Xem", "Hãy xem")
    teacher = signed_in(app, "teacher")

    assert post(teacher, "/teach/review/alpha/publish").status_code == 403
    assert post(teacher, "/teach/courses/alpha/versions/1/rollback", confirm="yes").status_code == 403
    page(teacher, "/teach/review/alpha", status=403)
    assert versions_of(session) == [(1, "files"), (2, "browser")]


def test_a_teacher_without_access_cannot_see_the_versions(app, session, people):
    other = signed_in(app, "other")
    for url in (
        "/teach/courses/alpha/versions",
        "/teach/courses/alpha/versions/1",
        "/teach/courses/alpha/diff",
    ):
        page(other, url, status=403)
    page(signed_in(app, "official"), "/teach/courses/alpha/versions")  # officials see every course


def test_learners_and_anonymous_visitors_are_refused(app, session, people):
    submit(session, people)
    learner, anonymous = signed_in(app, "learner"), Browser(app.test_client())
    for url in (
        "/teach/review",
        "/teach/review/alpha",
        "/teach/courses/alpha/versions",
        "/teach/courses/alpha/diff",
    ):
        page(learner, url, status=403)
        assert "/login?next=" in anonymous.get(url).headers["Location"]
    for browser, status in ((learner, 403), (anonymous, 302)):
        assert post(browser, "/teach/review/alpha/publish").status_code == status
        assert post(browser, "/teach/courses/alpha/versions/1/rollback", confirm="yes").status_code == status
    assert versions_of(session) == [(1, "files")]


def test_the_audit_page_lists_publish_and_rollback_with_who_and_when(app, session, people):
    official = publish_version_2(app, session, people)
    assert post(official, "/teach/courses/alpha/versions/1/rollback", confirm="yes").status_code == 302
    publish = session.scalar(select(AuditEvent).where(AuditEvent.action == "course.publish"))
    publish.at = datetime(2026, 4, 2, 1, 5, tzinfo=UTC)
    session.commit()

    shown = page(signed_in(app, "admin"), "/admin/audit?course=alpha")

    rows = re.findall(
        r"<tr>\s*<td>([^<]+)</td>\s*<td>(?:<a[^>]*>)?([^<]+)(?:</a>)?</td>\s*<td>([^<]+)<br>", shown
    )
    assert ("08:05 02/04/2026", "Cán Bộ Duyệt", "Xuất bản học phần") in rows
    (rolled,) = [row for row in rows if row[2] == "Quay lại phiên bản cũ của học phần"]
    assert rolled[1] == "Cán Bộ Duyệt" and re.fullmatch(r"\d\d:\d\d \d\d/\d\d/\d{4}", rolled[0])
    kinds = {row[2] for row in rows}
    assert {"Gửi bản nháp để duyệt", "Mở bản nháp học phần", "Nạp học phần từ tệp"} <= kinds
    assert "course:beta" not in shown and '<a class="target code" href="/admin/audit?course=alpha">' in shown
    assert "course:beta" in page(signed_in(app, "admin"), "/admin/audit")  # there, but filtered out above
