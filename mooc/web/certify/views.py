"""Public verification by code; officials' list of records and downloads."""

from __future__ import annotations

from flask import Response, redirect, render_template, request, url_for

from mooc.db import get_session
from mooc.domain.certificates import is_valid_certificate_code, normalize_certificate_code
from mooc.services import catalog, export, records
from mooc.services.records import RecordFilter
from mooc.timefmt import parse_date
from mooc.web.access import public, roles
from mooc.web.certify import bp
from mooc.web.certify.forms import RecordFilterForm, VerifyForm

OFFICIALS = ("official", "admin")


@bp.route("/verify")
@public
def verify_form():
    form = VerifyForm(request.args)
    if request.args and form.validate():
        return redirect(url_for("certify.verify", code=normalize_certificate_code(form.code.data)))
    return render_template("certify/verify_form.html", form=form)


@bp.route("/v/<code>")
@public
def verify(code: str):
    normalized = normalize_certificate_code(code)
    record = (
        records.record_by_code(get_session(), normalized) if is_valid_certificate_code(normalized) else None
    )
    return render_template("certify/verify.html", code=normalized, record=record), 200 if record else 404


def _filter_form() -> tuple[RecordFilterForm, RecordFilter | None]:
    """The filter form and the filter it describes; None when the form has mistakes."""
    db = get_session()
    form = RecordFilterForm(request.args)
    form.group.choices = [("", "—")] + [(g.code, g.name) for g in catalog.groups(db)]
    form.residential_group.choices = [("", "—")] + [(n, n) for n in catalog.residential_groups(db)]
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
    return render_template("certify/records.html", form=form, rows=rows, query=request.query_string.decode())


@bp.route("/official/records.<any(csv, jsonl):fmt>")
@roles(*OFFICIALS)
def record_download(fmt: str):
    _form, record_filter = _filter_form()
    rows = records.find_records(get_session(), record_filter) if record_filter else []
    body = export.to_csv(rows) if fmt == "csv" else export.to_jsonl(rows)
    mimetype = "text/csv; charset=utf-8" if fmt == "csv" else "application/x-ndjson; charset=utf-8"
    return Response(
        body,
        mimetype=mimetype,
        headers={
            "Content-Disposition": f"attachment; filename=ho-so-hoan-thanh.{fmt}",
            "Cache-Control": "no-store",
        },
    )
