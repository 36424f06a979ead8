"""The registry of question types: kind string → type object."""

from __future__ import annotations

from mooc.quiz.base import QuestionType

_TYPES: dict[str, QuestionType] = {}


def register(cls: type) -> type:
    """Class decorator: make a question type available under its `kind`."""
    if cls.kind in _TYPES:
        raise ValueError(f"question type {cls.kind!r} registered twice")
    _TYPES[cls.kind] = cls()
    return cls


def get(kind: str) -> QuestionType:
    _load()
    return _TYPES[kind]


def kinds() -> tuple[str, ...]:
    _load()
    return tuple(_TYPES)


def _load() -> None:
    import mooc.quiz.types  # noqa: F401  (importing registers every type)
