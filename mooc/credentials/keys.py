"""The ward's Ed25519 signing key: where it comes from, and its public forms (Multikey, JWK)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from mooc.credentials.multibase import decode_z, encode_z

ENV_VAR = "MOOC_SIGNING_KEY"
KEY_FILE = "signing_key.pem"
ED25519_PUB = b"\xed\x01"  # multicodec ed25519-pub, as a varint
ED25519_PRIV = b"\x80\x26"  # multicodec ed25519-priv, as a varint


class SigningKeyError(RuntimeError):
    """The signing key is missing or unreadable."""


@dataclass(frozen=True)
class VerificationKey:
    """A public key as a verifier sees it: its URL (verificationMethod) and who controls it."""

    id: str
    controller: str
    public_key: Ed25519PublicKey


KeyResolver = Callable[[str], "VerificationKey | None"]


@dataclass(frozen=True)
class SigningKey:
    private_key: Ed25519PrivateKey

    @property
    def public_key(self) -> Ed25519PublicKey:
        return self.private_key.public_key()

    @property
    def public_bytes(self) -> bytes:
        return self.public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)

    @property
    def multibase(self) -> str:
        """publicKeyMultibase: "z6Mk…" (multicodec 0xed01 + the 32 key bytes, base58-btc)."""
        return public_multibase(self.public_key)

    @property
    def kid(self) -> str:
        """The JWK thumbprint (RFC 7638): stable for the key, whatever the site's address."""
        members = {"crv": "Ed25519", "kty": "OKP", "x": _b64url(self.public_bytes)}
        canonical = json.dumps(members, separators=(",", ":"), sort_keys=True).encode()
        return _b64url(hashlib.sha256(canonical).digest())

    def jwk(self) -> dict[str, str]:
        """The public key as a JWK (RFC 8037); never the private part."""
        return {
            "kty": "OKP",
            "crv": "Ed25519",
            "x": _b64url(self.public_bytes),
            "use": "sig",
            "kid": self.kid,
        }

    def verification_key(self, controller: str) -> VerificationKey:
        """The key as published under the issuer's URL: `<issuer>#<publicKeyMultibase>`."""
        return VerificationKey(f"{controller}#{self.multibase}", controller, self.public_key)

    def multikey(self, controller: str) -> dict[str, str]:
        return {
            "id": f"{controller}#{self.multibase}",
            "type": "Multikey",
            "controller": controller,
            "publicKeyMultibase": self.multibase,
        }

    def sign(self, data: bytes) -> bytes:
        return self.private_key.sign(data)

    def derive_secret(self, label: bytes) -> bytes:
        """A secret of its own for `label`, derived from the private key (HMAC-SHA-256)."""
        raw = self.private_key.private_bytes(
            serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
        )
        return hmac.new(raw, label, hashlib.sha256).digest()

    def pem(self) -> bytes:
        return self.private_key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )


def public_multibase(public_key: Ed25519PublicKey) -> str:
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return encode_z(ED25519_PUB + raw)


def public_key_from_multibase(value: str) -> Ed25519PublicKey:
    """The key of a "z6Mk…" publicKeyMultibase; ValueError for anything else."""
    data = decode_z(value)
    if len(data) != 34 or not data.startswith(ED25519_PUB):
        raise ValueError("not an Ed25519 Multikey")
    return Ed25519PublicKey.from_public_bytes(data[2:])


def signing_key_from_multibase(value: str) -> SigningKey:
    """A key written as privateKeyMultibase (multicodec 0x8026), as in the W3C test vectors."""
    data = decode_z(value)
    if len(data) != 34 or not data.startswith(ED25519_PRIV):
        raise ValueError("not an Ed25519 private Multikey")
    return SigningKey(Ed25519PrivateKey.from_private_bytes(data[2:]))


def generate() -> SigningKey:
    return SigningKey(Ed25519PrivateKey.generate())


def from_pem(pem: bytes) -> SigningKey:
    try:
        key = serialization.load_pem_private_key(pem, password=None)
    except (ValueError, TypeError) as error:
        raise SigningKeyError(f"the signing key is not a readable unencrypted PEM key: {error}") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise SigningKeyError("the signing key must be an Ed25519 key")
    return SigningKey(key)


def load_signing_key(
    instance: Path, environ: Mapping[str, str] = os.environ, production: bool = False
) -> SigningKey:
    """MOOC_SIGNING_KEY (a PEM, or the path of a PEM file); else, in development only,
    a key generated once into instance/signing_key.pem (readable by the owner only)."""
    value = environ.get(ENV_VAR, "").strip()
    if value:
        if value.startswith("-----BEGIN"):
            return from_pem(value.encode())
        try:
            return from_pem(Path(value).read_bytes())
        except OSError as error:
            raise SigningKeyError(f"{ENV_VAR} names a file that cannot be read: {error.strerror}") from None
    if production:
        raise SigningKeyError(f"{ENV_VAR} must be set when MOOC_ENV=production")
    path = instance / KEY_FILE
    if not path.exists():
        instance.mkdir(parents=True, exist_ok=True)
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another worker made it a moment ago
            pass
        else:
            with os.fdopen(descriptor, "wb") as file:
                file.write(generate().pem())
    return from_pem(path.read_bytes())


def default_signing_key() -> SigningKey:
    """The key as the app finds it when started from the current folder (instance/ beside it)."""
    return load_signing_key(Path.cwd() / "instance", os.environ, os.environ.get("MOOC_ENV") == "production")


def resolver(*known: VerificationKey) -> KeyResolver:
    """A key resolver that knows only these keys: nothing is ever fetched."""
    by_id = {key.id: key for key in known}
    return by_id.get


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")
