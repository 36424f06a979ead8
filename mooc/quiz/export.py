"""Questions → our Markdown quiz format or GIFT, saying exactly what a format cannot hold."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

from mooc.quiz.base import Option, Question
from mooc.quiz.types.missing_word import BLANK

_GIFT_SPECIAL = "\\~=#{}:"


def weight_marker(value: Fraction) -> str:
    """Exact enough for any weight an author writes: 50, -33.33333."""
    if value.denominator == 1:
        return str(value.numerator)
    return format(Decimal(value.numerator) / Decimal(value.denominator), ".5f").rstrip("0").rstrip(".")


# ---------------------------------------------------------------------------- Markdown


def to_markdown(front_matter: str, intro: str, questions: Sequence[Question]) -> str:
    """A whole quiz file in our format; `front_matter` is the YAML between the '---' lines."""
    parts = [f"---\n{front_matter.strip()}\n---\n"]
    if intro.strip():
        parts.append(intro.strip() + "\n")
    parts.extend(_markdown_block(q) for q in questions)
    return "\n".join(parts)


def _markdown_block(question: Question) -> str:
    lines = [f"## {question.title or question.key}", f"type: {question.kind}", f"id: {question.key}"]
    if question.points != 1:
        lines.append(f"points: {question.points}")
    if question.settings.get("ignore_tones"):
        lines.append("ignore_tones: yes")
    if question.hint:
        lines.append(f"hint: {question.hint}")
    lines += ["", question.stem_md.strip(), ""]
    for position, option in enumerate(question.options, start=1):
        lines.append(f"- [{_md_marker(question, option, position)}] {_md_text(question, option)}")
        lines += [f"  > {line}".rstrip() for line in option.feedback_md.splitlines()]
    if question.explanation_md:
        lines.append("")
        lines += [f"> {line}".rstrip() for line in question.explanation_md.splitlines()]
    return "\n".join(lines) + "\n"


def _md_marker(question: Question, option: Option, position: int) -> str:
    if question.kind == "ordering":
        return str(position)
    if question.kind == "matching":
        return "x" if option.text else " "
    weight = option.fraction * 100
    if question.kind == "multiple_choice":
        return " " if weight == 0 else f"{weight_marker(weight)}%"
    if weight == 100 and not (
        question.kind in ("single_choice", "missing_word") and _is_second_right(question, option)
    ):
        return "x"
    return " " if weight == 0 else f"{weight_marker(weight)}%"


def _is_second_right(question: Question, option: Option) -> bool:
    first = next(o for o in question.options if o.fraction == 1)
    return option is not first


def _md_text(question: Question, option: Option) -> str:
    text = f"{option.text} -> {option.match}".strip() if question.kind == "matching" else option.text
    return text + (" {pin}" if option.pinned else "")


# ---------------------------------------------------------------------------- GIFT


def to_gift(questions: Sequence[Question]) -> tuple[str, list[str]]:
    """GIFT text and the list of what it could not carry (each a sentence for the author)."""
    blocks, losses = [], []
    for question in questions:
        block, lost = _gift_block(question)
        losses += [f"{question.key}: {item}" for item in lost]
        if block:
            blocks.append(block)
    return "\n\n".join(blocks) + "\n", losses


def _escape(text: str) -> str:
    text = "".join("\\" + ch if ch in _GIFT_SPECIAL else ch for ch in text)
    return text.replace("\r", "").replace("\n", "\\n")


def _gift_block(question: Question) -> tuple[str, list[str]]:
    lost = []
    if question.kind == "ordering":
        return "", ["GIFT has no ordering questions: left out"]
    if question.hint:
        lost.append("the hint (GIFT has none)")
    if question.points != 1:
        lost.append(f"points: {question.points} (GIFT questions weigh 1)")
    if question.settings.get("ignore_tones"):
        lost.append("ignore_tones (accept the tone-less spellings as extra answers instead)")
    if any(o.pinned for o in question.options):
        lost.append("{pin} on an option (GIFT cannot keep an option in place)")
    stem, after = question.stem_md, ""
    if question.kind == "missing_word":
        stem, after = question.stem_md.split(BLANK, 1)
    answers = _gift_answers(question)
    if question.explanation_md:
        answers += f"\n  ####{_escape(question.explanation_md)}"
    name = _escape(question.title or question.key)
    head = f"// [id:{question.key}]\n::{name}::[markdown]{_escape(stem.strip())}"
    tail = f" {_escape(after.strip())}" if after.strip() else ""
    return f"{head} {{\n{answers}\n}}{tail}", lost


def _feedback(option: Option) -> str:
    return f" #{_escape(option.feedback_md)}" if option.feedback_md else ""


def _gift_answers(question: Question) -> str:
    kind, options = question.kind, question.options
    if kind == "true_false":
        right = next(o for o in options if o.fraction == 1)
        wrong = next(o for o in options if o is not right)
        value = "TRUE" if right.text.casefold() in ("đúng", "true") else "FALSE"
        feedback = (
            f"#{_escape(wrong.feedback_md)}#{_escape(right.feedback_md)}"
            if (wrong.feedback_md or right.feedback_md)
            else ""
        )
        return f"  {value}{feedback}"
    if kind == "matching":
        return "\n".join(f"  ={_escape(o.text)} -> {_escape(o.match)}" for o in options)
    if kind == "numerical":
        lines = []
        for o in options:
            if o.text == "*":
                lines.append(f"  ~{_feedback(o).strip() or '#'}")
            else:
                lines.append(f"  ={_weight(o, zero=True)}{o.text}{_feedback(o)}")
        return "  #\n" + "\n".join(lines)
    if kind == "short_answer":
        return "\n".join(f"  ={_weight(o, zero=True)}{_escape(o.text)}{_feedback(o)}" for o in options)
    lines = []
    first_right = True
    for o in options:  # single_choice, missing_word, multiple_choice
        if kind != "multiple_choice" and o.fraction == 1 and first_right:
            lines.append(f"  ={_escape(o.text)}{_feedback(o)}")
            first_right = False
        else:
            lines.append(f"  ~{_weight(o)}{_escape(o.text)}{_feedback(o)}")
    return "\n".join(lines)


def _weight(option: Option, *, zero: bool = False) -> str:
    """'%50%' for partial credit; nothing for full marks (and for none, unless `zero` must be said)."""
    weight = option.fraction * 100
    if weight == 100 or (weight == 0 and not zero):
        return ""
    return f"%{weight_marker(weight)}%"
