"""National ID numbers for certification: consent first, encrypted at rest, a keyed hash for duplicates."""

from __future__ import annotations

import functools
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import date
from importlib import resources

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import select
from sqlalchemy.orm import Session

from mooc.content.markdown import render_markdown
from mooc.domain.consent import needs_guardian
from mooc.domain.national_id import NationalIdError, normalize, parse_national_id
from mooc.domain.text import clean
from mooc.i18n import N_
from mooc.models import Consent, PersonIdentity, User
from mooc.models._types import utcnow
from mooc.services.audit import audit
from mooc.timefmt import today_local

PURPOSE = "certification"
CONSENT_VERSION = "v2"  # v2 added the guardian's consent for children; v1 stays for earlier consents
_AAD = b"mooc:national-id"  # binds a ciphertext to its use


@dataclass(frozen=True)
class ConsentText:
    version: str
    markdown: str
    html: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.markdown.encode()).hexdigest()


@functools.cache
def consent_text(version: str = CONSENT_VERSION) -> ConsentText:
    """The exact consent text shown to learners, kept as data beside the code (one file per version).

    A file of the release, read and rendered once per process: it never changes while the site runs.
    """
    source = resources.files("mooc.data.consent").joinpath(f"{PURPOSE}-{version}.md")
    markdown = source.read_text(encoding="utf-8")
    return ConsentText(version, markdown, render_markdown(markdown))


def _hmac_key(key: bytes) -> bytes:
    # A separate key for hashing, derived from the encryption key, so one never serves two purposes.
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"mooc national id hmac").derive(key)


def encrypt(key: bytes, number: str) -> bytes:
    nonce = secrets.token_bytes(12)
    return nonce + AESGCM(key).encrypt(nonce, number.encode(), _AAD)


def decrypt(key: bytes, blob: bytes) -> str:
    return AESGCM(key).decrypt(blob[:12], blob[12:], _AAD).decode()


def keyed_hash(key: bytes, number: str) -> str:
    return hmac.new(_hmac_key(key), number.encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Guardian:
    """The parent or guardian consenting with a child, as typed on the form."""

    name: str
    agreed: bool


class IdentityError(Exception):
    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field, self.message = field, message


def active_consent(session: Session, user_id: int) -> Consent | None:
    return session.scalar(
        select(Consent)
        .where(Consent.user_id == user_id, Consent.purpose == PURPOSE, Consent.withdrawn_at.is_(None))
        .order_by(Consent.id.desc())
    )


def identity_of(session: Session, user_id: int) -> PersonIdentity | None:
    return session.get(PersonIdentity, user_id)


def identities_of(session: Session, user_ids: list[int]) -> dict[int, PersonIdentity]:
    """The identities of many learners in one query (a list page)."""
    if not user_ids:
        return {}
    found = session.scalars(select(PersonIdentity).where(PersonIdentity.user_id.in_(user_ids)))
    return {person.user_id: person for person in found}


def give_number(
    session: Session,
    user: User,
    key: bytes,
    number: str,
    again: str,
    agreed: bool,
    guardian: Guardian | None = None,
    today: date | None = None,
) -> PersonIdentity:
    """Record consent (the current text) and the checked number; raises IdentityError for a field.

    A child (or any pupil) needs a parent or guardian who writes their name and agrees too.
    """
    if not agreed:
        raise IdentityError("agree", N_("Cần bạn đồng ý thì phường mới được dùng số định danh."))
    child = needs_guardian(user.date_of_birth, user.target_group_code, today or today_local())
    guardian_name = clean(guardian.name) if guardian else ""
    if child and len(guardian_name) < 2:
        raise IdentityError(
            "guardian_name", N_("Em dưới 16 tuổi hoặc là học sinh: cần họ tên cha, mẹ hoặc người giám hộ.")
        )
    if child and not (guardian and guardian.agreed):
        raise IdentityError(
            "guardian_agree", N_("Cha, mẹ hoặc người giám hộ cần đánh dấu đồng ý thay cho em.")
        )
    try:
        checked = parse_national_id(number, user.date_of_birth)
    except NationalIdError as error:
        raise IdentityError("number", str(error)) from None
    try:
        if parse_national_id(again, user.date_of_birth).number != checked.number:
            raise NationalIdError("")
    except NationalIdError:
        raise IdentityError("number_again", N_("Hai lần nhập số định danh chưa giống nhau.")) from None
    digest = keyed_hash(key, checked.number)
    holder = session.scalar(select(PersonIdentity.user_id).where(PersonIdentity.number_hmac == digest))
    if holder is not None and holder != user.id:
        raise IdentityError(
            "number", N_("Số định danh này đã được dùng cho một tài khoản khác. Hãy liên hệ cán bộ phường.")
        )
    identity = session.get(PersonIdentity, user.id) or PersonIdentity(user_id=user.id)
    identity.number_encrypted, identity.number_hmac, identity.last4 = (
        encrypt(key, checked.number),
        digest,
        checked.last4,
    )
    identity.assurance, identity.checked_by, identity.checked_at = "self_declared", None, None
    identity.updated_at = utcnow()
    session.add(identity)
    if active_consent(session, user.id) is None:
        text = consent_text()
        session.add(
            Consent(
                user_id=user.id,
                purpose=PURPOSE,
                text_version=text.version,
                text_sha256=text.sha256,
                guardian_name=guardian_name if child else None,
            )
        )
    audit(session, user.id, "identity.give", f"user:{user.id}")
    session.flush()
    return identity


def withdraw(session: Session, user: User) -> None:
    """Consent withdrawn: the number is deleted at once; later batches no longer carry it."""
    consent = active_consent(session, user.id)
    if consent is not None:
        consent.withdrawn_at = utcnow()
    identity = session.get(PersonIdentity, user.id)
    if identity is not None:
        session.delete(identity)
    audit(session, user.id, "identity.withdraw", f"user:{user.id}")
    session.flush()


def check_against_card(session: Session, key: bytes, learner_id: int, official: User, typed: str) -> bool:
    """An official typed the number read from the card: only the same number makes it `officer_checked`.

    Compared by keyed hash, never stored or audited; False (nothing changed) when it differs.
    Raises IdentityError when nothing like a number was typed, LookupError when no number is stored.
    """
    identity = session.get(PersonIdentity, learner_id)
    if identity is None:
        raise LookupError(learner_id)
    number = normalize(typed)
    if not re.fullmatch(r"[0-9]{12}", number):
        raise IdentityError(
            "number", N_("Số định danh cá nhân gồm đúng 12 chữ số (số in trên thẻ căn cước).")
        )
    if not hmac.compare_digest(keyed_hash(key, number), identity.number_hmac):
        return False
    mark_checked(session, learner_id, official)
    return True


def mark_checked(session: Session, learner_id: int, official: User) -> PersonIdentity | None:
    """Record that the number is `officer_checked`: only once the card's number matched (above)."""
    identity = session.get(PersonIdentity, learner_id)
    if identity is None:
        return None
    identity.assurance, identity.checked_by, identity.checked_at = "officer_checked", official.id, utcnow()
    audit(session, official.id, "identity.check", f"user:{learner_id}")
    session.flush()
    return identity


def date_of_birth_problem(session: Session, key: bytes, user: User, born: date | None) -> str | None:
    """Why a new date of birth cannot stand beside the stored number (its year digits), or None."""
    identity = session.get(PersonIdentity, user.id)
    if identity is None or born is None or born == user.date_of_birth:
        return None
    try:
        parse_national_id(decrypt(key, identity.number_encrypted), born)
    except NationalIdError:
        return N_(
            "Ngày sinh này không khớp với số định danh bạn đã lưu "
            "(chữ số thứ 4 đến thứ 6 cho biết năm sinh). "
            "Nếu ngày sinh cũ bị sai, hãy vào trang Xác nhận trên VNeID (/certification) "
            "rút lại số định danh, sửa ngày sinh rồi nhập lại số."
        )
    return None
