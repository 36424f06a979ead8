"""Redirect targets that stay on this site."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit


def is_safe_next(target: str | None) -> bool:
    """A path on this site: "/path?x", never "//host", "/\\host", "https://host" or "javascript:"."""
    if not target or not target.startswith("/") or len(target) > 2000:
        return False
    decoded = unquote(target)  # "/%5C…" and "/%2F…" must not slip through encoded
    if decoded.startswith(("//", "/\\")) or "\\" in decoded:
        return False
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in target):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc
