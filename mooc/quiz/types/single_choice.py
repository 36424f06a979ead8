"""Single choice: exactly one right option; the learner picks one."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from mooc.quiz.base import Question, QuestionBlock, QuestionView, Render, Score
from mooc.quiz.registry import register
from mooc.quiz.types import _choices


@register
class SingleChoice:
    kind = "single_choice"

    def parse(self, block: QuestionBlock, render: Render) -> Question:
        if len(block.options) < 2:
            raise block.error("a single_choice question needs at least two answers")
        weights = []
        for option in block.options:
            weight = _choices.marker_weight(block, option.marker, option.line)
            if weight is not None and weight != 0:
                raise block.error("single_choice answers are [x] or [ ]", option.line)
            weights.append(Fraction(100) if weight is None else weight)
        right = [o.line for o, w in zip(block.options, weights, strict=True) if w == 100]
        if len(right) != 1:
            # Point at the second [x] when there are too many; at the question when there is none.
            line = right[1] if len(right) > 1 else None
            raise block.error(
                f"a single_choice question needs exactly one [x] answer, found {len(right)}", line
            )
        return _choices.build_question(block, self.kind, render, weights)

    def render(self, question: Question, seed: int) -> QuestionView:
        return _choices.choice_view(question, seed)

    def read_response(self, question: Question, values: Sequence[str]) -> list[str]:
        return _choices.one_id(question, values)

    def grade(self, question: Question, response: list[str]) -> Score:
        possible = Fraction(question.points)
        if len(response or []) != 1:
            return Score(Fraction(0), possible)
        option = question.option(response[0])
        share = option.fraction if option else Fraction(0)
        return Score(possible * min(max(share, Fraction(0)), Fraction(1)), possible)

    def feedback(self, question: Question, response: list[str]) -> tuple[str, ...]:
        return _choices.chosen_feedback(question, response)
