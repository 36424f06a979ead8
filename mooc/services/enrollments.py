"""Which version of a course a learner studies.

A learner is pinned to the course's latest version at their first lesson or quiz visit and keeps
it while a teacher publishes changes, so the lessons and questions do not shift under them. They
move to the newest version when they choose to (move_to_latest), or by themselves on their next
visit once they have passed the course (their group's pass mark reached on its quiz).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from mooc.domain.grading import effective_pass_mark, passes
from mooc.models import Course, CourseVersion, Enrollment, TargetGroup, User
from mooc.models._types import utcnow
from mooc.services import catalog, progress
from mooc.services._sql import insert_ignoring_duplicates
from mooc.services.course_versions import latest_version


def enrollment_for(
    session: Session, user: User, course: Course, latest: CourseVersion | None = None
) -> Enrollment | None:
    """The learner's enrollment, created at the first visit, pinned to the latest version.

    A learner who has passed the course moves to a newer version on their next visit. None while the
    course has no version at all (content imported before versions existed).
    """
    latest = latest or latest_version(session, course.slug)  # given by callers that need it too
    enrollment = session.get(Enrollment, (user.id, course.id))
    if enrollment is None:
        if latest is None:
            return None
        # Two first visits at once (two tabs) write one row.
        values = {"user_id": user.id, "course_id": course.id, "version_id": latest.id, "started_at": utcnow()}
        insert_ignoring_duplicates(session, Enrollment, values)
        return session.get(Enrollment, (user.id, course.id), populate_existing=True)
    if latest is not None and enrollment.version_id != latest.id and has_passed(session, user, course):
        _move(session, enrollment, latest)
    return enrollment


def served_version(session: Session, user: User, course: Course) -> CourseVersion | None:
    """The version this learner is served: their pinned one, else the latest (creates nothing)."""
    enrollment = session.get(Enrollment, (user.id, course.id))
    if enrollment is not None:
        return session.get(CourseVersion, enrollment.version_id)
    return latest_version(session, course.slug)


def has_newer_version(session: Session, user: User, course: Course) -> bool:
    """A newer version than the learner's pinned one has been published."""
    enrollment = session.get(Enrollment, (user.id, course.id))
    latest = latest_version(session, course.slug)
    return enrollment is not None and latest is not None and enrollment.version_id != latest.id


def move_to_latest(session: Session, user: User, course: Course) -> Enrollment | None:
    """The learner chose the newest version (their read lessons and attempts stay theirs)."""
    enrollment = enrollment_for(session, user, course)
    latest = latest_version(session, course.slug)
    if enrollment is not None and latest is not None and enrollment.version_id != latest.id:
        _move(session, enrollment, latest)
    return enrollment


def has_passed(session: Session, user: User, course: Course) -> bool:
    """The learner's best score on the course's quiz reaches the mark that applies to them."""
    quiz = catalog.quiz_for_course(session, course.id)
    if quiz is None:
        return False
    best = progress.best_scores(session, user.id, [quiz.id]).get(quiz.id)
    group_mark = session.scalar(select(TargetGroup.pass_mark).filter_by(code=user.target_group_code))
    return best is not None and passes(best, effective_pass_mark(quiz.pass_mark, group_mark))


def _move(session: Session, enrollment: Enrollment, version: CourseVersion) -> None:
    enrollment.version_id, enrollment.moved_at = version.id, utcnow()
    session.flush()
