"""Helpers for services tests: take a quiz with chosen answers."""

from __future__ import annotations

from sqlalchemy import select

from mooc.models import Lesson, Quiz
from mooc.quiz.base import Question
from mooc.services import attempts, progress, records


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
    quiz = session.scalars(select(Quiz).where(Quiz.slug == quiz_slug)).one()
    read_lessons(session, user, quiz.course_id)
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


def read_lessons(session, user, course_id: int) -> None:
    """Mark every lesson of the course read: the quiz opens only after them."""
    for lesson in session.scalars(select(Lesson).where(Lesson.course_id == course_id)):
        progress.complete_lesson(session, user, lesson)
