"""GIFT text handling: escapes, text formats, plain text made safe for Markdown."""

from __future__ import annotations

import html
import re

# Escaped characters become private-use characters until the text is final.
_ESCAPES = {
    "\\\\": "\ue000",
    "\\~": "\ue001",
    "\\=": "\ue002",
    "\\#": "\ue003",
    "\\{": "\ue004",
    "\\}": "\ue005",
    "\\:": "\ue006",
}
_RESTORE = {v: k[1] for k, v in _ESCAPES.items()}
WEIGHT = re.compile(r"^%(-?\d+(?:\.\d+)?)%")
_FORMAT = re.compile(r"^\s*\[(html|moodle|plain|markdown)\]")


def escape(text: str) -> str:
    text = text.replace("\\\\", _ESCAPES["\\\\"])
    for pair, placeholder in _ESCAPES.items():
        text = text.replace(pair, placeholder)
    return text.replace("\\n", "\n")


def restore(text: str) -> str:
    return "".join(_RESTORE.get(ch, ch) for ch in text)


def as_markdown(text: str, fmt: str) -> str:
    """GIFT text in its format → Markdown for our pipeline (plain text must stay plain)."""
    text = restore(text).strip()
    if fmt in ("markdown", "html"):
        return text  # Markdown, or HTML that Markdown passes to bleach
    return "  \n".join(plain_to_markdown(line) for line in text.split("\n"))


_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]])")
_LINE_START_SIGN = re.compile(r"^(\s*)([#+-])")  # a heading or a list: written "\# x"
_LINE_START_NUMBER = re.compile(r"^(\s*\d+)([.)])")  # a numbered list: "1\. x" (a digit has no escape)
_LINE_START_EQUALS = re.compile(r"^(\s*)=")  # "===" underlines a heading, and Markdown has no "\="


def plain_to_markdown(line: str) -> str:
    """One line of plain text that Markdown will show exactly as typed ('>' is escaped as HTML)."""
    line = _INLINE_SPECIAL.sub(r"\\\1", html.escape(line, quote=False))
    line = _LINE_START_SIGN.sub(r"\1\\\2", line)
    line = _LINE_START_EQUALS.sub(r"\1&#61;", line)
    return _LINE_START_NUMBER.sub(r"\1\\\2", line)


def split_format(text: str, default: str) -> tuple[str, str]:
    match = _FORMAT.match(text)
    return (match.group(1), text[match.end() :]) if match else (default, text)
