"""The ward's key: where it comes from, and its Multikey and JWK forms."""

from __future__ import annotations

import base64
import stat

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ec import SECP256R1, generate_private_key
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from mooc.credentials import keys
from mooc.credentials.keys import SigningKey, SigningKeyError


def rfc8037_key() -> SigningKey:
    d = base64.urlsafe_b64decode("nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=")
    return SigningKey(Ed25519PrivateKey.from_private_bytes(d))


def test_the_jwk_is_the_rfc_8037_public_key_with_its_thumbprint_as_kid():
    jwk = rfc8037_key().jwk()
    assert jwk == {
        "kty": "OKP",
        "crv": "Ed25519",
        "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",
        "use": "sig",
        "kid": "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k",
    }
    assert "d" not in jwk


def test_the_multikey_is_z6mk_and_reads_back_as_the_same_key():
    key = keys.generate()
    assert key.multibase.startswith("z6Mk") and len(key.multibase) == 48
    assert keys.public_key_from_multibase(key.multibase).public_bytes_raw() == key.public_bytes
    multikey = key.multikey("https://hoc.example/issuer")
    assert multikey["id"] == f"https://hoc.example/issuer#{key.multibase}" and multikey["type"] == "Multikey"
    with pytest.raises(ValueError):
        keys.public_key_from_multibase("z" + key.multibase[2:])


def test_a_pem_in_the_environment_or_a_path_to_one_is_used(tmp_path):
    key = keys.generate()
    assert keys.load_signing_key(tmp_path, {keys.ENV_VAR: key.pem().decode()}).multibase == key.multibase
    path = tmp_path / "ward.pem"
    path.write_bytes(key.pem())
    assert keys.load_signing_key(tmp_path / "x", {keys.ENV_VAR: str(path)}).multibase == key.multibase
    assert not (tmp_path / "x").exists()  # nothing generated when a key is given


def test_development_generates_one_key_once_readable_by_its_owner_only(tmp_path):
    first = keys.load_signing_key(tmp_path / "instance", {})
    again = keys.load_signing_key(tmp_path / "instance", {})
    path = tmp_path / "instance" / keys.KEY_FILE
    assert first.multibase == again.multibase
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_production_refuses_to_run_without_a_configured_key(tmp_path):
    with pytest.raises(SigningKeyError, match="MOOC_SIGNING_KEY"):
        keys.load_signing_key(tmp_path, {}, production=True)
    assert not (tmp_path / keys.KEY_FILE).exists()


def test_a_key_that_is_not_ed25519_or_not_a_readable_file_is_refused(tmp_path):
    ec = generate_private_key(SECP256R1()).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    with pytest.raises(SigningKeyError, match="Ed25519"):
        keys.load_signing_key(tmp_path, {keys.ENV_VAR: ec.decode()})
    with pytest.raises(SigningKeyError, match="cannot be read"):
        keys.load_signing_key(tmp_path, {keys.ENV_VAR: str(tmp_path / "missing.pem")})
