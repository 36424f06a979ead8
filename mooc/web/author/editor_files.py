"""Editing one file of a course draft: the textarea page, its server-side preview, and autosave.

The page works without JavaScript ("Lưu" saves, "Xem trước" shows the preview of the typed text
without saving it). editor.js refreshes the preview as one types and saves the draft on its own.
A stale CSRF token, or a session that ended, never loses the typed text: it comes back in the form.
"""

from __future__ import annotations

from flask import abort, flash, g, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import CSRFError

from mooc.content.workspace import UnsafePath
from mooc.db import get_session
from mooc.models._types import utcnow
from mooc.services import authoring, draft_editor
from mooc.services.authoring import AuthoringError
from mooc.services.course_access import can_edit
from mooc.services.course_versions import latest_version
from mooc.timefmt import local
from mooc.web.access import roles
from mooc.web.author import bp
from mooc.web.author.editor import STATUS_LABELS, TEACHERS, content_root, courses_page, editable_draft
from mooc.web.author.forms import NewCourseForm
from mooc.web.author.fragments import html_tree


def _path() -> str:
    """The file being edited: `?path=` (a missing one is a malformed request, 400)."""
    return request.args.get("path") or request.form.get("path") or abort(400)


@bp.route("/courses/<slug:slug>/edit", methods=["GET", "POST"])
@roles(*TEACHERS)
def edit_file(slug: str):
    db = get_session()
    draft = editable_draft(db, slug)
    path = _path()
    if request.method == "GET":
        if draft is None:  # GET creates nothing: "Bắt đầu sửa" on the overview opens a draft
            return redirect(url_for("author.course", slug=slug))
        if path not in draft.files:
            abort(404)
        return edit_page(db, slug, draft, path, draft.files[path])
    text = request.form.get("text", "")
    if request.form.get("action") == "preview":
        return edit_page(db, slug, draft, path, text, previewed=True)
    try:
        if draft is None:  # published or never opened meanwhile: "Lưu" starts a new draft
            draft = authoring.open_draft(db, slug, current_user)
        authoring.save_file(db, draft, path, text, current_user)
    except (AuthoringError, UnsafePath) as error:
        db.rollback()
        return edit_page(
            db, slug, authoring.draft_for(db, slug), path, text, problem=error.message, status=400
        )
    db.commit()
    flash(_("Đã lưu %(path)s.", path=path), "success")
    return redirect(url_for("author.edit_file", slug=slug, path=path))


def edit_page(db, slug: str, draft, path: str, text: str, *, previewed=False, problem=None, status=200):
    """The textarea with `text`, the preview of that text and its problems."""
    sources = draft or latest_version(db, slug)
    if sources is None:
        return _rescue_page(slug, path, text, problem, status)
    preview = None
    try:
        preview = draft_editor.preview_file(db, slug, sources, path, text, content_root())
    except UnsafePath as error:
        problem = problem or error.message
    page = render_template(
        "author/edit_file.html",
        slug=slug,
        path=path,
        text=text,
        draft=draft,
        preview=preview,
        previewed=previewed,
        problem=problem,
        status_label=STATUS_LABELS.get(draft.status, draft.status) if draft else "",
        others=sorted(p for p in sources.files if p != path),
        course_title=draft_editor.course_title(sources.files, slug) or slug,
    )
    return page, status


def _rescue_page(slug: str, path: str, text: str, problem: str | None, status: int):
    """Only the typed text and what to do: for a session that ended (nothing from the database)."""
    return render_template(
        "author/edit_file.html", slug=slug, path=path, text=text, rescue=True, problem=problem
    ), status


@bp.route("/courses/<slug:slug>/preview", methods=["POST"])
@roles(*TEACHERS)
def preview(slug: str):
    """The preview and the problems of the typed text, for editor.js: the no-script page's HTML as a tree."""
    db = get_session()
    sources = editable_draft(db, slug) or latest_version(db, slug)
    try:
        result = draft_editor.preview_file(
            db, slug, sources, _path(), request.form.get("text", ""), content_root()
        )
    except UnsafePath as error:
        return jsonify(message=error.message), 400
    return jsonify(nodes=html_tree(render_template("author/_preview.html", preview=result)))


@bp.route("/courses/<slug:slug>/autosave", methods=["POST"])
@roles(*TEACHERS)
def autosave(slug: str):
    """Save the typed text into the draft (editor.js calls this as the teacher types)."""
    db = get_session()
    draft, path = editable_draft(db, slug), _path()
    if draft is None or path not in draft.files:
        message = _("Chưa lưu tự động: bản nháp đã được gửi đi hoặc tệp đã bị xóa. Hãy bấm “Lưu”.")
        return jsonify(message=message), 409
    text = request.form.get("text", "")
    if draft.files[path] != draft_editor.as_saved(text):  # unchanged: no new audit line
        try:
            authoring.save_file(db, draft, path, text, current_user)
        except AuthoringError as error:
            db.rollback()
            return jsonify(message=error.message), 400
        db.commit()
    when = local(utcnow()).strftime("%H:%M")
    return jsonify(saved_at=when, message=_("Đã lưu lúc %(time)s", time=when))


def _stale_message() -> str:
    return _(
        "Trang đã mở quá lâu hoặc bạn vừa đăng nhập lại nên cần xác nhận lại. Những gì bạn đã gõ "
        "vẫn còn nguyên bên dưới: hãy bấm nút thêm một lần nữa."
    )


@bp.errorhandler(CSRFError)
def stale_form(error: CSRFError):
    """A form sent with an expired token: show the typed text again instead of an error page."""
    slug = (request.view_args or {}).get("slug", "")
    if request.endpoint in ("author.preview", "author.autosave"):
        return jsonify(message=_stale_message()), 400
    staff = current_user.is_authenticated and current_user.role in TEACHERS
    if request.endpoint == "author.edit_file" and "text" in request.form:
        text, path = request.form["text"], request.args.get("path") or request.form.get("path", "")
        if not current_user.is_authenticated:
            ended = _(
                "Phiên đăng nhập đã kết thúc nên chưa lưu được. Văn bản của bạn vẫn ở đây: hãy chép lại, "
                "hoặc đăng nhập ở một thẻ khác rồi quay lại bấm “Lưu”."
            )
            return _rescue_page(slug, path, text, ended, 400)
        db = get_session()
        if staff and path and can_edit(db, current_user, slug):
            draft = authoring.draft_for(db, slug)
            return edit_page(db, slug, draft, path, text, problem=_stale_message(), status=400)
    if request.endpoint == "author.new_course" and staff:
        form = NewCourseForm(meta={"csrf": False})
        return courses_page(form, 400, problem=_stale_message())
    title, text = _("Yêu cầu chưa hợp lệ"), _("Trang gửi lên chưa đúng. Hãy quay lại và thử lại.")
    page = render_template(
        "errors/error.html", code=400, title=title, text=text, request_id=g.get("request_id", "")
    )
    return page, 400
