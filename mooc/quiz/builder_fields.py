"""The question editor's form, described as plain data: one form per question type.

A template renders any type's form from `FIELDS[kind]` alone. A field whose
widget is "rows" is a repeated group (answers, pairs, items): row n of column
c is submitted as `<name>-<n>-<c>` (`option-0-text`, `pair-2-right`), n from 0,
in the order the rows are shown; the builder drops rows left empty and reads
the rest in numeric order of n, so rows may be added or removed with gaps.
A checkbox counts as ticked when it is sent with any value but "", "0",
"off", "false" or "no" (a browser sends "on"). Labels are Vietnamese plain
strings; the web layer translates them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Widget = Literal["text", "textarea", "number", "checkbox", "radio", "hidden", "rows"]


@dataclass(frozen=True)
class FieldSpec:
    name: str  # the form key; for a column of a "rows" field, the last part of `<row>-<n>-<name>`
    label: str
    widget: Widget
    required: bool = False
    help: str = ""
    default: str = ""
    choices: tuple[tuple[str, str], ...] = ()  # radio: (value, label)
    columns: tuple[FieldSpec, ...] = ()  # rows: the fields of one row
    min_rows: int = 0  # rows: how many the question needs (show at least this many, plus spare ones)


def row_key(row: str, n: int, column: str) -> str:
    """The form key of one cell: row_key("option", 0, "text") == "option-0-text"."""
    return f"{row}-{n}-{column}"


# ------------------------------------------------------------------------------------- shared fields

_TITLE = FieldSpec(
    "title",
    "Tên câu hỏi",
    "text",
    help="Chỉ người soạn bài và trang thống kê thấy tên này. Để trống thì lấy từ đầu nội dung câu hỏi.",
)
_TEXT = FieldSpec(
    "text",
    "Nội dung câu hỏi",
    "textarea",
    required=True,
    help="Viết bằng Markdown: có thể có nhiều đoạn, danh sách và hình ảnh.",
)
_MISSING_WORD_TEXT = FieldSpec(
    "text",
    "Câu có chỗ trống",
    "textarea",
    required=True,
    help="Viết [___] đúng một lần ở chỗ người học chọn từ điền vào.",
)
_EXPLANATION = FieldSpec(
    "explanation",
    "Giải thích chung",
    "textarea",
    help="Hiện cho mọi người học sau khi nộp bài.",
)
_HINT = FieldSpec("hint", "Gợi ý", "text", help="Một dòng, hiện ngay dưới câu hỏi.")
_POINTS = FieldSpec("points", "Điểm", "number", default="1", help="Số nguyên, từ 1 trở lên.")
_ID = FieldSpec(
    "id",
    "Mã câu hỏi",
    "text",
    help=(
        "Chữ thường không dấu, chữ số và dấu '-'. Để trống thì lấy từ tên câu hỏi. "
        "Giữ nguyên mã khi sửa câu hỏi để số liệu thống kê đi theo câu hỏi."
    ),
)

# ------------------------------------------------------------------------------------- answer rows

_FEEDBACK = FieldSpec(
    "feedback", "Phản hồi", "textarea", help="Hiện cho người chọn đáp án này, sau khi nộp bài."
)
_PINNED = FieldSpec(
    "pinned", "Giữ vị trí", "checkbox", help="Không xáo trộn đáp án này (cho 'Tất cả các ý trên')."
)
_PINNED_HIDDEN = FieldSpec("pinned", "Giữ vị trí", "hidden")
_PARTIAL = FieldSpec(
    "weight",
    "Điểm một phần (%)",
    "number",
    help="Để trống nếu đáp án sai hẳn; ví dụ 50 cho đáp án đúng một nửa.",
)


def _option_rows(text_label: str, correct_label: str, weight: FieldSpec, pinned: FieldSpec, min_rows: int):
    return FieldSpec(
        "option",
        "Các đáp án",
        "rows",
        min_rows=min_rows,
        columns=(
            FieldSpec("text", text_label, "text", required=True),
            FieldSpec("correct", correct_label, "checkbox"),
            weight,
            _FEEDBACK,
            pinned,
        ),
    )


_CHOICE_ROWS = _option_rows("Đáp án", "Đúng", _PARTIAL, _PINNED, 2)
_MULTIPLE_ROWS = _option_rows(
    "Đáp án",
    "Đúng",
    FieldSpec(
        "weight",
        "Trọng số (%)",
        "number",
        help=(
            "Để trống ở mọi đáp án thì điểm chia đều: mỗi đáp án đúng được 100 chia cho số đáp án đúng, "
            "mỗi đáp án sai bị trừ chừng ấy. Hoặc ghi trọng số cho từng đáp án (âm cho đáp án sai); "
            "các trọng số dương cộng lại phải bằng 100."
        ),
    ),
    _PINNED,
    2,
)
_SHORT_ROWS = _option_rows("Câu trả lời", "Được chấp nhận", _PARTIAL, _PINNED_HIDDEN, 1)
_NUMERICAL_ROWS = FieldSpec(
    "option",
    "Các đáp số",
    "rows",
    min_rows=1,
    columns=(
        FieldSpec(
            "value",
            "Đáp số",
            "text",
            required=True,
            help="Dùng dấu chấm thập phân: 3.14. Hoặc một khoảng: 1..5.",
        ),
        FieldSpec("tolerance", "Sai số cho phép (±)", "text", help="Ví dụ 0.01; để trống nếu phải đúng hẳn."),
        FieldSpec("correct", "Đúng", "checkbox"),
        _PARTIAL,
        _FEEDBACK,
        _PINNED_HIDDEN,
    ),
)

# ------------------------------------------------------------------------------------- the forms

_HEAD = (_TITLE,)
_TAIL = (_EXPLANATION, _HINT, _POINTS, _ID)

FIELDS: dict[str, tuple[FieldSpec, ...]] = {
    "single_choice": (*_HEAD, _TEXT, _CHOICE_ROWS, *_TAIL),
    "multiple_choice": (*_HEAD, _TEXT, _MULTIPLE_ROWS, *_TAIL),
    "true_false": (
        *_HEAD,
        _TEXT,
        FieldSpec(
            "correct", "Đáp án đúng", "radio", required=True, choices=(("true", "Đúng"), ("false", "Sai"))
        ),
        FieldSpec("feedback-true", "Phản hồi khi chọn Đúng", "textarea"),
        FieldSpec("feedback-false", "Phản hồi khi chọn Sai", "textarea"),
        # Kept from the file as written: the two answers' words and order ("Đúng|Sai", "True|False",
        # "Sai|Đúng"), and a {pin} on either; a new question leaves them empty.
        FieldSpec("labels", "Nhãn hai đáp án", "hidden"),
        FieldSpec("pinned-true", "Giữ vị trí Đúng", "hidden"),
        FieldSpec("pinned-false", "Giữ vị trí Sai", "hidden"),
        *_TAIL,
    ),
    "short_answer": (
        *_HEAD,
        _TEXT,
        _SHORT_ROWS,
        FieldSpec(
            "ignore_tones",
            "Chấp nhận câu trả lời gõ không dấu",
            "checkbox",
            help="Ví dụ 'Ha Noi' cho 'Hà Nội'.",
        ),
        *_TAIL,
    ),
    "numerical": (
        *_HEAD,
        _TEXT,
        _NUMERICAL_ROWS,
        FieldSpec("other-feedback", "Phản hồi cho mọi đáp số khác", "textarea"),
        *_TAIL,
    ),
    "matching": (
        *_HEAD,
        _TEXT,
        FieldSpec(
            "pair",
            "Các cặp ghép",
            "rows",
            min_rows=2,
            columns=(
                FieldSpec("left", "Mục", "text", help="Để trống để thêm một đáp án gây nhiễu."),
                FieldSpec("right", "Đáp án ghép", "text", required=True),
            ),
        ),
        *_TAIL,
    ),
    "ordering": (
        *_HEAD,
        _TEXT,
        FieldSpec(
            "item",
            "Các mục, theo đúng thứ tự",
            "rows",
            min_rows=2,
            columns=(FieldSpec("text", "Mục", "text", required=True),),
        ),
        *_TAIL,
    ),
    "missing_word": (*_HEAD, _MISSING_WORD_TEXT, _CHOICE_ROWS, *_TAIL),
}

KIND_LABELS: dict[str, str] = {
    "single_choice": "Chọn một đáp án",
    "multiple_choice": "Chọn nhiều đáp án",
    "true_false": "Đúng / Sai",
    "short_answer": "Trả lời ngắn",
    "numerical": "Đáp số",
    "matching": "Ghép cặp",
    "ordering": "Sắp xếp thứ tự",
    "missing_word": "Điền từ vào chỗ trống",
}
