"""Change a Markdown quiz file one question at a time, leaving every other byte as it was.

A question is addressed by its key, found as the quiz format finds it: the `id:`
setting, else the heading made into a slug. A file is cut into its head (front
matter and introduction, never touched) and its questions, each running from its
`## ` heading (outside code fences, as parse_questions cuts) to the next one.
The blank lines after a question stay in place when questions move, so the
file keeps its spacing; text added by these functions uses the file's line ending.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from mooc.domain.text import slugify
from mooc.quiz.base import QuizFormatError
from mooc.quiz.parse import _SETTING, _split_block, _split_headings
from mooc.quiz.types._choices import block_key


class QuizEditError(ValueError):
    """A change that cannot be made; the message is Vietnamese, for the teacher."""


@dataclass
class _Slot:
    content: str  # the heading to the last non-blank line, with that line's ending
    gap: str  # the blank lines after it

    @property
    def text(self) -> str:
        return self.content + self.gap


def _bare(line: str) -> str:
    return line.splitlines()[0] if line.splitlines() else ""


def _cut(text: str) -> tuple[str, list[_Slot]]:
    """(head, questions): head + every slot's text == text."""
    lines = text.splitlines(keepends=True)
    start = 0
    if lines and _bare(lines[0]).lstrip("\ufeff").strip() == "---":
        start = next((i + 1 for i in range(1, len(lines)) if _bare(lines[i]).strip() == "---"), 0)
    chunks = _split_headings([_bare(line) for line in lines[start:]], start)
    heads = [number for number, _ in chunks[1:]]
    head = "".join(lines[: heads[0]] if heads else lines)
    slots = []
    for first, end in zip(heads, [*heads[1:], len(lines)][: len(heads)], strict=True):
        block = lines[first:end]
        cut = len(block)
        while cut > 1 and not block[cut - 1].strip():
            cut -= 1
        slots.append(_Slot("".join(block[:cut]), "".join(block[cut:])))
    return head, slots


def _key(slot: _Slot) -> str:
    lines = [(number, _bare(line)) for number, line in enumerate(slot.content.splitlines(keepends=True), 1)]
    try:
        return block_key(_split_block("quiz", 1, lines))
    except QuizFormatError:  # a broken block is still found by its id line, or its heading
        for _number, line in lines[1:]:
            match = _SETTING.match(line)
            if not match or not line.strip():
                break
            if match.group(1) == "id" and match.group(2):
                return match.group(2)
        return slugify(lines[0][1].lstrip("#"))


def question_keys(quiz_markdown: str) -> list[str]:
    """The keys of the file's questions, in the file's order."""
    return [_key(slot) for slot in _cut(quiz_markdown)[1]]


def _newline(text: str) -> str:
    first = text.splitlines(keepends=True)[:1]
    return "\r\n" if first and first[0].endswith("\r\n") else "\n"


def _one_block(markdown: str, newline: str) -> _Slot:
    """A new question's text as a slot: exactly one '## ' block and nothing before it."""
    head, slots = _cut(markdown.replace("\r\n", "\n"))
    if head.strip() or len(slots) != 1:
        raise QuizEditError("Mỗi câu hỏi thêm vào phải là đúng một khối bắt đầu bằng '## '.")
    content = slots[0].content.rstrip("\n") + "\n"
    return _Slot(content.replace("\n", newline), "")


def _index(slots: list[_Slot], key: str) -> int:
    found = [i for i, slot in enumerate(slots) if _key(slot) == key]
    if not found:
        raise QuizEditError(f"Bài kiểm tra không có câu hỏi mã {key!r}.")
    if len(found) > 1:
        raise QuizEditError(f"Có {len(found)} câu hỏi cùng mã {key!r}; hãy sửa tệp trước.")
    return found[0]


def _join(head: str, slots: list[_Slot], newline: str) -> str:
    """The file again; a question moved off the end gets the line ending it lacked."""
    for slot in slots[:-1]:
        if not slot.content.endswith(("\n", "\r")):
            slot.content += newline
    return head + "".join(slot.text for slot in slots)


def append_questions(quiz_markdown: str, questions_markdown: list[str]) -> str:
    """The file with the questions added at its end, each after a blank line."""
    newline = _newline(quiz_markdown)
    _head, slots = _cut(quiz_markdown)
    taken = {_key(slot) for slot in slots}
    text = quiz_markdown
    for markdown in questions_markdown:
        new = _one_block(markdown, newline)
        key = _key(new)
        if key in taken:
            raise QuizEditError(f"Mã câu hỏi {key!r} đã có trong bài.")
        taken.add(key)
        if text and not text.endswith(("\n", "\r")):
            text += newline
        if text.strip() and text.splitlines()[-1].strip():
            text += newline
        text += new.content
    return text


def replace_question(quiz_markdown: str, key: str, new_markdown: str) -> str:
    """The file with question `key` replaced by `new_markdown` (its key may change if still unique)."""
    newline = _newline(quiz_markdown)
    head, slots = _cut(quiz_markdown)
    index = _index(slots, key)
    new = _one_block(new_markdown, newline)
    new_key = _key(new)
    if new_key != key and new_key in {_key(slot) for slot in slots}:
        raise QuizEditError(f"Mã câu hỏi {new_key!r} đã có trong bài.")
    old = slots[index]
    if not old.content.endswith(("\n", "\r")) and index == len(slots) - 1:
        new.content = new.content.rstrip("\r\n")  # the file had no final line ending: keep it so
    slots[index] = _Slot(new.content, old.gap)
    return _join(head, slots, newline)


def remove_question(quiz_markdown: str, key: str) -> str:
    """The file without question `key` (and the blank lines after it)."""
    head, slots = _cut(quiz_markdown)
    del slots[_index(slots, key)]
    return _join(head, slots, _newline(quiz_markdown))


def move_question(quiz_markdown: str, key: str, direction: Literal["up", "down"]) -> str:
    """The file with question `key` swapped with the one before ("up") or after ("down");
    at the top or bottom already, the file is returned unchanged."""
    if direction not in ("up", "down"):
        raise ValueError(f"direction is 'up' or 'down', not {direction!r}")
    head, slots = _cut(quiz_markdown)
    index = _index(slots, key)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(slots):
        return quiz_markdown
    slots[index].content, slots[other].content = slots[other].content, slots[index].content
    return _join(head, slots, _newline(quiz_markdown))
