"""Quiz file body → questions. Splits the text into blocks, then each type parses its block."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mooc.quiz import registry
from mooc.quiz.base import OptionBlock, Question, QuestionBlock, QuizFormatError, Render

SETTINGS = {"type", "id", "points", "ignore_tones", "hint"}
_HEADING = re.compile(r"^##\s+(.*?)\s*#*\s*$")
_SETTING = re.compile(r"^([a-z_]+)\s*:\s*(.*?)\s*$")
_OPTION = re.compile(r"^[-*]\s+\[([^\]]*)\]\s*(.*?)\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_KEY = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_PIN = re.compile(r"\s*\{(pin|cố định)\}\s*$")


@dataclass
class ParsedQuestions:
    """What a quiz file gave: questions, the mistakes that stop it, and warnings that do not."""

    intro: str = ""
    questions: list[Question] = field(default_factory=list)
    errors: list[QuizFormatError] = field(default_factory=list)
    warnings: list[QuizFormatError] = field(default_factory=list)
    category: str = ""  # GIFT's first $CATEGORY, used to name a quiz that has no title of its own
    categories: list[str] = field(default_factory=list)  # every $CATEGORY of a GIFT file, in order


def parse_questions(body: str, path: str, first_line: int, render: Render) -> ParsedQuestions:
    """Parse every `## ` block of a quiz body; errors are collected, not raised."""
    result = ParsedQuestions()
    chunks = _split_headings(body.splitlines(), first_line)
    result.intro = "\n".join(text for _, text in chunks[0][1]).strip()
    seen: dict[str, int] = {}
    for heading_line, lines in chunks[1:]:
        try:
            block = _split_block(path, heading_line, lines)
            kind = block.setting("type")
            if not kind:
                raise block.error(f"missing 'type:'; one of: {', '.join(registry.kinds())}")
            if kind not in registry.kinds():
                raise block.error(f"unknown type {kind!r}; one of: {', '.join(registry.kinds())}")
            question = registry.get(kind).parse(block, render)
            if not _KEY.match(question.key):
                raise block.error(f"id {question.key!r} must be lowercase ASCII letters, digits and '-'")
            if question.key in seen:
                raise block.error(f"id {question.key!r} is already used on line {seen[question.key]}")
            seen[question.key] = block.line
            result.questions.append(question)
            result.warnings.extend(block.warnings)
        except QuizFormatError as error:
            result.errors.append(error)
    return result


def _split_headings(lines: list[str], first_line: int) -> list[tuple[int, list[tuple[int, str]]]]:
    """[(heading line, [(line number, text), ...]), ...]; the first chunk is the intro."""
    chunks: list[tuple[int, list[tuple[int, str]]]] = [(first_line, [])]
    in_fence = False
    for offset, text in enumerate(lines):
        number = first_line + offset
        if _FENCE.match(text):
            in_fence = not in_fence
        if not in_fence and _HEADING.match(text):
            chunks.append((number, [(number, text)]))
        else:
            chunks[-1][1].append((number, text))
    return chunks


def _split_block(path: str, line: int, lines: list[tuple[int, str]]) -> QuestionBlock:
    title = _HEADING.match(lines[0][1]).group(1)  # type: ignore[union-attr]
    rest = lines[1:]
    settings: dict[str, tuple[str, int]] = {}
    while rest and rest[0][1].strip() and (m := _SETTING.match(rest[0][1])):
        name, value = m.group(1), m.group(2)
        if name not in SETTINGS:
            raise QuizFormatError(
                path,
                rest[0][0],
                f"unknown setting {name!r} (allowed: {', '.join(sorted(SETTINGS))}); "
                "leave a blank line before the question text",
            )
        if name in settings:
            raise QuizFormatError(path, rest[0][0], f"setting {name!r} given twice")
        settings[name] = (value, rest[0][0])
        rest = rest[1:]

    stem: list[tuple[int, str]] = []
    options: list[list] = []  # [marker, text, feedback lines, line]
    explanation: list[str] = []
    in_fence = False
    for number, text in rest:
        if _FENCE.match(text):
            in_fence = not in_fence
        option = None if in_fence else _OPTION.match(text)
        if option and not explanation:
            if not option.group(2):
                raise QuizFormatError(path, number, "an answer with no text")
            options.append([option.group(1), option.group(2), [], number])
        elif not options:
            stem.append((number, text))
        elif not text.strip():
            continue
        elif text.startswith((" ", "\t")) and not explanation:
            content = text.strip()
            if content.startswith(">"):
                options[-1][2].append(content[1:].strip())
            elif options[-1][2]:
                options[-1][2].append(content)
            else:
                options[-1][1] += " " + content
        elif text.startswith(">"):
            explanation.append(text[1:].strip())
        else:
            raise QuizFormatError(
                path,
                number,
                "text after the answers: indent an answer's feedback under it with '>', "
                "or put the explanation in a '>' quote",
            )
    stem_text = "\n".join(t for _, t in stem).strip()
    stem_line = next((n for n, t in stem if t.strip()), line)
    return QuestionBlock(
        path=path,
        line=line,
        title=title,
        settings=settings,
        stem=stem_text,
        stem_line=stem_line,
        options=tuple(_option(m, t, f, n) for m, t, f, n in options),
        explanation="\n".join(explanation).strip(),
    )


def _option(marker: str, text: str, feedback: list[str], line: int) -> OptionBlock:
    """An answer line; a trailing {pin} keeps it in place when options are shuffled."""
    pinned = bool(_PIN.search(text))
    return OptionBlock(
        marker=marker, text=_PIN.sub("", text), feedback="\n".join(feedback).strip(), line=line, pinned=pinned
    )
