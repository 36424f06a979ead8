"""Multibase base58-btc ("z…") and base64url ("u…"): the encodings Data Integrity uses."""

from __future__ import annotations

import base64

ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_INDEX = {char: value for value, char in enumerate(ALPHABET)}


def b58encode(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    text = ""
    while number:
        number, digit = divmod(number, 58)
        text = ALPHABET[digit] + text
    return "1" * (len(data) - len(data.lstrip(b"\0"))) + text


def b58decode(text: str) -> bytes:
    """The bytes of a base58-btc string; ValueError for a character outside the alphabet."""
    number = 0
    for char in text:
        if char not in _INDEX:
            raise ValueError(f"not base58: {char!r}")
        number = number * 58 + _INDEX[char]
    body = number.to_bytes((number.bit_length() + 7) // 8, "big")
    return b"\0" * (len(text) - len(text.lstrip("1"))) + body


def encode_z(data: bytes) -> str:
    return "z" + b58encode(data)


def decode_z(text: str) -> bytes:
    if not isinstance(text, str) or not text.startswith("z"):
        raise ValueError("not a base58-btc multibase value (it must start with 'z')")
    return b58decode(text[1:])


def encode_u(data: bytes) -> str:
    return "u" + base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def decode_u(text: str) -> bytes:
    if not isinstance(text, str) or not text.startswith("u"):
        raise ValueError("not a base64url multibase value (it must start with 'u')")
    body = text[1:]
    return base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
