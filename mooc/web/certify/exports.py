"""Officials: signed batches for the city (full or since the last delivered one), and their history."""

from __future__ import annotations

import logging

from flask import Response, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from mooc.db import get_session
from mooc.models import ExportBatch
from mooc.services import catalog, export_batches
from mooc.services.export_batches import BatchRequest
from mooc.web.access import roles
from mooc.web.auth.forms import EmptyForm
from mooc.web.certify import bp
from mooc.web.certify.forms import ExportForm
from mooc.web.keys import base_url, signing_key
from mooc.web.templating import localized

OFFICIALS = ("official", "admin")
log = logging.getLogger("mooc.staff")


def _export_form() -> ExportForm:
    form = ExportForm()
    form.group.choices = [("", _("Tất cả các nhóm"))] + [
        (g.code, localized(g)) for g in catalog.groups(get_session())
    ]
    return form


def _page(form: ExportForm, status: int = 200):
    db = get_session()
    batches = list(db.scalars(select(ExportBatch).order_by(ExportBatch.created_at.desc()).limit(50)))
    return render_template(
        "certify/exports.html",
        form=form,
        batches=batches,
        last_delivered=export_batches.last_delivered(db),
        action_form=EmptyForm(),
    ), status


@bp.route("/official/exports")
@roles(*OFFICIALS)
def exports():
    return _page(_export_form())


@bp.route("/official/exports", methods=["POST"])
@roles(*OFFICIALS)
def create_export():
    """Build, record and hand over one bundle; the ZIP itself is not kept on the server."""
    form = _export_form()
    if not form.validate_on_submit():
        return _page(form, 400)
    db = get_session()
    key = signing_key()
    request_ = BatchRequest(mode=form.mode.data, group_code=form.group.data or None, actor_id=current_user.id)
    data, batch = export_batches.build_batch(
        db,
        request_,
        id_key=current_app.config["ID_KEY"],
        signing_key=key.private_key,
        kid=key.kid,
        base_url=base_url(),
    )
    db.commit()
    log.info("staff %s exported batch %s (%d records)", current_user.id, batch.batch_id, batch.record_count)
    return Response(
        data,
        content_type="application/zip",
        headers={
            "Content-Disposition": f"attachment; filename={batch.batch_id}.zip",
            "Cache-Control": "no-store",  # it holds national ID numbers
        },
    )


@bp.route("/official/exports/<batch_id>/delivered", methods=["POST"])
@roles(*OFFICIALS)
def mark_delivered(batch_id: str):
    db = get_session()
    batch = db.scalar(select(ExportBatch).where(ExportBatch.batch_id == batch_id)) or abort(404)
    if EmptyForm().validate_on_submit() and batch.delivered_at is None:
        export_batches.mark_delivered(db, batch, current_user.id)
        db.commit()
        flash(_("Đã ghi nhận thành phố đã nhận lô %(batch)s.", batch=batch.batch_id), "success")
    return redirect(url_for("certify.exports"))
