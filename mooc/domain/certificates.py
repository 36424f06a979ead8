"""Verification codes and the masking of personal data on public pages."""

from __future__ import annotations

import re
import secrets

from mooc.domain.text import clean

# Crockford's base32: no I, L, O or U, so a code read aloud or typed from paper
# is hard to get wrong.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_CODE_RE = re.compile(r"^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$")
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


def _check_char(body: str) -> str:
    # Odd weights are coprime to 32, so every one-character typo changes the check character.
    total = sum((2 * i + 1) * _ALPHABET.index(ch) for i, ch in enumerate(body))
    return _ALPHABET[total % len(_ALPHABET)]


def new_certificate_code() -> str:
    """A fresh code: 15 random characters (75 bits) plus a check character, as XXXX-XXXX-XXXX-XXXX."""
    body = "".join(secrets.choice(_ALPHABET) for _ in range(15))
    raw = body + _check_char(body)
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


def normalize_certificate_code(value: str) -> str:
    """Upper-case, confusable letters mapped, dashes put back where a person dropped them."""
    raw = re.sub(r"[\s\-\u2010-\u2015\u2212]", "", value.upper()).translate(_CONFUSABLE)  # any dash
    if len(raw) != 16:
        return raw
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


def is_valid_certificate_code(code: str) -> bool:
    """True when `code` is well formed and its check character matches (no database needed)."""
    if not _CODE_RE.match(code):
        return False
    raw = code.replace("-", "")
    if any(ch not in _ALPHABET for ch in raw):
        return False
    return _check_char(raw[:15]) == raw[15]


def mask_name(full_name: str) -> str:
    """Public form of a name: initials, then the given name in full ("Nguyễn Văn An" → "N. V. An")."""
    words = clean(full_name).split(" ")
    if len(words) <= 1:
        return words[0][:1] + "." if words and words[0] else ""
    return " ".join([*(w[0] + "." for w in words[:-1]), words[-1]])


def mask_national_id(number: str) -> str:
    """Show only the last four digits of a national ID number."""
    digits = re.sub(r"\D", "", number)
    return "•" * max(len(digits) - 4, 0) + digits[-4:]
