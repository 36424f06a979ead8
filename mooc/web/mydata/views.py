"""The national ID for certification, and "Thông tin của tôi": see, download, request."""

from __future__ import annotations

import json

from flask import Response, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mooc.db import get_session
from mooc.domain.consent import needs_guardian
from mooc.domain.national_id import mask
from mooc.services import catalog, identity, privacy
from mooc.services.identity import Guardian, IdentityError
from mooc.timefmt import today_local
from mooc.web import csrf
from mooc.web.access import roles, signed_in
from mooc.web.auth.forms import EmptyForm
from mooc.web.mydata import bp
from mooc.web.mydata.forms import DataRequestForm, NationalIdForm


@bp.route("/certification", methods=["GET", "POST"])
@roles("learner")
@csrf.exempt  # the form checks its own token and re-shows what it may
def certification():
    db = get_session()
    form = NationalIdForm()
    person = identity.identity_of(db, current_user.id)
    child = needs_guardian(current_user.date_of_birth, current_user.target_group_code, today_local())
    if form.validate_on_submit():
        try:
            identity.give_number(
                db,
                current_user,
                current_app.config["ID_KEY"],
                form.number.data,
                form.number_again.data,
                form.agree.data,
                Guardian(form.guardian_name.data or "", form.guardian_agree.data) if child else None,
            )
        except IdentityError as error:
            db.rollback()
            getattr(form, error.field).errors.append(_(error.message))
        else:
            db.commit()
            flash(_("Đã lưu số định danh. Phường sẽ gửi kết quả của bạn trong đợt xác nhận tới."), "success")
            return redirect(url_for("mydata.certification"))
    return render_template(
        "mydata/certification.html",
        form=form,
        child=child,
        person=person,
        masked=mask(person.last4) if person else "",
        consent=identity.active_consent(db, current_user.id),
        text=identity.consent_text(),
        action_form=EmptyForm(),
    )


@bp.route("/certification/withdraw", methods=["POST"])
@roles("learner")
def withdraw():
    """First a page saying what goes and what stays; only `confirm=yes` from that page withdraws."""
    db = get_session()
    form = EmptyForm()
    if not form.validate_on_submit():
        return redirect(url_for("mydata.certification"))
    if request.form.get("confirm") != "yes":
        person = identity.identity_of(db, current_user.id)
        return render_template(
            "mydata/withdraw_confirm.html",
            form=form,
            person=person,
            masked=mask(person.last4) if person else "",
        )
    identity.withdraw(db, current_user)
    db.commit()
    flash(_("Đã rút lại sự đồng ý và xóa số định danh của bạn."), "info")
    return redirect(url_for("mydata.certification"))


@bp.route("/my-data", methods=["GET", "POST"])
@signed_in
@csrf.exempt  # the form checks its own token
def my_data():
    db = get_session()
    form = DataRequestForm()
    form.kind.choices = [(k, _(label)) for k, label in privacy.REQUEST_KINDS.items()]
    if form.validate_on_submit():
        privacy.file_request(db, current_user, form.kind.data, form.message.data or "")
        db.commit()
        flash(_("Đã gửi yêu cầu. Cán bộ phường sẽ trả lời trong 2 ngày làm việc."), "success")
        return redirect(url_for("mydata.my_data"))
    group = next((g for g in catalog.groups(db) if g.code == current_user.target_group_code), None)
    return render_template(
        "mydata/my_data.html",
        data=privacy.everything_about(db, current_user),
        form=form,
        kinds=privacy.REQUEST_KINDS,
        statuses={"open": _("đang chờ"), "done": _("đã xử lý"), "refused": _("từ chối")},
        group=group,
        band=next((b for b in group.bands if b.code == current_user.band_code), None) if group else None,
    )


@bp.route("/my-data.json")
@signed_in
def my_data_download():
    data = privacy.everything_about(get_session(), current_user)
    body = json.dumps(data, ensure_ascii=False, indent=2)
    return Response(
        body,
        mimetype="application/json",
        headers={
            "Content-Disposition": "attachment; filename=thong-tin-cua-toi.json",
            "Cache-Control": "no-store",
        },
    )
