"""The engine behind the quiz editor: form data ⇄ Question ⇄ the Markdown of a quiz file.

Pure: no Flask, no database. The editor pages call:

- `FIELDS[kind]` (builder_fields): what to show, one form per question type;
- `build_question(kind, data, render)`: the submitted form → a Question and its
  Markdown block, or Vietnamese messages keyed by form field;
- `question_form_data(question)`: a Question → the form's values, to edit it;
- `parse_pasted_gift(text, render)` (builder_paste): pasted GIFT or Aiken → questions
  with their Markdown, and messages by line, before anything is saved;
- `append_questions`, `replace_question`, `remove_question`, `move_question`
  (builder_edit): change a quiz file's text one question at a time.

Form keys (FIELDS says the same as data; rows are numbered from 0, gaps allowed,
empty rows dropped; a ticked box is any value but "", "0", "off", "false", "no"):

- every type: title, text, explanation, hint, points, id;
- single_choice, multiple_choice, missing_word, short_answer: option-N-text,
  option-N-correct, option-N-weight (percent, "50" or "50%"), option-N-feedback,
  option-N-pinned; short_answer also ignore_tones;
- numerical: option-N-value ("3.14", "1..5" or "*"), option-N-tolerance, option-N-correct,
  option-N-weight, option-N-feedback, and other-feedback (for any other number);
- true_false: correct ("true" | "false"), feedback-true, feedback-false, and hidden
  labels ("Đúng|Sai" when empty), pinned-true, pinned-false;
- matching: pair-N-left, pair-N-right (no left side: a decoy answer);
- ordering: item-N-text, in the right order.

How a form becomes a question: the form's rows are handed, as an authored block,
to the question type's own `parse`, so every rule is the engine's; the Question
is written out by `export.to_markdown` and that Markdown is parsed back with
`parse_questions`, which must give the very same question (same content_hash),
so what the teacher saw is what the quiz file will hold.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field, replace

from mooc.quiz import registry
from mooc.quiz.base import OptionBlock, Question, QuestionBlock, QuizFormatError, Render
from mooc.quiz.builder_edit import (
    QuizEditError,
    append_questions,
    move_question,
    question_keys,
    remove_question,
    replace_question,
)
from mooc.quiz.builder_fields import FIELDS, KIND_LABELS, FieldSpec, row_key
from mooc.quiz.builder_form import ROW_READERS, Form, FormData, Row
from mooc.quiz.builder_inverse import question_form_data
from mooc.quiz.builder_messages import translate
from mooc.quiz.builder_paste import (
    PastedQuestion,
    PasteMessage,
    PasteResult,
    looks_like_aiken,
    parse_pasted_gift,
)
from mooc.quiz.builder_text import free_key, question_markdown
from mooc.quiz.parse import _FENCE, _HEADING, _OPTION, _PIN, parse_questions

__all__ = [
    "FIELDS",
    "KIND_LABELS",
    "BuildResult",
    "FieldSpec",
    "PasteMessage",
    "PasteResult",
    "PastedQuestion",
    "QuizEditError",
    "append_questions",
    "build_question",
    "looks_like_aiken",
    "move_question",
    "parse_pasted_gift",
    "question_form_data",
    "question_keys",
    "question_markdown",
    "remove_question",
    "replace_question",
    "row_key",
]

PATH = "editor"
_QUESTION_LINE, _TEXT_LINE, _FIRST_ROW_LINE = 1, 2, 10
_TITLE_LENGTH = 60


@dataclass(frozen=True)
class BuildResult:
    """Either a question and its Markdown block, or messages: form key ("" = the question) → text."""

    question: Question | None = None
    markdown: str = ""
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.question is not None


def build_question(
    kind: str, data: FormData, render: Render, *, taken_keys: Collection[str] = ()
) -> BuildResult:
    """The submitted form of one question → the Question and its Markdown, or field-keyed errors.

    `render` is the Markdown pipeline (mooc.content.markdown.render_markdown, with the
    quiz's image resolver). `taken_keys` are the other questions' keys in the quiz: an
    explicit id among them is an error; an id derived from the title gets "-2", "-3"….
    """
    if kind not in registry.kinds():
        return BuildResult(errors={"": f"Không có loại câu hỏi {kind!r}."})
    form = Form(data)
    rows = ROW_READERS[kind](form, kind)
    stem = form.raw("text")
    title = form.line("title") or _title_from(stem)
    _check_representable(form, title, stem, rows)
    if not stem:
        form.errors["text"] = "Nhập nội dung câu hỏi."
    if form.errors and set(form.errors) != {"text"}:
        return BuildResult(errors=form.errors)
    block = _block(form, kind, title, stem, rows)
    try:
        question = registry.get(kind).parse(block, render)
    except QuizFormatError as error:
        target, message = _field_of(error, rows)
        return BuildResult(errors={target: message, **form.errors})
    if form.errors:
        return BuildResult(errors=form.errors)
    explicit_id = form.line("id")
    if question.key in taken_keys:
        if explicit_id:
            return BuildResult(
                errors={"id": f"Mã câu hỏi {question.key!r} đã dùng cho một câu khác trong bài."}
            )
        question = replace(question, key=free_key(question.key, taken_keys))
    return _through_markdown(question, render)


def _block(form: Form, kind: str, title: str, stem: str, rows: list[Row]) -> QuestionBlock:
    settings = {"type": (kind, _QUESTION_LINE)}
    for name in ("id", "points", "hint"):
        if value := form.line(name):
            settings[name] = (value, _QUESTION_LINE)
    if kind == "short_answer" and form.ticked("ignore_tones"):
        settings["ignore_tones"] = ("yes", _QUESTION_LINE)
    options = tuple(
        OptionBlock(row.marker, row.text, row.feedback, _FIRST_ROW_LINE + i, row.pinned)
        for i, row in enumerate(rows)
    )
    return QuestionBlock(
        path=PATH,
        line=_QUESTION_LINE,
        title=title,
        settings=settings,
        stem=stem,
        stem_line=_TEXT_LINE,
        options=options,
        explanation=form.lines("explanation"),
    )


def _field_of(error: QuizFormatError, rows: list[Row]) -> tuple[str, str]:
    """The form field an engine error is about, and its Vietnamese message."""
    target, message = translate(error.message)
    index = error.line - _FIRST_ROW_LINE
    row = rows[index] if 0 <= index < len(rows) else None
    if target is None:
        target = row.keys.get("text", "") if row else "text" if error.line == _TEXT_LINE else ""
    elif target.startswith("@"):
        role, target = target[1:], (row.keys.get(target[1:]) or row.keys.get("text", "")) if row else ""
        if row and role == "number" and target == row.keys.get("tolerance"):
            message = "Sai số là một số không âm, viết bằng dấu chấm thập phân, ví dụ 0.01."
    return target, message


def _title_from(stem: str) -> str:
    """A question with no name is named after its first line (as GIFT does), cut at a word."""
    first = next((line.strip() for line in stem.split("\n") if line.strip()), "")
    if len(first) > _TITLE_LENGTH:
        first = first[:_TITLE_LENGTH].rsplit(" ", 1)[0]
    return first.rstrip("# ").strip()


def _check_representable(form: Form, title: str, stem: str, rows: list[Row]) -> None:
    """What a quiz file would read differently from what the teacher typed, said before parsing."""
    heading = _HEADING.match(f"## {title}")
    if title and (heading is None or heading.group(1) != title):
        form.errors["title"] = "Tên câu hỏi không được kết thúc bằng dấu #."
    in_fence = False
    for number, line in enumerate(stem.split("\n"), start=1):
        if _FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence and (_HEADING.match(line) or _OPTION.match(line)):
            form.errors["text"] = (
                f"Dòng {number} của nội dung bắt đầu bằng '##' hoặc '- [': trong tệp bài kiểm tra, "
                "dòng như vậy là một câu hỏi mới hoặc một đáp án. Hãy viết khác đi "
                "(ví dụ bỏ dấu '-' hoặc thêm chữ trước dấu '[')."
            )
            break
    if in_fence:
        form.errors["text"] = "Khối mã mở bằng ``` hoặc ~~~ chưa được đóng lại."
    for row in rows:
        if _PIN.search(row.text) and "pinned" in row.keys:
            form.errors[row.keys["text"]] = "Dùng ô 'Giữ vị trí' thay cho chữ {pin} ở cuối đáp án."


def _through_markdown(question: Question, render: Render) -> BuildResult:
    """Write the question as the quiz format, read it back, and insist on the same question."""
    markdown = question_markdown(question)
    parsed = parse_questions(markdown, PATH, 1, render)
    if parsed.errors:
        target, message = translate(parsed.errors[0].message)
        if target is None or target.startswith("@"):
            target, message = "", f"Không ghi được câu hỏi thành văn bản: {message}"
        return BuildResult(errors={target: message})
    if len(parsed.questions) != 1 or parsed.questions[0].content_hash() != question.content_hash():
        differs = _first_difference(question, parsed.questions)
        return BuildResult(
            errors={differs: "Nội dung này sẽ bị đọc khác đi khi lưu vào tệp bài kiểm tra; hãy viết khác đi."}
        )
    return BuildResult(question=parsed.questions[0], markdown=markdown)


def _first_difference(question: Question, parsed: list[Question]) -> str:
    """The form field that did not survive the trip through Markdown ("" when it cannot be told)."""
    if len(parsed) != 1:
        return "text"
    back = parsed[0]
    for name, target in (("title", "title"), ("key", "id"), ("stem_md", "text"), ("hint", "hint")):
        if getattr(back, name) != getattr(question, name):
            return target
    if back.explanation_md != question.explanation_md:
        return "explanation"
    return ""
