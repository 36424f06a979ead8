"""Small faults a new user found across the site; each stays fixed."""

from __future__ import annotations

import re
from types import SimpleNamespace

from flask import render_template_string

from tests.integration.helpers import take
from tests.web.test_resident_path import read_course, take_quiz


def button(page: str) -> str | None:
    """The "Học tiếp" button of the path page: its link and its text."""
    match = re.search(r'<a class="button" href="([^"]+)">Học tiếp: ([^<]+)</a>', page)
    return match and f"{match.group(1)} {match.group(2)}"


def test_you_says_you_on_english_pages(app, browser, make_user):
    with app.test_request_context("/", headers={"Cookie": "lang=en"}):
        assert render_template_string("{{ you(True) }} / {{ you() }}") == "You / you"
    with app.test_request_context("/"):
        assert render_template_string("{{ you(True) }} / {{ you() }}") == "Bạn / bạn"


def test_you_says_you_to_english_pupils_too(app, monkeypatch):
    from mooc.web import templating

    pupil = SimpleNamespace(is_authenticated=True, target_group_code="hoc_sinh")
    monkeypatch.setattr(templating, "current_user", pupil)
    with app.test_request_context("/", headers={"Cookie": "lang=en"}):
        assert templating.you(True) == "You"
    with app.test_request_context("/"):
        assert templating.you(True) == "Em"


def test_continue_leads_to_the_quiz_once_the_lessons_are_read(browser, session, content):
    browser.register()
    assert button(browser.get("/path").get_data(as_text=True)) == "/learn/alpha/bai-mot Bài một"
    read_course(browser, session, "kiem-tra-alpha")
    page = browser.get("/path").get_data(as_text=True)
    assert button(page) == "/quiz/kiem-tra-alpha Kiểm tra Alpha"
    read_course(browser, session, "kiem-tra-beta")  # every lesson read, no quiz taken
    page = browser.get("/path").get_data(as_text=True)
    assert button(page) == "/quiz/kiem-tra-alpha Kiểm tra Alpha"
    rows = re.findall(r'<a href="(/quiz/[a-z-]+)">Chưa làm bài kiểm tra \(cần \d+%\)</a>', page)
    assert rows == ["/quiz/kiem-tra-alpha", "/quiz/kiem-tra-beta"]
    take_quiz(browser, session, "kiem-tra-alpha")
    page = browser.get("/path").get_data(as_text=True)
    assert button(page) == "/quiz/kiem-tra-beta Kiểm tra Beta"


def test_continue_after_a_failed_quiz_goes_back_to_it(browser, session, make_user):
    learner = make_user(login="0912000111")
    take(session, learner, "kiem-tra-alpha", right=0)
    browser.login("0912000111", "mat-khau-dai-1")
    page = browser.get("/path").get_data(as_text=True)
    assert button(page) == "/quiz/kiem-tra-alpha Kiểm tra Alpha"
    assert re.search(r'<a href="/quiz/kiem-tra-alpha">Điểm cao nhất: 0% \(cần \d+%\)</a>', page)


HUGE = "99999999999999999999"


def test_a_page_number_past_the_end_shows_the_last_page(browser, session, make_user, monkeypatch):
    from tests.web.test_admin_users import add_event
    from tests.web.test_certify import issue

    monkeypatch.setattr("mooc.web.admin.views.PER_PAGE", 2)
    monkeypatch.setattr("mooc.web.certify.views.PAGE_SIZE", 1)
    issue(session, make_user, "Trần Thị Bình")
    issue(session, make_user, "Lê Văn Cường")
    for n in range(3):
        add_event(session, "record.revoke", f"record:{n}")
    make_user(role="admin", login="admin@example.test")
    browser.login("admin@example.test", "mat-khau-dai-1")
    for url, last in [
        ("/admin/audit?page=", "Trang 2/2"),
        ("/admin/users?page=", "Trang 2/2"),
        ("/official/records?page=", "Trang 2/2"),
    ]:
        for number in (HUGE, "-" + HUGE, "3", "0"):
            response = browser.get(url + number)
            assert response.status_code == 200, (url, number)
            page = response.get_data(as_text=True)
            if number in ("3", HUGE):
                assert last in page, (url, number)


ENGLISH_DEFAULTS = ("Not a valid choice", "Field cannot be longer", "Field must be", "This field is required")


def english_defaults(page: str) -> list[str]:
    return [message for message in ENGLISH_DEFAULTS if message in page]


def test_the_record_filter_speaks_vietnamese(browser, make_user, content):
    make_user(role="official", login="canbo@example.test")
    browser.login("canbo@example.test", "mat-khau-dai-1")
    cases = {
        "group=xxx": "Hãy chọn một mục trong danh sách.",
        "residential_group=xxx": "Hãy chọn một mục trong danh sách.",
        "name=" + "a" * 5000: "Nội dung tìm tối đa 120 ký tự.",
        "issued_from=31/02/2026": "Ngày này không có trên lịch. Hãy kiểm tra lại ngày và tháng.",
        "issued_to=hôm qua": "Viết ngày theo dạng ngày/tháng/năm.",
    }
    for query, message in cases.items():
        page = browser.get(f"/official/records?{query}").get_data(as_text=True)
        assert message in page and english_defaults(page) == [], query
    assert "Viết ngày theo dạng" not in browser.get("/official/records?issued_from=31/02/2026").get_data(
        as_text=True
    )


def test_other_forms_speak_vietnamese_too(browser, make_user, content):
    page = browser.get("/verify?code=" + "A" * 300).get_data(as_text=True)
    assert "Mã chưa đúng" in page and english_defaults(page) == []
    make_user(role="official", login="canbo@example.test")
    browser.login("canbo@example.test", "mat-khau-dai-1")
    page = browser.get("/official/learners?q=" + "a" * 500).get_data(as_text=True)
    assert "Nội dung tìm tối đa 120 ký tự." in page and english_defaults(page) == []
    response = browser.post(
        "/official/exports", {"mode": "everything", "group": "xxx"}, page="/official/exports"
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and page.count("Hãy chọn một mục trong danh sách.") == 2
    assert english_defaults(page) == []
    browser.logout()
    browser.register(phone="0912999888")
    page = browser.post("/my-data", {"kind": "xxx", "message": "x"}, page="/my-data").get_data(as_text=True)
    assert "Hãy chọn một mục trong danh sách." in page and english_defaults(page) == []


def test_long_typed_words_wrap_in_cards_and_tables(client):
    css = client.get("/static/site.css").get_data(as_text=True)
    wrapping = set()
    for selectors, body in re.findall(r"([^{}]+)\{([^}]*)\}", css):
        if re.search(r"overflow-wrap:\s*anywhere", body):
            wrapping.update(s.strip() for s in re.sub(r"/\*.*?\*/", "", selectors, flags=re.S).split(","))
    assert {".card", "td", "th", "dd"} <= wrapping


def test_an_id_too_large_for_the_database_is_not_found_rather_than_an_error(browser, make_user):
    make_user(role="admin", login="admin@example.test")
    browser.login("admin@example.test", "mat-khau-dai-1")
    huge = "99999999999999999999"
    for url in (f"/admin/users/{huge}", f"/official/records/{huge}", f"/attempt/{huge}"):
        assert browser.get(url).status_code == 404, url
    assert browser.get("/admin/users/2147483647").status_code == 404  # the largest id still looks one up
