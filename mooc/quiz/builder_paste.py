"""Pasted GIFT (or Aiken) → questions with their Markdown, and every message by line, before saving.

Each question is shown as it will be saved: it is written as our Markdown by the
exporter and read back, and the read-back question is the one returned. Line
numbers count the pasted text's lines from 1.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, replace

from mooc.quiz.aiken import parse_aiken
from mooc.quiz.base import Question, Render
from mooc.quiz.builder_messages import vietnamese
from mooc.quiz.builder_text import free_key, question_markdown
from mooc.quiz.gift import parse_gift
from mooc.quiz.gift_text import escape
from mooc.quiz.parse import parse_questions

PATH = "pasted"
_PARTS = {  # Question fields, as a teacher calls them ("" : not worth saying)
    "line": "",
    "kind": "loại câu",
    "key": "mã",
    "title": "tên",
    "points": "điểm",
    "stem_md": "nội dung",
    "stem_html": "nội dung",
    "options": "đáp án và phản hồi",
    "explanation_md": "giải thích chung",
    "explanation_html": "giải thích chung",
    "hint": "gợi ý",
    "settings": "cài đặt",
}
_AIKEN_ANSWER = re.compile(r"^[ \t]*ANSWER:", re.MULTILINE)


@dataclass(frozen=True)
class PasteMessage:
    line: int
    message: str  # Vietnamese
    original: str = ""  # the engine's own (English) words, for a log or another language

    def __str__(self) -> str:
        return f"Dòng {self.line}: {self.message}"


@dataclass(frozen=True)
class PastedQuestion:
    question: Question
    markdown: str  # the block append_questions() adds to a quiz file
    line: int  # where the question starts in the pasted text


@dataclass(frozen=True)
class PasteResult:
    format: str  # "gift" or "aiken"
    questions: tuple[PastedQuestion, ...]
    errors: tuple[PasteMessage, ...]
    warnings: tuple[PasteMessage, ...]

    @property
    def markdown(self) -> list[str]:
        return [q.markdown for q in self.questions]


def looks_like_aiken(text: str) -> bool:
    """Aiken has an 'ANSWER:' line (uppercase, at a line's start) and GIFT's answers need a '{':
    a text with an 'ANSWER:' line and no unescaped '{' is Aiken; anything else is read as GIFT."""
    return bool(_AIKEN_ANSWER.search(text)) and "{" not in escape(text)


def parse_pasted_gift(text: str, render: Render, *, taken_keys: Collection[str] = ()) -> PasteResult:
    """Every question of the pasted text; a question whose id the quiz already has gets "-2", "-3"…"""
    fmt = "aiken" if looks_like_aiken(text) else "gift"
    parsed = (parse_aiken if fmt == "aiken" else parse_gift)(text, PATH, 1, render)
    errors = [_message(e.line, e.message) for e in parsed.errors]
    warnings = [_message(w.line, w.message) for w in parsed.warnings]
    taken = set(taken_keys)
    questions = []
    for question in parsed.questions:
        if question.key in taken:
            new_key = free_key(question.key, taken)
            warnings.append(
                PasteMessage(
                    question.line,
                    f"Mã câu hỏi {question.key!r} đã có trong bài; câu này được đổi mã thành {new_key!r}.",
                )
            )
            question = replace(question, key=new_key)
        taken.add(question.key)
        pasted, problem = _as_saved(question, render)
        if pasted is None:
            errors.append(problem)  # type: ignore[arg-type]
            continue
        if problem is not None:
            warnings.append(problem)
        questions.append(pasted)
    return PasteResult(
        format=fmt,
        questions=tuple(questions),
        errors=tuple(sorted(errors, key=lambda m: m.line)),
        warnings=tuple(sorted(warnings, key=lambda m: m.line)),
    )


def _as_saved(question: Question, render: Render) -> tuple[PastedQuestion | None, PasteMessage | None]:
    """The question written as Markdown and read back; a message if that changed or broke it."""
    markdown = question_markdown(question)
    back = parse_questions(markdown, PATH, 1, render)
    if back.errors or len(back.questions) != 1:
        detail = back.errors[0].message if back.errors else "the block split in two"
        return None, PasteMessage(
            question.line,
            "Không chuyển được câu này sang định dạng bài kiểm tra: tệp bài kiểm tra sẽ đọc nó khác đi "
            "(thường do một dòng của nội dung bắt đầu bằng '- [' hoặc '##', hay một khối mã ``` chưa đóng).",
            detail,
        )
    saved = replace(back.questions[0], line=question.line)
    if saved.content_hash() == question.content_hash():
        return PastedQuestion(saved, markdown, question.line), None
    before = question.to_dict()
    changed = {
        _PARTS.get(name, name): None for name, value in saved.to_dict().items() if value != before[name]
    }
    changed.pop("", None)
    return PastedQuestion(saved, markdown, question.line), PasteMessage(
        question.line,
        f"Câu này sẽ được lưu hơi khác bản dán ({', '.join(changed)}): hãy xem lại trước khi lưu.",
    )


def _message(line: int, message: str) -> PasteMessage:
    return PasteMessage(line, vietnamese(message), message)
