"""The printable certificate: a PDF drawn on demand from the stored record (never archived)."""

from __future__ import annotations

import json

from flask import Response, abort, current_app, request
from flask_login import current_user

from mooc.certificate_pdf import CertificateData, ModuleLine, render_certificate
from mooc.db import get_session
from mooc.domain.certificates import is_valid_certificate_code, normalize_certificate_code
from mooc.models import CompletionRecord, Ward
from mooc.services import catalog, credentials, records
from mooc.timefmt import local
from mooc.web.access import signed_in
from mooc.web.keys import base_url, signing_key
from mooc.web.learn import bp

OFFICIALS = ("official", "admin")


@bp.route("/certificate/<code>.pdf")
@signed_in
def certificate_pdf(code: str):
    """For the learner the record names, and for officials; 404 for everyone else, as if it did not exist."""
    db = get_session()
    normalized = normalize_certificate_code(code)
    record = records.record_by_code(db, normalized) if is_valid_certificate_code(normalized) else None
    if record is None or not (record.user_id == current_user.id or current_user.role in OFFICIALS):
        abort(404)
    pdf = render_certificate(certificate_data(record, catalog.ward(db), verification_url(record.code)))
    return Response(
        pdf,
        mimetype="application/pdf",
        headers={
            "Content-Disposition": f"inline; filename=giay-chung-nhan-{record.code}.pdf",
            "Cache-Control": "private, no-store",
        },
    )


@bp.route("/certificate/<code>.json")
@signed_in
def credential_with_salt(code: str):
    """The learner's own Open Badges credential: with the salt of the name's hash, so they can prove
    their name to a verifier. Only for the learner the record names (not even officials): 404 else."""
    db = get_session()
    normalized = normalize_certificate_code(code)
    record = records.record_by_code(db, normalized) if is_valid_certificate_code(normalized) else None
    if record is None or record.user_id != current_user.id:
        abort(404)
    credential = credentials.learner_credential(db, record, base_url(), signing_key())
    return Response(
        json.dumps(credential, ensure_ascii=False, indent=2) + "\n",
        content_type="application/ld+json; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="chung-nhan-{record.code}.json"',
            "Cache-Control": "private, no-store",
            "X-Robots-Tag": "noindex",
        },
    )


def verification_url(code: str) -> str:
    """The public verification page, as printed in the QR code: BASE_URL, else this request's host."""
    base = current_app.config.get("BASE_URL") or request.url_root.rstrip("/")
    return f"{base}/v/{code}"


def certificate_data(record: CompletionRecord, ward: Ward | None, url: str) -> CertificateData:
    """What the certificate prints: names and results only, never the birth date or contact details."""
    return CertificateData(
        ward_name=ward.name if ward else "",
        city=ward.city if ward else "",
        full_name=record.full_name,
        group_name=record.group_name,
        framework_name=record.framework_name,
        framework_version=record.framework_version,
        issue_date=local(record.issued_at).date(),
        code=record.code,
        verification_url=url,
        modules=tuple(
            ModuleLine(str(m.get("title", "")), m.get("score_percent")) for m in record.modules or []
        ),
        status=record.status,
    )
