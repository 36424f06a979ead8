"""Short answer: the learner types a word or number; several spellings may be accepted."""

from __future__ import annotations

from fractions import Fraction

from mooc.domain.text import clean, match_key
from mooc.quiz.base import Form, Option, Question, QuestionBlock, QuestionView, Render, Score, field_name
from mooc.quiz.registry import register
from mooc.quiz.types import _choices

_YES = {"yes", "true", "có", "co"}
_NO = {"no", "false", "không", "khong"}
MAX_ANSWER_LENGTH = 200


@register
class ShortAnswer:
    kind = "short_answer"

    def parse(self, block: QuestionBlock, render: Render) -> Question:
        raw_flag = (block.setting("ignore_tones", "no") or "no").strip().casefold()
        if raw_flag not in _YES | _NO:
            raise block.error(f"ignore_tones is yes or no, not {raw_flag!r}")
        weights = []
        for option in block.options:
            weight = _choices.marker_weight(block, option.marker, option.line)
            if weight is not None and weight < 0:
                raise block.error("short_answer weights are between 0% and 100%", option.line)
            weights.append(Fraction(100) if weight is None else weight)
        if not any(w == 100 for w in weights):
            raise block.error("a short_answer question needs at least one accepted answer [x]")
        settings = {"ignore_tones": raw_flag in _YES}
        question = _choices.build_question(block, self.kind, render, weights, settings)
        _same_answers(block, weights, ignore_tones=settings["ignore_tones"])
        return question

    def render(self, question: Question, seed: int) -> QuestionView:
        return QuestionView(
            kind=self.kind,
            key=question.key,
            field_name=field_name(question),
            stem_html=question.stem_html,
            hint=question.hint,
        )

    def read_response(self, question: Question, form: Form) -> str:
        values = _choices.values(question, form)
        return clean(values[0] if values else "")[:MAX_ANSWER_LENGTH]

    def matching_option(self, question: Question, response: str) -> Option | None:
        """The authored answer (right or known wrong) that the typed text matches."""
        ignore = bool(question.settings.get("ignore_tones"))
        key = match_key(response or "", ignore_tones=ignore)
        if not key:
            return None
        return next((o for o in question.options if match_key(o.text, ignore_tones=ignore) == key), None)

    def grade(self, question: Question, response: str) -> Score:
        possible = Fraction(question.points)
        option = self.matching_option(question, response)
        share = option.fraction if option else Fraction(0)
        return Score(possible * share, possible)

    def feedback(self, question: Question, response: str) -> tuple[str, ...]:
        option = self.matching_option(question, response)
        return (option.feedback_html,) if option and option.feedback_html else ()

    def answer_html(self, question: Question) -> str:
        return "; ".join(o.html for o in question.options if o.fraction == 1)


def _same_answers(block: QuestionBlock, weights: list[Fraction], *, ignore_tones: bool) -> None:
    """Two answers a learner cannot tell apart: the second is never reached when grading.

    With the same mark that is harmless (a warning: one can go); with another mark the author
    meant something the grading cannot do (an error).
    """
    ignored = "hoa thường, dấu câu, dấu tiếng Việt" if ignore_tones else "hoa thường, dấu câu"
    first: dict[str, tuple[str, Fraction, int]] = {}
    for option, weight in zip(block.options, weights, strict=True):
        key = match_key(option.text, ignore_tones=ignore_tones)
        if key not in first:
            first[key] = (option.text, weight, option.line)
            continue
        text, mark, line = first[key]
        if weight != mark:
            raise block.error(
                f"answer {option.text!r} matches the one on line {line}, {text!r}, but gives another "
                "mark: keep one of them",
                option.line,
            )
        block.warn(
            f"đáp án {option.text!r} trùng với đáp án {text!r} (so sánh không phân biệt {ignored}): "
            "có thể bỏ một",
            option.line,
        )
