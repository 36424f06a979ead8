"""Reading the catalogue: groups, their required modules, lessons and quizzes."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from mooc.domain.framework import TargetGroup as GroupRule
from mooc.domain.grading import effective_pass_mark
from mooc.models import (
    Course,
    FrameworkVersion,
    GroupBand,
    Lesson,
    Question,
    Quiz,
    ResidentialGroup,
    TargetGroup,
    Ward,
)


@dataclass(frozen=True)
class Requirement:
    """A group's rule with the rows it names, loaded in a fixed number of queries."""

    group: TargetGroup
    rule: GroupRule
    courses: list[Course]
    quizzes: dict[int, Quiz]  # course id → its quiz
    band: GroupBand | None = None

    @property
    def name(self) -> str:
        """The group's name, with the band for pupils ("Học sinh · Lớp 6–7")."""
        return self.rule.name

    def pass_mark(self, course_id: int) -> int:
        quiz = self.quizzes.get(course_id)
        return effective_pass_mark(quiz.pass_mark if quiz else None, self.group.pass_mark)


def groups(session: Session) -> list[TargetGroup]:
    """Every target group with its required modules, in two queries."""
    query = (
        select(TargetGroup)
        .order_by(TargetGroup.position)
        .options(selectinload(TargetGroup.modules), selectinload(TargetGroup.bands))
    )
    return list(session.scalars(query))


def residential_groups(session: Session) -> list[str]:
    query = (
        select(ResidentialGroup.name).where(ResidentialGroup.is_active).order_by(ResidentialGroup.position)
    )
    return list(session.scalars(query))


def ward(session: Session) -> Ward | None:
    """The ward this site serves (one row); None before the content is imported."""
    return session.scalar(select(Ward))


def current_framework(session: Session) -> FrameworkVersion | None:
    return session.scalar(select(FrameworkVersion).where(FrameworkVersion.is_current))


def requirement(session: Session, group_code: str | None, band_code: str = "") -> Requirement | None:
    """The group's (or its band's) required modules with lessons and quizzes; None without a group.

    A group with bands and no band chosen has no requirement yet.
    """
    if not group_code:
        return None
    group = session.scalar(
        select(TargetGroup)
        .where(TargetGroup.code == group_code)
        .options(selectinload(TargetGroup.modules), selectinload(TargetGroup.bands))
    )
    if group is None:
        return None
    band = next((b for b in group.bands if b.code == band_code), None)
    if group.bands and band is None:
        return None
    ids = [m.course_id for m in group.modules if m.band_code == (band.code if band else "")]
    by_id = {
        c.id: c
        for c in session.scalars(
            select(Course).where(Course.id.in_(ids)).options(selectinload(Course.lessons))
        )
    }
    courses = [by_id[i] for i in ids if i in by_id]
    quizzes = {
        q.course_id: q for q in session.scalars(select(Quiz).where(Quiz.course_id.in_(ids), Quiz.is_active))
    }
    rule = GroupRule(
        code=group.code,
        name=f"{group.name} · {band.name}" if band else group.name,
        name_en=f"{group.name_en} · {band.name_en}" if band else group.name_en,
        description=group.description,
        pass_mark=group.pass_mark,
        target_level=band.target_level if band else group.target_level,
        modules=tuple(c.slug for c in courses),
    )
    return Requirement(group, rule, courses, quizzes, band)


def course_by_slug(session: Session, slug: str) -> Course | None:
    return session.scalar(
        select(Course).where(Course.slug == slug, Course.is_active).options(selectinload(Course.lessons))
    )


def lesson_by_slug(course: Course, slug: str) -> Lesson | None:
    return next((lesson for lesson in course.lessons if lesson.slug == slug), None)


def quiz_for_course(session: Session, course_id: int) -> Quiz | None:
    return session.scalar(select(Quiz).where(Quiz.course_id == course_id, Quiz.is_active))


def quiz_by_slug(session: Session, slug: str) -> Quiz | None:
    return session.scalar(select(Quiz).where(Quiz.slug == slug, Quiz.is_active))


def all_courses(session: Session) -> list[Course]:
    return list(
        session.scalars(select(Course).where(Course.is_active).order_by(Course.position, Course.slug))
    )


def question_count(session: Session, quiz_id: int) -> int:
    query = select(func.count()).select_from(Question).where(Question.quiz_id == quiz_id, Question.is_active)
    return session.scalar(query) or 0


def catalogue(session: Session, first: str | None = None) -> list[tuple[TargetGroup | None, list[Course]]]:
    """Every active module under each group it is aimed at, in two queries.

    `first` (the learner's own group) comes first; a module shared by several groups appears
    under each; a module aimed at no known group ends up in a last section with no group.
    """
    groups = list(session.scalars(select(TargetGroup).order_by(TargetGroup.position)))
    groups.sort(key=lambda g: g.code != first)  # stable: the framework's order otherwise
    courses = all_courses(session)
    known = {g.code for g in groups}
    sections: list[tuple[TargetGroup | None, list[Course]]] = [
        (g, [c for c in courses if g.code in (c.target_groups or [])]) for g in groups
    ]
    others = [c for c in courses if not known & set(c.target_groups or [])]
    return [(g, listed) for g, listed in sections if listed] + ([(None, others)] if others else [])
