"""The quiz editor's forms: submitted values in, what the templates show out (the rules stay in mooc.quiz)."""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from flask_babel import gettext

from mooc.content.frontmatter import split_front_matter
from mooc.content.markdown import render_markdown
from mooc.content.problems import ContentError
from mooc.content.skeleton import quoted
from mooc.content.sources import MEDIA_PREFIX
from mooc.quiz.base import Question, Render
from mooc.quiz.builder import FIELDS, FieldSpec, question_keys, row_key
from mooc.quiz.parse import parse_questions

ROWS = "rows-"  # hidden field: how many rows of a repeated group the form shows
MORE = "more-"  # action value: show more rows of that group
CONTROLS = {"csrf_token", "action"}
SPARE_ROWS = 2  # empty rows shown beyond the filled ones (more with the "Thêm dòng" button)
MORE_ROWS = 3
_OFF = {"", "0", "off", "false", "no"}
_ROW_KEY = re.compile(r"^([a-z]+)-(\d+)-")


# --------------------------------------------------------------------------------- quiz files


def quiz_paths(files: Mapping[str, str], slug: str) -> list[str]:
    """The draft's quiz files in our Markdown format (GIFT and Aiken files are edited as text)."""
    return sorted(p for p in files if p.startswith(f"quizzes/{slug}/") and p.endswith(".md"))


def default_quiz_path(slug: str) -> str:
    return f"quizzes/{slug}/kiem-tra.md"


def choose_quiz_path(paths: list[str], slug: str, asked: str | None) -> str | None:
    """The file asked for (None when it is not one of `paths`), else kiem-tra.md, else the first."""
    if asked:
        return asked if asked in paths else None
    default = default_quiz_path(slug)
    return default if default in paths else (paths[0] if paths else None)


def new_quiz_text(slug: str, course_md: str) -> str:
    """A quiz file with the course's title and competences in its front matter, and no question yet."""
    try:
        meta, _body, _line = split_front_matter(course_md, "course.md")
    except ContentError:
        meta = {}
    title = str(meta.get("title") or slug)
    competences = meta.get("competences") or []
    codes = ", ".join(quoted(str(code)) for code in competences) if isinstance(competences, list) else ""
    lines = ["---", f"title: {quoted('Kiểm tra — ' + title)}", f"slug: kiem-tra-{slug}", f"course: {slug}"]
    if codes:
        lines.append(f"competences: [{codes}]")
    lines += ["---", "", "Đọc kỹ từng câu hỏi rồi chọn hoặc viết câu trả lời.", ""]
    return "\n".join(lines)


def draft_render(images: Mapping[str, str], quiz_path: str) -> Render:
    """The Markdown pipeline, with the draft's images shown from their stored copies."""
    base = posixpath.dirname(quiz_path)

    def image(src: str) -> str | None:
        name = images.get(posixpath.normpath(posixpath.join(base, src.split("#")[0].split("?")[0])))
        return MEDIA_PREFIX + name if name else None

    return lambda text: render_markdown(text, resolve_image=image)


@dataclass
class QuizContents:
    """A quiz file as the editor lists it: every question block in order, and what is wrong."""

    keys: list[str] = field(default_factory=list)
    questions: dict[str, Question] = field(default_factory=dict)  # key → the question, when it reads
    problems: list[str] = field(default_factory=list)  # "line N: message", the engine's words


def read_quiz(text: str, path: str, render: Render | None = None) -> QuizContents:
    """Every question of the file (render: html.escape when only titles and kinds are needed)."""
    try:
        _meta, body, first = split_front_matter(text, path)
    except ContentError as error:
        return QuizContents(problems=[str(error)])
    parsed = parse_questions(body, path, first, render or html.escape)
    contents = QuizContents(keys=question_keys(text), problems=[str(e) for e in parsed.errors])
    for question in parsed.questions:
        contents.questions.setdefault(question.key, question)
    return contents


# --------------------------------------------------------------------------------- the form


def form_data(form) -> dict[str, str | list[str]]:
    """The question's fields of a submitted form (a Werkzeug MultiDict), without the controls."""
    data: dict[str, str | list[str]] = {}
    for key, values in form.lists():
        if key in CONTROLS or key.startswith(ROWS):
            continue
        data[key] = values[0] if len(values) == 1 else values
    return data


def row_counts(kind: str, data: Mapping, form=None, action: str = "") -> dict[str, int]:
    """How many rows each repeated group shows: the filled ones plus spares, or what the form said."""
    counts = {}
    used: dict[str, int] = {}
    for key in data:
        if match := _ROW_KEY.match(key):
            used[match.group(1)] = max(used.get(match.group(1), 0), int(match.group(2)) + 1)
    for spec in FIELDS[kind]:
        if spec.widget != "rows":
            continue
        shown = _number((form or {}).get(ROWS + spec.name, ""))
        filled = used.get(spec.name, 0)
        count = max(spec.min_rows, filled, shown) if shown else max(filled or spec.min_rows, 1) + SPARE_ROWS
        if action == MORE + spec.name:
            count += MORE_ROWS
        counts[spec.name] = min(count, 50)
    return counts


def _number(value: str) -> int:
    return int(value) if str(value).isdigit() else 0


@dataclass
class FieldView:
    """One control of the form, ready for the template (labels translated: they hold a '%' at times)."""

    key: str
    label: str
    widget: str
    value: str = ""
    checked: bool = False
    error: str = ""
    help: str = ""
    required: bool = False
    help_of: str = ""  # a later row's cell: the id of the first row's help, shown once for the column
    choices: tuple[tuple[str, str], ...] = ()
    rows: list[list[FieldView]] = field(default_factory=list)
    count: int = 0

    @property
    def id(self) -> str:
        return "f-" + self.key

    @property
    def described_by(self) -> str:
        ids = [self.id + "-help"] if self.help else [self.help_of] if self.help_of else []
        return " ".join([*ids, self.id + "-error"] if self.error else ids)


def form_view(
    kind: str, data: Mapping, errors: Mapping[str, str], counts: Mapping[str, int]
) -> tuple[list[FieldView], list[str]]:
    """The fields of `kind`'s form with their values and errors, and the errors no field shows."""
    placed: set[str] = set()

    def view(spec: FieldSpec, key: str, first: str = "") -> FieldView:
        value = _first(data.get(key, spec.default if key == spec.name else ""))
        shown = FieldView(
            key,
            gettext(spec.label),
            spec.widget,
            value=value,
            checked=value.casefold() not in _OFF,
            error=errors.get(key, "") if spec.widget != "hidden" else "",
            help=gettext(spec.help) if spec.help and not first else "",
            required=spec.required and key == spec.name,  # a row may be left empty
            help_of=f"f-{first}-help" if spec.help and first else "",
            choices=tuple((value, gettext(label)) for value, label in spec.choices),
        )
        if shown.error:
            placed.add(key)
        return shown

    fields = []
    for spec in FIELDS[kind]:
        if spec.widget != "rows":
            fields.append(view(spec, spec.name))
            continue
        group = FieldView(spec.name, gettext(spec.label), "rows", count=counts.get(spec.name, spec.min_rows))
        group.rows = [
            [
                view(
                    column,
                    row_key(spec.name, n, column.name),
                    row_key(spec.name, 0, column.name) if n else "",
                )
                for column in spec.columns
            ]
            for n in range(group.count)
        ]
        fields.append(group)
    unplaced = [message for key, message in errors.items() if key not in placed]
    return fields, unplaced


def _first(value) -> str:
    if isinstance(value, list | tuple):
        return str(value[0]) if value else ""
    return str(value)
