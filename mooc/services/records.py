"""Issuing completion records and finding them again."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import Select, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from mooc.domain.certificates import new_certificate_code, normalize_certificate_code
from mooc.domain.eligibility import check_eligibility
from mooc.domain.grading import percent_shown
from mooc.domain.text import fold, person_sort_key
from mooc.models import CompletionRecord, QuizAttempt, RecordEvent, User
from mooc.services import catalog, progress
from mooc.timefmt import LOCAL_TZ


def issued_record(
    session: Session, user_id: int, group_code: str, band_code: str = ""
) -> CompletionRecord | None:
    return session.scalar(
        select(CompletionRecord).where(
            CompletionRecord.user_id == user_id,
            CompletionRecord.group_code == group_code,
            CompletionRecord.band_code == band_code,
            CompletionRecord.status == "issued",
        )
    )


def current_record(session: Session, user: User) -> CompletionRecord | None:
    """The learner's valid record for the group and band they are in now."""
    return issued_record(session, user.id, user.target_group_code or "", user.band_code or "")


def issue_if_eligible(session: Session, user: User) -> CompletionRecord | None:
    """Issue the learner's record once every required module is passed; otherwise None.

    Only learner accounts in an open group qualify. An existing record is returned
    unchanged: a retake never alters what was issued.
    """
    if user.role != "learner" or not user.target_group_code:
        return None
    existing = current_record(session, user)
    if existing is not None:
        return existing
    requirement = catalog.requirement(session, user.target_group_code, user.band_code)
    framework = catalog.current_framework(session)
    if requirement is None or framework is None:
        return None
    quiz_by_course = requirement.quizzes
    best = progress.best_scores(session, user.id, [q.id for q in quiz_by_course.values()])
    best_by_slug = {
        c.slug: best[quiz_by_course[c.id].id]
        for c in requirement.courses
        if c.id in quiz_by_course and quiz_by_course[c.id].id in best
    }
    marks = {c.slug: requirement.pass_mark(c.id) for c in requirement.courses}
    if not check_eligibility(requirement.rule, best_by_slug, marks).eligible:
        return None
    record = CompletionRecord(
        code=new_certificate_code(),
        user_id=user.id,
        status="issued",
        full_name=user.full_name,
        name_folded=fold(user.full_name),
        date_of_birth=user.date_of_birth,
        group_code=requirement.group.code,
        group_name=requirement.name,
        band_code=requirement.band.code if requirement.band else "",
        residential_group=user.residential_group,
        framework_version=framework.version,
        framework_name=framework.data.get("name", ""),
        modules=_module_snapshot(session, user, requirement, marks),
    )
    try:
        with session.begin_nested():
            session.add(record)
            session.flush()
            session.add(RecordEvent(record_id=record.id, action="issued"))
    except IntegrityError:  # issued by a concurrent request a moment ago
        return current_record(session, user)
    return record


def _module_snapshot(
    session: Session, user: User, requirement: catalog.Requirement, marks: dict[str, int]
) -> list[dict]:
    quiz_ids = [q.id for q in requirement.quizzes.values()]
    attempts = session.scalars(
        select(QuizAttempt).where(
            QuizAttempt.user_id == user.id,
            QuizAttempt.quiz_id.in_(quiz_ids),
            QuizAttempt.status == "submitted",
        )
    )
    best: dict[int, QuizAttempt] = {}
    for attempt in attempts:
        current = best.get(attempt.quiz_id)
        if current is None or (attempt.score_ppm or 0) > (current.score_ppm or 0):
            best[attempt.quiz_id] = attempt
    snapshot = []
    for course in requirement.courses:
        attempt = best[requirement.quizzes[course.id].id]
        snapshot.append(
            {
                "slug": course.slug,
                "title": course.title,
                "competences": list(course.competences),
                "score_percent": percent_shown(attempt.score_ppm or 0),
                "pass_mark": marks[course.slug],
                "passed_at": attempt.submitted_at.isoformat() if attempt.submitted_at else None,
            }
        )
    return snapshot


def record_by_code(session: Session, code: str) -> CompletionRecord | None:
    return session.scalar(
        select(CompletionRecord).where(CompletionRecord.code == normalize_certificate_code(code))
    )


def records_of(session: Session, user_id: int) -> list[CompletionRecord]:
    return list(
        session.scalars(
            select(CompletionRecord)
            .where(CompletionRecord.user_id == user_id)
            .order_by(CompletionRecord.issued_at)
        )
    )


NO_RESIDENTIAL_GROUP = "-"  # the filter value for learners who named no tổ dân phố


@dataclass(frozen=True)
class RecordFilter:
    group_code: str | None = None
    residential_group: str | None = None
    issued_from: date | None = None
    issued_to: date | None = None
    name: str | None = None

    def query(self) -> Select:
        query = select(CompletionRecord)
        if self.group_code:
            query = query.where(CompletionRecord.group_code == self.group_code)
        if self.residential_group == NO_RESIDENTIAL_GROUP:
            query = query.where(CompletionRecord.residential_group.is_(None))
        elif self.residential_group:
            query = query.where(CompletionRecord.residential_group == self.residential_group)
        if self.issued_from:
            query = query.where(CompletionRecord.issued_at >= _local_midnight(self.issued_from))
        if self.issued_to:
            query = query.where(
                CompletionRecord.issued_at < _local_midnight(self.issued_to + timedelta(days=1))
            )
        if self.name:
            # Every word must appear, in any order: "nguyen giang" finds "Nguyễn Thị Hương Giang".
            for word in fold(self.name).split():
                query = query.where(CompletionRecord.name_folded.contains(word, autoescape=True))
        return query


def _local_midnight(day: date) -> datetime:
    """Dates typed by officials are Vietnamese calendar days, not UTC ones."""
    return datetime.combine(day, time.min, tzinfo=LOCAL_TZ)


def find_records(session: Session, record_filter: RecordFilter) -> list[CompletionRecord]:
    """Matching records, in Vietnamese name order (given name first, as lists are kept)."""
    rows = list(session.scalars(record_filter.query()))
    return sorted(rows, key=lambda r: (person_sort_key(r.full_name), r.issued_at))
