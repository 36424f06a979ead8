"""Numerical: a number within a tolerance (3.14:0.01) or a range (1..5); a decimal comma is fine."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from mooc.domain.text import clean
from mooc.quiz.base import Form, Option, Question, QuestionBlock, QuestionView, Render, Score, field_name
from mooc.quiz.registry import register
from mooc.quiz.types import _choices

_NUMBER = r"-?\d+(?:\.\d+)?"
_SPEC = re.compile(
    rf"^(?:(?P<low>{_NUMBER})\.\.(?P<high>{_NUMBER})|(?P<value>{_NUMBER})(?::(?P<tol>{_NUMBER}))?)$"
)
_GROUPED = {",": re.compile(r"^-?\d{1,3}(,\d{3})+$"), ".": re.compile(r"^-?\d{1,3}(\.\d{3})+$")}
_TYPED = re.compile(r"^[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)$")
ANY_OTHER = "*"


def interval(spec: str) -> tuple[Fraction, Fraction] | None:
    """ "3.14:0.01" → (3.13, 3.15); "1..5" → (1, 5); "42" → (42, 42); None if it is not a number spec."""
    match = _SPEC.match(spec.replace(" ", ""))
    if not match:
        return None
    if match["low"] is not None:
        return Fraction(Decimal(match["low"])), Fraction(Decimal(match["high"]))
    value = Fraction(Decimal(match["value"]))
    tolerance = Fraction(Decimal(match["tol"])) if match["tol"] else Fraction(0)
    return value - tolerance, value + tolerance


def readings(typed: str) -> set[Fraction]:
    """Every number a learner may have meant: "3,14" and "3.14"; "1.500" is 1500 or 1.5."""
    text = re.sub(r"[\s\u00a0']", "", typed)
    if not text:
        return set()
    if "," in text and "." in text:  # the separator that comes last is the decimal one
        decimal, grouping = (",", ".") if text.rfind(",") > text.rfind(".") else (".", ",")
        candidates = [text.replace(grouping, "").replace(decimal, ".")]
    else:
        sep = "," if "," in text else "." if "." in text else None
        candidates = [text.replace(",", ".")]
        if sep and _GROUPED[sep].match(text):
            candidates.append(text.replace(sep, ""))
    numbers = set()
    for candidate in candidates:
        if not _TYPED.match(candidate):
            continue  # "1e999999999" or "inf" are not what a learner means (and would hang or crash)
        try:
            numbers.add(Fraction(Decimal(candidate)))
        except (InvalidOperation, ValueError):
            continue
    return numbers


def show(value: Fraction) -> str:
    """A number the Vietnamese way: decimal comma."""
    text = str(value.numerator) if value.denominator == 1 else f"{float(value):.6g}"
    return text.replace(".", ",")


@register
class Numerical:
    kind = "numerical"

    def parse(self, block: QuestionBlock, render: Render) -> Question:
        weights = []
        for option in block.options:
            weight = _choices.marker_weight(block, option.marker, option.line)
            weight = Fraction(100) if weight is None else weight
            if option.text.strip() == ANY_OTHER:
                if weight != 0:
                    raise block.error(
                        "'*' (any other answer) only carries feedback: mark it [ ]", option.line
                    )
            else:
                bounds = interval(option.text)
                if bounds is None:
                    raise block.error(
                        f"{option.text!r} is not a number: write 3.14, 3.14:0.01 or 1..5 (decimal point)",
                        option.line,
                    )
                if ":" in option.text and Fraction(Decimal(option.text.split(":")[1])) < 0:
                    raise block.error("a tolerance cannot be negative", option.line)
                if bounds[0] > bounds[1]:
                    raise block.error("a range goes from the smaller number to the larger", option.line)
            if weight < 0:
                raise block.error("numerical weights are between 0% and 100%", option.line)
            weights.append(weight)
        if not any(w == 100 for w in weights):
            raise block.error("a numerical question needs at least one accepted answer [x]")
        return _choices.build_question(block, self.kind, render, weights)

    def render(self, question: Question, seed: int) -> QuestionView:
        return QuestionView(self.kind, question.key, field_name(question), question.stem_html, question.hint)

    def read_response(self, question: Question, form: Form) -> str:
        submitted = _choices.values(question, form)
        return clean(submitted[0] if submitted else "")[:50]

    def matching_option(self, question: Question, response: str) -> Option | None:
        numbers = readings(response or "")
        best = None
        for option in question.options:
            bounds = interval(option.text) if option.text != ANY_OTHER else None
            fits = bool(bounds) and any(bounds[0] <= n <= bounds[1] for n in numbers)  # type: ignore[index]
            if fits and (best is None or option.fraction > best.fraction):
                best = option
        if best is None and response:
            return next((o for o in question.options if o.text == ANY_OTHER), None)
        return best

    def is_answered(self, question: Question, response: str) -> bool:
        """Text with no digit ("mười hai") is no number: it counts as left blank (and scores zero)."""
        return any(ch.isdigit() for ch in response or "")

    def grade(self, question: Question, response: str) -> Score:
        option = self.matching_option(question, response)
        share = option.fraction if option else Fraction(0)
        return Score(Fraction(question.points) * share, Fraction(question.points))

    def feedback(self, question: Question, response: str) -> tuple[str, ...]:
        option = self.matching_option(question, response)
        return (option.feedback_html,) if option and option.feedback_html else ()

    def answer_html(self, question: Question) -> str:
        shown = []
        for option in question.options:
            if option.fraction == 1:
                low, high = interval(option.text)  # type: ignore[misc]
                shown.append(show(low) if low == high else f"{show(low)} – {show(high)}")
        return "; ".join(shown)
