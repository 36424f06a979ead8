"""The OpenBadgeCredential profile: what it holds, signing it, and every check of verify()."""

from __future__ import annotations

import copy
import hashlib
import json
import re
import unicodedata
from dataclasses import fields
from datetime import timedelta

import pytest

from mooc.credentials import keys, openbadge
from mooc.credentials.canonical import canonicalize
from mooc.credentials.openbadge import Award, CredentialShapeError
from tests.unit.credentials.conftest import ISSUED, NOW


def test_the_credential_follows_the_profile_of_certification_md(signed, issuer):
    assert signed["@context"] == [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]
    assert signed["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert signed["issuer"] == {
        "id": "https://hoc.phulien.example/issuer",
        "type": ["Profile"],
        "name": "Phường Phù Liễn",
        "url": "https://hoc.phulien.example/",
    }
    assert signed["validFrom"] == signed["awardedDate"] == "2026-10-10T03:00:00Z"
    subject = signed["credentialSubject"]
    # The name is a salted SHA-256 (it was in clear, but the file is public: docs/privacy.md).
    assert [(i["identityType"], i["hashed"]) for i in subject["identifier"]] == [
        ("name", True),
        ("systemId", False),
    ]
    expected = hashlib.sha256("Nguyễn Thị Hồng Nhung9f86d081884c7d65".encode()).hexdigest()
    assert subject["identifier"][0] == {
        "type": "IdentityObject",
        "identityType": "name",
        "hashed": True,
        "identityHash": f"sha256${expected}",
    }
    assert "Nguyễn Thị Hồng Nhung" not in json.dumps(signed, ensure_ascii=False)
    achievement = subject["achievement"]
    assert achievement["achievementType"] == "CertificateOfCompletion"
    assert (achievement["version"], achievement["inLanguage"]) == ("2026.2", "vi")
    assert achievement["alignment"][1] == {
        "type": ["Alignment"],
        "targetCode": "4.2",
        "targetName": "Bảo vệ dữ liệu cá nhân",
        "targetFramework": "Khung năng lực số cho người học",
        "targetUrl": "https://hoc.phulien.example/competences#4.2",
        "targetType": "ext:BDHVSCompetency",
    }
    assert signed["credentialStatus"] == {
        "id": "https://hoc.phulien.example/status/1#94567",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": "94567",
        "statusListCredential": "https://hoc.phulien.example/status/1",
    }
    proof = signed["proof"]
    assert (proof["type"], proof["cryptosuite"], proof["proofPurpose"]) == (
        "DataIntegrityProof",
        "eddsa-rdfc-2022",
        "assertionMethod",
    )
    assert proof["verificationMethod"].startswith(issuer.id + "#z6Mk") and proof["proofValue"].startswith("z")


def test_a_signed_credential_verifies(signed, resolver, statuses):
    result = openbadge.verify(signed, resolver, statuses, now=NOW)
    assert [(c.code, c.passed) for c in result.checks] == [
        ("shape", True),
        ("issuer_key", True),
        ("proof", True),
        ("valid_from", True),
        ("status", True),
    ]
    assert result.ok and not result.revoked


def test_a_credential_survives_a_json_round_trip(signed, resolver, statuses):
    text = json.dumps(signed, ensure_ascii=True, indent=4, sort_keys=True)
    assert openbadge.verify(json.loads(text), resolver, statuses, now=NOW).ok


def test_every_signed_value_is_in_the_canonical_form_so_nothing_travels_unsigned(signed):
    nquads = canonicalize({k: v for k, v in signed.items() if k != "proof"})
    unsigned = {k: v for k, v in signed.items() if k not in ("proof", "@context", "type")}
    missing = [
        value for path, value in leaves(unsigned) if not path.endswith(".type") and value not in nquads
    ]
    assert missing == []


def leaves(value, path=""):
    """(path, string) for every string in a JSON value; keys are not leaves."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from leaves(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from leaves(item, f"{path}[{index}]")
    elif isinstance(value, str):
        yield path, value


def one_character_changes(value):
    """Every copy of `value` with one character of one string or one key changed."""
    if isinstance(value, dict):
        for key, item in value.items():
            for changed in one_character_changes(item):
                yield {**value, key: changed}
            renamed = key[:-1] + ("x" if key[-1] != "x" else "y")
            yield {(renamed if k == key else k): v for k, v in value.items()}
    elif isinstance(value, list):
        for index, item in enumerate(value):
            for changed in one_character_changes(item):
                yield [*value[:index], changed, *value[index + 1 :]]
    elif isinstance(value, str):
        yield value[:-1] + ("x" if value[-1] != "x" else "y")


def test_a_one_character_change_anywhere_in_the_credential_breaks_it(signed, resolver, statuses):
    changes = list(one_character_changes(signed))
    assert len(changes) > 100
    for changed in changes:
        result = openbadge.verify(changed, resolver, statuses, now=NOW)
        assert not result.ok and result.check("proof").passed is not True, json.dumps(changed)[:200]


def test_an_unknown_property_refuses_to_sign(award, issuer, key):
    credential = openbadge.build_credential(award, issuer)
    credential["credentialSubject"]["dateOfBirth"] = "1960-09-05"
    credential["evidence"] = [{"id": "https://example.org"}]
    with pytest.raises(CredentialShapeError) as refused:
        openbadge.sign(credential, key)
    assert {str(p) for p in refused.value.problems} >= {
        "Mục credentialSubject.dateOfBirth không có trong mẫu chứng nhận của trang này, "
        "nên không được chữ ký bảo vệ.",
        "Mục evidence không có trong mẫu chứng nhận của trang này, nên không được chữ ký bảo vệ.",
    }


def test_an_added_property_fails_verification_even_though_the_signature_would_not_see_it(
    signed, resolver, statuses
):
    signed["credentialSubject"]["achievement"]["alignment"][0]["targetDescription "] = "thêm"
    result = openbadge.verify(signed, resolver, statuses, now=NOW)
    assert result.check("shape").passed is False and not result.ok


def test_the_award_has_no_field_for_an_id_number_birth_date_phone_or_email(signed):
    names = " ".join(f.name for f in fields(Award)).lower()
    assert not re.search(r"national|cccd|birth|phone|email|mail", names)
    text = json.dumps(signed, ensure_ascii=False)
    assert not re.search(r"nationalIdentityNumber|dateOfBirth|birthDate|phone|email|\w@\w", text)


def test_a_credential_from_another_key_fails_the_issuer_key_check(signed, issuer, statuses):
    other = keys.resolver(keys.generate().verification_key(issuer.id))
    result = openbadge.verify(signed, other, statuses, now=NOW)
    assert result.check("issuer_key").passed is False and result.check("proof").passed is None


def test_a_key_controlled_by_someone_else_is_not_the_issuers_key(signed, key, statuses):
    method = signed["proof"]["verificationMethod"]
    stranger = keys.resolver(keys.VerificationKey(method, "https://other.example/issuer", key.public_key))
    result = openbadge.verify(signed, stranger, statuses, now=NOW)
    assert result.check("issuer_key").passed is False and result.check("proof").passed is True
    assert not result.ok


def test_valid_from_in_the_future_and_valid_until_in_the_past_fail(award, issuer, key, resolver, statuses):
    credential = openbadge.build_credential(award, issuer)
    credential["validUntil"] = "2026-10-20T00:00:00Z"
    signed = openbadge.sign(credential, key, created=ISSUED)
    early = openbadge.verify(signed, resolver, statuses, now=ISSUED - timedelta(days=1))
    assert early.check("valid_from").passed is False and early.check("valid_until").passed is True
    late = openbadge.verify(signed, resolver, statuses, now=NOW)
    assert late.check("valid_from").passed is True and late.check("valid_until").passed is False


@pytest.mark.parametrize("thing", [[1, 2], "text", None, {"@context": []}])
def test_something_that_is_not_a_credential_fails_the_shape_check(thing, resolver, statuses):
    result = openbadge.verify(thing, resolver, statuses, now=NOW)
    assert result.check("shape").passed is False and not result.ok


def test_a_required_field_missing_is_named(signed, resolver, statuses):
    broken = copy.deepcopy(signed)
    del broken["credentialSubject"]["achievement"]["criteria"]
    problems = [str(p) for p in openbadge.verify(broken, resolver, statuses, now=NOW).check("shape").problems]
    assert problems == ["Thiếu mục bắt buộc credentialSubject.achievement.criteria."]


def test_the_name_hash_is_of_the_nfc_name_and_the_salt():
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Hòa")
    digest = hashlib.sha256("Nguyễn Thị Hòaabc".encode()).hexdigest()
    assert openbadge.name_hash(decomposed, "abc") == openbadge.name_hash("Nguyễn Thị Hòa", "abc")
    assert openbadge.name_hash("Nguyễn Thị Hòa", "abc") == f"sha256${digest}"


def test_the_learners_copy_carries_the_salt_and_verifies_and_a_changed_salt_does_not(
    award, issuer, key, resolver, statuses
):
    copy_ = openbadge.sign(openbadge.build_credential(award, issuer, disclose_salt=True), key, created=ISSUED)
    identity = copy_["credentialSubject"]["identifier"][0]
    assert identity["salt"] == "9f86d081884c7d65"
    assert identity["identityHash"] == openbadge.name_hash("Nguyễn Thị Hồng Nhung", identity["salt"])
    assert openbadge.verify(copy_, resolver, statuses, now=NOW).ok
    identity["salt"] = "9f86d081884c7d66"
    assert openbadge.verify(copy_, resolver, statuses, now=NOW).check("proof").passed is False
