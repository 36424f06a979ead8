"""GIFT text handling: escapes, text formats, plain text made safe for Markdown."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

# Escaped characters become private-use characters until the text is final. Moodle itself keeps
# \( and \) as written, but exports by other tools escape brackets, and learners then saw
# "\(miễn phí\)": they are read as the brackets they stand for.
_ESCAPES = {
    "\\\\": "\ue000",
    "\\~": "\ue001",
    "\\=": "\ue002",
    "\\#": "\ue003",
    "\\{": "\ue004",
    "\\}": "\ue005",
    "\\:": "\ue006",
    "\\(": "\ue007",
    "\\)": "\ue008",
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
    if fmt == "markdown":
        return text
    if fmt == "html":
        return html_to_markdown(text)
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


# ---------------------------------------------------------------------------- [html] → Markdown

_BREAK = "\ue010"  # a <br>, made "  \n" once spaces are tidied
_ITEM = "\ue011"  # the start of a list item, made "- " after line starts are escaped
_SKIPPED = {"script", "style", "head", "title"}
_BLOCKS = {"p", "div", "ul", "ol", "table", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"}


class _HtmlToMarkdown(HTMLParser):
    """Moodle's HTML (<p dir style>, <span style>, <b>, <i>, <br>, lists, links) → plain Markdown."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.links: list[str | None] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag in ("b", "strong"):
            self.out.append("**")
        elif tag in ("i", "em"):
            self.out.append("*")
        elif tag == "br":
            self.out.append(_BREAK)
        elif tag == "li":
            self.out.append("\n" + _ITEM)
        elif tag in _BLOCKS:
            self.out.append("\n\n")
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            self.links.append(href if href.startswith("https://") else None)
            self.out.append("[" if self.links[-1] else "")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(self.skipping - 1, 0)
        elif tag in ("b", "strong", "i", "em"):
            self._close("**" if tag in ("b", "strong") else "*")
        elif tag in _BLOCKS or tag == "li":
            self.out.append("\n\n" if tag in _BLOCKS else "")
        elif tag == "a" and self.links:
            href = self.links.pop()
            self.out.append(f"]({href})" if href else "")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            text = re.sub(r"\s+", " ", data.replace("\xa0", " "))
            self.out.append(_INLINE_SPECIAL.sub(r"\\\1", html.escape(text, quote=False)))

    def _close(self, marker: str) -> None:
        """Markdown needs the marker right after the text: move spaces after it, drop empty emphasis."""
        trailing = ""
        while self.out and self.out[-1].strip() == "" and self.out[-1] not in ("**", "*"):
            trailing = self.out.pop() + trailing
        if self.out and self.out[-1].endswith(" ") and self.out[-1] not in ("**", "*"):
            stripped = self.out[-1].rstrip(" ")
            trailing = " " * (len(self.out[-1]) - len(stripped)) + trailing
            self.out[-1] = stripped
        if self.out and self.out[-1] == marker:
            self.out.pop()  # <b></b>: nothing to make bold
        else:
            self.out.append(marker)
        self.out.append(trailing)


def html_to_markdown(text: str) -> str:
    """[html] text as Markdown: bold, italic, line breaks, lists and https links kept, the rest text."""
    parser = _HtmlToMarkdown()
    parser.feed(text)
    parser.close()
    raw = "".join(parser.out)
    paragraphs = []
    for block in re.split(r"\n\s*\n", raw):
        lines = [re.sub(r" {2,}", " ", line).strip() for line in block.split("\n")]
        lines = [line for line in lines if line and line != _BREAK]
        if lines:
            paragraphs.append("\n".join(_escape_line_start(line) for line in lines))
    markdown = "\n\n".join(paragraphs)
    markdown = re.sub(rf"\s*{_BREAK}\s*", "  \n", markdown).strip()
    return markdown.replace(_ITEM, "- ")


def _escape_line_start(line: str) -> str:
    if line.startswith(_ITEM):
        return _ITEM + _escape_line_start(line[len(_ITEM) :].lstrip())
    line = _LINE_START_SIGN.sub(r"\1\\\2", line)
    line = _LINE_START_EQUALS.sub(r"\1&#61;", line)
    return _LINE_START_NUMBER.sub(r"\1\\\2", line)
