"""Bitstring Status List: the encoding, and a revoked credential showing as revoked."""

from __future__ import annotations

import base64
import gzip

import pytest

from mooc.credentials import keys, openbadge, status_list
from mooc.credentials.multibase import encode_u
from mooc.credentials.results import REVOKED
from mooc.credentials.status_list import MIN_BITS, StatusListError
from tests.unit.credentials.conftest import ISSUED, NOW, status_resolver


def test_the_list_is_gzip_base64url_of_at_least_131072_bits_left_bit_first():
    encoded = status_list.encode({0, 7, 8, MIN_BITS - 1})
    assert encoded.startswith("u") and "=" not in encoded
    bits = status_list.decode(encoded)
    assert len(bits) * 8 == MIN_BITS
    assert bits[0] == 0b1000_0001 and bits[1] == 0b1000_0000 and bits[-1] == 1
    assert [i for i in range(MIN_BITS) if status_list.is_set(bits, i)] == [0, 7, 8, MIN_BITS - 1]
    body = encoded[1:]
    assert gzip.decompress(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))) == bits


def test_an_empty_list_is_all_zeros_and_a_large_index_grows_the_list():
    assert not any(status_list.decode(status_list.encode([])))
    assert len(status_list.decode(status_list.encode([MIN_BITS]))) * 8 == 2 * MIN_BITS


def test_garbage_or_a_gzip_bomb_is_refused():
    with pytest.raises(StatusListError):
        status_list.decode("not-multibase")
    with pytest.raises(StatusListError):
        status_list.decode(encode_u(b"not gzip"))
    with pytest.raises(StatusListError, match="larger"):
        status_list.decode(encode_u(gzip.compress(bytes(20 * 1024 * 1024))))


def test_the_status_list_credential_is_signed_and_names_its_issuer(issuer, key):
    listed = status_list.sign_status_list(status_list.build_status_list(issuer, [5], ISSUED), key, ISSUED)
    assert listed["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert listed["issuer"] == issuer.id and listed["id"] == issuer.status_list_url
    assert listed["credentialSubject"]["statusPurpose"] == "revocation"
    assert listed["proof"]["verificationMethod"] == f"{issuer.id}#{key.multibase}"


def test_a_revoked_record_shows_as_revoked(signed, issuer, key, resolver):
    revoked = status_resolver(issuer, key, revoked=[94567])
    result = openbadge.verify(signed, resolver, revoked, now=NOW)
    status = result.check("status")
    assert status.passed is False and [p.message for p in status.problems] == [REVOKED]
    assert result.revoked and not result.ok
    assert all(c.passed for c in result.checks if c.code != "status")


def test_a_neighbouring_revoked_bit_leaves_the_credential_valid(signed, issuer, key, resolver):
    assert openbadge.verify(signed, resolver, status_resolver(issuer, key, [94566, 94568]), now=NOW).ok


def test_a_status_list_signed_by_another_key_is_not_believed(signed, issuer, resolver):
    forged = status_resolver(issuer, keys.generate(), revoked=[])
    status = openbadge.verify(signed, resolver, forged, now=NOW).check("status")
    assert status.passed is False


def test_a_status_list_that_cannot_be_had_leaves_the_status_unconfirmed(signed, resolver):
    result = openbadge.verify(signed, resolver, lambda url: None, now=NOW)
    assert result.check("status").passed is None and not result.ok
