"""What a question is, and the contract every question type fulfils.

How to add a question type:

1. Create ``mooc/quiz/types/<kind>.py`` with one class whose ``kind`` is the
   word authors write after ``type:`` in a quiz file.
2. Implement six methods, all pure (no Flask, no database):
   ``parse(block, render)`` checks an authored block and returns a ``Question``
   (raise ``QuizFormatError`` with the block's file and line);
   ``render(question, seed)`` returns a ``QuestionView`` for the template, with
   no answer key in it; ``read_response(question, values)`` turns the submitted
   form values into a JSON-ready response; ``grade(question, response)``
   returns a ``Score``.
   A type may also call ``block.warn(message, line)`` while parsing, for what
   an author should look at but that does not stop the question, and may
   define ``is_answered(question, response)`` when a non-blank response can
   still be no answer (a number typed in words); see ``scoring.is_answered``.
3. Decorate the class with ``@register`` and import the module in
   ``mooc/quiz/types/__init__.py``.
4. Add ``mooc/templates/quiz/types/<kind>.html`` and an example block to
   ``EXAMPLES`` in ``tests/unit/quiz/test_contract.py``: the contract test
   then checks the new type like every other.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from fractions import Fraction
from typing import Any, ClassVar, Protocol

Render = Callable[[str], str]
"""Markdown → sanitized HTML; injected so the engine does not depend on the pipeline."""


class QuizFormatError(Exception):
    """A mistake in an authored quiz, located at a file and line."""

    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = path, line, message


@dataclass(frozen=True)
class Score:
    earned: Fraction
    possible: Fraction

    @property
    def is_full(self) -> bool:
        return self.possible > 0 and self.earned >= self.possible


@dataclass(frozen=True)
class Option:
    """One answer an author wrote. `weight` is percent of the question's points."""

    id: str
    text: str
    html: str
    weight: str
    feedback_html: str = ""
    feedback_md: str = ""
    match: str = ""  # matching: the right-hand side this option pairs with
    pinned: bool = False  # keeps its place when options are shuffled ("Tất cả các ý trên")

    @property
    def fraction(self) -> Fraction:
        return Fraction(self.weight) / 100


@dataclass(frozen=True)
class Question:
    """An authored question, immutable; stored as JSON per version."""

    kind: str
    key: str
    title: str
    points: int
    stem_md: str
    stem_html: str
    options: tuple[Option, ...]
    explanation_html: str = ""
    hint: str = ""
    settings: dict[str, Any] = field(default_factory=dict)
    line: int = 0
    explanation_md: str = ""

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["options"] = [asdict(o) for o in self.options]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Question:
        values = dict(data)
        values["options"] = tuple(Option(**o) for o in values.get("options", ()))
        return cls(**values)

    def content_hash(self) -> str:
        """Hash of what the learner sees and how it is graded (not the source line)."""
        data = self.to_dict()
        data.pop("line", None)
        return hashlib.sha256(repr(sorted(data.items())).encode()).hexdigest()

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)


@dataclass(frozen=True)
class OptionBlock:
    marker: str
    text: str
    feedback: str
    line: int
    pinned: bool = False


@dataclass(frozen=True)
class QuestionBlock:
    """A question as written in a quiz file, split into its parts, before any type rules."""

    path: str
    line: int
    title: str
    settings: dict[str, tuple[str, int]]
    stem: str
    stem_line: int
    options: tuple[OptionBlock, ...]
    explanation: str
    # What a type noticed that does not stop the question (the parser passes it on as warnings).
    warnings: list[QuizFormatError] = field(default_factory=list, compare=False)

    def error(self, message: str, line: int | None = None) -> QuizFormatError:
        return QuizFormatError(self.path, line or self.line, message)

    def warn(self, message: str, line: int | None = None) -> None:
        self.warnings.append(QuizFormatError(self.path, line or self.line, message))

    def setting(self, name: str, default: str | None = None) -> str | None:
        value = self.settings.get(name)
        return value[0] if value else default


@dataclass(frozen=True)
class ChoiceView:
    id: str
    html: str


@dataclass(frozen=True)
class QuestionView:
    """What a template needs to show a question: never the answer key."""

    kind: str
    key: str
    field_name: str
    stem_html: str
    hint: str
    choices: tuple[ChoiceView, ...] = ()
    prompts: tuple[ChoiceView, ...] = ()  # matching: the left-hand items; ordering: the items
    stem_after_html: str = ""  # missing word: the sentence after the blank


class QuestionType(Protocol):
    kind: ClassVar[str]

    def parse(self, block: QuestionBlock, render: Render) -> Question: ...
    def render(self, question: Question, seed: int | None) -> QuestionView: ...
    def read_response(self, question: Question, form: Form) -> Any: ...
    def grade(self, question: Question, response: Any) -> Score: ...
    def feedback(self, question: Question, response: Any) -> tuple[str, ...]: ...
    def answer_html(self, question: Question) -> str: ...


Form = Mapping[str, Sequence[str]]
"""Submitted form values, each name with its list of values (as Werkzeug's MultiDict gives)."""


def option_id(text: str) -> str:
    """Stable id of an option, from its text: grading never depends on position."""
    return hashlib.sha256(text.strip().encode()).hexdigest()[:10]


def field_name(question: Question) -> str:
    return f"q-{question.key}"


def shuffled(items: Sequence[Any], seed: int | None, salt: str) -> list[Any]:
    """Same order for the same attempt seed and question, in every process; no seed, no shuffle."""
    order = list(items)
    if seed is not None:
        random.Random(f"{seed}:{salt}").shuffle(order)
    return order


def shuffled_options(options: Sequence[Option], seed: int | None, salt: str) -> list[Option]:
    """Shuffle the options, leaving pinned ones where the author put them."""
    free = shuffled([o for o in options if not o.pinned], seed, salt)
    return [o if o.pinned else free.pop(0) for o in options]
