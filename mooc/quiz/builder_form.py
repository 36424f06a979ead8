"""Reading the editor's submitted form into answer rows: one small reader per question type.

Only the form's shape is handled here (which keys, which rows, what marker a
ticked box means). Every rule of a question type stays in its type module:
the builder hands the rows to the type's own `parse`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from mooc.domain.text import clean_multiline
from mooc.quiz.builder_fields import row_key
from mooc.quiz.types.numerical import ANY_OTHER, interval

FormData = Mapping[str, str | list[str]]
_OFF = {"", "0", "off", "false", "no"}
TRUE_LABELS = {"đúng", "true"}
DEFAULT_LABELS = "Đúng|Sai"


@dataclass
class Row:
    """One answer as the type's parser will see it, and the form keys it came from (by role)."""

    marker: str
    text: str
    feedback: str = ""
    pinned: bool = False
    keys: dict[str, str] = field(default_factory=dict)  # role ("text", "weight", …) → form key


class Form:
    """Submitted values, each NFC, trimmed, without control or invisible characters."""

    def __init__(self, data: FormData) -> None:
        self.data = data
        self.errors: dict[str, str] = {}

    def values(self, key: str) -> list[str]:
        value = self.data.get(key, "")
        values = list(value) if isinstance(value, list | tuple) else [value]
        return [clean_multiline(str(v).replace("\r\n", "\n").replace("\r", "\n")) for v in values]

    def raw(self, key: str) -> str:
        """The first value sent under `key` (a text box sends one)."""
        return next(iter(self.values(key)), "")

    def line(self, key: str) -> str:
        """A one-line field: line breaks become spaces."""
        return re.sub(r"\s*\n\s*", " ", self.raw(key))

    def lines(self, key: str) -> str:
        """Feedback or explanation: each line trimmed, as the quiz format reads a '>' quote."""
        return "\n".join(line.strip() for line in self.raw(key).split("\n")).strip()

    def ticked(self, key: str) -> bool:
        """Any value but "", "0", "off", "false", "no" (a hidden "0" before the box is fine)."""
        return any(value.casefold() not in _OFF for value in self.values(key))

    def rows(self, prefix: str) -> list[int]:
        """The row numbers sent for `prefix`, in numeric order (gaps allowed)."""
        pattern = re.compile(rf"^{re.escape(prefix)}-(\d+)-")
        return sorted({int(m.group(1)) for key in self.data if (m := pattern.match(key))})


def weight(form: Form, key: str) -> str:
    """'50', '50%', '33,3' → '50%', '33.3%' (the type checks the number); '' when empty."""
    text = form.line(key).removesuffix("%").strip().replace(",", ".")
    return f"{text}%" if text else ""


def _marker(form: Form, correct_key: str, weight_key: str, *, weighted_ticks: bool) -> str:
    """[x] for a ticked answer, [50%] for a weight, [ ] otherwise; both is a mistake unless the
    type weighs every ticked answer (multiple choice: the weight then says how much)."""
    ticked, given = form.ticked(correct_key), weight(form, weight_key)
    if ticked and given and not weighted_ticks:
        form.errors[weight_key] = "Đáp án đúng được trọn điểm: bỏ dấu 'Đúng' hoặc để trống ô này."
    return given or ("x" if ticked else " ")


def _empty_row_text(form: Form, key: str, what: str) -> None:
    form.errors[key] = f"Nhập {what} (hoặc xóa cả dòng)."


def option_rows(form: Form, kind: str) -> list[Row]:
    """single_choice, multiple_choice, missing_word, short_answer: option-N-{text,correct,weight,…}."""
    rows = []
    for n in form.rows("option"):
        keys = {
            role: row_key("option", n, role) for role in ("text", "correct", "weight", "feedback", "pinned")
        }
        text, feedback = form.line(keys["text"]), form.lines(keys["feedback"])
        filled = [text, feedback, form.raw(keys["weight"])]
        if not any(filled) and not form.ticked(keys["correct"]) and not form.ticked(keys["pinned"]):
            continue  # a spare row left empty
        if not text:
            _empty_row_text(form, keys["text"], "nội dung đáp án")
            continue
        marker = _marker(form, keys["correct"], keys["weight"], weighted_ticks=kind == "multiple_choice")
        rows.append(Row(marker, text, feedback, form.ticked(keys["pinned"]), keys))
    return rows


def numerical_rows(form: Form, kind: str) -> list[Row]:
    """option-N-{value,tolerance,correct,weight,feedback}, and other-feedback for any other number."""
    rows = []
    for n in form.rows("option"):
        roles = ("value", "tolerance", "correct", "weight", "feedback", "pinned")
        keys = {role: row_key("option", n, role) for role in roles}
        value, tolerance, feedback = (
            form.line(keys["value"]),
            form.line(keys["tolerance"]),
            form.lines(keys["feedback"]),
        )
        if not any([value, tolerance, feedback, form.raw(keys["weight"])]) and not form.ticked(
            keys["correct"]
        ):
            continue
        if not value:
            _empty_row_text(form, keys["value"], "đáp số")
            continue
        if tolerance and (".." in value or ":" in value):
            form.errors[keys["tolerance"]] = "Một khoảng (1..5) không kèm sai số: để trống ô này."
            continue
        # A number the type cannot read is the tolerance's fault only when the value alone is fine.
        keys["number"] = keys["tolerance"] if tolerance and interval(value) is not None else keys["value"]
        keys["text"] = keys["value"]
        marker = _marker(form, keys["correct"], keys["weight"], weighted_ticks=False)
        text = f"{value}:{tolerance}" if tolerance else value
        rows.append(Row(marker, text, feedback, form.ticked(keys["pinned"]), keys))
    other = form.lines("other-feedback")
    if other:
        rows.append(Row(" ", ANY_OTHER, other, keys={"text": "other-feedback", "feedback": "other-feedback"}))
    return rows


def matching_rows(form: Form, kind: str) -> list[Row]:
    """pair-N-{left,right}; a pair with no left side is a decoy answer."""
    rows = []
    for n in form.rows("pair"):
        keys = {"left": row_key("pair", n, "left"), "right": row_key("pair", n, "right")}
        left, right = form.line(keys["left"]), form.line(keys["right"])
        if not left and not right:
            continue
        if "->" in left:
            form.errors[keys["left"]] = "Mục không được chứa '->'."
            continue
        keys["text"] = keys["left"] if left else keys["right"]
        rows.append(Row("x" if left else " ", f"{left} -> {right}".strip(), keys=keys))
    return rows


def ordering_rows(form: Form, kind: str) -> list[Row]:
    """item-N-text, in the right order."""
    rows = []
    for n in form.rows("item"):
        key = row_key("item", n, "text")
        if text := form.line(key):
            rows.append(Row(str(len(rows) + 1), text, keys={"text": key}))
    return rows


def true_false_rows(form: Form, kind: str) -> list[Row]:
    """correct=true|false, feedback-true, feedback-false; labels keeps the two words as written."""
    labels = (form.line("labels") or DEFAULT_LABELS).split("|")
    value = form.raw("correct")
    rows = []
    for label in labels:
        side = "true" if label.strip().casefold() in TRUE_LABELS else "false"
        marker = "x" if value == side else " "
        keys = {"text": "correct", "correct": "correct", "feedback": f"feedback-{side}"}
        rows.append(
            Row(marker, label.strip(), form.lines(keys["feedback"]), form.ticked(f"pinned-{side}"), keys)
        )
    return rows


ROW_READERS: dict[str, Callable[[Form, str], list[Row]]] = {
    "single_choice": option_rows,
    "multiple_choice": option_rows,
    "missing_word": option_rows,
    "short_answer": option_rows,
    "numerical": numerical_rows,
    "matching": matching_rows,
    "ordering": ordering_rows,
    "true_false": true_false_rows,
}
