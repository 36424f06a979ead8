"""One question as the Markdown block a quiz file holds, written by the exporter (one writer for all)."""

from __future__ import annotations

from collections.abc import Collection

from mooc.quiz.base import Question
from mooc.quiz.export import to_markdown


def question_markdown(question: Question) -> str:
    """The question's block, from its '## ' heading to its last line, ending in one newline."""
    whole = to_markdown("", "", [question])
    # to_markdown writes an empty front matter ('---', '', '---') and a blank line before the block.
    _open, _empty, rest = whole.split("---\n", 2)
    return rest.lstrip("\n")


def free_key(key: str, taken: Collection[str]) -> str:
    """`key` with the first of "-2", "-3"… that no question in `taken` has."""
    number = 2
    while f"{key}-{number}" in taken:
        number += 1
    return f"{key}-{number}"
