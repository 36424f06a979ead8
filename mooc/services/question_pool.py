"""A quiz's question pool as one learner is served it, and the draw of an attempt's questions.

A learner pinned to a course version (services/served_course.py) is drawn from the question
versions that version was published with, so a teacher's later change to a question (its text,
its right answer) reaches them only once they move to the newer version.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from mooc.models import CourseVersion, Question, QuestionVersion, Quiz, QuizAttempt
from mooc.quiz.base import shuffled
from mooc.services import catalog


def pinned_quiz(quiz: Quiz, version: CourseVersion | None) -> dict[str, Any] | None:
    """The version's snapshot of this quiz ({"slug", "question_versions", "order"}), if it has one."""
    shown = version.rendered.get("quiz") if version is not None else None
    return shown if shown and shown.get("slug") == quiz.slug else None


def pool(session: Session, quiz: Quiz, version: CourseVersion | None) -> list[tuple[int, int]]:
    """(question id, question version id) of every question to draw from, in the quiz's order."""
    shown = pinned_quiz(quiz, version)
    if shown is None:
        rows = session.execute(
            select(Question.id, Question.current_version_id)
            .where(Question.quiz_id == quiz.id, Question.is_active)
            .order_by(Question.position)
        ).all()
        return [(question_id, version_id) for question_id, version_id in rows]
    pinned = [shown["question_versions"][key] for key in shown["order"]]
    owners = dict(
        session.execute(
            select(QuestionVersion.id, QuestionVersion.question_id).where(QuestionVersion.id.in_(pinned))
        ).all()
    )
    return [(owners[version_id], version_id) for version_id in pinned if version_id in owners]


def size(session: Session, quiz: Quiz, version: CourseVersion | None) -> int:
    """How many questions one attempt serves (the draw, or the whole pool)."""
    shown = pinned_quiz(quiz, version)
    total = catalog.question_count(session, quiz.id) if shown is None else len(shown["order"])
    return min(quiz.draw or total, total)


def draw(
    session: Session,
    quiz: Quiz,
    previous: list[QuizAttempt],
    seed: int,
    version: CourseVersion | None = None,
) -> list[int]:
    """The question versions to serve: the pool's unseen questions first, then the rest."""
    rows = pool(session, quiz, version)
    seen_versions = [v for attempt in previous for v in attempt.served]
    seen = set(
        session.scalars(select(QuestionVersion.question_id).where(QuestionVersion.id.in_(seen_versions)))
    )
    count = min(quiz.draw or len(rows), len(rows))
    unseen = shuffled([r for r in rows if r[0] not in seen], seed, "unseen")
    again = shuffled([r for r in rows if r[0] in seen], seed, "seen")
    chosen = (unseen + again)[:count]
    if quiz.shuffle_questions:
        chosen = shuffled(chosen, seed, "questions")
    else:
        order = {question_id: i for i, (question_id, _) in enumerate(rows)}
        chosen.sort(key=lambda r: order[r[0]])
    return [version_id for _, version_id in chosen]
