"""True/false: the two options Đúng and Sai (or True and False), one of them right."""

from __future__ import annotations

from fractions import Fraction

from mooc.quiz.base import Form, Question, QuestionBlock, QuestionView, Render, Score
from mooc.quiz.registry import register
from mooc.quiz.types import _choices
from mooc.quiz.types.single_choice import SingleChoice

_LABELS = ({"đúng", "true"}, {"sai", "false"})


@register
class TrueFalse:
    kind = "true_false"

    def parse(self, block: QuestionBlock, render: Render) -> Question:
        labels = [o.text.strip().casefold() for o in block.options]
        if len(labels) != 2 or not (
            (labels[0] in _LABELS[0] and labels[1] in _LABELS[1])
            or (labels[0] in _LABELS[1] and labels[1] in _LABELS[0])
        ):
            raise block.error("a true_false question has exactly two answers: Đúng and Sai")
        weights = []
        for option in block.options:
            weight = _choices.marker_weight(block, option.marker, option.line)
            if weight is not None and weight != 0:
                raise block.error("true_false answers are [x] or [ ]", option.line)
            weights.append(Fraction(100) if weight is None else weight)
        if sorted(weights) != [0, 100]:
            raise block.error("mark exactly one of Đúng / Sai with [x]")
        return _choices.build_question(block, self.kind, render, weights)

    def render(self, question: Question, seed: int) -> QuestionView:
        return _choices.choice_view(question, seed, shuffle=False)  # Đúng/Sai keep their place

    def read_response(self, question: Question, form: Form) -> list[str]:
        return _choices.one_id(question, form)

    def grade(self, question: Question, response: list[str]) -> Score:
        return SingleChoice().grade(question, response)

    def feedback(self, question: Question, response: list[str]) -> tuple[str, ...]:
        return _choices.chosen_feedback(question, response)

    def answer_html(self, question: Question) -> str:
        return _choices.right_options_html(question)
