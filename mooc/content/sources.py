"""Read a content tree (framework/, courses/, quizzes/) into source objects.

Two passes: first every file's front matter and body are read, then Markdown
is rendered with resolvers that know every lesson and image, so links between
courses work. Mistakes are collected as Problems; nothing is raised.
"""

from __future__ import annotations

import hashlib
import html
import mimetypes
import posixpath
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from mooc.content.fields import Fields
from mooc.content.framework_file import Ward, read_framework, read_ward
from mooc.content.frontmatter import split_front_matter
from mooc.content.markdown import render_markdown
from mooc.content.paths import shown_path
from mooc.content.problems import ContentError, Problem
from mooc.content.quiz_sources import QUIZ_FORMATS, QuizSource, read_quiz
from mooc.domain.framework import Framework
from mooc.quiz.aiken import parse_aiken
from mooc.quiz.gift import parse_gift
from mooc.quiz.parse import parse_questions

COURSE_KEYS = {
    "title",
    "slug",
    "order",
    "target_groups",
    "competences",
    "level",
    "estimated_minutes",
    "summary",
}
LESSON_KEYS = {"title", "slug", "estimated_minutes", "competences"}
IMAGE_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".svg": "image/svg+xml",
}
MEDIA_PREFIX = "/media/"
LEARN_PREFIX = "/learn/"


@dataclass
class LessonSource:
    path: Path
    shown: str
    slug: str
    title: str
    position: int
    estimated_minutes: int
    competences: list[str]
    body: str
    body_line: int
    html: str = ""
    meta_lines: dict[str, int] = field(default_factory=dict)


@dataclass
class CourseSource:
    path: Path
    shown: str
    slug: str
    title: str
    order: int
    target_groups: list[str]
    competences: list[str]
    level: int
    estimated_minutes: int
    summary: str
    body: str
    body_line: int
    meta_lines: dict[str, int]
    lessons: list[LessonSource] = field(default_factory=list)
    html: str = ""


@dataclass(frozen=True)
class Asset:
    name: str
    content_type: str
    data: bytes


@dataclass
class ContentTree:
    root: Path
    framework: Framework | None = None
    ward: Ward | None = None
    courses: list[CourseSource] = field(default_factory=list)
    quizzes: list[QuizSource] = field(default_factory=list)
    assets: dict[str, Asset] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # "group" or "group/band" → {key: line} in framework.yaml, for problems found after reading
    framework_lines: dict[str, dict[str, int]] = field(default_factory=dict)

    def course(self, slug: str) -> CourseSource | None:
        return next((c for c in self.courses if c.slug == slug), None)


def read_tree(root: Path, *, render_only: Collection[str] | None = None) -> ContentTree:
    """Read everything under `root`; problems are in `tree.problems`.

    With `render_only` (course slugs), only those courses and their quizzes get their Markdown
    rendered; the others are read and checked alike, their HTML being escaped source text. Checking
    one course among all the others this way takes a fraction of a second instead of many.
    """
    tree = ContentTree(root=root.resolve())
    readers = (
        ("framework.yaml", lambda p, shown: read_framework(p, shown, tree.framework_lines), "framework"),
        ("ward.yaml", read_ward, "ward"),
    )
    for name, reader, attr in readers:
        path = tree.root / "framework" / name
        if not path.is_file():
            tree.problems.append(Problem(shown_path(path), 1, "file is missing"))
            continue
        _collect(tree, lambda p=path, r=reader, a=attr: setattr(tree, a, r(p, shown_path(p))))
    for folder in sorted((tree.root / "courses").glob("*/")):
        if folder.is_dir():
            _collect(tree, lambda f=folder: tree.courses.append(_read_course(f, tree.problems)))
    for path in sorted((tree.root / "quizzes").glob("*/*")):
        if path.suffix in QUIZ_FORMATS:
            _collect(tree, lambda p=path: tree.quizzes.append(read_quiz(p)))
    _render(tree, render_only)
    return tree


def _collect(tree: ContentTree, action) -> None:
    try:
        action()
    except ContentError as error:
        tree.problems.append(error.problem)


def _read_course(folder: Path, problems: list[Problem]) -> CourseSource:
    """The course and the lessons that could be read; a broken lesson never hides its course."""
    path = folder / "course.md"
    shown = shown_path(path)
    if not path.is_file():
        raise ContentError(shown, 1, "every course folder needs a course.md")
    meta, body, body_line = split_front_matter(path.read_text(encoding="utf-8"), shown)
    f = Fields(meta, shown, 1, COURSE_KEYS)
    slug = f.slug()
    if slug != folder.name:
        problems.append(f.error("slug", f"slug {slug!r} must equal the folder name {folder.name!r}").problem)
    course = CourseSource(
        path=path,
        shown=shown,
        slug=slug,
        title=f.text("title"),
        order=f.integer("order", low=0, high=10_000),
        target_groups=f.text_list("target_groups"),  # type: ignore[arg-type]
        competences=f.competence_codes(),
        level=f.integer("level", low=1, high=8),  # type: ignore[arg-type]
        estimated_minutes=f.integer("estimated_minutes", low=1, high=600),  # type: ignore[arg-type]
        summary=f.text("summary"),
        body=body,
        body_line=body_line,
        meta_lines=dict(meta.key_lines),
    )
    for position, lesson_path in enumerate(sorted(folder.glob("[0-9]*.md")), start=1):
        try:
            course.lessons.append(_read_lesson(lesson_path, position, course.competences))
        except ContentError as error:
            problems.append(error.problem)
    return course


def _read_lesson(path: Path, position: int, default_competences: list[str]) -> LessonSource:
    shown = shown_path(path)
    meta, body, body_line = split_front_matter(path.read_text(encoding="utf-8"), shown)
    f = Fields(meta, shown, 1, LESSON_KEYS)
    competences = f.competence_codes() if "competences" in meta else list(default_competences)
    return LessonSource(
        path=path,
        shown=shown,
        slug=f.slug(),
        title=f.text("title"),
        position=position,
        estimated_minutes=f.integer("estimated_minutes", low=1, high=15),  # type: ignore[arg-type]
        competences=competences,
        body=body,
        body_line=body_line,
        meta_lines=dict(meta.key_lines),
    )


def _escaped(text: str, **_resolvers) -> str:
    return html.escape(text)


def _render(tree: ContentTree, render_only: Collection[str] | None = None) -> None:
    def renderer(slug: str):
        return render_markdown if render_only is None or slug in render_only else _escaped

    lesson_urls: dict[Path, str] = {}
    for course in tree.courses:
        lesson_urls[course.path.resolve()] = f"{LEARN_PREFIX}{course.slug}"
        for lesson in course.lessons:
            lesson_urls[lesson.path.resolve()] = f"{LEARN_PREFIX}{course.slug}/{lesson.slug}"

    def resolvers(base: Path):
        def link(href: str) -> str | None:
            target, _, anchor = href.partition("#")
            url = lesson_urls.get((base.parent / posixpath.normpath(target)).resolve())
            return url + (f"#{anchor}" if anchor and url else "") if url else None

        def image(src: str) -> str | None:
            return _asset_url(tree, (base.parent / src).resolve())

        return {"resolve_link": link, "resolve_image": image}

    for course in tree.courses:
        render = renderer(course.path.parent.name)
        course.html = render(course.body, **resolvers(course.path))
        for lesson in course.lessons:
            lesson.html = render(lesson.body, **resolvers(lesson.path))
    for quiz in tree.quizzes:
        options, render = resolvers(quiz.path), renderer(quiz.path.parent.name)
        quiz_render = lambda text, o=options, r=render: r(text, **o)  # noqa: E731
        parser = {"md": parse_questions, "gift": parse_gift, "aiken": parse_aiken}[quiz.fmt]
        parsed = parser(quiz.body, quiz.shown, quiz.body_line, quiz_render)
        quiz.intro_html = quiz_render(parsed.intro) if parsed.intro else ""
        quiz.questions = parsed.questions
        if quiz.fmt != "md" and quiz.title == quiz.path.stem and parsed.category:
            quiz.title = parsed.category.rsplit("/", 1)[-1]
        course = tree.course(quiz.course)
        if not quiz.competences and course is not None:
            quiz.competences = list(course.competences)
        tree.problems.extend(Problem(e.path, e.line, e.message) for e in parsed.errors)
        tree.problems.extend(Problem(w.path, w.line, w.message, "warning") for w in parsed.warnings)


def _asset_url(tree: ContentTree, path: Path) -> str | None:
    content_type = IMAGE_TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0]
    if not path.is_file() or path.suffix.lower() not in IMAGE_TYPES:
        return None
    data = path.read_bytes()
    name = asset_name(path.name, data)
    tree.assets[name] = Asset(name, content_type or "application/octet-stream", data)
    return MEDIA_PREFIX + name


def asset_name(filename: str, data: bytes) -> str:
    """An image's name in the database: its content hash and its extension, so equal files share one row."""
    return hashlib.sha256(data).hexdigest()[:32] + posixpath.splitext(filename)[1].lower()
