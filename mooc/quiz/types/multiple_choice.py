"""Multiple choice: tick any number of options; each carries a weight, total clamped to 0–100 %."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from fractions import Fraction

from mooc.quiz.base import Form, Question, QuestionBlock, QuestionView, Render, Score
from mooc.quiz.registry import register
from mooc.quiz.types import _choices

# The page says "Chọn tất cả các ý đúng." under every such question (quiz/types/multiple_choice.html),
# so the same sentence at the end of the question text is left out of the view, not shown twice.
_SELECT_ALL = re.compile(
    r"(?P<before><p>|[.?!:…]|<br\s*/?>)(?P<gap>\s*)"
    r"\(?\s*(?:hãy\s+)?chọn\s+(?:tất\s+cả\s+(?:các\s+|những\s+)?|mọi\s+|các\s+)"
    r"(?:ý|đáp\s+án|phương\s+án|câu\s+trả\s+lời)\s+đúng\s*[.!]?\s*\)?\s*(?P<end></p>)?\s*$",
    re.IGNORECASE,
)


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
        question = _choices.build_question(block, self.kind, render, weights)
        if all(w >= 0 for w in weights):
            block.warn(
                "every wrong answer weighs 0%: ticking every box earns full marks; "
                "give wrong answers a negative weight such as [-50%] (~%-50% in GIFT)"
            )
        return question

    def render(self, question: Question, seed: int) -> QuestionView:
        view = _choices.choice_view(question, seed)
        return dataclasses.replace(view, stem_html=without_select_all(view.stem_html))

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


def without_select_all(stem_html: str) -> str:
    """The question text without a closing "Chọn tất cả các ý đúng." (the page adds it once)."""
    text = unicodedata.normalize("NFC", stem_html)
    match = _SELECT_ALL.search(text)
    if match is None:
        return stem_html
    if match["before"] == "<p>":  # the sentence was a paragraph of its own: drop the paragraph
        kept = text[: match.start()].rstrip()
    else:
        before_br = match["before"].startswith("<br")
        kept = (text[: match.start()] if before_br else text[: match.start("gap")]).rstrip()
        kept += "</p>" if match["end"] else ""
    return kept if re.sub(r"<[^>]*>", "", kept).strip() else stem_html  # never an empty question
