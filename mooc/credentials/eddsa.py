"""The Data Integrity cryptosuite eddsa-rdfc-2022 (W3C vc-di-eddsa): RDFC-1.0 + SHA-256 + Ed25519.

hashData = SHA-256(canonical proof options) ‖ SHA-256(canonical document without its proof);
the proof value is the Ed25519 signature of hashData, multibase base58-btc ("z…").
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from cryptography.exceptions import InvalidSignature

from mooc.credentials.canonical import CanonicalizationError, DocumentLoader, canonicalize
from mooc.credentials.keys import KeyResolver, SigningKey, VerificationKey
from mooc.credentials.multibase import decode_z, encode_z
from mooc.credentials.results import Check, Problem, format_datetime, parse_datetime, problem
from mooc.i18n import N_

PROOF_TYPE = "DataIntegrityProof"
CRYPTOSUITE = "eddsa-rdfc-2022"
PURPOSE = "assertionMethod"
PROOF_PROPERTIES = frozenset(
    {"type", "cryptosuite", "created", "verificationMethod", "proofPurpose", "proofValue"}
)


def hash_data(
    document: Mapping[str, Any], proof_options: Mapping[str, Any], loader: DocumentLoader | None = None
) -> bytes:
    """The bytes that are signed: both canonical forms hashed, the proof options first."""
    config = {key: value for key, value in proof_options.items() if key != "proofValue"}
    config["@context"] = document["@context"]
    unsecured = {key: value for key, value in document.items() if key != "proof"}
    config_hash = hashlib.sha256(canonicalize(config, loader).encode("utf-8")).digest()
    document_hash = hashlib.sha256(canonicalize(unsecured, loader).encode("utf-8")).digest()
    return config_hash + document_hash


def add_proof(
    document: Mapping[str, Any],
    key: SigningKey,
    verification_method: str,
    created: datetime,
    loader: DocumentLoader | None = None,
) -> dict[str, Any]:
    """A copy of `document` with a DataIntegrityProof made with `key`."""
    proof = {
        "type": PROOF_TYPE,
        "cryptosuite": CRYPTOSUITE,
        "created": format_datetime(created),
        "verificationMethod": verification_method,
        "proofPurpose": PURPOSE,
    }
    proof["proofValue"] = encode_z(key.sign(hash_data(document, proof, loader)))
    return {**{k: v for k, v in document.items() if k != "proof"}, "proof": proof}


def check_proof(
    document: Mapping[str, Any],
    issuer_id: str | None,
    key_resolver: KeyResolver,
    loader: DocumentLoader | None = None,
) -> tuple[Check, Check]:
    """(issuer key check, proof check) for a document signed with eddsa-rdfc-2022."""
    proof = document.get("proof")
    problems = _proof_form(proof)
    if problems:
        return Check("issuer_key", None, (_NOT_CHECKED,)), Check("proof", False, problems)
    key = key_resolver(proof["verificationMethod"])
    key_check = _key_check(key, issuer_id)
    if key is None:
        return key_check, Check("proof", None, (_NOT_CHECKED,))
    try:
        signature = decode_z(proof["proofValue"])
        key.public_key.verify(signature, hash_data(document, proof, loader))
    except CanonicalizationError as error:
        return key_check, Check("proof", False, (problem(_CANNOT_READ, reason=str(error)),))
    except (ValueError, InvalidSignature):
        return key_check, Check("proof", False, (problem(_MISMATCH),))
    return key_check, Check("proof", True)


def _proof_form(proof: object) -> tuple[Problem, ...]:
    if proof is None:
        return (problem(N_("Không có chữ ký số (thiếu mục proof).")),)
    if not isinstance(proof, dict):
        return (problem(N_("Mục proof phải là một chữ ký duy nhất.")),)
    found = []
    expected = {"type": PROOF_TYPE, "cryptosuite": CRYPTOSUITE, "proofPurpose": PURPOSE}
    for name, value in expected.items():
        if proof.get(name) != value:
            found.append(problem(N_("Chữ ký phải có %(name)s = %(value)s."), name=name, value=value))
    for name in ("verificationMethod", "proofValue"):
        if not isinstance(proof.get(name), str) or not proof[name]:
            found.append(problem(N_("Chữ ký thiếu mục %(name)s."), name=name))
    if "created" in proof and parse_datetime(proof["created"]) is None:
        found.append(problem(N_("Thời điểm ký (created) không đúng dạng ngày giờ.")))
    unknown = sorted(set(proof) - PROOF_PROPERTIES)
    if unknown:
        found.append(problem(_UNKNOWN_IN_PROOF, names=", ".join(unknown)))
    return tuple(found)


def _key_check(key: VerificationKey | None, issuer_id: str | None) -> Check:
    if key is None:
        return Check("issuer_key", False, (problem(_UNKNOWN_KEY),))
    if key.controller != issuer_id:
        return Check("issuer_key", False, (problem(_NOT_ISSUERS_KEY),))
    return Check("issuer_key", True)


_NOT_CHECKED = problem(N_("Chưa kiểm tra được vì bước trước chưa đạt."))
_CANNOT_READ = N_("Không đọc được nội dung để kiểm tra chữ ký: %(reason)s")
_MISMATCH = N_("Chữ ký không khớp với nội dung: chứng nhận đã bị sửa sau khi ký, hoặc không do khóa này ký.")
_UNKNOWN_KEY = N_("Chứng nhận được ký bằng một khóa mà trang này không biết: không phải khóa của đơn vị cấp.")
_NOT_ISSUERS_KEY = N_("Khóa ký không thuộc đơn vị cấp ghi trên chứng nhận.")
_UNKNOWN_IN_PROOF = N_("Chữ ký có mục lạ không được bảo vệ: %(names)s.")
