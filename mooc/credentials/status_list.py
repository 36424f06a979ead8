"""Bitstring Status List v1.0: one bit per credential, 1 when revoked, published as a signed credential.

The list is GZIP-compressed, then base64url-encoded with the multibase prefix
"u"; bit 0 is the left-most bit of the first byte. It holds at least 131,072
bits, so one list says nothing about how many credentials exist.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import TYPE_CHECKING, Any

from mooc.credentials import shape
from mooc.credentials.canonical import VC_V2, DocumentLoader
from mooc.credentials.eddsa import add_proof, check_proof
from mooc.credentials.keys import KeyResolver, SigningKey
from mooc.credentials.multibase import decode_u, encode_u
from mooc.credentials.results import REVOKED, Check, Problem, format_datetime, parse_datetime, problem
from mooc.i18n import N_

if TYPE_CHECKING:
    from mooc.credentials.openbadge import Issuer, StatusResolver

MIN_BITS = 131_072  # the spec's minimum: 16 KB uncompressed
MAX_BYTES = 16 * 1024 * 1024  # refuse to inflate a list beyond this (a gzip bomb)
PURPOSES = ("revocation", "suspension")


class StatusListError(ValueError):
    """An encodedList that is not GZIP + base64url of a bitstring."""


def encode(set_bits: Iterable[int], size: int = MIN_BITS) -> str:
    """The encodedList with these bit positions set; the list grows in steps of MIN_BITS."""
    positions = sorted(set(set_bits))
    if positions and positions[0] < 0:
        raise ValueError("status list positions are never negative")
    needed = positions[-1] + 1 if positions else 0
    bits = max(size, -(-needed // MIN_BITS) * MIN_BITS)
    bitstring = bytearray(bits // 8)
    for position in positions:
        bitstring[position // 8] |= 0x80 >> (position % 8)
    return encode_u(gzip.compress(bytes(bitstring), mtime=0))


def decode(encoded: str) -> bytes:
    """The bitstring of an encodedList."""
    try:
        compressed = decode_u(encoded)
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        bitstring = inflater.decompress(compressed, MAX_BYTES)
    except (ValueError, zlib.error) as error:
        raise StatusListError(f"not a GZIP + base64url bitstring: {error}") from None
    if inflater.unconsumed_tail:
        raise StatusListError("the status list is larger than this site accepts")
    return bitstring


def is_set(bitstring: bytes, position: int) -> bool:
    return bool(bitstring[position // 8] & (0x80 >> (position % 8)))


def build_status_list(issuer: Issuer, revoked: Iterable[int], valid_from: datetime) -> dict[str, Any]:
    """The unsigned BitstringStatusListCredential of the issuer's revocation list."""
    return {
        "@context": [VC_V2],
        "id": issuer.status_list_url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer.id,
        "validFrom": format_datetime(valid_from),
        "credentialSubject": {
            "id": f"{issuer.status_list_url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encode(revoked),
        },
    }


def sign_status_list(
    status_list: dict[str, Any], key: SigningKey, created: datetime, loader: DocumentLoader | None = None
) -> dict[str, Any]:
    problems = list(list_problems({k: v for k, v in status_list.items() if k != "proof"}))
    if problems:
        raise ValueError("refusing to sign the status list: " + "; ".join(map(str, problems)))
    return add_proof(status_list, key, key.verification_key(status_list["issuer"]).id, created, loader)


def list_problems(status_list: object) -> Iterator[Problem]:
    closed = list(shape.closed_problems(status_list, shape.STATUS_LIST))
    yield from closed
    if closed or not isinstance(status_list, dict):
        return
    if status_list["@context"] != [VC_V2]:
        yield problem(_BAD_LIST, reason="@context")
    if "BitstringStatusListCredential" not in shape.types_of(status_list["type"]):
        yield problem(_BAD_LIST, reason="type")
    if shape.types_of(status_list["credentialSubject"]["type"]) != ["BitstringStatusList"]:
        yield problem(_BAD_LIST, reason="credentialSubject.type")


def entry_problems(entry: dict[str, Any]) -> Iterator[Problem]:
    """What is wrong with a credential's `credentialStatus` (a BitstringStatusListEntry)."""
    if shape.types_of(entry["type"]) != ["BitstringStatusListEntry"]:
        yield problem(N_("credentialStatus phải là BitstringStatusListEntry."))
    if entry["statusPurpose"] not in PURPOSES:
        yield problem(N_("credentialStatus.statusPurpose phải là revocation hoặc suspension."))
    if not entry["statusListIndex"].isdigit() or not entry["statusListIndex"].isascii():
        yield problem(N_("credentialStatus.statusListIndex phải là một số nguyên không âm, viết dạng chuỗi."))
    if not shape.is_uri(entry["statusListCredential"]):
        yield problem(N_("credentialStatus.statusListCredential phải là một địa chỉ (URI)."))


def check_status(
    entry: dict[str, Any] | None,
    issuer_id: str,
    key_resolver: KeyResolver,
    status_resolver: StatusResolver,
    now: datetime,
    loader: DocumentLoader | None = None,
) -> Check:
    """Whether the credential's bit is set in its issuer's signed status list."""
    if entry is None:
        return Check("status", True)  # no status list named: nothing can revoke it
    url = entry["statusListCredential"]
    listed = status_resolver(url)
    if listed is None:
        return Check("status", None, (problem(N_("Không lấy được danh sách thu hồi %(url)s."), url=url),))
    problems = list(list_problems(listed))
    if problems:
        return Check("status", False, tuple(problems))
    key_check, proof_check = check_proof(listed, listed["issuer"], key_resolver, loader)
    subject = listed["credentialSubject"]
    valid_until = parse_datetime(listed.get("validUntil"))
    if listed["id"] != url or listed["issuer"] != issuer_id:
        return Check("status", False, (problem(_BAD_LIST, reason="id / issuer"),))
    if key_check.passed is not True or proof_check.passed is not True:
        return Check("status", False, (problem(N_("Chữ ký của danh sách thu hồi không hợp lệ.")),))
    if subject["statusPurpose"] != entry["statusPurpose"]:
        return Check("status", False, (problem(_BAD_LIST, reason="statusPurpose"),))
    if valid_until and valid_until < now:
        return Check("status", False, (problem(N_("Danh sách thu hồi đã quá hạn; hãy tải lại.")),))
    try:
        bitstring = decode(subject["encodedList"])
    except StatusListError as error:
        return Check("status", False, (problem(_BAD_LIST, reason=str(error)),))
    position = int(entry["statusListIndex"])
    if len(bitstring) < MIN_BITS // 8 or position >= len(bitstring) * 8:
        return Check("status", False, (problem(_BAD_LIST, reason="statusListIndex"),))
    if is_set(bitstring, position):
        return Check("status", False, (problem(REVOKED),))
    return Check("status", True)


_BAD_LIST = N_("Danh sách thu hồi không đúng chuẩn Bitstring Status List (%(reason)s).")
