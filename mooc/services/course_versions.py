"""Published course versions: the exact source files of a course, checked, imported and kept forever.

Files imported from `courses/` and courses published from the browser meet here: both become a
CourseVersion holding the source text (and the images, as content-addressed Asset rows), checked
by the same linter and imported by the same importer. `rendered` keeps what learners pinned to the
version are served. A version is never changed after it is written (see models/authoring.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mooc.content.check import find_problems
from mooc.content.importer import ContentImportError, import_content
from mooc.content.problems import Problem
from mooc.content.sources import IMAGE_TYPES, ContentTree, asset_name, read_tree
from mooc.content.workspace import (
    CourseFiles,
    check_image_path,
    check_text_path,
    in_course,
    read_course_files,
    workspace,
)
from mooc.models import Asset, Course, CourseVersion, Lesson, Question, Quiz, User
from mooc.services.audit import audit

ORIGINS = ("browser", "files", "rollback")
_ACTIONS = {"browser": "course.publish", "files": "course.import", "rollback": "course.rollback"}


class PublishError(Exception):
    """The files have errors (or could not be imported): nothing was written."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def snapshot_course_files(root: Path, slug: str) -> CourseFiles:
    """A course's files (course folder, quiz folder, images) from a content tree on disk."""
    return read_course_files(root, slug)


def latest_version(session: Session, slug: str) -> CourseVersion | None:
    return session.scalar(
        select(CourseVersion).where(CourseVersion.course_slug == slug).order_by(CourseVersion.number.desc())
    )


def get_version(session: Session, slug: str, number: int) -> CourseVersion | None:
    return session.scalar(select(CourseVersion).filter_by(course_slug=slug, number=number))


def history(session: Session, slug: str) -> list[CourseVersion]:
    """Every version of a course, newest first."""
    query = select(CourseVersion).where(CourseVersion.course_slug == slug)
    return list(session.scalars(query.order_by(CourseVersion.number.desc())))


def latest_versions(session: Session) -> dict[str, CourseVersion]:
    """The newest version of every course that has one, by slug."""
    newest = (
        select(CourseVersion.course_slug, func.max(CourseVersion.number).label("number"))
        .group_by(CourseVersion.course_slug)
        .subquery()
    )
    query = select(CourseVersion).join(
        newest,
        (CourseVersion.course_slug == newest.c.course_slug) & (CourseVersion.number == newest.c.number),
    )
    return {v.course_slug: v for v in session.scalars(query.order_by(CourseVersion.course_slug))}


def image_bytes(session: Session, images: Mapping[str, str]) -> dict[str, bytes]:
    """Logical path → bytes, for images stored as path → Asset name."""
    names = set(images.values())
    rows = session.execute(select(Asset.name, Asset.data).where(Asset.name.in_(names)))
    data = {name: blob for name, blob in rows}
    return {path: data[name] for path, name in images.items() if name in data}


def store_images(session: Session, images: Mapping[str, bytes]) -> dict[str, str]:
    """Keep each image as an Asset named by its content (as the importer names them); path → name."""
    names = {path: asset_name(path, data) for path, data in images.items()}
    known = set(session.scalars(select(Asset.name).where(Asset.name.in_(set(names.values())))))
    for path, name in names.items():
        if name not in known:
            content_type = IMAGE_TYPES.get(Path(path).suffix.lower(), "application/octet-stream")
            session.add(Asset(name=name, content_type=content_type, data=bytes(images[path])))
            known.add(name)
    return names


@contextmanager
def checked_workspace(
    session: Session, content_root: Path, slug: str, files: Mapping[str, str], images: Mapping[str, bytes]
) -> Iterator[tuple[ContentTree, Path, list[Problem]]]:
    """Every other course's latest version plus these files, read and checked.

    Yields the tree, the workspace root and the problems that concern this course: those in its
    files, and errors elsewhere that these files cause (a broken link to a removed lesson, a
    competence a group needs that no module teaches any more). Errors elsewhere that were already
    there without this change are not this course's problems.
    """
    for path in files:
        check_text_path(path, slug)
    for path in images:
        check_image_path(path, slug)
    others = [v for s, v in latest_versions(session).items() if s != slug]
    other_files = {path: text for v in others for path, text in v.files.items()}
    other_images = image_bytes(session, {path: name for v in others for path, name in v.images.items()})
    with workspace(content_root, {**other_files, **files}, {**other_images, **images}) as root:
        tree = read_tree(root, render_only={slug})
        found = find_problems(tree)
        problems = [p for p in found if in_course(p, slug)]
        elsewhere = [p for p in found if p.is_error and not in_course(p, slug)]
        if elsewhere:
            before = latest_version(session, slug)
            before_files = {**other_files, **(before.files if before else {})}
            before_images = {**other_images, **(image_bytes(session, before.images) if before else {})}
            with workspace(content_root, before_files, before_images) as base_root:
                known = set(find_problems(read_tree(base_root, render_only={slug})))
            problems += [p for p in elsewhere if p not in known]
        if f"courses/{slug}/course.md" not in files:
            problems.append(Problem(f"courses/{slug}/course.md", 1, "every course folder needs a course.md"))
        yield tree, root, sorted(problems)


def publish_version(
    session: Session,
    slug: str,
    files: Mapping[str, str],
    images: Mapping[str, bytes],
    *,
    origin: str,
    actor: User | None,
    note: str = "",
    content_root: Path,
) -> CourseVersion:
    """Check, import (all or nothing, in a SAVEPOINT) and write version N+1 of the course.

    Raises PublishError, with every problem as path:line: message, if any file has an error or the
    import is refused; then nothing is written.
    """
    if origin not in ORIGINS:
        raise ValueError(f"origin must be one of {ORIGINS}")
    with checked_workspace(session, content_root, slug, files, images) as (tree, root, problems):
        errors = [p for p in problems if p.is_error]
        if errors:
            raise PublishError(errors)
        try:
            with session.begin_nested():
                import_content(session, tree, scope=[root / "courses" / slug, root / "quizzes" / slug])
                names = store_images(session, images)
                version = _write_version(session, tree, slug, dict(files), names, origin, actor, note)
        except ContentImportError as error:
            raise PublishError(error.problems) from error
    return version


def record_file_versions(
    session: Session, tree: ContentTree, scope: Iterable[Path] | None = None
) -> list[CourseVersion]:
    """After `mooc content import`: a version (origin "files") for each imported course that changed.

    Reuses the tree the command already read and imported: no second import. A course whose files
    and images equal its latest version's gets no new version.
    """
    scope = [p.resolve() for p in scope] if scope is not None else None
    written = []
    for course in tree.courses:
        folder = course.path.parent.resolve()
        if scope is not None and not any(folder == s or s in folder.parents for s in scope):
            continue
        found = snapshot_course_files(tree.root, course.slug)
        names = store_images(session, found.images)
        latest = latest_version(session, course.slug)
        if latest is not None and latest.files == found.files and latest.images == names:
            continue
        written.append(_write_version(session, tree, course.slug, found.files, names, "files", None, ""))
    return written


def _write_version(
    session: Session,
    tree: ContentTree,
    slug: str,
    files: dict[str, str],
    images: dict[str, str],
    origin: str,
    actor: User | None,
    note: str,
) -> CourseVersion:
    number = (session.scalar(select(func.max(CourseVersion.number)).filter_by(course_slug=slug)) or 0) + 1
    version = CourseVersion(
        course_slug=slug,
        number=number,
        files=files,
        images=images,
        rendered=_rendered(session, tree, slug),
        origin=origin,
        note=note[:500],
        created_by=actor.id if actor else None,
    )
    session.add(version)
    session.flush()
    audit(session, actor.id if actor else None, _ACTIONS[origin], f"course:{slug}", version=number, note=note)
    return version


def _rendered(session: Session, tree: ContentTree, slug: str) -> dict:
    """What the importer just wrote for the course: exactly what learners of this version see."""
    course = session.scalars(select(Course).filter_by(slug=slug)).one()
    lessons = session.scalars(
        select(Lesson).filter_by(course_id=course.id, is_active=True).order_by(Lesson.position)
    )
    source = next((q for q in tree.quizzes if q.course == slug), None)
    quiz = session.scalar(select(Quiz).filter_by(slug=source.slug)) if source else None
    questions = (
        list(
            session.scalars(select(Question).filter_by(quiz_id=quiz.id, is_active=True).order_by("position"))
        )
        if quiz
        else []
    )
    return {
        "course": {
            "title": course.title,
            "summary": course.summary,
            "description_html": course.description_html,
        },
        "lessons": [
            {
                "slug": lesson.slug,
                "title": lesson.title,
                "html": lesson.body_html,
                "estimated_minutes": lesson.estimated_minutes,
                "position": lesson.position,
            }
            for lesson in lessons
        ],
        "quiz": {
            "slug": quiz.slug,
            "question_versions": {q.key: q.current_version_id for q in questions},
            "order": [q.key for q in questions],
        }
        if quiz
        else None,
    }


def export_version(session: Session, version: CourseVersion, out: Path) -> list[Path]:
    """Write a version's files and images under `out` (courses/<slug>/…, quizzes/<slug>/…), as stored."""
    written = []
    contents = {path: text.encode("utf-8") for path, text in version.files.items()}
    contents |= image_bytes(session, version.images)
    for path, data in sorted(contents.items()):
        check_image_path(path) if path in version.images else check_text_path(path)
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written.append(target)
    return written
