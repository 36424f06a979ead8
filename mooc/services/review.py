"""What a learner sees after an attempt, within what the quiz's review settings allow."""

from __future__ import annotations

import html
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from mooc.domain.grading import FULL_PPM
from mooc.models import AnswerRecord, Quiz, QuizAttempt
from mooc.quiz import registry
from mooc.quiz.base import Question, QuestionView
from mooc.quiz.scoring import is_answered
from mooc.services.attempts import served_questions


@dataclass(frozen=True)
class ReviewItem:
    number: int
    question: Question
    view: QuestionView
    response: object
    score_ppm: int
    chosen: set[str]  # option ids picked (choice types)
    picked: dict[str, str]  # prompt id → what was picked, shown as text (matching, ordering)
    feedback: tuple[str, ...]
    answer_html: str  # the right answer, shown only when the quiz allows it

    @property
    def is_right(self) -> bool:
        return self.score_ppm == FULL_PPM

    @property
    def answered(self) -> bool:
        """False for a question left blank (and a number typed with no digit): no right or wrong."""
        return is_answered(self.question, self.response)

    @property
    def needs_digits(self) -> bool:
        """A number question answered in words ("mười hai"): the page asks for digits."""
        return self.question.kind == "numerical" and bool(self.response) and not self.answered


@dataclass(frozen=True)
class Review:
    items: list[ReviewItem]
    shows: frozenset[str]  # "score", "correctness", "feedback", "answers"
    late: list[tuple[int, str]]  # (question number, HTML): answers sent after the time ran out


def review(session: Session, attempt: QuizAttempt, quiz: Quiz) -> Review:
    """Each served question with the learner's answer and its score, in the attempt's order."""
    questions = served_questions(session, attempt)
    answers = {
        a.question_version_id: a
        for a in session.scalars(select(AnswerRecord).where(AnswerRecord.attempt_id == attempt.id))
    }
    seed = attempt.seed if attempt.shuffle_options else None
    items = []
    for number, (version_id, question) in enumerate(questions, start=1):
        answer = answers.get(version_id)
        response = answer.response if answer else None
        kind = registry.get(question.kind)
        view = kind.render(question, seed)
        chosen = set(response) if isinstance(response, list) else set()
        labels = {c.id: c.html for c in view.choices}
        picked = (
            {k: labels.get(str(v), "") for k, v in response.items()} if isinstance(response, dict) else {}
        )
        items.append(
            ReviewItem(
                number=number,
                question=question,
                view=view,
                response=response,
                score_ppm=answer.score_ppm if answer else 0,
                chosen=chosen,
                picked=picked,
                feedback=kind.feedback(question, response),
                answer_html=kind.answer_html(question),
            )
        )
    return Review(items, frozenset(quiz.review or ()), _late(items, attempt.late_answers or {}))


def _late(items: list[ReviewItem], answers: dict) -> list[tuple[int, str]]:
    """Answers sent too late, per question, as the learner chose or typed them (never graded)."""
    shown = []
    for item in items:
        view = item.view
        labels = {c.id: c.html for c in view.choices}

        def said(name: str, labels: dict[str, str] = labels) -> list[str]:
            return [labels.get(v, html.escape(v)) for v in answers.get(name, []) if v.strip()]

        parts = said(view.field_name)
        for prompt in view.prompts:
            if picked := said(f"{view.field_name}-{prompt.id}"):
                parts.append(f"{prompt.html} → {', '.join(picked)}")
        if parts:
            shown.append((item.number, "; ".join(parts)))
    return shown
