"""Ordering: put the items in the right order; each item in its right place earns its share."""

from __future__ import annotations

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


@register
class Ordering:
    kind = "ordering"

    def parse(self, block: QuestionBlock, render: Render) -> Question:
        placed: dict[int, Option] = {}
        for option in block.options:
            if option.feedback:
                raise block.error(
                    "items here have no feedback of their own: put it in the explanation", option.line
                )
            if not option.marker.isdigit() or int(option.marker) < 1:
                raise block.error("mark each item with its place: [1], [2], [3] …", option.line)
            place = int(option.marker)
            if place in placed:
                raise block.error(f"two items are marked [{place}]", option.line)
            placed[place] = Option(
                id=option_id(option.text), text=option.text, html=_inline(render(option.text)), weight="100"
            )
        if len(placed) < 2:
            raise block.error("an ordering question needs at least two items")
        if sorted(placed) != list(range(1, len(placed) + 1)):
            raise block.error(f"number the items 1 to {len(placed)} with no gap")
        if len({o.id for o in placed.values()}) != len(placed):
            raise block.error("the same item appears twice")
        if not block.stem.strip():
            raise block.error("the question has no text")
        return Question(
            kind=self.kind,
            key=block_key(block),
            title=block.title,
            points=points(block),
            stem_md=block.stem,
            stem_html=render(block.stem),
            options=tuple(placed[i] for i in sorted(placed)),
            explanation_html=render(block.explanation) if block.explanation else "",
            explanation_md=block.explanation,
            hint=block.setting("hint", "") or "",
            line=block.line,
        )

    def render(self, question: Question, seed: int) -> QuestionView:
        items = shuffled(question.options, seed, question.key)
        return QuestionView(
            kind=self.kind,
            key=question.key,
            field_name=field_name(question),
            stem_html=question.stem_html,
            hint=question.hint,
            prompts=tuple(ChoiceView(o.id, o.html) for o in items),
            choices=tuple(ChoiceView(str(i), str(i)) for i in range(1, len(items) + 1)),
        )

    def read_response(self, question: Question, form: Form) -> dict[str, int]:
        size = len(question.options)
        response = {}
        for option in question.options:
            picked = list(form.get(f"{field_name(question)}-{option.id}", ()))
            if len(picked) == 1 and picked[0].isdigit() and 1 <= int(picked[0]) <= size:
                response[option.id] = int(picked[0])
        return response

    def grade(self, question: Question, response: dict[str, int]) -> Score:
        placed = sum(1 for place, o in enumerate(question.options, 1) if (response or {}).get(o.id) == place)
        share = Fraction(placed, len(question.options))
        return Score(Fraction(question.points) * share, Fraction(question.points))

    def feedback(self, question: Question, response: dict[str, int]) -> tuple[str, ...]:
        return ()

    def answer_html(self, question: Question) -> str:
        return " → ".join(o.html for o in question.options)
