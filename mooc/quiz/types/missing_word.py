"""Missing word: a sentence with a blank ([___]); the learner picks the word that fits."""

from __future__ import annotations

import re
from dataclasses import replace

from mooc.quiz.base import Form, Question, QuestionBlock, QuestionView, Render, Score
from mooc.quiz.registry import register
from mooc.quiz.types import _choices
from mooc.quiz.types.single_choice import SingleChoice

BLANK = "[___]"


@register
class MissingWord:
    kind = "missing_word"

    def parse(self, block: QuestionBlock, render: Render) -> Question:
        if block.stem.count(BLANK) != 1:
            raise block.error(f"write the blank as {BLANK}, exactly once, in the sentence", block.stem_line)
        question = SingleChoice().parse(block, render)
        before = question.stem_html.split(BLANK, 1)[0]
        inside = any(len(re.findall(rf"<{t}[\s>]", before)) > before.count(f"</{t}>") for t in ("a", "code"))
        if question.stem_html.count(BLANK) != 1 or inside:  # the list to pick from cannot sit in a link
            raise block.error(f"keep {BLANK} in plain text (not inside a link or code)", block.stem_line)
        return replace(question, kind=self.kind)

    def render(self, question: Question, seed: int) -> QuestionView:
        view = _choices.choice_view(question, seed)
        before, after = question.stem_html.split(BLANK, 1)
        return replace(view, stem_html=before, stem_after_html=after)

    def read_response(self, question: Question, form: Form) -> list[str]:
        return _choices.one_id(question, form)

    def grade(self, question: Question, response: list[str]) -> Score:
        return SingleChoice().grade(question, response)

    def feedback(self, question: Question, response: list[str]) -> tuple[str, ...]:
        return _choices.chosen_feedback(question, response)

    def answer_html(self, question: Question) -> str:
        return _choices.right_options_html(question)
