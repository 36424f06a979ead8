"""After the fact: re-scoring attempts after a correction, and statistics that find bad questions."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from fractions import Fraction

from sqlalchemy import select
from sqlalchemy.orm import Session

from mooc.domain.grading import FULL_PPM, passes, percent_nearest, to_ppm
from mooc.domain.text import clean
from mooc.models import AnswerRecord, Question, QuestionVersion, Quiz, QuizAttempt, User
from mooc.quiz import registry
from mooc.quiz.base import Question as QuestionSpec
from mooc.quiz.scoring import is_answered
from mooc.services import records


@dataclass(frozen=True)
class RegradeChange:
    attempt_id: int
    user_id: int
    number: int
    old_ppm: int
    new_ppm: int
    old_passed: bool
    new_passed: bool


@dataclass
class RegradeReport:
    attempts: int = 0
    answers_regraded: int = 0
    changes: list[RegradeChange] = field(default_factory=list)
    records_issued: list[str] = field(default_factory=list)  # codes of records now earned


def regrade(session: Session, quiz: Quiz, *, dry_run: bool = False) -> RegradeReport:
    """Score every submitted attempt again with each question's current version.

    Only an explicit command does this: past attempts otherwise keep the score
    of the version they were shown. Issued records are never taken back; a
    learner who now passes every module gets a record.
    """
    report = RegradeReport()
    questions = session.scalars(select(Question).where(Question.quiz_id == quiz.id)).all()
    current = {q.id: q.current_version_id for q in questions}
    attempts = session.scalars(
        select(QuizAttempt).where(QuizAttempt.quiz_id == quiz.id, QuizAttempt.status == "submitted")
    ).all()
    answers = defaultdict(list)
    for answer in session.scalars(
        select(AnswerRecord).where(AnswerRecord.attempt_id.in_([a.id for a in attempts]))
    ):
        answers[answer.attempt_id].append(answer)
    version_ids = {a.question_version_id for rows in answers.values() for a in rows} | set(current.values())
    versions = {
        v.id: v for v in session.scalars(select(QuestionVersion).where(QuestionVersion.id.in_(version_ids)))
    }
    users_to_check = set()
    for attempt in attempts:
        report.attempts += 1
        earned = possible = Fraction(0)
        for answer in answers[attempt.id]:
            served = versions[answer.question_version_id]
            target = current.get(served.question_id) or answer.graded_version_id or served.id
            spec = QuestionSpec.from_dict(versions[target].spec)
            score = registry.get(spec.kind).grade(spec, answer.response)
            earned, possible = earned + score.earned, possible + score.possible
            if target != (answer.graded_version_id or served.id):
                report.answers_regraded += 1
                if not dry_run:
                    answer.graded_version_id = target
                    answer.score_ppm = to_ppm(score.earned, score.possible)
        new_ppm = to_ppm(earned, possible)
        new_passed = passes(new_ppm, attempt.pass_mark)
        if new_ppm != attempt.score_ppm or new_passed != attempt.is_passed:
            report.changes.append(
                RegradeChange(
                    attempt.id,
                    attempt.user_id,
                    attempt.number,
                    attempt.score_ppm or 0,
                    new_ppm,
                    bool(attempt.is_passed),
                    new_passed,
                )
            )
            if not dry_run:
                attempt.score_ppm, attempt.is_passed = new_ppm, new_passed
                users_to_check.add(attempt.user_id)
    session.flush()
    for user in session.scalars(select(User).where(User.id.in_(users_to_check))):
        had = records.current_record(session, user)
        record = records.issue_if_eligible(session, user)
        if record is not None and had is None:
            report.records_issued.append(record.code)
    return report


@dataclass(frozen=True)
class QuestionStats:
    """One question's figures, counting each learner once: their latest submitted answer to it."""

    key: str
    title: str
    kind: str
    answered: int  # learners whose latest answer is not blank
    blank: int  # learners whose latest answer left the question blank (a number: typed with no digit)
    facility_percent: int | None  # mean score of the answered: low means hard (or wrong), very high too easy
    fully_right: int  # of the answered
    common_wrong: str  # the wrong answer chosen or typed most often
    common_wrong_count: int


def statistics(session: Session, quiz: Quiz) -> list[QuestionStats]:
    """Per question (as it stands now): learners who answered or left it blank, the share right, the
    favourite wrong answer. A learner who took the quiz several times counts once, with the latest
    attempt that served the question; blank answers are counted apart, never as wrong ones."""
    rows = session.execute(
        select(AnswerRecord, QuestionVersion.question_id, QuizAttempt.user_id)
        .join(QuizAttempt, QuizAttempt.id == AnswerRecord.attempt_id)
        .join(QuestionVersion, QuestionVersion.id == AnswerRecord.question_version_id)
        .where(QuizAttempt.quiz_id == quiz.id, QuizAttempt.status == "submitted")
        .order_by(QuizAttempt.number, AnswerRecord.attempt_id)
    ).all()
    latest: dict[tuple[int, int], AnswerRecord] = {}
    for answer, question_id, user_id in rows:
        latest[(question_id, user_id)] = answer  # a later attempt replaces an earlier one
    by_question: dict[int, list[AnswerRecord]] = defaultdict(list)
    for (question_id, _user_id), answer in latest.items():
        by_question[question_id].append(answer)
    questions = session.scalars(
        select(Question).where(Question.quiz_id == quiz.id, Question.is_active).order_by(Question.position)
    ).all()
    specs = {
        v.id: QuestionSpec.from_dict(v.spec)
        for v in session.scalars(
            select(QuestionVersion).where(QuestionVersion.id.in_([q.current_version_id for q in questions]))
        )
    }
    result = []
    for question in questions:
        spec = specs[question.current_version_id]
        answers = by_question.get(question.id, [])
        given = [a for a in answers if is_answered(spec, a.response)]
        wrong = Counter(_wrong_answers(spec, given))
        common, count = wrong.most_common(1)[0] if wrong else ("", 0)
        result.append(
            QuestionStats(
                key=question.key,
                title=spec.title,
                kind=spec.kind,
                answered=len(given),
                blank=len(answers) - len(given),
                facility_percent=(
                    percent_nearest(sum(a.score_ppm for a in given), len(given) * FULL_PPM) if given else None
                ),
                fully_right=sum(1 for a in given if a.score_ppm == FULL_PPM),
                common_wrong=common,
                common_wrong_count=count,
            )
        )
    return result


def _wrong_answers(spec: QuestionSpec, answers: list[AnswerRecord]) -> list[str]:
    """Wrong choices (choice types) or wrong typed answers, as text for the teacher."""
    labels = {o.id: o.text for o in spec.options if o.fraction <= 0}
    found = []
    for answer in answers:
        if answer.score_ppm == 1_000_000:
            continue
        response = answer.response
        if isinstance(response, list):
            found += [labels[i] for i in response if i in labels]
        elif isinstance(response, str) and response:
            found.append(clean(response).casefold())
    return found
