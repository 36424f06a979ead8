"""Reviewers (officials, admins): the drafts waiting for review; publish one or return it with a note."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select
from wtforms import TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from mooc.db import get_session
from mooc.models import CourseDraft
from mooc.services import authoring, draft_review
from mooc.services.course_versions import latest_version
from mooc.web.access import roles
from mooc.web.author import bp
from mooc.web.author.editor import content_root
from mooc.web.forms import Form

REVIEWERS = ("official", "admin")


class PublishForm(Form):
    publish_note = TextAreaField(
        _l("Ghi chú cho phiên bản (không bắt buộc)"),
        validators=[Optional(), Length(max=500, message=_l("Ghi chú tối đa 500 ký tự."))],
    )


class ReturnForm(Form):
    return_note = TextAreaField(
        _l("Cần sửa gì? (giáo viên sẽ đọc ghi chú này)"),
        validators=[
            DataRequired(_l("Hãy ghi rõ cần sửa gì để giáo viên biết.")),
            Length(max=2000, message=_l("Ghi chú tối đa 2000 ký tự.")),
        ],
    )


@bp.route("/review")
@roles(*REVIEWERS)
def review_queue():
    return render_template("author/review_queue.html", items=draft_review.drafts_in_review(get_session()))


def _draft(slug: str) -> CourseDraft:
    return authoring.draft_for(get_session(), slug) or abort(404)


def _review_page(
    draft: CourseDraft,
    publish_form: PublishForm | None = None,
    return_form: ReturnForm | None = None,
    refused: list | None = None,
):
    """The review page; a form that failed comes back with its errors and what was typed."""
    db = get_session()
    problems = authoring.check_draft(db, draft, content_root())
    latest = latest_version(db, draft.course_slug)
    who = draft_review.people(db, (draft.submitted_by, draft.updated_by))
    title = draft_review.course_titles(db, [draft.course_slug]).get(draft.course_slug, draft.course_slug)
    return render_template(
        "author/review.html",
        draft=draft,
        title=title,
        who=who,
        latest=latest,
        diffs=authoring.diff_draft(db, draft),
        errors=sorted({p for p in problems if p.is_error} | set(refused or [])),
        warnings=[p for p in problems if not p.is_error],
        refused=bool(refused),
        is_behind=authoring.draft_is_behind(db, draft),
        publish_form=publish_form or PublishForm(formdata=None),
        return_form=return_form or ReturnForm(formdata=None),
    )


@bp.route("/review/<slug:slug>")
@roles(*REVIEWERS)
def review(slug: str):
    return _review_page(_draft(slug))


@bp.route("/review/<slug:slug>/preview")
@roles(*REVIEWERS)
def review_preview(slug: str):
    draft = _draft(slug)
    preview = draft_review.preview_draft(get_session(), draft, content_root())
    return render_template("author/review_preview.html", draft=draft, preview=preview)


def _gone(slug: str):
    """No draft any more: most often a second click on "Xuất bản" after the first one published it."""
    db = get_session()
    latest = latest_version(db, slug)
    if latest is None:
        abort(404)
    flash(
        _(
            "Bản nháp này không còn: học phần đã được xuất bản (phiên bản %(number)d) hoặc đã được xử lý.",
            number=latest.number,
        ),
        "info",
    )
    return redirect(url_for("author.versions", slug=slug))


@bp.route("/review/<slug:slug>/publish", methods=["POST"])
@roles(*REVIEWERS)
def publish(slug: str):
    db = get_session()
    # Locked (PostgreSQL): a second reviewer publishing at the same moment waits, then finds the
    # draft gone and is told it was already published, instead of failing on the version number.
    draft = db.scalar(select(CourseDraft).filter_by(course_slug=slug).with_for_update())
    if draft is None:
        return _gone(slug)
    form = PublishForm()
    if not form.validate_on_submit():
        return _review_page(draft, publish_form=form)
    if draft.status != "in_review":
        flash(_("Bản nháp chưa được gửi duyệt (hoặc đã được trả lại): chưa thể xuất bản."), "error")
        return redirect(url_for("author.review", slug=slug))
    try:
        version = authoring.publish_draft(
            db, draft, current_user, content_root(), note=form.publish_note.data or ""
        )
    except authoring.PublishError as error:
        db.rollback()
        form.publish_note.errors.append(_("Chưa xuất bản được: các tệp còn lỗi (xem danh sách bên trên)."))
        return _review_page(_draft(slug), publish_form=form, refused=error.problems)
    except authoring.AuthoringError as error:
        db.rollback()
        form.publish_note.errors.append(error.message)
        return _review_page(_draft(slug), publish_form=form)
    db.commit()
    flash(
        _("Đã xuất bản phiên bản %(number)d của học phần %(slug)s.", number=version.number, slug=slug),
        "success",
    )
    return redirect(url_for("author.versions", slug=slug))


@bp.route("/review/<slug:slug>/return", methods=["POST"])
@roles(*REVIEWERS)
def return_draft(slug: str):
    db = get_session()
    draft = authoring.draft_for(db, slug)
    if draft is None:
        return _gone(slug)
    form = ReturnForm()
    if not form.validate_on_submit():
        return _review_page(draft, return_form=form)
    try:
        authoring.return_draft(db, draft, current_user, form.return_note.data)
    except authoring.AuthoringError as error:
        db.rollback()
        form.return_note.errors.append(error.message)
        return _review_page(_draft(slug), return_form=form)
    db.commit()
    flash(_("Đã trả bản nháp %(slug)s cho giáo viên kèm ghi chú.", slug=slug), "success")
    return redirect(url_for("author.review_queue"))
