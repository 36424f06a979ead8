"""Single choice: one right option ([x]), others wrong or partly right ([50%]); the learner picks one."""

from __future__ import annotations

from fractions import Fraction

from mooc.quiz.base import Form, Question, QuestionBlock, QuestionView, Render, Score
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
            weights.append(Fraction(100) if weight is None else weight)  # [50%]: partial credit
        marked = [o.line for o in block.options if o.marker.lower() == "x"]
        right = [w for w in weights if w == 100]
        if len(marked) > 1 or not right:
            # Point at the second [x] when there are too many; at the question when there is none.
            line = marked[1] if len(marked) > 1 else None
            raise block.error(
                f"a single_choice question needs exactly one [x] answer, found {len(marked)}", line
            )
        return _choices.build_question(block, self.kind, render, weights)

    def render(self, question: Question, seed: int) -> QuestionView:
        return _choices.choice_view(question, seed)

    def read_response(self, question: Question, form: Form) -> list[str]:
        return _choices.one_id(question, form)

    def grade(self, question: Question, response: list[str]) -> Score:
        possible = Fraction(question.points)
        if len(response or []) != 1:
            return Score(Fraction(0), possible)
        option = question.option(response[0])
        share = option.fraction if option else Fraction(0)
        return Score(possible * min(max(share, Fraction(0)), Fraction(1)), possible)

    def feedback(self, question: Question, response: list[str]) -> tuple[str, ...]:
        return _choices.chosen_feedback(question, response)

    def answer_html(self, question: Question) -> str:
        return _choices.right_options_html(question)
