"""Write a checked content tree into the database. The caller owns the transaction."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from mooc.content.problems import Problem
from mooc.content.sources import ContentTree, CourseSource, QuizSource
from mooc.domain.framework import Framework
from mooc.models import (
    Asset,
    Competency,
    Course,
    FrameworkVersion,
    GroupBand,
    GroupModule,
    Lesson,
    Question,
    QuestionVersion,
    Quiz,
    ResidentialGroup,
    TargetGroup,
    Ward,
)
from mooc.models._types import utcnow


class ContentImportError(Exception):
    def __init__(self, problems: Iterable[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass
class ImportSummary:
    framework_version: str = ""
    courses: int = 0
    lessons: int = 0
    quizzes: int = 0
    new_question_versions: int = 0
    assets: int = 0
    changed: list[str] = field(default_factory=list)


def _within(path: Path, scope: Iterable[Path] | None) -> bool:
    return scope is None or any(path == s or s in path.parents for s in scope)


def import_content(
    session: Session,
    tree: ContentTree,
    *,
    scope: Iterable[Path] | None = None,
    step: Callable[[str], None] | None = None,
) -> ImportSummary:
    """Upsert everything (or the courses and quizzes under `scope`) by slug; never commits."""
    if tree.framework is None or tree.ward is None:
        raise ContentImportError(tree.problems or [Problem(str(tree.root), 1, "no framework")])
    scope = [p.resolve() for p in scope] if scope is not None else None
    summary = ImportSummary(framework_version=tree.framework.version)
    _import_framework(session, tree.framework, tree.root)
    _import_ward(session, tree.ward)
    courses = {c.slug: c for c in session.scalars(select(Course))}
    known_assets = set(session.scalars(select(Asset.name)))
    for asset in tree.assets.values():
        if asset.name not in known_assets:
            session.add(Asset(name=asset.name, content_type=asset.content_type, data=asset.data))
            summary.assets += 1
    for source in tree.courses:
        if _within(source.path.parent, scope):
            courses[source.slug] = _import_course(session, source, courses.get(source.slug), summary)
            if step:
                step(source.slug)
    session.flush()
    quizzes = {q.slug: q for q in session.scalars(select(Quiz))}
    for source in tree.quizzes:
        if _within(source.path, scope):
            course = courses.get(source.course)
            if course is None:
                raise ContentImportError([Problem(source.shown, 1, f"unknown course {source.course!r}")])
            _import_quiz(session, source, course, quizzes.get(source.slug), summary)
            if step:
                step(source.slug)
    _import_groups(session, tree.framework, courses)
    session.flush()
    return summary


def _import_framework(session: Session, framework: Framework, root: Path) -> None:
    data = _framework_data(framework)
    existing = session.scalar(select(FrameworkVersion).filter_by(version=framework.version))
    if existing is not None and existing.data != data:
        raise ContentImportError(
            [
                Problem(
                    "framework/framework.yaml",
                    1,
                    f"the framework changed but its version is still {framework.version!r}: "
                    "give it a new version, because records name the version they were earned under",
                )
            ]
        )
    for row in session.scalars(select(FrameworkVersion).filter_by(is_current=True)):
        row.is_current = False
    if existing is None:
        existing = FrameworkVersion(version=framework.version, framework_id=framework.id, data=data)
        session.add(existing)
    existing.is_current = True
    rows = {c.code: c for c in session.scalars(select(Competency))}
    domains = {d.code: d for d in framework.domains}
    for competency in framework.competences:
        row = rows.pop(competency.code, None) or Competency(code=competency.code)
        row.domain_code = competency.domain_code
        row.domain_name = domains[competency.domain_code].name
        row.name, row.name_en = competency.name, competency.name_en
        session.add(row)
    for stale in rows.values():
        session.delete(stale)


def _framework_data(framework: Framework) -> dict:
    """The framework as JSON-ready data (tuples become lists, as they will in the database)."""
    data = dataclasses.asdict(framework)
    data.pop("_by_code", None)
    return json.loads(json.dumps(data, ensure_ascii=False))


def _import_ward(session: Session, ward) -> None:
    for other in session.scalars(select(Ward).where(Ward.code != ward.code)):
        session.delete(other)
    row = session.get(Ward, ward.code) or Ward(code=ward.code)
    row.name, row.city, row.plan = ward.name, ward.city, ward.plan
    session.add(row)
    rows = {r.name: r for r in session.scalars(select(ResidentialGroup))}
    for position, name in enumerate(ward.residential_groups):
        row = rows.pop(name, None) or ResidentialGroup(name=name)
        row.position, row.is_active = position, True
        session.add(row)
    for stale in rows.values():
        stale.is_active = False  # learners may still name it; keep it for reports


def _import_course(
    session: Session, source: CourseSource, course: Course | None, summary: ImportSummary
) -> Course:
    if course is None:
        course = Course(slug=source.slug)
        session.add(course)
    course.title, course.summary, course.description_html = source.title, source.summary, source.html
    course.position, course.level = source.order, source.level
    course.estimated_minutes = source.estimated_minutes
    course.competences, course.target_groups = source.competences, source.target_groups
    course.is_active, course.updated_at = True, utcnow()
    session.flush()
    existing = {row.slug: row for row in session.scalars(select(Lesson).filter_by(course_id=course.id))}
    for lesson_source in source.lessons:
        lesson = existing.pop(lesson_source.slug, None) or Lesson(
            course_id=course.id, slug=lesson_source.slug
        )
        lesson.position, lesson.title = lesson_source.position, lesson_source.title
        lesson.body_html, lesson.estimated_minutes = lesson_source.html, lesson_source.estimated_minutes
        lesson.competences, lesson.is_active = lesson_source.competences, True
        session.add(lesson)
        summary.lessons += 1
    for stale in existing.values():
        stale.is_active = False  # visits point at it; hide it instead of deleting
    summary.courses += 1
    return course


def _import_quiz(
    session: Session, source: QuizSource, course: Course, quiz: Quiz | None, summary: ImportSummary
) -> None:
    if quiz is None:
        quiz = Quiz(slug=source.slug)
        session.add(quiz)
    quiz.course_id, quiz.title, quiz.intro_html = course.id, source.title, source.intro_html
    settings = source.settings
    quiz.competences, quiz.pass_mark = source.competences, settings.pass_mark
    quiz.max_attempts, quiz.is_active = settings.max_attempts, True
    quiz.draw, quiz.time_limit_minutes, quiz.wait_minutes = (
        settings.draw,
        settings.time_limit_minutes,
        settings.wait_minutes,
    )
    quiz.shuffle_questions, quiz.shuffle_options = settings.shuffle_questions, settings.shuffle_options
    quiz.review = list(settings.review)
    session.flush()
    questions = {q.key: q for q in session.scalars(select(Question).filter_by(quiz_id=quiz.id))}
    versions = {
        (v.question_id, v.content_hash): v
        for v in session.scalars(
            select(QuestionVersion).where(QuestionVersion.question_id.in_([q.id for q in questions.values()]))
        )
    }
    for position, spec in enumerate(source.questions):
        question = questions.pop(spec.key, None)
        if question is None:
            question = Question(quiz_id=quiz.id, key=spec.key, position=position)
            session.add(question)
            session.flush()
        content_hash = spec.content_hash()
        version = versions.get((question.id, content_hash))
        if version is None:
            version = QuestionVersion(question_id=question.id, content_hash=content_hash, spec=spec.to_dict())
            session.add(version)
            session.flush()
            summary.new_question_versions += 1
            summary.changed.append(f"{source.slug}/{spec.key}")
        question.current_version_id, question.position, question.is_active = version.id, position, True
    for stale in questions.values():
        stale.is_active = False  # past attempts keep their versions
    summary.quizzes += 1


def _import_groups(session: Session, framework: Framework, courses: dict[str, Course]) -> None:
    rows = {g.code: g for g in session.scalars(select(TargetGroup))}
    for position, group in enumerate(framework.groups):
        row = rows.get(group.code) or TargetGroup(code=group.code)
        row.name, row.name_en, row.description = group.name, group.name_en, group.description
        row.pass_mark, row.target_level, row.position = group.pass_mark, group.target_level, position
        required = [("", group.modules)] + [(band.code, band.modules) for band in group.bands]
        missing = [slug for _band, slugs in required for slug in slugs if slug not in courses]
        if missing:
            raise ContentImportError(
                [
                    Problem(
                        "framework/framework.yaml",
                        1,
                        f"group {group.code} requires {', '.join(sorted(set(missing)))}, not imported",
                    )
                ]
            )
        row.modules = [
            GroupModule(group_code=group.code, band_code=band, course_id=courses[slug].id, position=i)
            for band, slugs in required
            for i, slug in enumerate(slugs)
        ]
        row.bands = [
            GroupBand(
                group_code=group.code,
                code=band.code,
                name=band.name,
                name_en=band.name_en,
                target_level=band.target_level,
                position=i,
            )
            for i, band in enumerate(group.bands)
        ]
        session.add(row)
