"""A quiz attempt on a phone: the footer settings keep the answers (no JavaScript), and a timed
quiz's countdown stays in view and says what to do at 0:00 (JavaScript on)."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select

from mooc.models import Course, Quiz, QuizAttempt
from mooc.models._types import utcnow
from tests.browser.conftest import PHONE, assert_accessible
from tests.browser.helpers import answers_for, attempt_id, fill_right_answers, register

TIMED_COURSE = "ld-an-toan-noi-lam-viec"  # only workers take it in the browser tests


def start_quiz(page, base: str, course: str) -> None:
    page.goto(f"{base}/learn/{course}")
    page.click("ol.lessons a >> nth=0")
    while "/learn/" in page.url:
        page.click("button:has-text('Đã học xong')")
    page.click("button:has-text('Bắt đầu làm bài')")
    page.wait_for_url(re.compile(r"/attempt/\d+$"))


def draft_of(db, attempt: int) -> dict:
    with db.reader() as session:
        return session.get(QuizAttempt, attempt).draft or {}


def shown_on(page, draft: dict) -> dict:
    """What the page shows for each saved field: the checked values, or the box's or list's value."""
    shown = {}
    for name, values in draft.items():
        field = page.locator(f"[name='{name}']")
        if field.first.get_attribute("type") in ("radio", "checkbox"):
            shown[name] = [v for v in values if page.is_checked(f"[name='{name}'][value='{v}']")]
        else:
            shown[name] = [field.first.input_value()]
    return shown


def test_larger_text_and_english_on_an_attempt_keep_the_answers_without_javascript(live_server, open_page):
    base, page = live_server.url, open_page(viewport=PHONE, javascript=False)
    register(page, base, name="Ông Chữ To", phone="0977000001")
    start_quiz(page, base, "thanh-toan-so")
    current = attempt_id(page)
    first = answers_for(live_server.db, current)[0]
    fill_right_answers(page, [first])
    page.click("footer button:has-text('Chữ to hơn')")
    assert page.url == f"{base}/attempt/{current}"
    assert page.get_attribute("html", "class") == "text-large"
    assert f"q-{first.key}" in "".join(draft_of(live_server.db, current))
    page.click("footer button:has-text('English')")
    assert page.url == f"{base}/attempt/{current}" and page.get_attribute("html", "lang") == "en"
    draft = draft_of(live_server.db, current)
    assert draft and shown_on(page, draft) == draft  # every saved answer is back on the page
    with live_server.db.reader() as session:
        assert session.get(QuizAttempt, current).status == "in_progress"  # saved, never submitted
    page.click("footer button:has-text('Tiếng Việt')")


def test_a_timed_quiz_keeps_its_countdown_in_view_and_says_to_submit_at_zero(live_server, open_page):
    db = live_server.db
    with db.writer() as session, session.begin():
        quiz = session.scalar(select(Quiz).join(Course).where(Course.slug == TIMED_COURSE))
        quiz.time_limit_minutes, slug = 20, quiz.slug
    try:
        base, page = live_server.url, open_page(viewport=PHONE)
        register(page, base, name="Bà Đồng Hồ", phone="0977000002", group="nguoi_lao_dong")
        start_quiz(page, base, TIMED_COURSE)
        current = attempt_id(page)
        assert page.inner_text("#save-mode") == "Câu trả lời được lưu tự động."
        assert re.match(r"Thời gian còn lại: (19:[0-5]\d|20:00)", page.inner_text("#deadline .countdown"))
        assert_accessible(page)
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        box = page.locator("#deadline").bounding_box()
        assert box["y"] == 0 and box["height"] <= 80  # stuck at the top, two short lines at most
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        with db.writer() as session, session.begin():
            session.get(QuizAttempt, current).deadline_at = utcnow() + timedelta(seconds=3)
        page.reload()
        fill_right_answers(page, answers_for(db, current)[:1])
        page.wait_for_function(
            "() => document.getElementById('time-up').textContent.length > 0", timeout=10_000
        )
        assert page.inner_text("#time-up") == (
            "Hết giờ. Hãy bấm “Nộp bài” ngay: câu trả lời đã lưu trong 1 phút tới vẫn được tính."
        )
        assert page.inner_text("#deadline .countdown").startswith("Thời gian còn lại: 0:00")
        page.wait_for_timeout(500)  # the save made at 0:00
        assert draft_of(db, current), "the answers on the page were saved at 0:00"
    finally:
        with db.writer() as session, session.begin():
            session.scalar(select(Quiz).where(Quiz.slug == slug)).time_limit_minutes = None
