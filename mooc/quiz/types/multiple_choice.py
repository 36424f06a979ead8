"""Multiple choice: tick any number of options; each carries a weight, total clamped to 0–100 %."""

from __future__ import annotations

from fractions import Fraction

from mooc.quiz.base import Form, Question, QuestionBlock, QuestionView, Render, Score
from mooc.quiz.registry import register
from mooc.quiz.types import _choices


@register
class MultipleChoice:
    kind = "multiple_choice"

    def parse(self, block: QuestionBlock, render: Render) -> Question:
        if len(block.options) < 2:
            raise block.error("a multiple_choice question needs at least two answers")
        raw = [_choices.marker_weight(block, o.marker, o.line) for o in block.options]
        has_x = any(w is None for w in raw)
        has_weights = any(w is not None and o.marker != " " for o, w in zip(block.options, raw, strict=True))
        if has_x and has_weights:
            raise block.error("use either [x]/[ ] or weights like [50%] in one question, not both")
        if has_weights:
            weights = [w if w is not None else Fraction(0) for w in raw]  # [ ] is 0% here
        else:
            right = sum(1 for w in raw if w is None)
            if right == 0:
                raise block.error("a multiple_choice question needs at least one [x] answer")
            share = Fraction(100, right)
            weights = [share if w is None else -share for w in raw]
        positive = sum(w for w in weights if w > 0)
        if positive != 100:
            total = _choices.weight_display(positive)
            raise block.error(f"the positive weights must add up to 100%, they add up to {total}%")
        return _choices.build_question(block, self.kind, render, weights)

    def render(self, question: Question, seed: int) -> QuestionView:
        return _choices.choice_view(question, seed)

    def read_response(self, question: Question, form: Form) -> list[str]:
        return _choices.known_ids(question, form)

    def grade(self, question: Question, response: list[str]) -> Score:
        possible = Fraction(question.points)
        chosen = {option_id for option_id in response or []}
        total = sum((o.fraction for o in question.options if o.id in chosen), Fraction(0))
        return Score(possible * min(max(total, Fraction(0)), Fraction(1)), possible)

    def feedback(self, question: Question, response: list[str]) -> tuple[str, ...]:
        return _choices.chosen_feedback(question, response)

    def answer_html(self, question: Question) -> str:
        return _choices.right_options_html(question)
