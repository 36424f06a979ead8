"""Moodle's GIFT format → questions, behaving as Moodle's importer does.

Each GIFT question is turned into the same QuestionBlock our Markdown format
produces, then parsed by the question type itself, so a GIFT question is
checked by exactly the rules of the type. Following Moodle, escapes (\\~ \\= \\#
\\{ \\} \\: \\\\) are swapped for private placeholder characters before any
splitting and swapped back in each final text.
"""

from __future__ import annotations

import re
from bisect import bisect_right
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
    html_lines: list[int] = []  # the questions whose [html] text was turned into Markdown
    for raw in _blocks(text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n"), first_line):
        body = "\n".join(raw.lines).strip()
        if body.startswith("$CATEGORY:"):
            result.categories.append(restore(escape(body.removeprefix("$CATEGORY:").strip())))
            result.category = result.categories[0]  # the first names the quiz; the others are listed
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
            result.warnings.extend(block.warnings)
            if _HTML.search(escape(body)):
                html_lines.append(raw.line)
        except QuizFormatError as error:
            result.errors.append(error)
    if html_lines:
        count = f"{len(html_lines)} question{'s' if len(html_lines) > 1 else ''}"
        result.warnings.append(
            QuizFormatError(
                path,
                html_lines[0],
                f"[html] text was turned into Markdown (in {count}, the first one here): bold, italic, "
                "line breaks and links are kept, other tags and styles are dropped; "
                "check how the questions read",
            )
        )
    result.warnings.sort(key=lambda warning: warning.line)
    return result


_HTML = re.compile(r"(^|::|[{~=#])\s*\[html\]")  # the format tag, on the question or an answer


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


def _line_finder(raw: _Raw, body: str):
    """Offset in the escaped `body` → its line in the file (escapes never cross a line)."""
    starts, offset = [], 0
    for text in body.split("\n"):
        starts.append(offset)
        offset += len(escape(text)) + 1
    numbers = raw.numbers or [raw.line]

    def line_at(position: int) -> int:
        return numbers[min(max(bisect_right(starts, position) - 1, 0), len(numbers) - 1)]

    return line_at


def _to_block(
    path: str, raw: _Raw, body: str, render: Render, result: ParsedQuestions
) -> QuestionBlock | None:
    text = escape(body)
    line = raw.line
    line_at, base = _line_finder(raw, body), 0
    title = ""
    if text.startswith("::"):
        end = text.find("::", 2)
        if end < 0:
            raise QuizFormatError(path, line, "the question name '::…' is not closed by '::'")
        title, text, base = restore(text[2:end]).strip(), text[end + 2 :], end + 2
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
    start = base + opening + 1 + len(answers) - len(answers.lstrip())
    answers = answers.strip()
    if not answers:
        result.warnings.append(
            QuizFormatError(path, line, "an essay question ('{}') needs a person to grade it: skipped")
        )
        return None
    warnings: list[QuizFormatError] = []
    kind, options, settings = gift_answers.read_answers(
        path,
        line,
        answers,
        fmt,
        line_at=lambda offset: line_at(start + offset),
        warn=lambda message, at: warnings.append(QuizFormatError(path, at, message)),
    )
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
        warnings=warnings,
    )
