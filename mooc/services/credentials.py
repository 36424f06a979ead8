"""Open Badges 3.0 credentials of completion records: signed once, stored, verified against our key."""

from __future__ import annotations

import hmac
import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from mooc.credentials import keys, openbadge, status_list
from mooc.credentials.keys import SigningKey
from mooc.credentials.openbadge import Award, Competence, Issuer
from mooc.credentials.results import Verification
from mooc.models import Competency, CompletionRecord, Course, Ward

REVOKED_STATUSES = ("revoked", "superseded")  # both set the record's bit in the status list


def issuer(session: Session, base_url: str) -> Issuer:
    """The ward as issuer, at the site's public address."""
    ward = session.scalar(select(Ward))
    return Issuer(base_url.rstrip("/"), ward.name if ward else "")


def credential_for(
    session: Session, record: CompletionRecord, base_url: str, key: SigningKey | None = None
) -> dict[str, Any]:
    """The record's signed credential: built and signed the first time, then always the stored one.

    The caller commits. A revoked record keeps its credential: the status list says it is revoked.
    One stored before names were hashed (the name in clear) is signed again, without it.
    """
    stored = stored_credential(record)
    if stored:
        return stored
    key = key or keys.default_signing_key()
    credential = openbadge.build_credential(award_of(session, record, key), issuer(session, base_url))
    record.credential_json = openbadge.sign(credential, key)
    return record.credential_json


def learner_credential(
    session: Session, record: CompletionRecord, base_url: str, key: SigningKey | None = None
) -> dict[str, Any]:
    """The learner's own copy: the same credential with the salt of the name's hash, so the learner
    can prove their name to whom they choose. Signed on each download, never stored or public."""
    key = key or keys.default_signing_key()
    credential = openbadge.build_credential(
        award_of(session, record, key), issuer(session, base_url), disclose_salt=True
    )
    return openbadge.sign(credential, key)


def stored_credential(record: CompletionRecord) -> dict[str, Any] | None:
    """The stored credential if it may be served as it is: None when there is none yet, or when it
    was signed before names were hashed and still holds the name in clear."""
    credential = record.credential_json
    if not credential:
        return None
    identifiers = credential.get("credentialSubject", {}).get("identifier", [])
    in_clear = any(i.get("identityType") == "name" and i.get("hashed") is not True for i in identifiers)
    return None if in_clear else credential


def award_of(session: Session, record: CompletionRecord, key: SigningKey) -> Award:
    """What the credential states, from the record's snapshot (never the learner's ID number,
    date of birth, phone or e-mail)."""
    return Award(
        credential_id=f"urn:uuid:{record.public_id}",
        status_index=record.id,
        recipient_name=record.full_name,
        name_salt=name_salt(key, record),
        subject_id=subject_id(key, record.user_id),
        group_code=record.group_code,
        band_code=record.band_code,
        group_name=record.group_name,
        framework_name=record.framework_name,
        framework_version=record.framework_version,
        issued_at=record.issued_at,
        competences=_competences(session, record),
    )


def subject_id(key: SigningKey, user_id: int) -> str:
    """A pseudonymous, stable id for the learner: the same for each of their credentials, and
    no way back to the account without the ward's key."""
    digest = hmac.digest(key.derive_secret(b"mooc credential subject"), str(user_id).encode(), "sha256")
    return f"urn:uuid:{uuid.UUID(bytes=digest[:16], version=4)}"


def name_salt(key: SigningKey, record: CompletionRecord) -> str:
    """The salt of the record's name hash: stable for the record (nothing stored), 128 bits that
    no one can guess or recompute without the ward's signing key."""
    secret = key.derive_secret(b"mooc credential name salt")
    return hmac.digest(secret, record.public_id.encode(), "sha256")[:16].hex()


def _competences(session: Session, record: CompletionRecord) -> tuple[Competence, ...]:
    """The competences of the passed modules, in the order the modules list them."""
    codes: list[str] = []
    missing = [m["slug"] for m in record.modules if "competences" not in m]
    by_slug = (
        dict(
            session.execute(select(Course.slug, Course.competences).where(Course.slug.in_(missing)))
            .tuples()
            .all()
        )
        if missing
        else {}
    )
    for module in record.modules:
        for code in module.get("competences", by_slug.get(module["slug"])) or []:
            if code not in codes:
                codes.append(code)
    names = dict(
        session.execute(select(Competency.code, Competency.name).where(Competency.code.in_(codes))).all()
    )
    return tuple(Competence(code, names.get(code, code)) for code in codes)


def revoked_positions(session: Session) -> list[int]:
    return list(
        session.scalars(select(CompletionRecord.id).where(CompletionRecord.status.in_(REVOKED_STATUSES)))
    )


def status_list_credential(
    session: Session, base_url: str, key: SigningKey | None = None, now: datetime | None = None
) -> dict[str, Any]:
    """The signed BitstringStatusListCredential: bit `record.id` is 1 for revoked or superseded records."""
    key = key or keys.default_signing_key()
    now = now or datetime.now(UTC)
    unsigned = status_list.build_status_list(issuer(session, base_url), revoked_positions(session), now)
    return status_list.sign_status_list(unsigned, key, now)


def issuer_document(session: Session, base_url: str, key: SigningKey) -> dict[str, Any]:
    """The issuer's Profile at its id URL, with the public key (Multikey) it signs with."""
    found = issuer(session, base_url)
    return {
        "@context": ["https://www.w3.org/ns/cid/v1", openbadge.CONTEXT[1]],
        **found.profile(),
        "assertionMethod": [key.multikey(found.id)],
    }


def verify_credential(
    session: Session, credential: object, base_url: str, key: SigningKey, now: datetime | None = None
) -> Verification:
    """Verify a credential as any OB 3.0 verifier would, with our own key and our own status list
    (looked up here, never fetched)."""
    found = issuer(session, base_url)
    moment = now or datetime.now(UTC)

    def status_of(url: str) -> dict[str, Any] | None:
        return (
            status_list_credential(session, base_url, key, moment) if url == found.status_list_url else None
        )

    return openbadge.verify(credential, keys.resolver(key.verification_key(found.id)), status_of, moment)
