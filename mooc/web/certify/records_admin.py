"""Officials: one record's history, revoking it or correcting it, checking a learner's ID card."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mooc.db import get_session
from mooc.domain.national_id import mask
from mooc.models import CompletionRecord, User
from mooc.services import identity, record_status
from mooc.services.identity import IdentityError
from mooc.services.record_status import Correction, RecordStatusError
from mooc.timefmt import format_date, parse_date
from mooc.web.access import roles
from mooc.web.auth.forms import EmptyForm
from mooc.web.certify import bp
from mooc.web.certify.forms import CardCheckForm

OFFICIALS = ("official", "admin")


def _record(record_id: int) -> CompletionRecord:
    return get_session().get(CompletionRecord, record_id) or abort(404)


@bp.route("/official/records/<int:record_id>")
@roles(*OFFICIALS)
def record_detail(record_id: int):
    db = get_session()
    record = _record(record_id)
    person = identity.identity_of(db, record.user_id)
    actors = {e.actor_id for e in record_status.history(db, record.id) if e.actor_id}
    names = {u.id: u.full_name for u in (db.get(User, a) for a in actors) if u}
    return render_template(
        "certify/record_detail.html",
        record=record,
        history=record_status.history(db, record.id),
        names=names,
        replaced_by=record_status.superseded_by(db, record),
        replaces=db.get(CompletionRecord, record.supersedes_id) if record.supersedes_id else None,
        person=person,
        masked=mask(person.last4) if person else "",
        form=EmptyForm(),
        check_form=CardCheckForm(),
        revocation_reasons=record_status.REVOCATION_REASONS,
        correction_reasons=record_status.CORRECTION_REASONS,
        date_of_birth=format_date(record.date_of_birth),
    )


@bp.route("/official/records/<int:record_id>/revoke", methods=["POST"])
@roles(*OFFICIALS)
def revoke(record_id: int):
    db = get_session()
    record = _record(record_id)
    if EmptyForm().validate_on_submit():
        try:
            record_status.revoke(
                db, record, request.form.get("reason", ""), current_user, request.form.get("note", "")[:500]
            )
        except RecordStatusError as error:
            db.rollback()
            flash(_(error.message), "error")
        else:
            db.commit()
            flash(_("Đã thu hồi giấy chứng nhận %(code)s.", code=record.code), "success")
    return redirect(url_for("certify.record_detail", record_id=record_id))


@bp.route("/official/records/<int:record_id>/correct", methods=["POST"])
@roles(*OFFICIALS)
def correct(record_id: int):
    db = get_session()
    record = _record(record_id)
    if not EmptyForm().validate_on_submit():
        return redirect(url_for("certify.record_detail", record_id=record_id))
    typed_date = request.form.get("date_of_birth", "")
    born = parse_date(typed_date) if typed_date.strip() else None
    if typed_date.strip() and born is None:
        flash(_("Ngày sinh viết theo dạng ngày/tháng/năm, ví dụ 05/09/1960."), "error")
        return redirect(url_for("certify.record_detail", record_id=record_id))
    try:
        fresh = record_status.supersede(
            db,
            record,
            Correction(request.form.get("full_name", ""), born),
            request.form.get("reason", ""),
            current_user,
            request.form.get("note", "")[:500],
        )
    except RecordStatusError as error:
        db.rollback()
        flash(_(error.message), "error")
        return redirect(url_for("certify.record_detail", record_id=record_id))
    db.commit()
    flash(_("Đã cấp giấy chứng nhận mới %(code)s thay cho giấy cũ.", code=fresh.code), "success")
    return redirect(url_for("certify.record_detail", record_id=fresh.id))


@bp.route("/official/learners/<int:user_id>/identity-checked", methods=["POST"])
@roles(*OFFICIALS)
def identity_checked(user_id: int):
    """The official typed the number read from the card; only the same number marks it checked."""
    db = get_session()
    form = CardCheckForm()
    if form.validate_on_submit():
        try:
            matches = identity.check_against_card(
                db, current_app.config["ID_KEY"], user_id, current_user, form.number.data
            )
        except LookupError:
            abort(404)
        except IdentityError as error:
            flash(_(error.message), "error")
        else:
            if matches:
                db.commit()
                flash(_("Đã ghi nhận: số định danh khớp với thẻ căn cước."), "success")
            else:
                flash(_("Số trên thẻ không khớp với số người học đã khai. Chưa ghi nhận gì."), "error")
    elif form.number.errors:
        flash(" ".join(str(e) for e in form.number.errors), "error")
    target = request.form.get("next") or ""
    return redirect(target if target.startswith("/official/") else url_for("certify.learners"))
