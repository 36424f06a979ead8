"""Aiken format → single-answer multiple choice, line by line as Moodle's importer reads it."""

from __future__ import annotations

import re

from mooc.domain.text import slugify
from mooc.quiz import registry
from mooc.quiz.base import OptionBlock, QuestionBlock, QuizFormatError, Render
from mooc.quiz.gift_text import plain_to_markdown
from mooc.quiz.parse import ParsedQuestions

_CHOICE = re.compile(r"^([A-Z])[.)]\s*(.*)$")
_ANSWER = "ANSWER:"


def _plain(text: str) -> str:
    """Aiken text is plain: nothing in it may turn into Markdown or HTML."""
    return plain_to_markdown(text.strip())


def parse_aiken(text: str, path: str, first_line: int, render: Render) -> ParsedQuestions:
    result = ParsedQuestions()
    stem: tuple[int, str] | None = None
    choices: list[tuple[int, str]] = []

    def fail(line: int, message: str) -> None:
        result.errors.append(QuizFormatError(path, line, message))

    for offset, raw in enumerate(text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")):
        number, line = first_line + offset, raw.strip()
        if len(line) < 2:
            continue
        choice = _CHOICE.match(line)
        if line.startswith(_ANSWER):
            if stem is None:
                fail(number, "ANSWER: before any question")
                continue
            _finish(path, stem, choices, line[len(_ANSWER) :].strip()[:1], number, render, result)
            stem, choices = None, []
        elif choice and stem is not None:
            choices.append((number, choice.group(2)))
        elif choice:
            fail(number, "a choice before any question")
        else:
            if stem is not None:
                fail(stem[0], "this question has no ANSWER: line (a question must be one line)")
            stem, choices = (number, line), []
    if stem is not None:
        fail(stem[0], "this question has no ANSWER: line")
    return result


def _finish(path, stem, choices, letter, line, render, result) -> None:
    if len(choices) < 2:
        result.errors.append(QuizFormatError(path, stem[0], "an Aiken question needs at least two choices"))
        return
    # As in Moodle: the letter counts choices by position, whatever they were labelled.
    index = ord(letter) - ord("A") if letter else -1
    if not 0 <= index < len(choices):
        result.errors.append(QuizFormatError(path, line, f"ANSWER: {letter or '?'} names no choice"))
        return
    options = tuple(
        OptionBlock("x" if i == index else " ", _plain(text), "", number)
        for i, (number, text) in enumerate(choices)
    )
    # Aiken has no ids: the key comes from the stem, numbered when two stems read the same.
    base = key = slugify(stem[1])[:60] or f"cau-{stem[0]}"
    taken = {q.key for q in result.questions}
    for number in range(2, len(taken) + 2):
        if key not in taken:
            break
        key = f"{base}-{number}"
    block = QuestionBlock(
        path=path,
        line=stem[0],
        title=stem[1][:60],
        settings={"type": ("single_choice", stem[0]), "id": (key, stem[0])},
        stem=_plain(stem[1]),
        stem_line=stem[0],
        options=options,
        explanation="",
    )
    try:
        result.questions.append(registry.get("single_choice").parse(block, render))
    except QuizFormatError as error:
        result.errors.append(error)
