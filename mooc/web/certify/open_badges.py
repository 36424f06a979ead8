"""Open Badges 3.0 for anyone: the signed credential, the issuer's key, the status list, a verify page."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from flask import Response, abort, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from sqlalchemy import select
from wtforms import TextAreaField

from mooc.credentials.keys import load_signing_key
from mooc.credentials.results import Verification
from mooc.db import database, get_session
from mooc.domain.certificates import is_valid_certificate_code, normalize_certificate_code
from mooc.models import Competency, CompletionRecord
from mooc.services import credentials, records
from mooc.web.access import public
from mooc.web.certify import bp
from mooc.web.keys import base_url, signing_key
from mooc.web.ratelimit import VERIFY, limiter

MAX_CREDENTIAL_BYTES = 64 * 1024  # ours are about 4 KB; anything far larger is not one of ours
LD_JSON = "application/ld+json"


@bp.record_once
def _refuse_to_start_without_a_key(state) -> None:
    """In production the ward's key must be configured: no credential may go out unsigned."""
    if state.app.config.get("MOOC_ENV") == "production":
        load_signing_key(Path(state.app.instance_path), production=True)


def _json(document: Any, mimetype: str = LD_JSON, cache: str = "no-cache") -> Response:
    body = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    return Response(body, content_type=f"{mimetype}; charset=utf-8", headers={"Cache-Control": cache})


@bp.route("/v/<code>.json")
@public
@limiter.limit(VERIFY)
def credential_json(code: str):
    """The record's signed credential; a revoked record keeps it (the status list says revoked)."""
    normalized = normalize_certificate_code(code)
    record = (
        records.record_by_code(get_session(), normalized) if is_valid_certificate_code(normalized) else None
    )
    if record is None:
        abort(404)
    credential = credentials.stored_credential(record)
    if not credential:  # signed once, on first request (or again, once, without a name in clear)
        get_session().close()  # end the read first: SQLite must not hold a snapshot while writing
        with database().writer() as writer:
            fresh = writer.get(CompletionRecord, record.id)
            credential = credentials.credential_for(writer, fresh, base_url(), signing_key())
            writer.commit()
    response = _json(credential, cache="private, max-age=3600")
    response.headers["Content-Disposition"] = f'inline; filename="chung-nhan-{record.code}.json"'
    response.headers["X-Robots-Tag"] = "noindex"  # no name in clear, but a per-person file all the same
    return response


@bp.route("/.well-known/jwks.json")
@public
@limiter.limit(VERIFY)
def jwks():
    return _json({"keys": [signing_key().jwk()]}, "application/json", "public, max-age=3600")


@bp.route("/issuer")
@public
@limiter.limit(VERIFY)
def issuer():
    """The issuer Profile; its id is the base of every proof's verificationMethod."""
    document = credentials.issuer_document(get_session(), base_url(), signing_key())
    return _json(document, cache="public, max-age=3600")


@bp.route("/status/1")
@public
@limiter.limit(VERIFY)
def status_list():
    """The signed revocation list (one list holds every record so far); short-lived so a revocation
    shows soon."""
    document = credentials.status_list_credential(get_session(), base_url(), signing_key())
    return _json(document, cache="public, max-age=300")


@bp.route("/competences")
@public
def competences():
    """The framework's competences: the targets the credentials' alignments point at."""
    rows = get_session().scalars(select(Competency).order_by(Competency.code))
    return render_template("certify/competences.html", competences=list(rows))


class CredentialForm(FlaskForm):
    # The raw text is read, not a normalised copy: the signature covers the exact characters.
    file = FileField(_l("Chọn tệp chứng nhận (.json)"))
    text = TextAreaField(_l("hoặc dán nội dung tệp vào đây"))


@bp.route("/credentials/verify", methods=["GET", "POST"])
@public
@limiter.limit(VERIFY)
def verify_credential():
    """Anyone checks a credential file: each rule's result, in plain words."""
    form = CredentialForm()
    result, error, summary, status = None, None, None, 200
    if form.validate_on_submit():
        data = _submitted_bytes()
        if data is None:
            error, status = _("Tệp quá lớn: chứng nhận số chỉ khoảng vài KB."), 413
        elif not data.strip():
            error, status = _("Hãy chọn tệp hoặc dán nội dung chứng nhận."), 400
        else:
            credential = _parse(data)
            if credential is None:
                error, status = _("Nội dung không phải JSON: hãy chọn đúng tệp .json đã tải về."), 400
            else:
                result = credentials.verify_credential(get_session(), credential, base_url(), signing_key())
                summary = _summary(credential, result)
    elif form.is_submitted():
        status = 400
    form.text.data = ""  # what was sent is never shown back (it may be anything, personal data too)
    response = render_template(
        "certify/credential_verify.html",
        form=form,
        result=result,
        error=error,
        summary=summary,
        max_kb=MAX_CREDENTIAL_BYTES // 1024,
    )
    return response, status, {"Cache-Control": "no-store"}


def _submitted_bytes() -> bytes | None:
    """The uploaded file, else the pasted text; None when larger than a credential can be."""
    upload = request.files.get("file")
    if upload and upload.filename:
        data = upload.stream.read(MAX_CREDENTIAL_BYTES + 1)
    else:
        data = request.form.get("text", "").encode("utf-8")
    return None if len(data) > MAX_CREDENTIAL_BYTES else data


def _parse(data: bytes) -> object | None:
    try:
        return json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None


def _summary(credential: Any, result: Verification) -> dict[str, Any] | None:
    """What the credential says, shown only once its shape is right (the name stays masked)."""
    if result.check("shape").passed is not True:
        return None
    subject = credential["credentialSubject"]
    identifiers = subject.get("identifier", [])
    identifiers = identifiers if isinstance(identifiers, list) else [identifiers]
    names = [i for i in identifiers if i.get("identityType") == "name"]
    in_clear = [i["identityHash"] for i in names if i.get("hashed") is not True]
    return {
        "achievement": subject["achievement"]["name"],
        "issuer": credential["issuer"].get("name", credential["issuer"]["id"]),
        "valid_from": credential["validFrom"],
        "recipient": in_clear[0] if in_clear else "",
        "recipient_hashed": bool(names) and not in_clear,  # ours: a salted hash, nothing to show
    }


@bp.app_template_global()
def problem_text(problem) -> str:
    """A verification problem in the visitor's language (long values from the file are cut)."""
    params = {key: str(value)[:120] for key, value in problem.params.items()}
    return _(problem.message, **params)
