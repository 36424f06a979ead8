"""Authoring in the browser: who may edit, the working draft, review, publishing and rollback.

A draft holds the course's exact source files (the content format of `courses/` and `quizzes/`),
so the same linter checks it and the same importer publishes it (services/course_versions.py).
A teacher edits the courses given to them (CourseAccess) and sends the draft for review; an
official or an admin publishes it, or returns it with a note. Every step is in the audit trail
with the target "course:<slug>". Services take a session and never commit.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mooc.content.problems import Problem
from mooc.content.skeleton import lesson_text, new_course_files, next_lesson
from mooc.content.uploads import process_image
from mooc.content.workspace import SLUG, check_image_path, check_text_path
from mooc.domain.text import nfc
from mooc.models import Asset, Course, CourseDraft, CourseVersion, User
from mooc.models._types import utcnow
from mooc.services import catalog
from mooc.services.audit import audit
from mooc.services.course_access import can_create, can_edit, can_review, editable_courses, grant_access
from mooc.services.course_diff import FileDiff, diff_files, diff_versions
from mooc.services.course_versions import (
    PublishError,
    checked_workspace,
    get_version,
    image_bytes,
    latest_version,
    publish_version,
    snapshot_course_files,
)

__all__ = [  # permissions and the versions API, importable from here too
    "FileDiff",
    "PublishError",
    "can_create",
    "can_edit",
    "can_review",
    "diff_versions",
    "editable_courses",
    "grant_access",
    "snapshot_course_files",
]
MAX_TEXT_CHARS = 200_000


class AuthoringError(Exception):
    """A request the rules refuse; `.message` says why (Vietnamese, for the page)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotAllowed(AuthoringError):
    pass


class DraftHasErrors(AuthoringError):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"Bản nháp còn {len(problems)} lỗi; hãy sửa trước khi gửi duyệt.")
        self.problems = problems


def draft_for(session: Session, slug: str) -> CourseDraft | None:
    return session.scalar(select(CourseDraft).filter_by(course_slug=slug))


def open_draft(session: Session, slug: str, user: User, *, title: str = "") -> CourseDraft:
    """The course's draft: the existing one, one copied from the latest version, or a new course.

    A slug with no course, no version and no draft creates a new course from a skeleton that passes
    the checker (course.md, one lesson, a one-question quiz); its creator gets CourseAccess.
    """
    draft = draft_for(session, slug)
    if draft is not None:
        _require_edit(session, user, slug)
        return draft
    latest = latest_version(session, slug)
    if latest is not None or session.scalar(select(Course.id).filter_by(slug=slug)) is not None:
        _require_edit(session, user, slug)
        if latest is None:
            raise AuthoringError(
                f"Học phần {slug} chưa có phiên bản nào trong cơ sở dữ liệu: hãy chạy mooc content import."
            )
        draft = CourseDraft(
            course_slug=slug, base_version_id=latest.id, files=dict(latest.files), images=dict(latest.images)
        )
        action = "course.draft.create"
    else:
        if not can_create(user):
            raise NotAllowed("Chỉ giáo viên hoặc quản trị viên được tạo học phần mới.")
        if not SLUG.match(slug) or len(slug) > 80:
            raise AuthoringError("Mã học phần chỉ gồm chữ thường không dấu, chữ số và dấu '-'.")
        draft = CourseDraft(course_slug=slug, files=_skeleton(session, slug, title), images={})
        grant_access(session, slug, user, user)
        action = "course.create"
    draft.status, draft.review_note, draft.updated_by, draft.updated_at = "draft", "", user.id, utcnow()
    session.add(draft)
    session.flush()
    audit(session, user.id, action, f"course:{slug}")
    return draft


def _skeleton(session: Session, slug: str, title: str) -> dict[str, str]:
    framework = catalog.current_framework(session)
    if framework is None:
        raise AuthoringError("Chưa nạp khung năng lực: hãy chạy mooc content import trước.")
    groups = [g["code"] for g in framework.data.get("groups", [])]
    codes = [c["code"] for d in framework.data.get("domains", []) for c in d.get("competences", [])]
    if not groups or not codes:
        raise AuthoringError("Khung năng lực chưa có nhóm người học hoặc năng lực nào.")
    order = (session.scalar(select(func.max(Course.position))) or 0) + 1
    title = " ".join(nfc(title).split()) or "Học phần mới"
    return new_course_files(slug, title, order=order, group=groups[0], competence=codes[0])


def save_file(session: Session, draft: CourseDraft, path: str, text: str, user: User) -> None:
    """Write one text file of the draft (NFC, "\\n" line ends, a final newline)."""
    _require_edit(session, user, draft.course_slug)
    check_text_path(path, draft.course_slug)
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if len(text) > MAX_TEXT_CHARS:
        raise AuthoringError(f"Tệp quá dài (hơn {MAX_TEXT_CHARS:,} ký tự): hãy chia thành nhiều bài.")
    if text and not text.endswith("\n"):
        text += "\n"
    _change(session, draft, user, files={**draft.files, path: text})
    audit(session, user.id, "course.draft.save", f"course:{draft.course_slug}", path=path)


def add_lesson(session: Session, draft: CourseDraft, title: str, user: User) -> str:
    """A new lesson after the others (next number, a file name from the title); returns its path."""
    _require_edit(session, user, draft.course_slug)
    title = " ".join(nfc(title).split())
    if not title:
        raise AuthoringError("Hãy đặt tên cho bài học.")
    path, slug = next_lesson(draft.course_slug, draft.files, title)
    _change(session, draft, user, files={**draft.files, path: lesson_text(title, slug)})
    audit(session, user.id, "course.draft.add_lesson", f"course:{draft.course_slug}", path=path)
    return path


def remove_file(session: Session, draft: CourseDraft, path: str, user: User) -> None:
    """Remove a lesson, quiz file or image from the draft (never course.md)."""
    _require_edit(session, user, draft.course_slug)
    if path == f"courses/{draft.course_slug}/course.md":
        raise AuthoringError("Không xóa được course.md: mỗi học phần cần tệp này.")
    if path not in draft.files and path not in draft.images:
        raise AuthoringError(f"Bản nháp không có tệp {path}.")
    files = {p: t for p, t in draft.files.items() if p != path}
    _change(session, draft, user, files=files, images={p: n for p, n in draft.images.items() if p != path})
    audit(session, user.id, "course.draft.remove", f"course:{draft.course_slug}", path=path)


def attach_image(session: Session, draft: CourseDraft, filename: str, data: bytes, user: User) -> str:
    """Check and clean an uploaded image (content/uploads.py), keep it, and return its draft path.

    Raises UploadError (with a Vietnamese `.message`) for anything that is not a usable image.
    """
    _require_edit(session, user, draft.course_slug)
    image = process_image(filename, data)
    path = check_image_path(f"courses/{draft.course_slug}/images/{image.name}", draft.course_slug)
    if session.get(Asset, image.name) is None:
        session.add(Asset(name=image.name, content_type=image.content_type, data=image.data))
    _change(session, draft, user, images={**draft.images, path: image.name})
    audit(session, user.id, "course.draft.image", f"course:{draft.course_slug}", path=path)
    return path


def _change(session: Session, draft: CourseDraft, user: User, *, files=None, images=None) -> None:
    """New dicts (JSON columns see reassignment, not in-place edits); an edit withdraws a submission."""
    if files is not None:
        draft.files = files
    if images is not None:
        draft.images = images
    draft.updated_by, draft.updated_at = user.id, utcnow()
    if draft.status == "in_review":
        draft.status, draft.submitted_by, draft.submitted_at = "draft", None, None
    session.flush()


def check_draft(session: Session, draft: CourseDraft, content_root: Path) -> list[Problem]:
    """The checker's problems for this course (errors and warnings), as path:line: message."""
    images = image_bytes(session, draft.images)
    with checked_workspace(session, content_root, draft.course_slug, draft.files, images) as (_, _, found):
        return found


def submit_for_review(session: Session, draft: CourseDraft, user: User, content_root: Path) -> None:
    """Send the draft to the reviewers; refused (DraftHasErrors) while the checker finds errors."""
    _require_edit(session, user, draft.course_slug)
    errors = [p for p in check_draft(session, draft, content_root) if p.is_error]
    if errors:
        raise DraftHasErrors(errors)
    draft.status, draft.submitted_by, draft.submitted_at = "in_review", user.id, utcnow()
    draft.review_note = ""
    session.flush()
    audit(session, user.id, "course.submit", f"course:{draft.course_slug}")


def return_draft(session: Session, draft: CourseDraft, reviewer: User, note: str) -> None:
    """Send the draft back to its authors with a note saying what to change."""
    _require_review(draft, reviewer)
    draft.status, draft.review_note = "returned", " ".join(nfc(note or "").split())[:2000]
    session.flush()
    audit(session, reviewer.id, "course.return", f"course:{draft.course_slug}", note=draft.review_note)


def publish_draft(
    session: Session, draft: CourseDraft, reviewer: User, content_root: Path, *, note: str = ""
) -> CourseVersion:
    """Publish the submitted draft as a new version (origin "browser"); the draft is then deleted.

    Raises PublishError if the files have errors (nothing is written, the draft stays).
    """
    _require_review(draft, reviewer)
    slug = draft.course_slug
    version = publish_version(
        session,
        slug,
        draft.files,
        image_bytes(session, draft.images),
        origin="browser",
        actor=reviewer,
        note=" ".join(nfc(note).split()),
        content_root=content_root,
    )
    session.delete(draft)
    session.flush()
    return version


def rollback(session: Session, slug: str, to_number: int, actor: User, content_root: Path) -> CourseVersion:
    """A NEW version whose files are those of version `to_number` (history is never rewritten)."""
    if not can_review(actor):
        raise NotAllowed("Chỉ cán bộ duyệt bài hoặc quản trị viên được trở lại phiên bản cũ.")
    old = get_version(session, slug, to_number)
    if old is None:
        raise AuthoringError(f"Học phần {slug} không có phiên bản {to_number}.")
    return publish_version(
        session,
        slug,
        old.files,
        image_bytes(session, old.images),
        origin="rollback",
        actor=actor,
        note=f"trở lại phiên bản {to_number}",
        content_root=content_root,
    )


def draft_is_behind(session: Session, draft: CourseDraft) -> bool:
    """A newer version was published (or imported from files) since the draft was opened:
    publishing the draft would undo those changes. The editor should say so."""
    latest = latest_version(session, draft.course_slug)
    return latest is not None and latest.id != draft.base_version_id


def diff_draft(session: Session, draft: CourseDraft) -> list[FileDiff]:
    """What the draft changes against the course's latest version (everything, for a new course)."""
    latest = latest_version(session, draft.course_slug)
    old_files, old_images = (latest.files, latest.images) if latest else ({}, {})
    return diff_files(old_files, old_images, draft.files, draft.images)


def _require_edit(session: Session, user: User, slug: str) -> None:
    if not can_edit(session, user, slug):
        raise NotAllowed("Bạn không có quyền sửa học phần này.")


def _require_review(draft: CourseDraft, reviewer: User) -> None:
    if not can_review(reviewer):
        raise NotAllowed("Chỉ cán bộ duyệt bài hoặc quản trị viên được duyệt học phần.")
    if draft.status != "in_review":
        raise AuthoringError("Bản nháp chưa được gửi duyệt.")
