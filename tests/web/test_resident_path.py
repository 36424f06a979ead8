"""The resident's path through the pages: register, study, pass, get a record, verify it."""

from __future__ import annotations

import re

from sqlalchemy import select

from mooc.models import CompletionRecord, QuizAttempt, User
from mooc.quiz.base import Question


def answer_key(session, attempt_id: int) -> dict[str, list[str]]:
    """The right form values for every question of an attempt (what a perfect learner sends)."""
    from mooc.services.attempts import served_questions

    attempt = session.get(QuizAttempt, attempt_id)
    form: dict[str, list[str]] = {}
    for _, question in served_questions(session, attempt):
        form[f"q-{question.key}"] = right_values(question)
    return form


def right_values(question: Question) -> list[str]:
    if question.kind == "short_answer":
        return [next(o.text for o in question.options if o.weight == "100")]
    return [o.id for o in question.options if o.fraction > 0]


def read_course(browser, session, quiz_slug: str) -> None:
    """Press "Đã học xong" on every lesson of the quiz's module, as a learner does."""
    from mooc.models import Quiz

    quiz = session.scalar(select(Quiz).where(Quiz.slug == quiz_slug))
    for lesson in quiz.course.lessons:
        url = f"/learn/{quiz.course.slug}/{lesson.slug}"
        assert browser.post(f"{url}/done", page=url).status_code == 302


def take_quiz(browser, session, slug: str, *, perfect: bool = True) -> str:
    read_course(browser, session, slug)
    page = browser.post(f"/quiz/{slug}/start", page=f"/quiz/{slug}")
    assert page.status_code == 302, page.get_data(as_text=True)[-1500:]
    attempt_url = page.headers["Location"]
    attempt_id = int(re.search(r"/attempt/(\d+)", attempt_url).group(1))
    form = answer_key(session, attempt_id) if perfect else {}
    html = browser.get(attempt_url).get_data(as_text=True)
    result = browser.client.post(attempt_url, data={**form, "csrf_token": _token(html)})
    assert result.status_code == 302, result.get_data(as_text=True)
    return result.headers["Location"]


def _token(html: str) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html).group(1)


def test_a_resident_registers_studies_passes_and_gets_a_verifiable_record(browser, session, content):
    response = browser.register(full_name="Nguyễn Thị Thử")
    assert response.status_code == 302 and response.headers["Location"].endswith("/path")

    path = browser.get("/path").get_data(as_text=True)
    assert "Học phần Alpha" in path and "Học phần Beta" in path
    assert "0/5 phần việc" in path  # 3 lessons and 2 quizzes, nothing done yet

    for slug in ("kiem-tra-alpha", "kiem-tra-beta"):
        result_url = take_quiz(browser, session, slug)
        assert "Đạt!" in browser.get(result_url).get_data(as_text=True)

    user = session.scalar(select(User).where(User.phone == "0912345678"))
    record = session.scalar(select(CompletionRecord).where(CompletionRecord.user_id == user.id))
    assert record is not None and record.status == "issued"
    assert record.full_name == "Nguyễn Thị Thử" and record.framework_version == "test-1"
    assert [m["slug"] for m in record.modules] == ["alpha", "beta"]

    certificate = browser.get("/certificate").get_data(as_text=True)
    assert record.code in certificate

    browser.logout()
    verify = browser.get(f"/v/{record.code.lower().replace('-', '')}")
    page = verify.get_data(as_text=True)
    assert verify.status_code == 200 and "Giấy chứng nhận hợp lệ" in page
    assert "N. T. Thử" in page and "Nguyễn Thị Thử" not in page
    assert "0912345678" not in page and "1960" not in page
