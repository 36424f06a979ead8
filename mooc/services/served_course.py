"""What a learner is served of a course: the lessons of the version they are pinned to.

A learner who has started a course keeps its version (services/enrollments.py). Their course page,
lessons and the quiz's "read these first" list come from that version's `rendered` snapshot,
including lessons a newer version removed; lessons a newer version added wait until they move.
Progress still points at the Lesson rows: one row per slug, kept (inactive) when a lesson is
removed, so what was read stays read across versions. Visitors who are not signed in, and courses
with no version at all (content imported before versions), are served the live rows, as before.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from mooc.models import Course, CourseVersion, Enrollment, Lesson, User
from mooc.services import enrollments
from mooc.services.course_versions import latest_version


@dataclass(frozen=True)
class ServedLesson:
    id: int  # the Lesson row: completions point at it, whichever version served it
    slug: str
    title: str
    body_html: str
    estimated_minutes: int
    position: int


@dataclass(frozen=True)
class ServedCourse:
    """The course as this visitor sees it; `row` is the live Course (slug, id, quiz, settings)."""

    row: Course
    title: str
    description_html: str
    lessons: list[ServedLesson]
    version: CourseVersion | None  # None: the live rows are served
    has_newer_version: bool = False  # the learner is pinned and a newer version exists

    @property
    def id(self) -> int:
        return self.row.id

    @property
    def slug(self) -> str:
        return self.row.slug

    @property
    def estimated_minutes(self) -> int:
        return self.row.estimated_minutes

    def lesson(self, slug: str) -> ServedLesson | None:
        return next((lesson for lesson in self.lessons if lesson.slug == slug), None)

    def neighbours(self, lesson: ServedLesson) -> tuple[ServedLesson | None, ServedLesson | None]:
        """The lessons before and after this one, in this version's order."""
        index = self.lessons.index(lesson)
        previous = self.lessons[index - 1] if index > 0 else None
        following = self.lessons[index + 1] if index + 1 < len(self.lessons) else None
        return previous, following


def pinned_version(
    session: Session, user: User | None, course: Course, *, enroll: bool
) -> tuple[CourseVersion | None, bool]:
    """(the learner's version, whether a newer one exists); (None, False) when the live rows apply.

    With enroll=True (a lesson or quiz visit) the enrollment is created at the first visit; a
    visit also moves a learner who has passed to the newest version (enrollment_for).
    """
    if user is None:
        return None, False
    if not enroll and session.get(Enrollment, (user.id, course.id)) is None:
        return None, False
    latest = latest_version(session, course.slug)
    enrollment = enrollments.enrollment_for(session, user, course, latest)
    if enrollment is None:
        return None, False
    version = session.get(CourseVersion, enrollment.version_id)
    return version, latest is not None and version is not None and latest.id != version.id


def served_course(session: Session, user: User | None, course: Course, *, enroll: bool) -> ServedCourse:
    """The course page or a lesson as this visitor is served it (see pinned_version for enroll)."""
    version, newer = pinned_version(session, user, course, enroll=enroll)
    if version is None:
        return _live(course)
    rendered = version.rendered
    return ServedCourse(
        row=course,
        title=rendered["course"]["title"],
        description_html=rendered["course"]["description_html"],
        lessons=_version_lessons(session, course.id, version),
        version=version,
        has_newer_version=newer,
    )


def lessons_for(session: Session, user: User, course_id: int) -> list[ServedLesson]:
    """The lessons this learner must read before the quiz: their version's, else the live ones.

    Reads only: the enrollment is created by the visit (served_course, start_attempt).
    """
    enrollment = session.get(Enrollment, (user.id, course_id))
    version = session.get(CourseVersion, enrollment.version_id) if enrollment else None
    if version is not None:
        return _version_lessons(session, course_id, version)
    rows = session.scalars(
        select(Lesson).where(Lesson.course_id == course_id, Lesson.is_active).order_by(Lesson.position)
    )
    return [_from_row(lesson) for lesson in rows]


def _live(course: Course) -> ServedCourse:
    lessons = [_from_row(lesson) for lesson in course.lessons]
    return ServedCourse(course, course.title, course.description_html, lessons, None)


def _from_row(lesson: Lesson) -> ServedLesson:
    return ServedLesson(
        lesson.id, lesson.slug, lesson.title, lesson.body_html, lesson.estimated_minutes, lesson.position
    )


def _version_lessons(session: Session, course_id: int, version: CourseVersion) -> list[ServedLesson]:
    """The version's lessons as rendered at publish time, each tied to its Lesson row (one query)."""
    shown: list[dict[str, Any]] = version.rendered["lessons"]
    slugs = [lesson["slug"] for lesson in shown]
    ids = dict(
        session.execute(
            select(Lesson.slug, Lesson.id).where(Lesson.course_id == course_id, Lesson.slug.in_(slugs))
        ).all()
    )
    return [
        ServedLesson(
            ids[lesson["slug"]],
            lesson["slug"],
            lesson["title"],
            lesson["html"],
            lesson["estimated_minutes"],
            lesson["position"],
        )
        for lesson in shown
        if lesson["slug"] in ids
    ]
