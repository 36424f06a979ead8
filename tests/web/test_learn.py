"""Learner pages: lessons, marking read, quizzes without leaked keys, review, resume."""

from __future__ import annotations

import re

from sqlalchemy import select

from mooc.models import QuestionVersion, QuizAttempt
from tests.web.test_resident_path import answer_key, take_quiz


def attempt_page(browser, slug: str, session=None) -> tuple[str, str]:
    for lesson in {"kiem-tra-alpha": ["bai-mot", "bai-hai"], "kiem-tra-beta": ["bai-ba"]}[slug]:
        course = "alpha" if slug == "kiem-tra-alpha" else "beta"
        browser.post(f"/learn/{course}/{lesson}/done", page=f"/learn/{course}/{lesson}")
    start = browser.post(f"/quiz/{slug}/start", page=f"/quiz/{slug}")
    url = start.headers["Location"]
    return url, browser.get(url).get_data(as_text=True)


def test_lessons_are_public_and_show_previous_and_next(client, content):
    page = client.get("/learn/alpha/bai-mot").get_data(as_text=True)
    assert "<h1>Bài một</h1>" in page and 'href="/learn/alpha/bai-hai"' in page
    assert "Đăng nhập</a> để lưu tiến độ học" in page
    last = client.get("/learn/alpha/bai-hai").get_data(as_text=True)
    assert 'rel="prev" href="/learn/alpha/bai-mot"' in last and 'href="/quiz/kiem-tra-alpha"' in last


def test_marking_a_lesson_read_moves_on_and_counts_once(browser, content):
    browser.register()
    response = browser.post("/learn/alpha/bai-mot/done", page="/learn/alpha/bai-mot")
    assert response.headers["Location"] == "/learn/alpha/bai-hai"
    browser.post("/learn/alpha/bai-mot/done", page="/learn/alpha/bai-mot")
    path = browser.get("/path").get_data(as_text=True)
    assert "1/5 phần việc" in path and "Học tiếp: Bài hai" in path
    last = browser.post("/learn/alpha/bai-hai/done", page="/learn/alpha/bai-hai")
    assert last.headers["Location"] == "/quiz/kiem-tra-alpha"


def test_the_attempt_page_carries_no_answer_key(browser, session, content):
    browser.register()
    _url, page = attempt_page(browser, "kiem-tra-alpha")
    for version in session.scalars(select(QuestionVersion)):
        for option in version.spec["options"]:
            if option["feedback_html"]:
                assert option["feedback_html"] not in page
        if version.spec["kind"] == "short_answer":
            assert "Hà Nội" not in page
    assert "Hà Nội là thủ đô." not in page and "weight" not in page


def test_a_reload_shows_the_same_order(browser, content):
    browser.register()
    url, first = attempt_page(browser, "kiem-tra-alpha")
    second = browser.get(url).get_data(as_text=True)
    ids = re.compile(r'id="(q-[a-z0-9-]+-[0-9a-f]{10})"')
    assert ids.findall(first) == ids.findall(second) and len(ids.findall(first)) == 7


def test_a_stale_token_on_submit_keeps_every_answer(browser, session, content):
    browser.register()
    url, _page = attempt_page(browser, "kiem-tra-alpha")
    attempt_id = int(url.rsplit("/", 1)[1])
    form = answer_key(session, attempt_id)
    response = browser.client.post(url, data={**form, "csrf_token": "stale"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "Các câu trả lời của bạn vẫn còn" in page
    assert 'value="Hà Nội"' in page
    for value in form["q-otp"]:
        assert f'value="{value}" checked' in page
    assert session.get(QuizAttempt, attempt_id).status == "in_progress"


def test_the_result_shows_score_verdicts_and_feedback(browser, session, content):
    browser.register()
    url, _page = attempt_page(browser, "kiem-tra-alpha")
    attempt_id = int(url.rsplit("/", 1)[1])
    form = answer_key(session, attempt_id)
    form["q-thu-do"] = ["  huế "]  # a known wrong answer with its own feedback
    response = browser.client.post(url, data={**form, "csrf_token": browser.token(url)})
    page = browser.get(response.headers["Location"]).get_data(as_text=True)
    assert "Bạn được 75%" in page and "Chưa đạt (cần 80%)" in page
    assert "Huế là cố đô." in page and "Hà Nội là thủ đô." in page
    assert page.count("✔ Đúng") == 3 and page.count("✘ Chưa đúng") == 1


def test_a_submitted_attempt_cannot_be_reopened(browser, session, content):
    browser.register()
    result_url = take_quiz(browser, session, "kiem-tra-beta")
    attempt_url = result_url.removesuffix("/result")
    assert browser.get(attempt_url).headers["Location"] == result_url


def test_another_learners_attempt_is_not_found(app, browser, session, content):
    browser.register()
    url, _page = attempt_page(browser, "kiem-tra-alpha")
    browser.logout()
    browser.register(phone="0987654321", full_name="Người Thứ Hai")
    assert browser.get(url).status_code == 404
    assert browser.get(url + "/result").status_code == 404


def test_the_path_page_without_a_group_invites_choosing_one(browser, session, content, make_user):
    make_user(role="learner", group=None, login="0900000001")
    browser.login("0900000001", "mat-khau-dai-1")
    page = browser.get("/path").get_data(as_text=True)
    assert "Bạn chưa chọn nhóm đối tượng" in page


def test_media_is_served_with_long_caching_and_a_sandbox(client, session, content):
    from mooc.models import Asset

    asset = session.scalar(select(Asset))
    response = client.get(f"/media/{asset.name}")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    assert "immutable" in response.headers["Cache-Control"]
    assert "sandbox" in response.headers["Content-Security-Policy"]
    assert client.get("/media/nope.svg").status_code == 404


def test_urls_with_stray_bytes_are_not_found_rather_than_errors(client, content):
    for url in [
        "/learn/alpha%00",
        "/learn/Alpha",
        "/quiz/x%00/start",
        "/media/..%2Fsecret",
        "/learn/alpha/bai%00",
    ]:
        assert client.get(url).status_code in (404, 405), url


def test_filters_with_control_characters_do_not_break_the_query(browser, make_user, content):
    make_user(role="official", login="canbo@example.test")
    browser.login("canbo@example.test", "mat-khau-dai-1")
    assert browser.get("/official/records?name=a%00b").status_code == 200
