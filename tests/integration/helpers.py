"""Helpers for services tests: take a quiz with chosen answers."""

from __future__ import annotations

from mooc.models import Quiz
from mooc.quiz.base import Question
from mooc.services import attempts, records


def right_values(question: Question) -> list[str]:
    if question.kind == "short_answer":
        return [next(o.text for o in question.options if o.weight == "100")]
    return [o.id for o in question.options if o.fraction > 0]


def wrong_values(question: Question) -> list[str]:
    if question.kind == "short_answer":
        return ["không biết"]
    return [next(o.id for o in question.options if o.fraction <= 0)]


def take(session, user, quiz_slug: str, right: int | None = None):
    """Start and submit an attempt with the first `right` questions answered right (all if None)."""
    quiz = session.query(Quiz).filter_by(slug=quiz_slug).one()
    attempt = attempts.start_attempt(session, user, quiz)
    questions = attempts.served_questions(session, attempt)
    form = {}
    for index, (_, question) in enumerate(questions):
        good = right is None or index < right
        form[f"q-{question.key}"] = right_values(question) if good else wrong_values(question)
    outcome = attempts.submit_attempt(session, user, attempt, form)
    record = records.issue_if_eligible(session, user)
    session.commit()
    return outcome, record
