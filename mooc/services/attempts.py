"""Quiz attempts: start (with the pool and the rules), save as you go, submit exactly once."""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from mooc.domain.grading import DEFAULT_PASS_MARK, effective_pass_mark
from mooc.i18n import N_
from mooc.models import AnswerRecord, QuestionVersion, Quiz, QuizAttempt, TargetGroup, User
from mooc.models._types import utcnow
from mooc.quiz import registry
from mooc.quiz.base import Question as QuestionSpec
from mooc.quiz.base import QuestionView
from mooc.quiz.scoring import QuizResult, score_quiz
from mooc.quiz.settings import GRACE_SECONDS
from mooc.services import progress, question_pool, served_course
from mooc.services.served_course import ServedLesson

GRACE = timedelta(seconds=GRACE_SECONDS)


class AttemptError(Exception):
    """Why an attempt cannot be started or submitted; the text is a translatable msgid."""

    def __init__(self, message: str, **params: object):
        super().__init__(message)
        self.message, self.params = message, params


@dataclass(frozen=True)
class QuizState:
    quiz: Quiz
    attempts: list[QuizAttempt]
    pass_mark: int
    lessons_left: list[ServedLesson]  # the module's lessons not yet marked read: the quiz opens after them
    now: datetime

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
    def wait_until(self) -> datetime | None:
        """When the next attempt may start, if the quiz asks learners to wait between attempts."""
        finished = [a.submitted_at for a in self.submitted if a.submitted_at]
        if not self.quiz.wait_minutes or not finished:
            return None
        ready = max(finished) + timedelta(minutes=self.quiz.wait_minutes)
        return ready if ready > self.now else None

    @property
    def can_start(self) -> bool:
        return (
            self.in_progress is None
            and self.attempts_left != 0
            and not self.lessons_left
            and self.wait_until is None
        )

    @property
    def best(self) -> QuizAttempt | None:
        graded = [a for a in self.submitted if a.score_ppm is not None]
        return max(graded, key=lambda a: (a.score_ppm, -a.number)) if graded else None


def pass_mark_for(session: Session, user: User, quiz: Quiz) -> int:
    group = session.get(TargetGroup, user.target_group_code) if user.target_group_code else None
    mark = effective_pass_mark(quiz.pass_mark, group.pass_mark if group else None)
    return mark if (quiz.pass_mark or group) else DEFAULT_PASS_MARK


def quiz_state(session: Session, user: User, quiz: Quiz, now: datetime | None = None) -> QuizState:
    now = now or utcnow()
    attempts = list(
        session.scalars(
            select(QuizAttempt)
            .where(QuizAttempt.user_id == user.id, QuizAttempt.quiz_id == quiz.id)
            .order_by(QuizAttempt.number)
        )
    )
    for attempt in attempts:
        finish_if_expired(session, attempt, now)
    lessons = served_course.lessons_for(session, user, quiz.course_id)
    done = progress.completed_lesson_ids(session, user.id, [lesson.id for lesson in lessons])
    left = [lesson for lesson in lessons if lesson.id not in done]
    return QuizState(quiz, attempts, pass_mark_for(session, user, quiz), left, now)


def start_attempt(session: Session, user: User, quiz: Quiz, now: datetime | None = None) -> QuizAttempt:
    """Open a new attempt, or return the one already open. Every rule is checked here, on the server.

    A learner pinned to a course version is served that version's questions (question_pool).
    """
    version, _newer = served_course.pinned_version(session, user, quiz.course, enroll=True)
    state = quiz_state(session, user, quiz, now)
    if state.in_progress:
        return state.in_progress
    if state.lessons_left:
        raise AttemptError(N_("Hãy học hết các bài của học phần trước khi làm bài kiểm tra."))
    if state.attempts_left == 0:
        raise AttemptError(N_("Bạn đã dùng hết số lần làm bài kiểm tra này."))
    if state.wait_until is not None:
        minutes = -int(-(state.wait_until - state.now).total_seconds() // 60)  # rounded up
        raise AttemptError(N_("Bạn cần chờ thêm %(minutes)d phút nữa mới được làm lại."), minutes=minutes)
    seed = secrets.randbelow(2**31)
    served = question_pool.draw(session, quiz, state.attempts, seed, version)
    if not served:
        raise AttemptError(N_("Bài kiểm tra này chưa có câu hỏi."))
    attempt = QuizAttempt(
        user_id=user.id,
        quiz_id=quiz.id,
        number=len(state.attempts) + 1,
        seed=seed,
        shuffle_options=quiz.shuffle_options,
        served=served,
        course_version_id=version.id if question_pool.pinned_quiz(quiz, version) else None,
        pass_mark=state.pass_mark,
        started_at=state.now,
        deadline_at=state.now + timedelta(minutes=quiz.time_limit_minutes)
        if quiz.time_limit_minutes
        else None,
    )
    try:
        with session.begin_nested():
            session.add(attempt)
    except IntegrityError:
        # Another request opened this attempt number a moment ago: use that one.
        existing = quiz_state(session, user, quiz, now).in_progress
        if existing is None:
            raise AttemptError(N_("Bạn đã dùng hết số lần làm bài kiểm tra này.")) from None
        return existing
    return attempt


def own_attempt(
    session: Session, user: User, attempt_id: int, *, finish_expired: bool = True
) -> QuizAttempt | None:
    """The user's attempt; a request bringing answers passes finish_expired=False so late ones are kept."""
    attempt = session.scalar(
        select(QuizAttempt).where(QuizAttempt.id == attempt_id, QuizAttempt.user_id == user.id)
    )
    if attempt is not None and finish_expired:
        finish_if_expired(session, attempt)
    return attempt


def served_questions(session: Session, attempt: QuizAttempt) -> list[tuple[int, QuestionSpec]]:
    """(version id, question) in the order this attempt showed them: reloads look the same."""
    ids = list(attempt.served)
    versions = {v.id: v for v in session.scalars(select(QuestionVersion).where(QuestionVersion.id.in_(ids)))}
    return [(i, QuestionSpec.from_dict(versions[i].spec)) for i in ids if i in versions]


def views(questions: Sequence[tuple[int, QuestionSpec]], attempt: QuizAttempt) -> list[QuestionView]:
    """What the attempt page shows; contains no answer key."""
    seed = attempt.seed if attempt.shuffle_options else None
    return [registry.get(q.kind).render(q, seed) for _, q in questions]


def answer_fields(form: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    """Only the answer fields of a submitted form (names starting with "q-"), each with all its values."""
    values = getattr(form, "getlist", None)  # a Werkzeug MultiDict gives one value per key otherwise
    return {name: list(values(name) if values else form[name]) for name in form if name.startswith("q-")}


def is_open(attempt: QuizAttempt, now: datetime | None = None) -> bool:
    """Still accepting answers: in progress and not past its deadline plus the grace."""
    now = now or utcnow()
    return attempt.status == "in_progress" and (
        attempt.deadline_at is None or now <= attempt.deadline_at + GRACE
    )


def save_draft(
    session: Session, attempt: QuizAttempt, form: Mapping[str, Sequence[str]], now: datetime | None = None
) -> bool:
    """Keep the answers given so far; False once closed (past the time they are kept as late answers)."""
    now = now or utcnow()
    if not is_open(attempt, now):
        if attempt.status == "in_progress":
            attempt.late_answers = answer_fields(form)
            session.flush()
        return False
    attempt.draft, attempt.draft_saved_at = answer_fields(form), now
    session.flush()
    return True


@dataclass(frozen=True)
class SubmitOutcome:
    attempt: QuizAttempt
    result: QuizResult | None  # None when this submit was a repeat of one already counted
    late: bool = False  # sent after the deadline: the answers saved in time were graded instead


def submit_attempt(
    session: Session,
    user: User,
    attempt: QuizAttempt,
    form: Mapping[str, Sequence[str]],
    now: datetime | None = None,
) -> SubmitOutcome:
    """Grade once. A second submit of the same attempt (double click) changes nothing.

    After the deadline (plus the grace) the submitted answers are kept but not
    graded; the answers saved before the deadline are graded instead.
    """
    now = now or utcnow()
    late = not is_open(attempt, now) and attempt.status == "in_progress"
    if late:
        attempt.late_answers = answer_fields(form)
        session.flush()
        return _grade(session, attempt, attempt.draft or {}, attempt.deadline_at or now, late=True, user=user)
    return _grade(session, attempt, answer_fields(form), now, user=user)


def finish_if_expired(session: Session, attempt: QuizAttempt, now: datetime | None = None) -> None:
    """An attempt left open past its deadline is graded on the answers saved in time."""
    if attempt.status == "in_progress" and not is_open(attempt, now):
        _grade(session, attempt, attempt.draft or {}, attempt.deadline_at, late=True)  # type: ignore[arg-type]


def _grade(
    session: Session,
    attempt: QuizAttempt,
    answers: Mapping[str, Sequence[str]],
    when: datetime,
    *,
    late: bool = False,
    user: User | None = None,
) -> SubmitOutcome:
    conditions = [QuizAttempt.id == attempt.id, QuizAttempt.status == "in_progress"]
    if user is not None:
        conditions.append(QuizAttempt.user_id == user.id)
    claimed = session.execute(
        update(QuizAttempt)
        .where(*conditions)
        .values(status="submitted", submitted_at=when)
        .execution_options(synchronize_session=False)
    ).rowcount
    if not claimed:
        session.refresh(attempt)
        return SubmitOutcome(attempt, None, late)
    questions = served_questions(session, attempt)
    responses = {q.key: registry.get(q.kind).read_response(q, answers) for _, q in questions}
    result = score_quiz([q for _, q in questions], responses, attempt.pass_mark)
    for (version_id, _), item in zip(questions, result.results, strict=True):
        session.add(
            AnswerRecord(
                attempt_id=attempt.id,
                question_version_id=version_id,
                graded_version_id=version_id,
                response=item.response,
                score_ppm=item.ppm,
            )
        )
    session.refresh(attempt)
    attempt.score_ppm, attempt.is_passed = result.score_ppm, result.passed
    session.flush()
    return SubmitOutcome(attempt, result, late)
