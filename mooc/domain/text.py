"""Text rules for Vietnamese: normalisation, tone-free matching, sorting, slugs."""

from __future__ import annotations

import re
import unicodedata

# Vietnamese alphabet order: đ is its own letter after d; vowels with hats and
# horns come after their base (a < ă < â). Tone marks only break ties.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_BASE_RANK = {ch: i for i, ch in enumerate(_ALPHABET)}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}  # huyền hỏi ngã sắc nặng
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn: part of the letter
_SPACES = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # never meant as text; NUL breaks PostgreSQL


def nfc(value: str) -> str:
    """Return `value` in Unicode NFC, the one form stored and compared."""
    return unicodedata.normalize("NFC", value)


def clean(value: str | None) -> str:
    """NFC, trimmed, with runs of white space collapsed to one space."""
    if value is None:
        return ""
    return _SPACES.sub(" ", _without_invisibles(nfc(value))).strip()


def _without_invisibles(value: str) -> str:
    """Drop control characters and invisible format characters (bidi overrides, zero-width)."""
    value = _CONTROL.sub("", value)
    return "".join(ch for ch in value if unicodedata.category(ch) != "Cf")


def clean_multiline(value: str | None) -> str:
    """NFC and trimmed, line breaks kept, control characters removed: for text areas."""
    return _without_invisibles(nfc(value or "")).strip()


def fold(value: str) -> str:
    """Lower-case ASCII skeleton used for accent-insensitive search (Đ → d)."""
    decomposed = unicodedata.normalize("NFD", clean(value).casefold())
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return ascii_only.replace("đ", "d")


_EDGE_PUNCTUATION = ".,;:!?…\"'“”‘’()[] "


def match_key(value: str, *, ignore_tones: bool = False) -> str:
    """Key under which two typed answers count as the same answer.

    Case, spacing, Unicode form and punctuation around the answer ("156.")
    never matter. With `ignore_tones`, every Vietnamese mark is dropped too
    (what people mean by "gõ không dấu"), so "10 trieu dong" matches "10 triệu đồng".
    """
    key = (fold(value) if ignore_tones else clean(value).casefold()).strip(_EDGE_PUNCTUATION)
    return key


_SORT_TOKEN = re.compile(r"\d+|.", re.DOTALL)


def vietnamese_sort_key(value: str) -> tuple:
    """Sort key that orders words as a Vietnamese dictionary does.

    Word by word ("an bình" before "anh"), numbers by value ("Tổ 2" before
    "Tổ 10"), đ after d, ă and â after a, and tone marks only to break ties.
    """
    letters: list[tuple[int, int]] = []
    tones: list[int] = []
    for token in _SORT_TOKEN.findall(clean(value).casefold()):
        tone = 0
        if token == " ":
            element = (0, 0)
        elif token.isdigit():
            element = (1, int(token))
        else:
            parts = unicodedata.normalize("NFD", token)
            base, marks = parts[0], parts[1:]
            tone = next((_TONES[m] for m in marks if m in _TONES), 0)
            letter = nfc(base + "".join(m for m in marks if m in _LETTER_MARKS))
            rank = _BASE_RANK.get(letter)
            element = (2, rank if rank is not None else 100 + ord(letter[0]))
        letters.append(element)
        tones.append(tone)
    return (letters, tones)


def person_sort_key(full_name: str) -> tuple:
    """Order people as Vietnamese lists do: by given name (last word), then in full."""
    words = clean(full_name).split(" ")
    return (vietnamese_sort_key(words[-1]), vietnamese_sort_key(full_name))


def slugify(value: str) -> str:
    """ASCII slug: Vietnamese letters lose their marks (đ → d), others become '-'."""
    return re.sub(r"[^a-z0-9]+", "-", fold(value)).strip("-")
