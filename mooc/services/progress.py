"""A learner's path: which required modules are done, and an honest progress figure."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mooc.domain.grading import passes, percent_shown
from mooc.models import Course, CourseVersion, Enrollment, Lesson, LessonCompletion, Quiz, QuizAttempt, User
from mooc.services import catalog
from mooc.services._sql import insert_ignoring_duplicates


@dataclass(frozen=True)
class ModuleProgress:
    course: Course
    lessons_total: int
    lessons_done: int
    quiz_id: int | None
    pass_mark: int
    best_ppm: int | None
    quiz: Quiz | None = None

    @property
    def passed(self) -> bool:
        return self.best_ppm is not None and passes(self.best_ppm, self.pass_mark)

    @property
    def best_percent(self) -> int | None:
        return None if self.best_ppm is None else percent_shown(self.best_ppm)

    @property
    def status(self) -> str:
        if self.passed:
            return "passed"
        if self.lessons_done or self.best_ppm is not None:
            return "in_progress"
        return "not_started"


class NextStep(NamedTuple):
    """Where "Học tiếp" leads: a lesson to read, or else (lesson None) the module's quiz."""

    course: Course
    lesson: Lesson | None
    quiz: Quiz | None


@dataclass(frozen=True)
class PathView:
    requirement: catalog.Requirement | None
    modules: list[ModuleProgress]
    resume: NextStep | None

    @property
    def units_total(self) -> int:
        """Required work: every lesson and every quiz of the required modules."""
        return sum(m.lessons_total + (1 if m.quiz_id else 0) for m in self.modules)

    @property
    def units_done(self) -> int:
        return sum(m.lessons_done + (1 if m.passed else 0) for m in self.modules)

    @property
    def percent(self) -> int:
        return self.units_done * 100 // self.units_total if self.units_total else 0

    @property
    def modules_passed(self) -> int:
        return sum(1 for m in self.modules if m.passed)

    @property
    def is_complete(self) -> bool:
        return bool(self.modules) and all(m.passed for m in self.modules)


def best_scores(session: Session, user_id: int, quiz_ids: list[int]) -> dict[int, int]:
    """Best submitted score (ppm) per quiz: a later, lower retake never lowers it."""
    rows = session.execute(
        select(QuizAttempt.quiz_id, func.max(QuizAttempt.score_ppm))
        .where(
            QuizAttempt.user_id == user_id,
            QuizAttempt.quiz_id.in_(quiz_ids),
            QuizAttempt.status == "submitted",
        )
        .group_by(QuizAttempt.quiz_id)
    )
    return {quiz_id: ppm for quiz_id, ppm in rows if ppm is not None}


def completed_lesson_ids(session: Session, user_id: int, lesson_ids: list[int]) -> set[int]:
    query = select(LessonCompletion.lesson_id).where(
        LessonCompletion.user_id == user_id, LessonCompletion.lesson_id.in_(lesson_ids)
    )
    return set(session.scalars(query))


def learner_path(session: Session, user: User) -> PathView:
    """Everything the "my path" page shows, in a fixed number of queries."""
    requirement = catalog.requirement(session, user.target_group_code, user.band_code)
    if requirement is None:
        return PathView(None, [], None)
    lessons = lessons_asked(session, user, requirement.courses)
    done = completed_lesson_ids(session, user.id, [lesson.id for ls in lessons.values() for lesson in ls])
    best = best_scores(session, user.id, [q.id for q in requirement.quizzes.values()])
    modules = []
    for course in requirement.courses:
        quiz = requirement.quizzes.get(course.id)
        modules.append(
            ModuleProgress(
                course=course,
                lessons_total=len(lessons[course.id]),
                lessons_done=sum(1 for lesson in lessons[course.id] if lesson.id in done),
                quiz_id=quiz.id if quiz else None,
                pass_mark=requirement.pass_mark(course.id),
                best_ppm=best.get(quiz.id) if quiz else None,
                quiz=quiz,
            )
        )
    return PathView(requirement, modules, _resume(modules, lessons, done))


def lessons_asked(session: Session, user: User, courses: list[Course]) -> dict[int, list[Lesson]]:
    """By course id, the lessons this learner must read: those of the version they are pinned to
    (services/served_course.py; removed ones included, added ones not), else the live ones.
    Two queries whatever the number of courses."""
    lessons = {course.id: list(course.lessons) for course in courses}
    pinned = dict(
        session.execute(
            select(Enrollment.course_id, CourseVersion.rendered)
            .join(CourseVersion, CourseVersion.id == Enrollment.version_id)
            .where(Enrollment.user_id == user.id, Enrollment.course_id.in_(lessons))
        ).all()
    )
    if pinned:
        rows = session.scalars(select(Lesson).where(Lesson.course_id.in_(pinned)))
        by_slug = {(row.course_id, row.slug): row for row in rows}
        for course_id, rendered in pinned.items():
            shown = [by_slug.get((course_id, lesson["slug"])) for lesson in rendered["lessons"]]
            lessons[course_id] = [lesson for lesson in shown if lesson is not None]
    return lessons


def _resume(
    modules: list[ModuleProgress], lessons: dict[int, list[Lesson]], done: set[int]
) -> NextStep | None:
    """In path order, the first module not passed: its first unread lesson, else its quiz."""
    for module in modules:
        if module.passed:
            continue
        for lesson in lessons[module.course.id]:
            if lesson.id not in done:
                return NextStep(module.course, lesson, None)
        if module.quiz is not None:
            return NextStep(module.course, None, module.quiz)
    return None


def complete_lesson(session: Session, user: User, lesson: Lesson) -> None:
    """Mark a lesson read; doing it twice changes nothing."""
    insert_ignoring_duplicates(session, LessonCompletion, {"user_id": user.id, "lesson_id": lesson.id})
