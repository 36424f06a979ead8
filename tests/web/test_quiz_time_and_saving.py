"""Timed quizzes, saving without JavaScript, and a warning before grading a quiz with blank questions."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from mooc.models import AnswerRecord, Quiz, QuizAttempt
from mooc.models._types import utcnow
from mooc.quiz.settings import GRACE_SECONDS
from mooc.services.attempts import served_questions
from tests.conftest import csrf_from
from tests.web.test_resident_path import read_course


def start(browser, session, minutes: int | None = None) -> tuple[int, str]:
    """Register, read alpha's lessons and start kiem-tra-alpha (4 questions): (attempt id, page)."""
    if minutes:
        session.scalar(select(Quiz).where(Quiz.slug == "kiem-tra-alpha")).time_limit_minutes = minutes
        session.commit()
    assert browser.register().status_code == 302
    read_course(browser, session, "kiem-tra-alpha")
    url = browser.post("/quiz/kiem-tra-alpha/start", page="/quiz/kiem-tra-alpha").headers["Location"]
    return int(url.rsplit("/", 1)[1]), browser.get(url).get_data(as_text=True)


def keys_in_order(session, attempt_id: int) -> list[str]:
    return [q.key for _, q in served_questions(session, session.get(QuizAttempt, attempt_id))]


def stored(session, attempt_id: int) -> QuizAttempt:
    session.expire_all()
    return session.get(QuizAttempt, attempt_id)


def graded_answers(session) -> int:
    return session.scalar(select(func.count()).select_from(AnswerRecord))


# ------------------------------------------------------------------------------ the countdown


def test_the_deadline_bar_is_sticky_small_and_above_the_questions(browser, session, content):
    _attempt_id, page = start(browser, session, minutes=20)
    bar = re.search(r'<div class="deadline-bar" id="deadline"(.*?)</div>', page, re.S)
    assert bar and page.index('id="deadline"') < page.index('<fieldset class="question"')
    css = browser.get("/static/site.css").get_data(as_text=True)
    rule = re.search(r"\.deadline-bar \{([^}]*)\}", css).group(1)
    assert "position: sticky" in rule and "top: 0" in rule and "font-size: .95rem" in rule
    assert "scroll-padding-top" in css  # a question jumped to is not hidden under the bar


def test_at_zero_the_top_of_the_page_tells_the_learner_to_submit_within_the_grace(browser, session, content):
    _attempt_id, page = start(browser, session, minutes=20)
    assert GRACE_SECONDS == 60
    assert (
        'data-time-up="Hết giờ. Hãy bấm “Nộp bài” ngay: câu trả lời đã lưu trong 1 phút tới vẫn được tính."'
        in page
    )
    assert 'data-grace="60"' in page
    region = re.search(r'<p class="deadline-alert" id="time-up" role="alert">(.*?)</p>', page).group(1)
    assert region == ""  # the script fills it at 0:00; a live region must exist before it speaks


def test_a_page_opened_after_the_deadline_within_the_grace_says_so_at_the_top(browser, session, content):
    attempt_id, _page = start(browser, session, minutes=20)
    attempt = session.get(QuizAttempt, attempt_id)
    attempt.deadline_at = utcnow() - timedelta(seconds=GRACE_SECONDS // 2)
    session.commit()
    page = browser.get(f"/attempt/{attempt_id}").get_data(as_text=True)
    region = re.search(r'<p class="deadline-alert" id="time-up" role="alert">(.*?)</p>', page).group(1)
    assert region == "Hết giờ. Hãy bấm “Nộp bài” ngay."


def test_the_top_of_the_page_says_how_answers_are_saved_with_and_without_the_script(
    browser, session, content
):
    _attempt_id, page = start(browser, session)
    line = re.search(r'<span id="save-mode" data-js="([^"]*)">([^<]*)</span>', page)
    assert line.groups() == ("Câu trả lời được lưu tự động.", "Bấm “Lưu câu trả lời” để lưu giữa chừng.")
    assert page.index('id="save-mode"') < page.index('<fieldset class="question"')


# ------------------------------------------------------------------------------ saving without the script


def test_saving_comes_back_to_the_question_last_changed(browser, session, content):
    attempt_id, page = start(browser, session)
    order = keys_in_order(session, attempt_id)
    first, last = f"q-{order[0]}", f"q-{order[-1]}"
    answers = {f"q-{key}": ["Hà Nội" if key == "thu-do" else "x"] for key in (order[0], order[-1])}
    response = browser.client.post(
        f"/attempt/{attempt_id}", data={**answers, "action": "save", "csrf_token": csrf_from(page)}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == f"/attempt/{attempt_id}?saved={last}#{last}"
    assert stored(session, attempt_id).draft == answers
    again = browser.get(f"/attempt/{attempt_id}?saved={last}").get_data(as_text=True)
    fieldset = again[again.index(f'<fieldset class="question" id="{last}">') :]
    assert fieldset.index("Đã lưu câu trả lời.") < fieldset.index("</fieldset>")
    assert again.count("Đã lưu câu trả lời.") == 1
    # Changing only the first question comes back to it.
    changed = {**answers, first: ["Huế" if order[0] == "thu-do" else "y"]}
    response = browser.client.post(
        f"/attempt/{attempt_id}", data={**changed, "action": "save", "csrf_token": csrf_from(page)}
    )
    assert response.headers["Location"] == f"/attempt/{attempt_id}?saved={first}#{first}"


def test_saving_with_nothing_changed_comes_back_to_the_save_button(browser, session, content):
    attempt_id, page = start(browser, session)
    response = browser.client.post(
        f"/attempt/{attempt_id}", data={"action": "save", "csrf_token": csrf_from(page)}
    )
    assert response.headers["Location"] == f"/attempt/{attempt_id}?saved=luu#luu"
    again = browser.get(response.headers["Location"]).get_data(as_text=True)
    save = '<button type="submit" name="action" value="save" class="button button-secondary" id="luu">'
    assert f"{save}Lưu câu trả lời</button>" in again
    assert again.index("Đã lưu câu trả lời.") > again.index('<fieldset class="question"')  # beside the button


# ------------------------------------------------------------------------------ blank questions


@pytest.fixture
def half_answered(browser, session, content):
    """Two of four questions answered and "Nộp bài" pressed: (attempt id, page, answers, blank numbers)."""
    attempt_id, page = start(browser, session)
    order = keys_in_order(session, attempt_id)
    answers = {"q-thu-do": ["Hà Nội"], "q-dung-sai": ["x"]}
    response = browser.client.post(
        f"/attempt/{attempt_id}", data={**answers, "action": "submit", "csrf_token": csrf_from(page)}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == f"/attempt/{attempt_id}/confirm"
    blank = [(n, f"q-{key}") for n, key in enumerate(order, 1) if key in ("otp", "thoi-quen")]
    return attempt_id, page, answers, blank


def test_submitting_with_blank_questions_lists_them_and_grades_nothing(browser, session, half_answered):
    attempt_id, _page, answers, blank = half_answered
    saved = stored(session, attempt_id)
    assert (saved.status, saved.draft, saved.score_ppm, graded_answers(session)) == (
        "in_progress",
        answers,
        None,
        0,
    )
    page = browser.get(f"/attempt/{attempt_id}/confirm").get_data(as_text=True)
    assert "Còn 2 câu chưa trả lời (trong 4 câu):" in page
    links = re.findall(r'<li><a href="/attempt/\d+#(q-[a-z-]+)">Câu (\d)</a></li>', page)
    assert links == [(field, str(n)) for n, field in blank]
    assert f'<a class="button" href="/attempt/{attempt_id}#{blank[0][1]}">Quay lại làm tiếp</a>' in page
    confirm = '<button type="submit" name="action" value="confirm" class="button button-secondary">'
    assert f"{confirm}Nộp bài luôn</button>" in page


def test_going_back_keeps_every_answer(browser, session, half_answered):
    attempt_id, *_ = half_answered
    page = browser.get(f"/attempt/{attempt_id}").get_data(as_text=True)
    assert 'value="Hà Nội"' in page
    assert stored(session, attempt_id).status == "in_progress"


def test_submit_anyway_grades_the_saved_answers_once(browser, session, half_answered):
    attempt_id, *_ = half_answered
    confirm_page = browser.get(f"/attempt/{attempt_id}/confirm").get_data(as_text=True)
    data = {"action": "confirm", "csrf_token": csrf_from(confirm_page)}
    response = browser.client.post(f"/attempt/{attempt_id}", data=data)
    assert response.headers["Location"] == f"/attempt/{attempt_id}/result"
    graded = stored(session, attempt_id)
    assert (graded.status, graded.score_ppm, graded_answers(session)) == ("submitted", 250_000, 4)
    again = browser.client.post(f"/attempt/{attempt_id}", data=data)  # a double click
    assert again.headers["Location"] == f"/attempt/{attempt_id}/result"
    assert (stored(session, attempt_id).score_ppm, graded_answers(session)) == (250_000, 4)
    later = browser.get(f"/attempt/{attempt_id}/confirm")
    assert later.headers["Location"] == f"/attempt/{attempt_id}/result"


def test_a_quiz_with_every_question_answered_is_graded_at_once(browser, session, content):
    attempt_id, page = start(browser, session)
    answers = {"q-thu-do": ["Hà Nội"], "q-dung-sai": ["x"], "q-otp": ["x"], "q-thoi-quen": ["x"]}
    response = browser.client.post(f"/attempt/{attempt_id}", data={**answers, "csrf_token": csrf_from(page)})
    assert response.headers["Location"] == f"/attempt/{attempt_id}/result"
    assert stored(session, attempt_id).status == "submitted"
