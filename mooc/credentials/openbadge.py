"""The OpenBadgeCredential of a completion record (certification.md §8): build, sign, verify."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from mooc.credentials import shape, status_list
from mooc.credentials.canonical import OB_V3, VC_V2, DocumentLoader
from mooc.credentials.eddsa import add_proof, check_proof
from mooc.credentials.keys import KeyResolver, SigningKey
from mooc.credentials.results import Check, Problem, Verification, format_datetime, parse_datetime, problem
from mooc.domain.text import nfc
from mooc.i18n import N_

CONTEXT = [VC_V2, OB_V3]
COMPETENCE_TYPE = "ext:BDHVSCompetency"

StatusResolver = Callable[[str], "dict[str, Any] | None"]  # status list URL → its credential


class CredentialShapeError(ValueError):
    """The credential holds something our closed list does not allow: it is not signed."""

    def __init__(self, problems: list[Problem]):
        super().__init__("refusing to sign: " + "; ".join(map(str, problems)))
        self.problems = problems


@dataclass(frozen=True)
class Issuer:
    """The ward as issuer; every URL of the credential hangs off the site's public address."""

    base_url: str  # "https://host", no trailing slash
    name: str

    @property
    def id(self) -> str:
        return f"{self.base_url}/issuer"

    @property
    def status_list_url(self) -> str:
        return f"{self.base_url}/status/1"

    def profile(self) -> dict[str, Any]:
        return {"id": self.id, "type": ["Profile"], "name": nfc(self.name), "url": f"{self.base_url}/"}


@dataclass(frozen=True)
class Competence:
    code: str
    name: str  # Vietnamese


@dataclass(frozen=True)
class Award:
    """What a completion record says, as the credential needs it (nothing more: no ID number,
    no date of birth, no phone or e-mail)."""

    credential_id: str  # "urn:uuid:…"
    status_index: int
    recipient_name: str  # only ever in the credential as name_hash(recipient_name, name_salt)
    name_salt: str  # per record, secret: only the learner's own copy carries it
    subject_id: str  # a pseudonymous "urn:uuid:…" of the learner
    group_code: str
    band_code: str
    group_name: str
    framework_name: str
    framework_version: str
    issued_at: datetime
    competences: tuple[Competence, ...]


def build_credential(award: Award, issuer: Issuer, disclose_salt: bool = False) -> dict[str, Any]:
    """The unsigned OpenBadgeCredential of one award. The name is a salted hash; the salt is in
    it only with `disclose_salt` (the learner's own copy), so the public file names nobody."""
    issued = format_datetime(award.issued_at)
    group = nfc(award.group_name)
    slug = award.group_code + (f"-{award.band_code.lower()}" if award.band_code else "")
    return {
        "@context": list(CONTEXT),
        "id": award.credential_id,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": f"Chứng nhận phổ cập kỹ năng số – {group}",
        "issuer": issuer.profile(),
        "validFrom": issued,
        "awardedDate": issued,
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                _name_identity(award, disclose_salt),
                _identity("systemId", award.subject_id),
            ],
            "achievement": {
                "id": f"{issuer.base_url}/achievements/{slug}/{award.framework_version}",
                "type": ["Achievement"],
                "achievementType": "CertificateOfCompletion",
                "name": f"Phổ cập kỹ năng số – nhóm {group}",
                "description": (
                    f"Hoàn thành tất cả các học phần bắt buộc của nhóm {group} theo "
                    f"{nfc(award.framework_name)} (phiên bản {award.framework_version})."
                ),
                "criteria": {
                    "narrative": "Đạt bài kiểm tra của mọi học phần bắt buộc của nhóm, "
                    "với số điểm không thấp hơn điểm đạt của từng học phần."
                },
                "inLanguage": "vi",
                "version": award.framework_version,
                "alignment": [_alignment(c, award.framework_name, issuer) for c in award.competences],
            },
        },
        "credentialStatus": {
            "id": f"{issuer.status_list_url}#{award.status_index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": str(award.status_index),
            "statusListCredential": issuer.status_list_url,
        },
    }


def _identity(kind: str, value: str) -> dict[str, Any]:
    return {"type": "IdentityObject", "identityType": kind, "hashed": False, "identityHash": value}


def _name_identity(award: Award, disclose_salt: bool) -> dict[str, Any]:
    identity = {
        "type": "IdentityObject",
        "identityType": "name",
        "hashed": True,
        "identityHash": name_hash(award.recipient_name, award.name_salt),
    }
    return {**identity, "salt": award.name_salt} if disclose_salt else identity


def name_hash(name: str, salt: str) -> str:
    """An Open Badges IdentityHash: "sha256$" + hex SHA-256 of the NFC name followed by the salt.
    Whoever holds the salt and is told the name can check it; no one else learns the name."""
    return "sha256$" + hashlib.sha256((nfc(name) + salt).encode("utf-8")).hexdigest()


def _alignment(competence: Competence, framework_name: str, issuer: Issuer) -> dict[str, Any]:
    return {
        "type": ["Alignment"],
        "targetCode": competence.code,
        "targetName": nfc(competence.name),
        "targetFramework": nfc(framework_name),
        "targetUrl": f"{issuer.base_url}/competences#{competence.code}",
        "targetType": COMPETENCE_TYPE,
    }


def sign(
    credential: dict[str, Any],
    key: SigningKey,
    created: datetime | None = None,
    loader: DocumentLoader | None = None,
) -> dict[str, Any]:
    """The credential with an eddsa-rdfc-2022 proof by the issuer's key; refuses unknown properties."""
    problems = list(shape_problems({k: v for k, v in credential.items() if k != "proof"}))
    if problems:
        raise CredentialShapeError(problems)
    method = key.verification_key(credential["issuer"]["id"]).id
    return add_proof(credential, key, method, created or datetime.now(UTC), loader)


def verify(
    credential: object,
    key_resolver: KeyResolver,
    status_resolver: StatusResolver,
    now: datetime | None = None,
    loader: DocumentLoader | None = None,
) -> Verification:
    """Every check an Open Badges 3.0 verifier makes (shape, issuer key, proof, dates, status)."""
    now = now or datetime.now(UTC)
    problems = tuple(shape_problems(credential))
    if problems or not isinstance(credential, dict):
        skipped = problem(N_("Chưa kiểm tra vì cấu trúc chứng nhận chưa đúng."))
        rest = tuple(
            Check(code, None, (skipped,)) for code in ("issuer_key", "proof", "valid_from", "status")
        )
        return Verification((Check("shape", False, problems), *rest))
    issuer_id = credential["issuer"]["id"]
    key_check, proof_check = check_proof(credential, issuer_id, key_resolver, loader)
    checks = [Check("shape", True), key_check, proof_check, *_date_checks(credential, now)]
    checks.append(
        status_list.check_status(
            credential.get("credentialStatus"), issuer_id, key_resolver, status_resolver, now, loader
        )
    )
    return Verification(tuple(checks))


def _date_checks(credential: dict[str, Any], now: datetime) -> Iterator[Check]:
    valid_from = parse_datetime(credential["validFrom"])
    if valid_from and valid_from > now:
        yield Check("valid_from", False, (problem(N_("Chứng nhận chưa đến ngày có hiệu lực.")),))
    else:
        yield Check("valid_from", True)
    valid_until = parse_datetime(credential.get("validUntil"))
    if valid_until and valid_until < now:
        yield Check("valid_until", False, (problem(N_("Chứng nhận đã hết hiệu lực.")),))
    elif "validUntil" in credential:
        yield Check("valid_until", True)


def shape_problems(credential: object) -> Iterator[Problem]:
    """The closed property list, then the rules of OB 3.0 and VC 2.0 the list cannot express."""
    closed = list(shape.closed_problems(credential, shape.OPEN_BADGE))
    yield from closed
    if closed or not isinstance(credential, dict):
        return
    if credential["@context"] != CONTEXT:
        yield problem(_CONTEXT, expected=", ".join(CONTEXT))
    types = shape.types_of(credential["type"])
    badge_types = {"OpenBadgeCredential", "AchievementCredential"}
    if "VerifiableCredential" not in types or not badge_types & set(types):
        yield problem(_TYPE, path="type", expected="VerifiableCredential, OpenBadgeCredential")
    if not shape.is_uri(credential["id"]):
        yield problem(_URI, path="id")
    yield from _issuer_problems(credential["issuer"])
    yield from _subject_problems(credential["credentialSubject"])
    if "credentialStatus" in credential:
        yield from status_list.entry_problems(credential["credentialStatus"])


def _issuer_problems(issuer: dict[str, Any]) -> Iterator[Problem]:
    if not shape.is_uri(issuer["id"]):
        yield problem(_URI, path="issuer.id")
    if "Profile" not in shape.types_of(issuer["type"]):
        yield problem(_TYPE, path="issuer.type", expected="Profile")


def _subject_problems(subject: dict[str, Any]) -> Iterator[Problem]:
    if "AchievementSubject" not in shape.types_of(subject["type"]):
        yield problem(_TYPE, path="credentialSubject.type", expected="AchievementSubject")
    identifiers = subject.get("identifier")
    if "id" not in subject and not identifiers:
        yield problem(N_("Chứng nhận không cho biết người được cấp (cần id hoặc identifier)."))
    for index, identity in enumerate(_as_list(identifiers)):
        if identity.get("type") != "IdentityObject":
            yield problem(
                _TYPE, path=f"credentialSubject.identifier[{index}].type", expected="IdentityObject"
            )
    achievement = subject["achievement"]
    if "Achievement" not in shape.types_of(achievement["type"]):
        yield problem(_TYPE, path="credentialSubject.achievement.type", expected="Achievement")
    if not shape.is_uri(achievement["id"]):
        yield problem(_URI, path="credentialSubject.achievement.id")
    if not achievement["criteria"]:
        yield problem(N_("Tiêu chí (criteria) cần có id hoặc narrative."))
    for index, alignment in enumerate(_as_list(achievement.get("alignment"))):
        where = f"credentialSubject.achievement.alignment[{index}]"
        if "Alignment" not in shape.types_of(alignment["type"]):
            yield problem(_TYPE, path=f"{where}.type", expected="Alignment")
        if not shape.is_uri(alignment["targetUrl"]):
            yield problem(_URI, path=f"{where}.targetUrl")


def _as_list(value: object) -> list:
    return value if isinstance(value, list) else [value] if value else []


_CONTEXT = N_("@context phải đúng là: %(expected)s (trang này chỉ biết những context đó).")
_TYPE = N_("Mục %(path)s phải có %(expected)s.")
_URI = N_("Mục %(path)s phải là một địa chỉ (URI).")
