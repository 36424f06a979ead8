"""Matching: pair each item on the left with one answer on the right (extra answers may be decoys)."""

from __future__ import annotations

import html
from fractions import Fraction

from mooc.quiz.base import (
    ChoiceView,
    Form,
    Option,
    Question,
    QuestionBlock,
    QuestionView,
    Render,
    Score,
    field_name,
    option_id,
    shuffled,
)
from mooc.quiz.registry import register
from mooc.quiz.types._choices import _inline, block_key, points

ARROW = "->"


def right_id(text: str) -> str:
    return option_id("=>" + text.strip())


@register
class Matching:
    kind = "matching"

    def parse(self, block: QuestionBlock, render: Render) -> Question:
        options, lefts = [], set()
        for option in block.options:
            if option.feedback:
                raise block.error(
                    "items here have no feedback of their own: put it in the explanation", option.line
                )
            if ARROW not in option.text:
                raise block.error(f"write each pair as 'item {ARROW} answer'", option.line)
            left, right = (part.strip() for part in option.text.split(ARROW, 1))
            if not right:
                raise block.error(f"nothing after '{ARROW}'", option.line)
            if left and option.marker.lower() != "x":
                raise block.error(
                    "a pair is marked [x]; only a decoy answer ('-> answer') is [ ]", option.line
                )
            if not left and option.marker != " ":
                raise block.error("a decoy answer with no item is marked [ ]", option.line)
            if left in lefts:
                raise block.error(f"the item {left!r} appears twice", option.line)
            if left:
                lefts.add(left)
            options.append(
                Option(
                    id=option_id(left) if left else right_id("decoy:" + right),
                    text=left,
                    html=_inline(render(left)) if left else "",
                    weight="100" if left else "0",
                    match=right,
                )
            )
        if len(lefts) < 2:
            raise block.error("a matching question needs at least two pairs")
        if not block.stem.strip():
            raise block.error("the question has no text")
        return Question(
            kind=self.kind,
            key=block_key(block),
            title=block.title,
            points=points(block),
            stem_md=block.stem,
            stem_html=render(block.stem),
            options=tuple(options),
            explanation_html=render(block.explanation) if block.explanation else "",
            explanation_md=block.explanation,
            hint=block.setting("hint", "") or "",
            line=block.line,
        )

    def pairs(self, question: Question) -> list[Option]:
        return [o for o in question.options if o.text]

    def render(self, question: Question, seed: int) -> QuestionView:
        rights = sorted({o.match for o in question.options})
        return QuestionView(
            kind=self.kind,
            key=question.key,
            field_name=field_name(question),
            stem_html=question.stem_html,
            hint=question.hint,
            prompts=tuple(
                ChoiceView(o.id, o.html) for o in shuffled(self.pairs(question), seed, question.key)
            ),
            choices=tuple(
                ChoiceView(right_id(r), html.escape(r))
                for r in shuffled(rights, seed, question.key + ":right")
            ),
        )

    def read_response(self, question: Question, form: Form) -> dict[str, str]:
        valid = {right_id(o.match) for o in question.options}
        response = {}
        for option in self.pairs(question):
            picked = list(form.get(f"{field_name(question)}-{option.id}", ()))
            if len(picked) == 1 and picked[0] in valid:
                response[option.id] = picked[0]
        return response

    def grade(self, question: Question, response: dict[str, str]) -> Score:
        pairs = self.pairs(question)
        right = sum(1 for o in pairs if (response or {}).get(o.id) == right_id(o.match))
        return Score(Fraction(question.points) * Fraction(right, len(pairs)), Fraction(question.points))

    def feedback(self, question: Question, response: dict[str, str]) -> tuple[str, ...]:
        return ()

    def answer_html(self, question: Question) -> str:
        return "; ".join(f"{o.html} → {html.escape(o.match)}" for o in self.pairs(question))
