"""Which question each submitted field belongs to: for questions left blank and the last one changed.

A question's fields are named after it: "q-<key>" itself, or "q-<key>-<part>" (a matching
pair, an ordering item, a typed answer, a blank). A field belongs to the question with the
longest such name, so a key that starts like another key is never mistaken for it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from mooc.quiz.base import QuestionView

Answers = Mapping[str, Sequence[str]]


def _owner(name: str, field_names: Sequence[str]) -> str | None:
    owners = [f for f in field_names if name == f or name.startswith(f + "-")]
    return max(owners, key=len) if owners else None


def by_question(views: Sequence[QuestionView], answers: Answers) -> dict[str, dict[str, list[str]]]:
    """field name of each question → its non-blank submitted values, field by field."""
    names = [v.field_name for v in views]
    grouped: dict[str, dict[str, list[str]]] = {name: {} for name in names}
    for name, values in answers.items():
        owner = _owner(name, names)
        kept = [v for v in values if v.strip()]
        if owner is not None and kept:
            grouped[owner][name] = kept
    return grouped


def unanswered(views: Sequence[QuestionView], answers: Answers) -> list[tuple[int, str]]:
    """(number on the page, field name) of each question with nothing chosen or typed."""
    grouped = by_question(views, answers)
    return [(n, v.field_name) for n, v in enumerate(views, start=1) if not grouped[v.field_name]]


def last_changed(views: Sequence[QuestionView], before: Answers | None, after: Answers) -> str | None:
    """The field name of the last question on the page whose answer differs; None if nothing changed."""
    old, new = by_question(views, before or {}), by_question(views, after)
    changed = [v.field_name for v in views if old[v.field_name] != new[v.field_name]]
    return changed[-1] if changed else None
