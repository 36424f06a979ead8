"""The browser editor's reads: the teacher's course list, a draft's files, and a file's preview.

A preview runs the typed text through the same checker and renderer as `mooc content check` and
`mooc content preview` (checked_workspace → read_tree → find_problems), among every other course's
latest version, so what the teacher sees is what learners will be served. Nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from mooc.content.frontmatter import front_matter_value
from mooc.content.problems import Problem
from mooc.content.uploads import image_markdown
from mooc.content.workspace import check_text_path
from mooc.domain.text import nfc
from mooc.models import Course, CourseDraft, CourseVersion, User
from mooc.quiz.base import Question
from mooc.services.authoring import AuthoringError, editable_courses, save_file
from mooc.services.course_versions import checked_workspace, image_bytes, latest_versions


@dataclass(frozen=True)
class CourseRow:
    slug: str
    title: str
    version: int | None  # the latest published version's number; None for a course never published
    draft_status: str | None  # draft | in_review | returned; None when nobody is editing it


@dataclass
class FileGroups:
    """A course's files as the overview lists them."""

    course: str = ""
    lessons: list[str] = field(default_factory=list)
    quizzes: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)


@dataclass
class FilePreview:
    """What a learner would see of one file, and the checker's problems."""

    path: str
    kind: str  # course | lesson | quiz | "" (the file could not be read: see the problems)
    title: str = ""
    html: str = ""  # sanitized HTML: the course or lesson body, or the quiz's introduction
    questions: list[Question] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # this file's, by line
    others: list[Problem] = field(default_factory=list)  # the course's other files'

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.problems)


def normalized(text: str) -> str:
    """The text as save_file would keep it: NFC, "\\n" line ends, no byte-order mark."""
    return nfc(text or "").replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")


def course_rows(session: Session, user: User) -> list[CourseRow]:
    """The courses `user` may edit, each with its latest version number and its draft's status."""
    slugs = editable_courses(session, user)
    versions = latest_versions(session)
    drafts = {
        d.course_slug: d
        for d in session.scalars(select(CourseDraft).where(CourseDraft.course_slug.in_(slugs)))
    }
    titles = dict(session.execute(select(Course.slug, Course.title).where(Course.slug.in_(slugs))).all())
    rows = []
    for slug in slugs:
        draft, version = drafts.get(slug), versions.get(slug)
        files = draft.files if draft else version.files if version else {}
        title = course_title(files, slug) or titles.get(slug) or slug
        rows.append(
            CourseRow(slug, title, version.number if version else None, draft.status if draft else None)
        )
    return rows


def file_title(text: str) -> str:
    """The `title:` of a file's front matter, or "" if it cannot be read."""
    return front_matter_value(text, "title")


def course_title(files: dict[str, str], slug: str) -> str:
    """The title in the draft's course.md, or "" (a course being written may not have one yet)."""
    return file_title(files.get(f"courses/{slug}/course.md", ""))


def file_groups(slug: str, files: dict[str, str], images: dict[str, str]) -> FileGroups:
    groups = FileGroups(images=sorted(images))
    for path in sorted(files):
        if path == f"courses/{slug}/course.md":
            groups.course = path
        elif path.startswith("courses/"):
            groups.lessons.append(path)
        else:
            groups.quizzes.append(path)
    return groups


def as_saved(text: str) -> str:
    """The text exactly as save_file would store it (normalized, with a final newline)."""
    text = normalized(text)
    return text + "\n" if text and not text.endswith("\n") else text


def preview_file(
    session: Session,
    slug: str,
    sources: CourseDraft | CourseVersion,
    path: str,
    text: str,
    content_root: Path,
) -> FilePreview:
    """Check and render the course's files with `path` holding `text` (nothing is saved).

    `sources` is the draft (or, before one is opened, the latest version). Raises UnsafePath
    for a path that is not a text file of this course.
    """
    check_text_path(path, slug)
    files = {**sources.files, path: as_saved(text)}
    images = image_bytes(session, sources.images)
    preview = FilePreview(path=path, kind="")
    with checked_workspace(session, content_root, slug, files, images) as (tree, _root, problems):
        for course in tree.courses:
            if course.shown == path:
                preview.kind, preview.title, preview.html = "course", course.title, course.html
            for lesson in course.lessons:
                if lesson.shown == path:
                    preview.kind, preview.title, preview.html = "lesson", lesson.title, lesson.html
        for quiz in tree.quizzes:
            if quiz.shown == path:
                preview.kind, preview.title, preview.html = "quiz", quiz.title, quiz.intro_html
                preview.questions = list(quiz.questions)
    preview.problems = [p for p in problems if p.path == path]
    preview.others = [p for p in problems if p.path != path]
    return preview


def insert_image(
    session: Session, draft: CourseDraft, image_path: str, alt: str, lesson: str, user: User
) -> str:
    """The Markdown for an uploaded image, appended at the end of `lesson` if one is given.

    Raises UploadError when the alt text is empty (before anything is written).
    """
    markdown = image_markdown(alt, image_path, lesson or None)
    if lesson:
        text = draft.files.get(lesson)
        if text is None or not lesson.startswith(f"courses/{draft.course_slug}/"):
            raise AuthoringError(f"Bản nháp không có bài {lesson}.")
        save_file(session, draft, lesson, f"{text.rstrip()}\n\n{markdown}\n", user)
    return markdown
