"""A Question → the editor form's values (the inverse of builder_form), to edit a saved question.

`build_question(q.kind, question_form_data(q), render)` gives back a question with
the same content_hash. Parts a teacher does not edit but the question holds are
kept in hidden fields (true/false's words and order, a pin on a typed answer).
Weights are written as the exporter writes them (five decimals for a third).
"""

from __future__ import annotations

from fractions import Fraction

from mooc.quiz.base import Option, Question
from mooc.quiz.builder_fields import row_key
from mooc.quiz.builder_form import DEFAULT_LABELS, TRUE_LABELS
from mooc.quiz.export import weight_marker
from mooc.quiz.types.numerical import ANY_OTHER

ON = "on"  # what a browser sends for a ticked box


def question_form_data(question: Question) -> dict[str, str]:
    """Flat form values: the keys FIELDS[question.kind] describes (unticked boxes are left out)."""
    data = {
        "title": question.title,
        "text": question.stem_md,
        "explanation": question.explanation_md,
        "hint": question.hint,
        "points": str(question.points),
        "id": question.key,
    }
    kind = question.kind
    if kind == "true_false":
        data.update(_true_false(question))
    elif kind == "matching":
        for n, option in enumerate(question.options):
            data[row_key("pair", n, "left")] = option.text
            data[row_key("pair", n, "right")] = option.match
    elif kind == "ordering":
        for n, option in enumerate(question.options):
            data[row_key("item", n, "text")] = option.text
    elif kind == "numerical":
        data.update(_numerical(question))
    else:
        data.update(_choices(question))
        if question.settings.get("ignore_tones"):
            data["ignore_tones"] = ON
    return data


def _choices(question: Question) -> dict[str, str]:
    """[x] as a ticked box; a weight as its number. Multiple choice ticks every answer that earns,
    and writes no weight at all when the weights are what [x]/[ ] would give."""
    data: dict[str, str] = {}
    shorthand = question.kind == "multiple_choice" and _is_shorthand(question.options)
    first_right = next((o for o in question.options if o.fraction == 1), None)
    for n, option in enumerate(question.options):
        percent = option.fraction * 100
        if question.kind == "multiple_choice":
            ticked = percent > 0
            weight = "" if shorthand or percent == 0 else weight_marker(percent)
        else:  # one right answer ticked (short answer: every fully right one); others by weight
            ticked = percent == 100 and (question.kind == "short_answer" or option is first_right)
            weight = "" if ticked or percent == 0 else weight_marker(percent)
        _row(data, n, option, ticked, weight, text_role="text")
    return data


def _is_shorthand(options: tuple[Option, ...]) -> bool:
    """Weights that [x] and [ ] would give: each right answer 100/n, each wrong one -100/n."""
    right = [o for o in options if o.fraction > 0]
    if not right:
        return False
    share = Fraction(1, len(right))
    return all(o.fraction == (share if o in right else -share) for o in options)


def _numerical(question: Question) -> dict[str, str]:
    data: dict[str, str] = {}
    options = list(question.options)
    last = options[-1] if options else None
    if last is not None and last.text == ANY_OTHER and last.feedback_md and not last.pinned:
        data["other-feedback"] = last.feedback_md
        options.pop()
    for n, option in enumerate(options):
        percent = option.fraction * 100
        value, tolerance = _value_and_tolerance(option.text)
        data[row_key("option", n, "value")] = value
        if tolerance:
            data[row_key("option", n, "tolerance")] = tolerance
        weight = "" if percent in (0, 100) else weight_marker(percent)
        _row(data, n, option, percent == 100, weight, text_role=None)
    return data


def _value_and_tolerance(text: str) -> tuple[str, str]:
    """'3.14:0.01' → ('3.14', '0.01'), when the two boxes give back exactly that text."""
    value, sep, tolerance = text.partition(":")
    if sep and value and tolerance and value == value.strip() and tolerance == tolerance.strip():
        return value, tolerance
    return text, ""


def _row(
    data: dict[str, str], n: int, option: Option, ticked: bool, weight: str, text_role: str | None
) -> None:
    if text_role:
        data[row_key("option", n, text_role)] = option.text
    if ticked:
        data[row_key("option", n, "correct")] = ON
    if weight:
        data[row_key("option", n, "weight")] = weight
    if option.feedback_md:
        data[row_key("option", n, "feedback")] = option.feedback_md
    if option.pinned:
        data[row_key("option", n, "pinned")] = ON


def _true_false(question: Question) -> dict[str, str]:
    data: dict[str, str] = {}
    labels = "|".join(o.text for o in question.options)
    if labels != DEFAULT_LABELS:
        data["labels"] = labels
    for option in question.options:
        side = "true" if option.text.strip().casefold() in TRUE_LABELS else "false"
        if option.fraction == 1:
            data["correct"] = side
        if option.feedback_md:
            data[f"feedback-{side}"] = option.feedback_md
        if option.pinned:
            data[f"pinned-{side}"] = ON
    return data
