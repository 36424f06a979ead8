"""The footer's larger text and English buttons on a quiz attempt, without JavaScript: answers saved first."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from mooc.models import AnswerRecord, QuizAttempt
from tests.conftest import csrf_from
from tests.web.test_resident_path import read_course


@pytest.fixture
def attempt(browser, session, content):
    """A learner on the attempt page of kiem-tra-alpha: (attempt id, the page)."""
    assert browser.register().status_code == 302
    read_course(browser, session, "kiem-tra-alpha")
    url = browser.post("/quiz/kiem-tra-alpha/start", page="/quiz/kiem-tra-alpha").headers["Location"]
    attempt_id = int(re.search(r"/attempt/(\d+)$", url).group(1))
    return attempt_id, browser.get(url).get_data(as_text=True)


def footer_button(page: str, name: str) -> str:
    footer = page[page.index('<footer class="site-footer">') :]
    return re.search(rf'<button[^>]*name="{name}"[^>]*>', footer).group(0)


def stored(session, attempt_id: int) -> QuizAttempt:
    session.expire_all()
    return session.get(QuizAttempt, attempt_id)


def test_on_an_attempt_the_footer_buttons_send_the_quiz_form_to_a_saving_address(attempt):
    attempt_id, page = attempt
    assert f'<form method="post" action="/attempt/{attempt_id}" class="quiz" id="quiz-form"' in page
    for name, value in (("size", "large"), ("lang", "en")):
        button = footer_button(page, name)
        assert f'value="{value}"' in button
        assert 'form="quiz-form"' in button
        assert f'formaction="/attempt/{attempt_id}/settings"' in button


@pytest.mark.parametrize(
    ("choice", "cookie", "shown"),
    [({"size": "large"}, "text=large", 'class="text-large"'), ({"lang": "en"}, "lang=en", '<html lang="en"')],
    ids=["larger-text", "english"],
)
def test_larger_text_or_english_saves_the_answers_and_comes_back_to_the_attempt(
    browser, session, attempt, choice, cookie, shown
):
    attempt_id, page = attempt
    answers = {"q-thu-do": ["Hà Nội"], "q-thoi-quen": ["a", "b"]}
    response = browser.client.post(
        f"/attempt/{attempt_id}/settings", data={**answers, **choice, "csrf_token": csrf_from(page)}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == f"/attempt/{attempt_id}"
    assert any(h.startswith(f"{cookie};") for h in response.headers.getlist("Set-Cookie"))
    saved = stored(session, attempt_id)
    assert (saved.status, saved.draft, saved.score_ppm) == ("in_progress", answers, None)
    assert session.scalar(select(func.count()).select_from(AnswerRecord)) == 0  # nothing graded
    again = browser.get(f"/attempt/{attempt_id}").get_data(as_text=True)
    assert shown in again and 'value="Hà Nội"' in again


def test_a_stale_token_keeps_the_answers_on_the_page_and_changes_nothing(browser, session, attempt):
    attempt_id, _page = attempt
    response = browser.client.post(
        f"/attempt/{attempt_id}/settings", data={"q-thu-do": ["Hà Nội"], "size": "large", "csrf_token": "cu"}
    )
    assert response.status_code == 400
    assert 'value="Hà Nội"' in response.get_data(as_text=True)
    assert response.headers.getlist("Set-Cookie") == []
    assert stored(session, attempt_id).draft is None


def test_the_setting_after_the_attempt_was_submitted_grades_nothing_again(browser, session, attempt):
    attempt_id, page = attempt
    token = csrf_from(page)
    first = browser.client.post(f"/attempt/{attempt_id}", data={"q-thu-do": ["Hà Nội"], "csrf_token": token})
    assert first.headers["Location"] == f"/attempt/{attempt_id}/confirm"
    submitted = browser.client.post(
        f"/attempt/{attempt_id}", data={"q-thu-do": ["Hà Nội"], "csrf_token": token, "action": "confirm"}
    )
    assert submitted.headers["Location"] == f"/attempt/{attempt_id}/result"
    score = stored(session, attempt_id).score_ppm
    late = browser.client.post(
        f"/attempt/{attempt_id}/settings", data={"q-thu-do": ["Huế"], "size": "large", "csrf_token": token}
    )
    assert late.status_code == 302 and late.headers["Location"] == f"/attempt/{attempt_id}"
    after = stored(session, attempt_id)
    assert (after.status, after.score_ppm, after.draft) == ("submitted", score, {"q-thu-do": ["Hà Nội"]})
    assert session.scalar(select(func.count()).select_from(AnswerRecord)) == 4
