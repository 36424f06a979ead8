"""Faults found by a fresh user trying the site; each stays fixed."""

from __future__ import annotations

import re

from sqlalchemy import select

from mooc.models import QuizAttempt, User
from tests.integration.helpers import take
from tests.web.test_resident_path import read_course


def sign_in_official(browser, make_user):
    make_user(role="official", login="canbo@example.test")
    return browser.login("canbo@example.test", "mat-khau-dai-1")


def test_an_official_resets_a_forgotten_password_and_the_learner_must_choose_a_new_one(
    app, browser, session, make_user
):
    learner = make_user(name="Vũ Thị Quên", login="0911111111")
    sign_in_official(browser, make_user)
    found = browser.get("/official/learners?q=vu thi quen").get_data(as_text=True)
    assert "Vũ Thị Quên" in found
    reset = browser.post(f"/official/learners/{learner.id}/reset-password", page="/official/learners?q=quen")
    temporary = re.search(r'<p class="score code">([a-z0-9]{10})</p>', reset.get_data(as_text=True)).group(1)
    assert reset.headers["Cache-Control"] == "no-store"
    learner_browser = type(browser)(app.test_client())
    assert (
        learner_browser.login("0911111111", "mat-khau-dai-1").headers.get("Location") is None
    )  # old one gone
    first = learner_browser.login("0911111111", temporary)
    assert first.headers["Location"] == "/password"
    changed = learner_browser.post(
        "/password",
        {"current": temporary, "password": "mat-khau-rieng-9", "password_again": "mat-khau-rieng-9"},
        page="/password",
    )
    assert changed.headers["Location"] == "/path"
    session.refresh(learner)
    assert learner.must_change_password is False


def test_an_official_cannot_reset_a_staff_password(browser, session, make_user):
    admin = make_user(role="admin", login="admin@example.test")
    sign_in_official(browser, make_user)
    assert browser.post(f"/official/learners/{admin.id}/reset-password").status_code == 404


def test_a_cookie_copied_before_logout_stops_working_after_it(app, browser, content):
    browser.register()
    copy = app.test_client()
    for cookie in browser.client._cookies.values():
        copy.set_cookie(cookie.key, cookie.value, domain=cookie.domain)
    assert copy.get("/certificate").status_code == 200
    browser.logout()
    assert copy.get("/certificate").status_code == 302


def test_officials_start_on_the_records_page(browser, make_user):
    assert sign_in_official(browser, make_user).headers["Location"] == "/official/records"


def test_registration_shows_every_field_error_at_once(browser, content):
    page = browser.register(date_of_birth="31/02/2000", phone="0911", email="anh@").get_data(as_text=True)
    assert "Ngày này không có trên lịch." in page
    assert "Số điện thoại gồm 10 chữ số, bắt đầu bằng 0." in page
    assert "Địa chỉ e-mail chưa đúng." in page


def test_a_date_of_birth_in_the_future_or_long_ago_is_refused(browser, session, content):
    for typed in ["01/01/2090", "01/01/0001", "31/12/9999"]:
        page = browser.register(date_of_birth=typed).get_data(as_text=True)
        assert "Ngày sinh chưa đúng" in page or "Ngày sinh viết theo dạng" in page, typed
    assert session.scalar(select(User)) is None


def test_short_passwords_get_a_vietnamese_message(browser, content):
    page = browser.register(password="ngan", password_again="ngan").get_data(as_text=True)
    assert "Mật khẩu cần từ 8 đến 200 ký tự." in page and "Field must be" not in page


def test_staff_save_their_profile_without_a_group_or_birth_date(browser, session, make_user):
    sign_in_official(browser, make_user)
    response = browser.post(
        "/profile",
        {"full_name": "Phạm Cán Bộ", "date_of_birth": "", "phone": "", "email": "canbo@example.test"},
        page="/profile",
    )
    assert response.status_code == 302
    assert session.scalar(select(User.full_name).where(User.email == "canbo@example.test")) == "Phạm Cán Bộ"


def test_the_new_password_must_differ_from_the_current_one(browser, content):
    browser.register()
    page = browser.post(
        "/password",
        {"current": "mat-khau-dai-1", "password": "mat-khau-dai-1", "password_again": "mat-khau-dai-1"},
        page="/password",
    ).get_data(as_text=True)
    assert "Mật khẩu mới cần khác mật khẩu hiện tại." in page


def test_a_blank_quiz_is_not_counted_as_an_attempt(browser, session, content):
    browser.register()
    read_course(browser, session, "kiem-tra-beta")
    url = browser.post("/quiz/kiem-tra-beta/start", page="/quiz/kiem-tra-beta").headers["Location"]
    response = browser.post(url, page=url)
    assert response.status_code == 200 and "Bạn chưa trả lời câu nào." in response.get_data(as_text=True)
    assert session.scalar(select(QuizAttempt.status)) == "in_progress"


def test_the_quiz_page_lists_the_lessons_still_to_read(browser, content):
    browser.register()
    page = browser.get("/quiz/kiem-tra-alpha").get_data(as_text=True)
    assert "Bài kiểm tra mở khi bạn đã học hết các bài" in page and "Bắt đầu làm bài" not in page
    assert 'href="/learn/alpha/bai-mot"' in page
    assert browser.post("/quiz/kiem-tra-alpha/start", page="/quiz/kiem-tra-alpha").headers["Location"] == (
        "/quiz/kiem-tra-alpha"
    )


def issue(session, make_user, name, residential="Tổ 1"):
    user = make_user(name=name)
    user.residential_group = residential
    session.commit()
    take(session, user, "kiem-tra-alpha")
    take(session, user, "kiem-tra-beta")


def test_record_filters_cover_other_and_no_residential_group_and_escape_wildcards(
    browser, session, make_user
):
    issue(session, make_user, "Nguyễn Thị Hương Giang", "Khác")
    issue(session, make_user, "Trần Văn Không Tổ", None)
    sign_in_official(browser, make_user)
    other = browser.get("/official/records?residential_group=Khác").get_data(as_text=True)
    assert "Nguyễn Thị Hương Giang" in other and "Trần Văn Không Tổ" not in other
    none = browser.get("/official/records?residential_group=-").get_data(as_text=True)
    assert "Trần Văn Không Tổ" in none and "Hương Giang" not in none
    assert "1 hồ sơ" in browser.get("/official/records?name=nguyen giang").get_data(as_text=True)
    assert "0 hồ sơ" in browser.get("/official/records?name=%25").get_data(as_text=True)
    assert "0 hồ sơ" in browser.get("/official/records?name=_").get_data(as_text=True)


def test_impossible_record_dates_are_errors_not_crashes(browser, session, make_user):
    sign_in_official(browser, make_user)
    for query in [
        "issued_to=31/12/9999",
        "issued_from=01/01/0001",
        "issued_from=02/01/2026&issued_to=01/01/2026",
    ]:
        response = browser.get(f"/official/records?{query}")
        assert response.status_code == 200, query
        assert browser.get(f"/official/records.csv?{query}").status_code == 200
    page = browser.get("/official/records?issued_from=02/01/2026&issued_to=01/01/2026").get_data(as_text=True)
    assert "Ngày kết thúc đứng trước ngày bắt đầu." in page


def test_the_csv_download_names_its_charset_once_and_carries_a_date(browser, session, make_user):
    sign_in_official(browser, make_user)
    response = browser.get("/official/records.csv")
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert re.fullmatch(
        r"attachment; filename=ho-so-hoan-thanh-\d{8}\.csv", response.headers["Content-Disposition"]
    )


def test_a_malformed_code_on_the_verify_form_is_explained_not_redirected(client, content):
    response = client.get("/verify", query_string={"code": "A/B"})
    assert response.status_code == 200 and "Mã chưa đúng" in response.get_data(as_text=True)
    page = client.get("/v/NOPE").get_data(as_text=True)
    assert "NOPE" in page and "N0PE" not in page
