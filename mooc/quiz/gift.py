"""Moodle's GIFT format → questions, behaving as Moodle's importer does.

Each GIFT question is turned into the same QuestionBlock our Markdown format
produces, then parsed by the question type itself, so a GIFT question is
checked by exactly the rules of the type. Following Moodle, escapes (\\~ \\= \\#
\\{ \\} \\: \\\\) are swapped for private placeholder characters before any
splitting and swapped back in each final text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mooc.domain.text import slugify
from mooc.quiz import gift_answers, registry
from mooc.quiz.base import QuestionBlock, QuizFormatError, Render
from mooc.quiz.gift_text import as_markdown, escape, restore, split_format
from mooc.quiz.parse import ParsedQuestions
from mooc.quiz.types.missing_word import BLANK

_ID = re.compile(r"\[id:((?:[^\]\\]|\\.)*)\]")
_TAG = re.compile(r"\[tag:([^\]]*)\]")


@dataclass
class _Raw:
    line: int
    lines: list[str] = field(default_factory=list)
    numbers: list[int] = field(default_factory=list)  # the file line of each of `lines`
    ids: list[str] = field(default_factory=list)

    def line_of_brace(self, nth: int) -> int:
        """The file line holding the nth unescaped '{' or '}' (counting from 1); the first line if none."""
        seen = 0
        for number, text in zip(self.numbers, self.lines, strict=True):
            seen += sum(escape(text).count(sign) for sign in "{}")
            if seen >= nth:
                return number
        return self.line


def parse_gift(text: str, path: str, first_line: int, render: Render) -> ParsedQuestions:
    """Every question of a GIFT file; mistakes are collected with their line."""
    result = ParsedQuestions()
    keys: dict[str, int] = {}
    for raw in _blocks(text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n"), first_line):
        body = "\n".join(raw.lines).strip()
        if body.startswith("$CATEGORY:"):
            result.category = restore(escape(body.removeprefix("$CATEGORY:").strip()))
            continue
        try:
            block = _to_block(path, raw, body, render, result)
            if block is None:
                continue
            question = registry.get(block.setting("type")).parse(block, render)  # type: ignore[arg-type]
            if question.key in keys:
                raise block.error(f"the id {question.key!r} is already used on line {keys[question.key]}")
            keys[question.key] = raw.line
            result.questions.append(question)
            _warn_about(question, raw.line, path, result)
        except QuizFormatError as error:
            result.errors.append(error)
    return result


def _blocks(text: str, first_line: int) -> list[_Raw]:
    """Questions are separated by blank lines; `//` lines are comments (their [id:] is kept)."""
    blocks: list[_Raw] = []
    current: _Raw | None = None
    for offset, line in enumerate(text.split("\n")):
        number = first_line + offset
        if line.lstrip().startswith("//"):
            if current is None:
                current = _Raw(number)
            current.ids += [restore(escape(m)) for m in _ID.findall(line)]
            continue
        if not line.strip():
            if current is not None and current.lines:
                blocks.append(current)
                current = None
            continue
        if current is None:
            current = _Raw(number)
        if not current.lines:
            current.line = number
        current.lines.append(line)
        current.numbers.append(number)
    if current is not None and current.lines:
        blocks.append(current)
    return blocks


def _to_block(
    path: str, raw: _Raw, body: str, render: Render, result: ParsedQuestions
) -> QuestionBlock | None:
    text = escape(body)
    line = raw.line
    title = ""
    if text.startswith("::"):
        end = text.find("::", 2)
        if end < 0:
            raise QuizFormatError(path, line, "the question name '::…' is not closed by '::'")
        title, text = restore(text[2:end]).strip(), text[end + 2 :]
    opening, closing = text.find("{"), text.find("}")
    if opening < 0 and closing < 0:
        result.warnings.append(QuizFormatError(path, line, "a description (no answers) is skipped"))
        return None
    if opening < 0 or closing < 0 or closing < opening:
        raise QuizFormatError(
            path, line, "an answer block needs both '{' and '}' (write \\{ or \\} for the signs)"
        )
    stem_text, answers, after = text[:opening], text[opening + 1 : closing], text[closing + 1 :]
    if "{" in after or "}" in after:
        raise QuizFormatError(
            path,
            raw.line_of_brace(3),  # the first sign after the question's own { }
            "a second answer block: leave a blank line before each question "
            "(or write \\{ and \\} for the signs)",
        )
    fmt, stem_text = split_format(stem_text, "moodle")
    blank = bool(after.strip())
    general = ""
    if "####" in answers:
        answers, general = answers[: answers.rfind("####")], answers[answers.rfind("####") + 4 :]
    answers = answers.strip()
    if not answers:
        result.warnings.append(
            QuizFormatError(path, line, "an essay question ('{}') needs a person to grade it: skipped")
        )
        return None
    kind, options, settings = gift_answers.read_answers(path, line, answers, fmt)
    if blank and kind == "single_choice":
        kind = "missing_word"  # a choice inside the sentence
    stem = as_markdown(stem_text, fmt)
    if blank:
        rest = as_markdown(after, fmt)
        gap = "" if rest[:1] in ".,;:!?)" else " "
        stem = f"{stem} {BLANK if kind == 'missing_word' else '_____'}{gap}{rest}"
    # A stable id keeps statistics and versions attached when questions move: [id:…], else the
    # name, else the question's own words (never the line number, which changes with every edit).
    key = raw.ids[0] if raw.ids else slugify(title) if title else slugify(restore(stem_text))[:60].strip("-")
    settings.update({"type": (kind, line), "id": (slugify(key) or f"cau-{line}", line)})
    return QuestionBlock(
        path=path,
        line=line,
        title=title or restore(stem_text).strip()[:60],
        settings=settings,
        stem=stem,
        stem_line=line,
        options=tuple(options),
        explanation=as_markdown(general, fmt) if general.strip() else "",
    )


def _warn_about(question, line: int, path: str, result: ParsedQuestions) -> None:
    if question.kind == "multiple_choice" and all(o.fraction >= 0 for o in question.options):
        result.warnings.append(
            QuizFormatError(
                path,
                line,
                "every wrong answer weighs 0%: ticking every box earns full marks; "
                "give wrong answers a negative weight such as ~%-50%",
            )
        )
