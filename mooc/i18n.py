"""Marking messages for translation outside the web layer.

Services and commands know nothing of the visitor's language. They raise
errors whose text is wrapped in `N_` (a no-op that only tells the extractor
"translate this"); the web layer shows them through `gettext`, so each
visitor reads them in their own language.
"""

from __future__ import annotations


def N_(message: str) -> str:
    return message
