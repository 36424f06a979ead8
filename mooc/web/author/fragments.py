"""Server-rendered HTML as a tree of plain data, for scripts that must not parse markup.

editor.js refreshes the preview without ever turning a string into markup (no innerHTML: see
tests/web/test_xss.py): the server renders the same template as the no-script page, already
sanitized, and sends it as nested lists that the script rebuilds with createElement,
setAttribute and text nodes. A node is either a string (text) or [tag, {attribute: value}, children].
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

VOID = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "source", "track", "wbr"})


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root: list[Any] = []
        self.stack: list[list[Any]] = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = [tag, {name: value or "" for name, value in attrs}, []]
        self.stack[-1].append(node)
        if tag not in VOID:
            self.stack.append(node[2])

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID and len(self.stack) > 1:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].append(data)


def html_tree(markup: str) -> list[Any]:
    """The nodes of an HTML fragment (balanced, as our templates and the sanitizer write it)."""
    builder = _TreeBuilder()
    builder.feed(markup)
    builder.close()
    return builder.root
