"""GIFT answer blocks → our option blocks, one function per kind of block (Moodle's detection order)."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from mooc.quiz.base import OptionBlock, QuizFormatError
from mooc.quiz.gift_text import WEIGHT, as_markdown, restore, split_format

_TRUE = {"T", "TRUE"}
_FALSE = {"F", "FALSE"}
# Vietnamese teachers write {Đúng} and {Sai}; Moodle would make them short answers expecting the word.
_TRUE_VI = {"đúng"}
_FALSE_VI = {"sai"}

LineAt = Callable[[int], int]  # offset in the answer block → line in the file
Warn = Callable[[str, int], None]


def read_answers(
    path: str,
    line: int,
    answers: str,
    fmt: str,
    line_at: LineAt | None = None,
    warn: Warn | None = None,
) -> tuple[str, list[OptionBlock], dict]:
    """Detect the type as Moodle does (in this order) and write the answers as our option blocks.

    `line_at` gives the file line of an offset in `answers`, so each option keeps its own line;
    `warn` receives what is read differently from Moodle on purpose.
    """
    at = line_at or (lambda _offset: line)
    if answers.startswith("#"):
        return "numerical", _numerical(path, answers[1:], fmt, lambda offset: at(offset + 1)), {}
    if "~" in answers:
        return _choices(answers, fmt, at, warn or (lambda _message, _line: None))
    if "=" in answers and "->" in answers:
        return "matching", _matching(path, answers, fmt, at), {}
    head, _, feedback = answers.partition("#")
    value = _truth(head)
    if value is not None:
        return "true_false", _true_false(value, feedback, line, fmt), {}
    return "short_answer", _short_answers(path, line, answers, fmt, at), {}


def _truth(head: str) -> bool | None:
    """T/TRUE/F/FALSE as Moodle reads them (exactly), and Đúng/Sai in any case."""
    word = head.strip()
    if word in _TRUE | _FALSE:
        return word in _TRUE
    folded = unicodedata.normalize("NFC", restore(word)).casefold()
    if folded in _TRUE_VI | _FALSE_VI:
        return folded in _TRUE_VI
    return None


def _pieces(text: str, signs: str, keep: str = "") -> list[tuple[int, str]]:
    """`text` cut before each of `signs`: (offset of the piece's first non-space, piece).

    Signs in `keep` stay at the start of their piece, the others are dropped; pieces with no text
    are left out, as Moodle's split-and-trim does.
    """
    cuts = [0] + [i for i, ch in enumerate(text) if ch in signs and i > 0]
    pieces = []
    for start, end in zip(cuts, [*cuts[1:], len(text)], strict=True):
        piece = text[start:end]
        if piece[:1] in signs and piece[:1] not in keep:
            piece, start = piece[1:], start + 1
        if piece.strip():
            pieces.append((start + len(piece) - len(piece.lstrip()), piece))
    return pieces


def _option_parts(text: str, fmt: str) -> tuple[str, str, str]:
    """'%50%text#feedback' → ('50%', text, feedback); the marker is '' when no weight is written."""
    weight = ""
    match = WEIGHT.match(text)
    if match:
        weight, text = match.group(1) + "%", text[match.end() :]
    answer, _, feedback = text.partition("#")
    option_fmt, answer = split_format(answer, fmt)
    return weight, as_markdown(answer, option_fmt), as_markdown(feedback, option_fmt) if feedback else ""


def _choices(answers: str, fmt: str, at: LineAt, warn: Warn) -> tuple[str, list[OptionBlock], dict]:
    parts = _pieces(answers, "~=", keep="=")
    single = any(p.startswith("=") for _, p in parts)
    options = []
    for offset, part in parts:
        if part.startswith("="):  # a right answer; Moodle gives it 100% whatever weight follows
            weight, answer, feedback = _option_parts(part[1:], fmt)
            if weight and weight != "100%":
                shown = restore(part[1:].partition("#")[0]).strip()
                rest = shown[len(weight) + 1 :].strip() if shown.startswith("%") else shown
                warn(
                    f"'={shown}': Moodle ignores a weight after '=' and counts the answer fully right, "
                    f"as here; for part of the points write '~%{weight[:-1]}%{rest}'",
                    at(offset),
                )
            options.append(OptionBlock("x", answer, feedback, at(offset)))
            continue
        weight, answer, feedback = _option_parts(part, fmt)
        options.append(OptionBlock(weight or " ", answer, feedback, at(offset)))
    if single:  # Moodle: radio buttons; a second '=' answer is also fully right
        first = next(i for i, o in enumerate(options) if o.marker == "x")
        options = [
            o if o.marker != "x" or i == first else OptionBlock("100%", o.text, o.feedback, o.line)
            for i, o in enumerate(options)
        ]
        return "single_choice", options, {}
    return "multiple_choice", options, {}


def _matching(path: str, answers: str, fmt: str, at: LineAt) -> list[OptionBlock]:
    options = []
    for offset, pair in _pieces(answers, "="):
        if "->" not in pair:
            raise QuizFormatError(path, at(offset), f"a matching pair needs '->': {restore(pair).strip()!r}")
        left, right = pair.split("->", 1)
        left_fmt, left = split_format(left, fmt)
        left_md = as_markdown(left, left_fmt)
        right_text = restore(right).strip()
        options.append(OptionBlock("x" if left_md else " ", f"{left_md} -> {right_text}", "", at(offset)))
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


def _short_answers(path: str, line: int, answers: str, fmt: str, at: LineAt) -> list[OptionBlock]:
    options = []
    for offset, part in _pieces(answers, "="):
        weight, answer, feedback = _option_parts(part, fmt)
        options.append(OptionBlock(weight or "x", answer, feedback, at(offset)))
    if not options:
        raise QuizFormatError(path, line, "a short answer needs at least one '=answer'")
    return options


def _numerical(path: str, answers: str, fmt: str, at: LineAt) -> list[OptionBlock]:
    """#3.14:0.01, #1..5, or several '=' answers with weights; '~#text' is any-other feedback."""
    lead = len(answers) - len(answers.lstrip())
    answers, other_at = answers.strip(), 0
    other = ""
    if "~" in answers:
        other_at = lead + answers.index("~")
        answers, _, other = answers.partition("~")
    if answers.startswith("="):
        parts = [(lead + offset, piece) for offset, piece in _pieces(answers, "=")]
    else:
        parts = [(lead, answers)]
    options = []
    for offset, part in parts:
        weight, spec, feedback = _option_parts(part, fmt)  # the feedback keeps the question's format
        spec = restore(spec.replace("\\", "")).strip()
        if "," in spec:
            raise QuizFormatError(path, at(offset), f"write {spec!r} with a decimal point, as GIFT requires")
        options.append(OptionBlock(weight or "x", spec, feedback, at(offset)))
    if other:
        feedback = other.partition("#")[2]
        options.append(OptionBlock(" ", "*", as_markdown(feedback, fmt), at(other_at)))
    return options
