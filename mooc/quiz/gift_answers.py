"""GIFT answer blocks → our option blocks, one function per kind of block (Moodle's detection order)."""

from __future__ import annotations

from mooc.quiz.base import OptionBlock, QuizFormatError
from mooc.quiz.gift_text import WEIGHT, as_markdown, restore, split_format

_TRUE = {"T", "TRUE"}
_FALSE = {"F", "FALSE"}


def read_answers(path: str, line: int, answers: str, fmt: str) -> tuple[str, list[OptionBlock], dict]:
    """Detect the type as Moodle does (in this order) and write the answers as our option blocks."""
    if answers.startswith("#"):
        return "numerical", _numerical(path, line, answers[1:], fmt), {}
    if "~" in answers:
        return _choices(answers, line, fmt)
    if "=" in answers and "->" in answers:
        return "matching", _matching(path, line, answers, fmt), {}
    head, _, feedback = answers.partition("#")
    if head.strip() in _TRUE | _FALSE:
        return "true_false", _true_false(head.strip() in _TRUE, feedback, line, fmt), {}
    return "short_answer", _short_answers(path, line, answers, fmt), {}


def _option_parts(text: str, fmt: str) -> tuple[str, str, str]:
    """'%50%text#feedback' → ('50%', text, feedback); the marker is '' when no weight is written."""
    weight = ""
    match = WEIGHT.match(text)
    if match:
        weight, text = match.group(1) + "%", text[match.end() :]
    answer, _, feedback = text.partition("#")
    option_fmt, answer = split_format(answer, fmt)
    return weight, as_markdown(answer, option_fmt), as_markdown(feedback, option_fmt) if feedback else ""


def _choices(answers: str, line: int, fmt: str) -> tuple[str, list[OptionBlock], dict]:
    parts = [p for p in answers.replace("=", "~=").split("~") if p.strip()]
    single = any(p.startswith("=") for p in parts)
    options = []
    for part in parts:
        if part.startswith("="):  # Moodle: a weight after '=' is not parsed, it stays in the text
            answer, _, feedback = part[1:].partition("#")
            option_fmt, answer = split_format(answer, fmt)
            options.append(
                OptionBlock(
                    "x",
                    as_markdown(answer, option_fmt),
                    as_markdown(feedback, option_fmt) if feedback else "",
                    line,
                )
            )
            continue
        weight, answer, feedback = _option_parts(part, fmt)
        options.append(OptionBlock(weight or " ", answer, feedback, line))
    if single:  # Moodle: radio buttons; a second '=' answer is also fully right
        first = next(i for i, o in enumerate(options) if o.marker == "x")
        options = [
            o if o.marker != "x" or i == first else OptionBlock("100%", o.text, o.feedback, o.line)
            for i, o in enumerate(options)
        ]
        return "single_choice", options, {}
    return "multiple_choice", options, {}


def _matching(path: str, line: int, answers: str, fmt: str) -> list[OptionBlock]:
    options = []
    for pair in (p for p in answers.split("=") if p.strip()):
        if "->" not in pair:
            raise QuizFormatError(path, line, f"a matching pair needs '->': {restore(pair).strip()!r}")
        left, right = pair.split("->", 1)
        left_fmt, left = split_format(left, fmt)
        left_md = as_markdown(left, left_fmt)
        right_text = restore(right).strip()
        options.append(OptionBlock("x" if left_md else " ", f"{left_md} -> {right_text}", "", line))
    return options


def _true_false(value: bool, feedback: str, line: int, fmt: str) -> list[OptionBlock]:
    """{T#A#B}: A is shown for the wrong pick, B for the right one."""
    wrong_feedback, _, right_feedback = feedback.partition("#")
    right_md = as_markdown(right_feedback, fmt) if right_feedback else ""
    wrong_md = as_markdown(wrong_feedback, fmt) if wrong_feedback else ""
    return [
        OptionBlock("x" if value else " ", "Đúng", right_md if value else wrong_md, line),
        OptionBlock(" " if value else "x", "Sai", wrong_md if value else right_md, line),
    ]


def _short_answers(path: str, line: int, answers: str, fmt: str) -> list[OptionBlock]:
    options = []
    for part in (p for p in answers.split("=") if p.strip()):
        weight, answer, feedback = _option_parts(part, fmt)
        options.append(OptionBlock(weight or "x", answer, feedback, line))
    if not options:
        raise QuizFormatError(path, line, "a short answer needs at least one '=answer'")
    return options


def _numerical(path: str, line: int, answers: str, fmt: str) -> list[OptionBlock]:
    """#3.14:0.01, #1..5, or several '=' answers with weights; '~#text' is any-other feedback."""
    answers = answers.strip()
    other = ""
    if "~" in answers:
        answers, _, other = answers.partition("~")
    parts = [p for p in answers.split("=") if p.strip()] if answers.startswith("=") else [answers]
    options = []
    for part in parts:
        weight, spec, feedback = _option_parts(part, fmt)  # the feedback keeps the question's format
        spec = restore(spec.replace("\\", "")).strip()
        if "," in spec:
            raise QuizFormatError(path, line, f"write {spec!r} with a decimal point, as GIFT requires")
        options.append(OptionBlock(weight or "x", spec, feedback, line))
    if other:
        feedback = other.partition("#")[2]
        options.append(OptionBlock(" ", "*", as_markdown(feedback, fmt), line))
    return options
