"""Markdown → safe HTML. The only place that configures Python-Markdown and bleach.

Run once per lesson at import (never per request). Relative links to lesson
files and images are rewritten through resolvers supplied by the caller.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from xml.etree.ElementTree import Element

import bleach
import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

Resolver = Callable[[str], str | None]

ALLOWED_TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "code",
        "dd",
        "del",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "s",
        "small",
        "strong",
        "sub",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    }
)
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto", "tel"})
_FOOTNOTE_ID = re.compile(r"^fn(ref)?:\d+(-\d+)?$")
_INERT_BLOCKS = re.compile(r"<(script|style|template)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def _allowed_attribute(tag: str, name: str, value: str) -> bool:
    if name == "id":
        return bool(_FOOTNOTE_ID.match(value))
    if name == "class":
        return (tag == "code" and value.startswith("language-")) or value in {
            "footnote",
            "footnote-ref",
            "footnote-backref",
        }
    allowed = {
        "a": {"href", "title", "rel"},
        "abbr": {"title"},
        "img": {"src", "alt", "title", "width", "height", "loading", "decoding"},
        "td": {"align", "colspan", "rowspan"},
        "th": {"align", "colspan", "rowspan", "scope"},
        "ol": {"start"},
    }
    return name in allowed.get(tag, set())


def is_relative(url: str) -> bool:
    """A path inside the content tree (not a full address, an anchor or a site path)."""
    url = html.unescape(url).strip()  # "javascript&#58;x" is a scheme, not a file name
    return bool(url) and not _SCHEME.match(url) and not url.startswith(("#", "/", "\\"))


class _Rewriter(Treeprocessor):
    def __init__(self, md: markdown.Markdown, link: Resolver | None, image: Resolver | None):
        super().__init__(md)
        self.link, self.image = link, image

    def run(self, root: Element) -> None:
        for element in root.iter():
            if element.tag == "a":
                href = element.get("href", "")
                if is_relative(href) and self.link:
                    element.set("href", self.link(href) or href)
                elif href.startswith(("http://", "https://")):
                    element.set("rel", "noopener noreferrer")
            elif element.tag == "img":
                src = element.get("src", "")
                if is_relative(src) and self.image:
                    element.set("src", self.image(src) or src)
                element.set("loading", "lazy")
                element.set("decoding", "async")


class _RewriteExtension(Extension):
    def __init__(self, link: Resolver | None, image: Resolver | None):
        super().__init__()
        self.link, self.image = link, image

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_Rewriter(md, self.link, self.image), "mooc_rewrite", 5)


def render_markdown(
    text: str, *, resolve_link: Resolver | None = None, resolve_image: Resolver | None = None
) -> str:
    """Render authored Markdown to HTML that is safe to show as is."""
    md = markdown.Markdown(
        extensions=[
            "tables",
            "fenced_code",
            "sane_lists",
            "footnotes",
            "def_list",
            _RewriteExtension(resolve_link, resolve_image),
        ],
        extension_configs={
            "tables": {"use_align_attribute": True},
            "footnotes": {"BACKLINK_TITLE": "Quay lại chỗ đọc (chú thích %d)"},
        },
        output_format="html",
    )
    return sanitize(md.convert(text))


def sanitize(markup: str) -> str:
    """bleach with our allow-list; scripts, handlers, styles and unsafe links are removed."""
    # bleach would keep a script's text as visible words; drop such blocks whole first.
    return bleach.clean(
        _INERT_BLOCKS.sub("", markup),
        tags=ALLOWED_TAGS,
        attributes=_allowed_attribute,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
    )
