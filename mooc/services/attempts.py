"""Quiz attempts: start, show, submit (exactly once), review."""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from mooc.domain.grading import DEFAULT_PASS_MARK, effective_pass_mark, to_ppm
from mooc.i18n import N_
from mooc.models import AnswerRecord, Lesson, Question, QuestionVersion, Quiz, QuizAttempt, TargetGroup, User
from mooc.models._types import utcnow
from mooc.quiz import registry
from mooc.quiz.base import Question as QuestionSpec
from mooc.quiz.base import QuestionView, shuffled
from mooc.quiz.scoring import QuizResult, score_quiz
from mooc.services import progress


class AttemptError(Exception):
    """Why an attempt cannot be started or submitted; the text is a translatable msgid."""


@dataclass(frozen=True)
class QuizState:
    quiz: Quiz
    attempts: list[QuizAttempt]
    pass_mark: int
    lessons_left: list[Lesson]  # the module's lessons not yet marked read: the quiz opens after them

    @property
    def in_progress(self) -> QuizAttempt | None:
        return next((a for a in self.attempts if a.status == "in_progress"), None)

    @property
    def submitted(self) -> list[QuizAttempt]:
        return [a for a in self.attempts if a.status == "submitted"]

    @property
    def attempts_left(self) -> int | None:
        if not self.quiz.max_attempts:
            return None
        return max(self.quiz.max_attempts - len(self.attempts), 0)

    @property
    def can_start(self) -> bool:
        return self.in_progress is None and self.attempts_left != 0 and not self.lessons_left

    @property
    def best(self) -> QuizAttempt | None:
        graded = [a for a in self.submitted if a.score_ppm is not None]
        return max(graded, key=lambda a: (a.score_ppm, -a.number)) if graded else None


def pass_mark_for(session: Session, user: User, quiz: Quiz) -> int:
    group = session.get(TargetGroup, user.target_group_code) if user.target_group_code else None
    mark = effective_pass_mark(quiz.pass_mark, group.pass_mark if group else None)
    return mark if (quiz.pass_mark or group) else DEFAULT_PASS_MARK


def quiz_state(session: Session, user: User, quiz: Quiz) -> QuizState:
    attempts = list(
        session.scalars(
            select(QuizAttempt)
            .where(QuizAttempt.user_id == user.id, QuizAttempt.quiz_id == quiz.id)
            .order_by(QuizAttempt.number)
        )
    )
    lessons = list(
        session.scalars(
            select(Lesson)
            .where(Lesson.course_id == quiz.course_id, Lesson.is_active)
            .order_by(Lesson.position)
        )
    )
    done = progress.completed_lesson_ids(session, user.id, [lesson.id for lesson in lessons])
    left = [lesson for lesson in lessons if lesson.id not in done]
    return QuizState(quiz, attempts, pass_mark_for(session, user, quiz), left)


def start_attempt(session: Session, user: User, quiz: Quiz) -> QuizAttempt:
    """Open a new attempt, or return the one already open. Enforces the attempt limit."""
    state = quiz_state(session, user, quiz)
    if state.in_progress:
        return state.in_progress
    if state.lessons_left:
        raise AttemptError(N_("Hãy học hết các bài của học phần trước khi làm bài kiểm tra."))
    if not state.can_start:
        raise AttemptError(N_("Bạn đã dùng hết số lần làm bài kiểm tra này."))
    version_ids = list(
        session.scalars(
            select(Question.current_version_id)
            .where(Question.quiz_id == quiz.id, Question.is_active)
            .order_by(Question.position)
        )
    )
    if not version_ids:
        raise AttemptError(N_("Bài kiểm tra này chưa có câu hỏi."))
    seed = secrets.randbelow(2**31)
    attempt = QuizAttempt(
        user_id=user.id,
        quiz_id=quiz.id,
        number=len(state.attempts) + 1,
        seed=seed,
        served=shuffled(version_ids, seed, "questions"),
        pass_mark=state.pass_mark,
    )
    try:
        with session.begin_nested():
            session.add(attempt)
    except IntegrityError:
        # Another request opened this attempt number a moment ago: use that one.
        existing = quiz_state(session, user, quiz).in_progress
        if existing is None:
            raise AttemptError(N_("Bạn đã dùng hết số lần làm bài kiểm tra này.")) from None
        return existing
    return attempt


def own_attempt(session: Session, user: User, attempt_id: int) -> QuizAttempt | None:
    return session.scalar(
        select(QuizAttempt).where(QuizAttempt.id == attempt_id, QuizAttempt.user_id == user.id)
    )


def served_questions(session: Session, attempt: QuizAttempt) -> list[tuple[int, QuestionSpec]]:
    """(version id, question) in the order this attempt showed them: reloads look the same."""
    ids = list(attempt.served)
    versions = {v.id: v for v in session.scalars(select(QuestionVersion).where(QuestionVersion.id.in_(ids)))}
    return [(i, QuestionSpec.from_dict(versions[i].spec)) for i in ids if i in versions]


def views(questions: Sequence[tuple[int, QuestionSpec]], seed: int) -> list[QuestionView]:
    """What the attempt page shows; contains no answer key."""
    return [registry.get(q.kind).render(q, seed) for _, q in questions]


@dataclass(frozen=True)
class SubmitOutcome:
    attempt: QuizAttempt
    result: QuizResult | None  # None when this submit was a repeat of one already counted


def submit_attempt(
    session: Session, user: User, attempt: QuizAttempt, form: Mapping[str, Sequence[str]]
) -> SubmitOutcome:
    """Grade once. A second submit of the same attempt (double click) changes nothing."""
    claimed = session.execute(
        update(QuizAttempt)
        .where(
            QuizAttempt.id == attempt.id, QuizAttempt.user_id == user.id, QuizAttempt.status == "in_progress"
        )
        .values(status="submitted", submitted_at=utcnow())
        .execution_options(synchronize_session=False)
    ).rowcount
    if not claimed:
        session.refresh(attempt)
        return SubmitOutcome(attempt, None)
    questions = served_questions(session, attempt)
    responses = {
        q.key: registry.get(q.kind).read_response(q, list(form.get(f"q-{q.key}", ()))) for _, q in questions
    }
    result = score_quiz([q for _, q in questions], responses, attempt.pass_mark)
    for (version_id, _), item in zip(questions, result.results, strict=True):
        session.add(
            AnswerRecord(
                attempt_id=attempt.id,
                question_version_id=version_id,
                response=item.response,
                score_ppm=item.ppm,
            )
        )
    session.refresh(attempt)
    attempt.score_ppm, attempt.is_passed = result.score_ppm, result.passed
    session.flush()
    return SubmitOutcome(attempt, result)


@dataclass(frozen=True)
class ReviewItem:
    number: int
    question: QuestionSpec
    view: QuestionView
    response: object
    score_ppm: int
    chosen: set[str]
    feedback: tuple[str, ...]

    @property
    def is_right(self) -> bool:
        return self.score_ppm == to_ppm(1, 1)


def review(session: Session, attempt: QuizAttempt) -> list[ReviewItem]:
    """Each served question with the learner's answer and its score, in the attempt's order."""
    questions = served_questions(session, attempt)
    answers = {
        a.question_version_id: a
        for a in session.scalars(select(AnswerRecord).where(AnswerRecord.attempt_id == attempt.id))
    }
    items = []
    for number, (version_id, question) in enumerate(questions, start=1):
        answer = answers.get(version_id)
        response = answer.response if answer else None
        chosen = set(response) if isinstance(response, list) else set()
        kind = registry.get(question.kind)
        items.append(
            ReviewItem(
                number,
                question,
                kind.render(question, attempt.seed),
                response,
                answer.score_ppm if answer else 0,
                chosen,
                kind.feedback(question, response),
            )
        )
    return items


def attempts_count(session: Session, quiz_id: int) -> int:
    return (
        session.scalar(select(func.count()).select_from(QuizAttempt).where(QuizAttempt.quiz_id == quiz_id))
        or 0
    )
