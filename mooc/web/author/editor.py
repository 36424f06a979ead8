"""The course editor for teachers: their courses, a new course, and a course's draft overview.

Every page is for teachers and admins, and a teacher only for the courses given to them (403).
A course with neither a published version nor a draft is not in the editor (404). Services do the
work and never commit; these views commit. Editing one file is in editor_files.py.
"""

from __future__ import annotations

from pathlib import Path

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select
from werkzeug.routing import BuildError

from mooc.content.uploads import UploadError
from mooc.content.workspace import UnsafePath
from mooc.db import get_session
from mooc.models import Course, CourseDraft
from mooc.services import authoring, draft_editor
from mooc.services.authoring import AuthoringError, DraftHasErrors
from mooc.services.course_access import can_create, can_edit
from mooc.services.course_versions import latest_version
from mooc.web.access import roles
from mooc.web.author import bp
from mooc.web.author.forms import ImageForm, LessonForm, NewCourseForm

TEACHERS = ("teacher", "admin")
STATUS_LABELS = {
    "draft": _l("Đang soạn"),
    "in_review": _l("Đang chờ duyệt"),
    "returned": _l("Được trả lại để sửa"),
}


def content_root() -> Path:
    """The folder whose framework/ the checker reads (courses are checked among the others)."""
    return Path(current_app.config["CONTENT_DIR"])


def editable_draft(db, slug: str) -> CourseDraft | None:
    """The course's draft (None if nobody opened one); 404 for no course at all, 403 without access."""
    draft = authoring.draft_for(db, slug)
    if draft is None and latest_version(db, slug) is None:
        abort(404)
    if not can_edit(db, current_user, slug):
        abort(403)
    return draft


def link(endpoint: str, fallback: str, **values) -> str:
    """url_for, or a plain address while the page another engineer builds is not there yet."""
    try:
        return url_for(endpoint, **values)
    except BuildError:
        return fallback


@bp.route("/courses")
@roles(*TEACHERS)
def courses():
    return courses_page(NewCourseForm())


def courses_page(form: NewCourseForm, status: int = 200, problem: str | None = None):
    rows = draft_editor.course_rows(get_session(), current_user)
    page = render_template("author/courses.html", rows=rows, form=form, labels=STATUS_LABELS, problem=problem)
    return page, status


@bp.route("/courses/new", methods=["POST"])
@roles(*TEACHERS)
def new_course():
    db = get_session()
    if not can_create(current_user):
        abort(403)
    form = NewCourseForm()
    if not form.validate_on_submit():
        return courses_page(form)
    slug = form.slug.data
    taken = db.scalar(select(Course.id).where(Course.slug == slug)) is not None
    if taken or authoring.draft_for(db, slug) or latest_version(db, slug):
        form.slug.errors.append(_("Mã %(slug)s đã có học phần dùng; hãy chọn mã khác.", slug=slug))
        return courses_page(form)
    try:
        authoring.open_draft(db, slug, current_user, title=form.title.data)
    except AuthoringError as error:
        db.rollback()
        form.slug.errors.append(error.message)
        return courses_page(form)
    db.commit()
    flash(_("Đã tạo học phần “%(title)s”. Hãy sửa từng tệp rồi gửi duyệt.", title=form.title.data), "success")
    return redirect(url_for("author.course", slug=slug))


@bp.route("/courses/<slug:slug>")
@roles(*TEACHERS)
def course(slug: str):
    db = get_session()
    return course_page(db, slug, editable_draft(db, slug))


def course_page(db, slug: str, draft: CourseDraft | None, status: int = 200, **forms_and_messages):
    """The overview: a draft's files, problems and actions; or the latest version, read-only."""
    version = latest_version(db, slug)
    files, images = (draft.files, draft.images) if draft else (version.files, version.images)
    groups = draft_editor.file_groups(slug, files, images)
    problems = authoring.check_draft(db, draft, content_root()) if draft else []
    lessons = lesson_choices(groups, files)
    values = {
        "lesson_form": LessonForm(formdata=None),
        "image_form": ImageForm(formdata=None, lessons=lessons),
        "refused": None,
        "problem": None,
        "inserted": None,
    } | forms_and_messages
    page = render_template(
        "author/course.html",
        slug=slug,
        title=draft_editor.course_title(files, slug) or slug,
        draft=draft,
        version=version,
        files=files,
        groups=groups,
        lessons=dict(lessons),
        problems=problems,
        errors=sum(p.is_error for p in problems),
        behind=bool(draft and authoring.draft_is_behind(db, draft)),
        status_label=STATUS_LABELS.get(draft.status, draft.status) if draft else "",
        quiz_url=link("author.quiz_editor", url_for("author.course", slug=slug) + "/quiz", slug=slug),
        versions_url=link("author.versions", url_for("author.course", slug=slug) + "/versions", slug=slug),
        **values,
    )
    return page, status


def lesson_choices(groups: draft_editor.FileGroups, files: dict[str, str]) -> list[tuple[str, str]]:
    """(path, "title (file name)") for each lesson, in order."""
    return [
        (p, f"{draft_editor.file_title(files[p]) or '?'} ({p.rsplit('/', 1)[-1]})") for p in groups.lessons
    ]


@bp.route("/courses/<slug:slug>/draft", methods=["POST"])
@roles(*TEACHERS)
def start_draft(slug: str):
    """ "Bắt đầu sửa": a draft copied from the latest version (an existing draft is simply opened)."""
    db = get_session()
    editable_draft(db, slug)
    try:
        authoring.open_draft(db, slug, current_user)
    except AuthoringError as error:
        db.rollback()
        flash(error.message, "error")
        return redirect(url_for("author.course", slug=slug))
    db.commit()
    return redirect(url_for("author.course", slug=slug))


def _draft_or_back(db, slug: str) -> CourseDraft:
    draft = editable_draft(db, slug)
    if draft is None:
        abort(redirect(url_for("author.course", slug=slug)))
    return draft


@bp.route("/courses/<slug:slug>/lessons", methods=["POST"])
@roles(*TEACHERS)
def add_lesson(slug: str):
    db = get_session()
    draft = _draft_or_back(db, slug)
    form = LessonForm()
    if not form.validate_on_submit():
        return course_page(db, slug, draft, lesson_form=form)
    try:
        path = authoring.add_lesson(db, draft, form.title.data, current_user)
    except AuthoringError as error:
        db.rollback()
        form.title.errors.append(error.message)
        return course_page(db, slug, draft, lesson_form=form)
    db.commit()
    flash(_("Đã thêm bài “%(title)s”.", title=form.title.data), "success")
    return redirect(url_for("author.edit_file", slug=slug, path=path))


@bp.route("/courses/<slug:slug>/images", methods=["POST"])
@roles(*TEACHERS)
def upload_image(slug: str):
    """An image, checked by its content; its Markdown goes at the end of the chosen lesson (or is shown)."""
    db = get_session()
    draft = _draft_or_back(db, slug)
    lessons = lesson_choices(draft_editor.file_groups(slug, draft.files, draft.images), draft.files)
    form = ImageForm(lessons=lessons)
    lesson = form.lesson.data or ""
    valid = form.validate_on_submit()
    if lesson and lesson not in dict(lessons):
        form.lesson.errors = [_("Hãy chọn một bài trong danh sách.")]
    if not valid or form.lesson.errors:
        return course_page(db, slug, draft, image_form=form)
    upload = form.image.data
    try:
        path = authoring.attach_image(db, draft, upload.filename, upload.read(), current_user)
        markdown = draft_editor.insert_image(db, draft, path, form.alt.data, lesson, current_user)
    except UploadError as error:
        db.rollback()
        form.image.errors = [error.message]
        return course_page(db, slug, draft, image_form=form)
    except (AuthoringError, UnsafePath) as error:
        db.rollback()
        form.lesson.errors = [error.message]
        return course_page(db, slug, draft, image_form=form)
    db.commit()
    if lesson:
        flash(_("Đã thêm ảnh vào cuối bài %(path)s: %(markdown)s", path=lesson, markdown=markdown), "success")
        return redirect(url_for("author.course", slug=slug))
    return course_page(db, slug, draft, inserted=markdown)


@bp.route("/courses/<slug:slug>/remove", methods=["POST"])
@roles(*TEACHERS)
def remove_file(slug: str):
    db = get_session()
    draft = _draft_or_back(db, slug)
    path = request.form.get("path", "")
    try:
        authoring.remove_file(db, draft, path, current_user)
    except AuthoringError as error:
        db.rollback()
        return course_page(db, slug, draft, 400, problem=error.message)
    db.commit()
    flash(_("Đã xóa %(path)s khỏi bản nháp.", path=path), "success")
    return redirect(url_for("author.course", slug=slug))


@bp.route("/courses/<slug:slug>/submit", methods=["POST"])
@roles(*TEACHERS)
def submit(slug: str):
    """ "Gửi duyệt": refused, with every error listed, while the checker finds one."""
    db = get_session()
    draft = _draft_or_back(db, slug)
    try:
        authoring.submit_for_review(db, draft, current_user, content_root())
    except DraftHasErrors as error:
        db.rollback()
        return course_page(db, slug, draft, refused=error.problems)
    except AuthoringError as error:
        db.rollback()
        return course_page(db, slug, draft, 400, problem=error.message)
    db.commit()
    flash(_("Đã gửi duyệt. Cán bộ duyệt bài sẽ xuất bản hoặc trả lại kèm lời nhắn."), "success")
    return redirect(url_for("author.course", slug=slug))
