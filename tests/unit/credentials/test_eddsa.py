"""The eddsa-rdfc-2022 cryptosuite against the W3C test vector, byte for byte."""

from __future__ import annotations

import json
import socket
from datetime import datetime

import pytest

from mooc.credentials import canonical, eddsa, keys
from mooc.credentials.canonical import CanonicalizationError, canonicalize
from tests.conftest import DATA

VECTOR = DATA / "vc-di-eddsa"
EXAMPLES_V2 = "https://www.w3.org/ns/credentials/examples/v2"


@pytest.fixture
def vector():
    signed = json.loads((VECTOR / "signedDataInt.json").read_text())
    pair = json.loads((VECTOR / "keyPair.json").read_text())
    loader = canonical.document_loader({EXAMPLES_V2: json.loads((VECTOR / "examples-v2.jsonld").read_text())})
    return signed, pair, loader


def test_the_w3c_vector_gives_the_same_canonical_proof_hashes_and_proof_value(vector):
    signed, pair, loader = vector
    proof = signed["proof"]
    unsigned = {k: v for k, v in signed.items() if k != "proof"}
    options = {k: v for k, v in proof.items() if k != "proofValue"}
    key = keys.signing_key_from_multibase(pair["privateKeyMultibase"])
    assert key.multibase == pair["publicKeyMultibase"]

    config = {**options, "@context": unsigned["@context"]}
    assert canonicalize(config, loader) == (VECTOR / "proofCanonDataInt.txt").read_text()
    assert (
        eddsa.hash_data(unsigned, options, loader).hex() == (VECTOR / "combinedHashDataInt.txt").read_text()
    )

    created = datetime.fromisoformat(proof["created"])
    remade = eddsa.add_proof(unsigned, key, proof["verificationMethod"], created, loader)
    assert remade["proof"]["proofValue"] == (VECTOR / "sigBTC58DataInt.txt").read_text()
    assert remade == signed


def test_the_w3c_vector_verifies_and_fails_once_a_value_changes(vector):
    signed, pair, loader = vector
    public = keys.public_key_from_multibase(pair["publicKeyMultibase"])
    method = signed["proof"]["verificationMethod"]
    resolver = keys.resolver(keys.VerificationKey(method, "https://vc.example/issuers/5678", public))
    key_check, proof_check = eddsa.check_proof(signed, signed["issuer"], resolver, loader)
    assert key_check.passed and proof_check.passed
    signed["credentialSubject"]["alumniOf"] = "The School of Exampels"
    _key, proof_check = eddsa.check_proof(signed, signed["issuer"], resolver, loader)
    assert proof_check.passed is False


def test_the_document_loader_refuses_every_context_it_does_not_hold(monkeypatch):
    def no_network(*_args, **_kwargs):
        raise AssertionError("the canonicaliser tried to open a connection")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    document = {
        "@context": ["https://www.w3.org/ns/credentials/v2", "https://example.org/ctx"],
        "id": "urn:x",
    }
    with pytest.raises(CanonicalizationError, match="nothing is fetched"):
        canonicalize(document)
    with pytest.raises(CanonicalizationError):
        canonicalize({"@context": "https://www.w3.org/ns/credentials/examples/v2", "name": "x"})


def test_the_local_contexts_are_the_published_ones():
    contexts = canonical.local_contexts()
    v2 = contexts[canonical.VC_V2]["@context"]
    assert v2["BitstringStatusListEntry"]["@id"].endswith("#BitstringStatusListEntry")
    assert v2["DataIntegrityProof"]["@context"]["cryptosuite"]["@type"].endswith("#cryptosuiteString")
    ob = contexts[canonical.OB_V3]["@context"]
    assert {"Achievement", "AchievementSubject", "Alignment", "IdentityObject", "Profile"} <= set(ob)
