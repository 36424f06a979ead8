"""Public verification by code; officials' list of records and downloads."""

from __future__ import annotations

import logging

from flask import Response, abort, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mooc.db import get_session
from mooc.domain.certificates import is_valid_certificate_code, normalize_certificate_code
from mooc.domain.national_id import mask
from mooc.models import User
from mooc.services import accounts, catalog, export, identity, records
from mooc.services.records import NO_RESIDENTIAL_GROUP, RecordFilter
from mooc.services.staff import clamp_page, page_count
from mooc.timefmt import parse_date, today_local
from mooc.web.access import public, roles
from mooc.web.auth.forms import EmptyForm
from mooc.web.certify import bp
from mooc.web.certify.forms import CardCheckForm, LearnerSearchForm, RecordFilterForm, VerifyForm
from mooc.web.ratelimit import VERIFY, forget_failed_sign_ins, limiter
from mooc.web.templating import localized

OFFICIALS = ("official", "admin")
PAGE_SIZE = 100
log = logging.getLogger("mooc.staff")


@bp.route("/verify")
@public
@limiter.limit(VERIFY)
def verify_form():
    form = VerifyForm(request.args)
    if request.args and form.validate():
        code = normalize_certificate_code(form.code.data)
        if is_valid_certificate_code(code):
            return redirect(url_for("certify.verify", code=code))
        form.code.errors.append(
            _("Mã chưa đúng: mã có 16 chữ và số, ví dụ ABCD-EFGH-JKMN-PQRS. Hãy kiểm tra lại từng ký tự.")
        )
    return render_template("certify/verify_form.html", form=form)


@bp.route("/v/<code>")
@public
@limiter.limit(VERIFY)
def verify(code: str):
    normalized = normalize_certificate_code(code)
    valid = is_valid_certificate_code(normalized)
    record = records.record_by_code(get_session(), normalized) if valid else None
    shown = normalized if valid else code[:40]  # a malformed code is shown as it was typed
    return render_template("certify/verify.html", code=shown, record=record), 200 if record else 404


def _filter_form() -> tuple[RecordFilterForm, RecordFilter | None]:
    """The filter form and the filter it describes; None when the form has mistakes."""
    db = get_session()
    form = RecordFilterForm(request.args)
    form.group.choices = [("", "—")] + [(g.code, localized(g)) for g in catalog.groups(db)]
    form.residential_group.choices = (
        [("", "—")]
        + [(n, n) for n in catalog.residential_groups(db)]
        + [("Khác", _("Không thuộc tổ nào trong danh sách")), (NO_RESIDENTIAL_GROUP, _("Chưa chọn tổ"))]
    )
    if request.args and not form.validate():
        return form, None  # a mistaken filter shows nothing rather than everything
    return form, RecordFilter(
        group_code=form.group.data or None,
        residential_group=form.residential_group.data or None,
        issued_from=parse_date(form.issued_from.data or ""),
        issued_to=parse_date(form.issued_to.data or ""),
        name=form.name.data or None,
    )


@bp.route("/official/records")
@roles(*OFFICIALS)
def record_list():
    form, record_filter = _filter_form()
    rows = records.find_records(get_session(), record_filter) if record_filter else []
    pages = page_count(len(rows), PAGE_SIZE)
    page = clamp_page(request.args.get("page", 1, type=int) or 1, len(rows), PAGE_SIZE)
    filters = {key: value for key, value in request.args.items() if key != "page" and value}
    return render_template(
        "certify/records.html",
        form=form,
        rows=rows[(page - 1) * PAGE_SIZE : page * PAGE_SIZE],
        total=len(rows),
        page=page,
        pages=pages,
        filters=filters,
    )


@bp.route("/official/records.<any(csv, jsonl):fmt>")
@roles(*OFFICIALS)
def record_download(fmt: str):
    form, record_filter = _filter_form()
    db = get_session()
    rows = records.find_records(db, record_filter) if record_filter else []
    filters = {key: value[:120] for key, value in request.args.items() if key in form._fields and value}
    body = export.download(db, current_user.id, fmt, filters, rows)
    db.commit()
    mimetype = "text/csv" if fmt == "csv" else "application/x-ndjson"
    filename = f"ho-so-hoan-thanh-{today_local():%Y%m%d}.{fmt}"
    return Response(
        body,
        content_type=f"{mimetype}; charset=utf-8",
        headers={"Content-Disposition": f"attachment; filename={filename}", "Cache-Control": "no-store"},
    )


@bp.route("/official/learners")
@roles(*OFFICIALS)
def learners():
    """Find a learner (to help at the desk: a forgotten password)."""
    form = LearnerSearchForm(request.args)
    db = get_session()
    found = accounts.find_learners(db, form.q.data) if request.args and form.validate() else []
    people = identity.identities_of(db, [learner.id for learner in found])
    masked = {user_id: mask(person.last4) for user_id, person in people.items()}
    return render_template(
        "certify/learners.html",
        form=form,
        found=found,
        people=people,
        masked=masked,
        action_form=EmptyForm(),
        check_form=CardCheckForm(),
    )


@bp.route("/official/learners/<int:user_id>/reset-password", methods=["POST"])
@roles(*OFFICIALS)
def reset_password(user_id: int):
    """Give a learner a temporary password, shown once to the official who reads it out."""
    db = get_session()
    user = db.get(User, user_id)
    if user is None or user.role != "learner":
        abort(404)
    temporary = accounts.reset_password(user)
    db.commit()
    forget_failed_sign_ins(user.phone, user.email)  # locked out by wrong guesses: in again
    # Ids only: never a name, phone or the password itself.
    log.info("staff %s reset the password of account %s", current_user.id, user.id)
    response = make_response(
        render_template("certify/password_reset.html", learner=user, temporary=temporary)
    )
    response.headers["Cache-Control"] = "no-store"  # the temporary password must not stay in a cache
    return response
