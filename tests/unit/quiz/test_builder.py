"""The quiz editor's engine: form data ⇄ question ⇄ Markdown, pasted GIFT/Aiken, editing a quiz file."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from textwrap import dedent

import pytest

from mooc.content.frontmatter import split_front_matter
from mooc.content.markdown import render_markdown
from mooc.quiz import registry
from mooc.quiz.base import Question
from mooc.quiz.builder import (
    FIELDS,
    KIND_LABELS,
    QuizEditError,
    append_questions,
    build_question,
    looks_like_aiken,
    move_question,
    parse_pasted_gift,
    question_form_data,
    question_keys,
    question_markdown,
    remove_question,
    replace_question,
    row_key,
)
from mooc.quiz.gift import parse_gift
from mooc.quiz.parse import parse_questions
from tests.unit.quiz.test_contract import EXAMPLES
from tests.unit.quiz.test_export import EVERY_KIND, MOODLE_EXPORT, QUIZ_FILES


def build(kind: str, data: dict):
    return build_question(kind, data, render_markdown)


def parse_block(markdown: str) -> Question:
    parsed = parse_questions(markdown, "kiem-tra.md", 1, render_markdown)
    assert [str(e) for e in parsed.errors] == []
    [question] = parsed.questions
    return question


def file_questions(text: str) -> list[Question]:
    _meta, body, first = split_front_matter(text, "kiem-tra.md")
    parsed = parse_questions(body, "kiem-tra.md", first, render_markdown)
    assert [str(e) for e in parsed.errors] == []
    return parsed.questions


# ---------------------------------------------------------------------------------------- the forms


def form_keys(kind: str, rows: int = 6) -> set[str]:
    """Every key the form of `kind` can send, with `rows` rows per repeated group."""
    keys = set()
    for spec in FIELDS[kind]:
        if spec.widget == "rows":
            keys |= {row_key(spec.name, n, c.name) for n in range(rows) for c in spec.columns}
        else:
            keys.add(spec.name)
    return keys


def test_every_question_type_has_a_form_with_vietnamese_labels():
    assert sorted(FIELDS) == sorted(registry.kinds()) == sorted(KIND_LABELS)
    for kind, fields in FIELDS.items():
        names = [f.name for f in fields]
        assert len(names) == len(set(names)), kind
        assert {"title", "text", "explanation", "hint", "points", "id"} <= set(names), kind
        for spec in fields:
            assert spec.label.strip()
            assert (spec.widget == "rows") == bool(spec.columns)
            assert all(c.widget not in ("rows", "radio") for c in spec.columns)
            assert spec.widget != "radio" or spec.choices


def test_a_row_key_is_row_number_column():
    assert row_key("option", 0, "text") == "option-0-text"
    assert row_key("pair", 12, "right") == "pair-12-right"


# ---------------------------------------------------------------------------------------- building

CASES = {
    "single_choice": (
        {
            "title": "Mã OTP",
            "text": "Ngân hàng gọi điện và hỏi mã OTP. Bạn nên làm gì?",
            "option-0-text": "Từ chối và cúp máy.",
            "option-0-correct": "on",
            "option-0-feedback": "Đúng. Ngân hàng không bao giờ hỏi mã OTP.",
            "option-1-text": "Đọc mã cho họ.",
            "option-1-feedback": "Sai: ai có mã\nđều lấy được tiền.",
            "option-2-text": "Hỏi lại tên người gọi.",
            "option-2-weight": "25",
            "option-3-text": "Tất cả các ý trên",
            "option-3-pinned": "on",
            "option-4-text": "",  # a spare row left empty
            "option-4-feedback": "",
            "explanation": "Mã OTP là mật khẩu dùng một lần.",
            "hint": "Nghĩ đến ngân hàng.",
            "points": "2",
        },
        """\
        ## Mã OTP
        type: single_choice
        id: ma-otp
        points: 2
        hint: Nghĩ đến ngân hàng.

        Ngân hàng gọi điện và hỏi mã OTP. Bạn nên làm gì?

        - [x] Từ chối và cúp máy.
          > Đúng. Ngân hàng không bao giờ hỏi mã OTP.
        - [ ] Đọc mã cho họ.
          > Sai: ai có mã
          > đều lấy được tiền.
        - [25%] Hỏi lại tên người gọi.
        - [ ] Tất cả các ý trên {pin}

        > Mã OTP là mật khẩu dùng một lần.
        """,
    ),
    "multiple_choice": (
        {
            "title": "Thói quen an toàn",
            "text": "Chọn các thói quen giữ tài khoản an toàn.",
            "option-0-text": "Dùng mật khẩu dài.",
            "option-0-correct": "on",
            "option-1-text": "Bật xác thực hai bước.",
            "option-1-correct": "on",
            "option-2-text": "Viết mật khẩu lên vỏ máy.",
            "option-2-feedback": "Ai cầm máy cũng đọc được.",
        },
        """\
        ## Thói quen an toàn
        type: multiple_choice
        id: thoi-quen-an-toan

        Chọn các thói quen giữ tài khoản an toàn.

        - [50%] Dùng mật khẩu dài.
        - [50%] Bật xác thực hai bước.
        - [-50%] Viết mật khẩu lên vỏ máy.
          > Ai cầm máy cũng đọc được.
        """,
    ),
    "true_false": (
        {
            "title": "Tin nhắn ngân hàng",
            "text": "Ngân hàng gửi đường link đăng nhập qua tin nhắn SMS.",
            "correct": "false",
            "feedback-true": "Đó là lừa đảo.",
            "feedback-false": "Chính xác.",
        },
        """\
        ## Tin nhắn ngân hàng
        type: true_false
        id: tin-nhan-ngan-hang

        Ngân hàng gửi đường link đăng nhập qua tin nhắn SMS.

        - [ ] Đúng
          > Đó là lừa đảo.
        - [x] Sai
          > Chính xác.
        """,
    ),
    "short_answer": (
        {
            "title": "Thủ đô",
            "text": "Thủ đô của nước ta là thành phố nào?",
            "option-0-text": "Hà Nội",
            "option-0-correct": "on",
            "option-0-feedback": "Chính xác.",
            "option-1-text": "Thăng Long",
            "option-1-weight": "50%",
            "option-2-text": "Huế",
            "option-2-feedback": "Đó là cố đô.",
            "ignore_tones": "on",
        },
        """\
        ## Thủ đô
        type: short_answer
        id: thu-do
        ignore_tones: yes

        Thủ đô của nước ta là thành phố nào?

        - [x] Hà Nội
          > Chính xác.
        - [50%] Thăng Long
        - [ ] Huế
          > Đó là cố đô.
        """,
    ),
    "numerical": (
        {
            "title": "Số pi",
            "text": "Số pi bằng khoảng bao nhiêu?",
            "option-0-value": "3.14",
            "option-0-tolerance": "0.005",
            "option-0-correct": "on",
            "option-0-feedback": "Chính xác.",
            "option-1-value": "3..3.3",
            "option-1-weight": "50",
            "other-feedback": "Số pi lớn hơn 3 một chút.",
        },
        """\
        ## Số pi
        type: numerical
        id: so-pi

        Số pi bằng khoảng bao nhiêu?

        - [x] 3.14:0.005
          > Chính xác.
        - [50%] 3..3.3
        - [ ] *
          > Số pi lớn hơn 3 một chút.
        """,
    ),
    "matching": (
        {
            "title": "Ứng dụng",
            "text": "Ghép mỗi ứng dụng với việc nó làm.",
            "pair-0-left": "VNeID",
            "pair-0-right": "Định danh điện tử",
            "pair-1-left": "Cổng Dịch vụ công",
            "pair-1-right": "Nộp hồ sơ trực tuyến",
            "pair-2-left": "",
            "pair-2-right": "Xem phim",
            "explanation": "VNeID do Bộ Công an quản lý.",
        },
        """\
        ## Ứng dụng
        type: matching
        id: ung-dung

        Ghép mỗi ứng dụng với việc nó làm.

        - [x] VNeID -> Định danh điện tử
        - [x] Cổng Dịch vụ công -> Nộp hồ sơ trực tuyến
        - [ ] -> Xem phim

        > VNeID do Bộ Công an quản lý.
        """,
    ),
    "ordering": (
        {
            "title": "Chuyển tiền",
            "text": "Sắp xếp các bước chuyển tiền bằng mã QR.",
            "item-0-text": "Mở ứng dụng ngân hàng.",
            "item-1-text": "Quét mã QR.",
            "item-2-text": "",
            "item-3-text": "Đọc kỹ tên người nhận rồi xác nhận.",
        },
        """\
        ## Chuyển tiền
        type: ordering
        id: chuyen-tien

        Sắp xếp các bước chuyển tiền bằng mã QR.

        - [1] Mở ứng dụng ngân hàng.
        - [2] Quét mã QR.
        - [3] Đọc kỹ tên người nhận rồi xác nhận.
        """,
    ),
    "missing_word": (
        {
            "title": "Số cấp cứu",
            "text": "Khi cần xe cấp cứu, hãy gọi số [___] ngay.",
            "option-0-text": "115",
            "option-0-correct": "on",
            "option-1-text": "113",
            "option-1-feedback": "113 là số của công an.",
        },
        """\
        ## Số cấp cứu
        type: missing_word
        id: so-cap-cuu

        Khi cần xe cấp cứu, hãy gọi số [___] ngay.

        - [x] 115
        - [ ] 113
          > 113 là số của công an.
        """,
    ),
}


def test_every_kind_has_a_build_case():
    assert sorted(CASES) == sorted(registry.kinds())


@pytest.mark.parametrize("kind", sorted(CASES))
def test_each_kind_builds_the_exact_markdown_and_reads_back_the_same_question(kind):
    data, expected = CASES[kind]
    result = build(kind, data)
    assert result.errors == {}
    assert result.ok
    assert result.markdown == dedent(expected)
    assert result.question.kind == kind
    assert parse_block(result.markdown).content_hash() == result.question.content_hash()
    # ... and the form filled from the question builds the same question again.
    again = build(kind, question_form_data(result.question))
    assert again.question.content_hash() == result.question.content_hash()
    assert set(question_form_data(result.question)) <= form_keys(kind)


def test_weights_may_be_given_instead_of_ticks_in_multiple_choice():
    result = build(
        "multiple_choice",
        {
            "title": "Mật khẩu",
            "text": "Thói quen nào tốt?",
            "option-0-text": "Dài",
            "option-0-correct": "on",
            "option-0-weight": "60",
            "option-1-text": "Hai bước",
            "option-1-weight": "40",
            "option-2-text": "Viết lên vỏ máy",
            "option-2-weight": "-100",
            "option-3-text": "Không làm gì",
        },
    )
    assert result.errors == {}
    assert [o.weight for o in result.question.options] == ["60", "40", "-100", "0"]
    form = question_form_data(result.question)
    assert (form["option-0-weight"], form["option-0-correct"], form["option-2-weight"]) == (
        "60",
        "on",
        "-100",
    )
    assert "option-3-weight" not in form and "option-3-correct" not in form


def test_a_third_is_written_as_the_exporter_writes_it_and_read_back_exactly():
    data = {"title": "Ba", "text": "Chọn ba.", **{f"option-{n}-text": t for n, t in enumerate("ABCD")}}
    data |= {"option-0-correct": "on", "option-1-correct": "on", "option-2-correct": "on"}
    result = build("multiple_choice", data)
    assert "- [33.33333%] A\n" in result.markdown and "- [-33.33333%] D\n" in result.markdown
    assert sum(o.fraction for o in result.question.options if o.fraction > 0) == 1
    form = question_form_data(result.question)
    assert "option-0-weight" not in form  # ticks, as the teacher gave them


def test_rows_are_read_in_numeric_order_and_empty_ones_are_dropped():
    result = build(
        "ordering",
        {
            "text": "Xếp.",
            "item-10-text": "Ba",
            "item-2-text": "Hai",
            "item-0-text": "Một",
            "item-5-text": " ",
        },
    )
    assert [o.text for o in result.question.options] == ["Một", "Hai", "Ba"]


def test_a_question_with_no_name_is_named_after_its_text():
    result = build(
        "true_false", {"text": "Mật khẩu 123456 là mật khẩu mạnh.\n\nĐoạn hai.", "correct": "false"}
    )
    assert result.question.title == "Mật khẩu 123456 là mật khẩu mạnh."
    assert result.question.key == "mat-khau-123456-la-mat-khau-manh"
    assert result.markdown.startswith("## Mật khẩu 123456 là mật khẩu mạnh.\n")


def test_every_string_is_nfc_and_line_endings_are_plain():
    nfd = unicodedata.normalize("NFD", "Hà Nội")
    result = build(
        "short_answer",
        {
            "title": unicodedata.normalize("NFD", "Thủ đô"),
            "text": unicodedata.normalize("NFD", "Thủ đô là gì?\r\nGõ tên.") + "\u200b",
            "option-0-text": nfd,
            "option-0-correct": ["on"],
            "option-0-feedback": [unicodedata.normalize("NFD", "Đúng rồi.")],
        },
    )
    question = result.question
    assert (question.title, question.key) == ("Thủ đô", "thu-do")
    assert question.stem_md == "Thủ đô là gì?\nGõ tên."
    assert question.options[0].text == "Hà Nội" != nfd
    assert question.options[0].feedback_md == "Đúng rồi."
    assert result.markdown == unicodedata.normalize("NFC", result.markdown)


def test_a_hidden_zero_before_a_checkbox_does_not_untick_it():
    data = {"text": "Hỏi?", "option-0-text": "A", "option-0-correct": ["0", "on"], "option-1-text": "B"}
    assert build("single_choice", data).question.options[0].fraction == 1


def test_an_id_derived_from_the_title_steps_aside_for_the_quizs_other_questions():
    data = {"title": "Mã OTP", "text": "Hỏi?", "correct": "true"}
    result = build_question("true_false", data, render_markdown, taken_keys={"ma-otp", "ma-otp-2"})
    assert result.question.key == "ma-otp-3"
    assert "\nid: ma-otp-3\n" in result.markdown
    given = build_question("true_false", {**data, "id": "ma-otp"}, render_markdown, taken_keys={"ma-otp"})
    assert given.errors == {"id": "Mã câu hỏi 'ma-otp' đã dùng cho một câu khác trong bài."}


def test_script_is_kept_as_text_for_the_markdown_pipeline_to_sanitize():
    script = "<script>alert('x')</script>"
    result = build(
        "single_choice",
        {
            "title": "Thử",
            "text": f"Câu hỏi {script}\n\n{script}",
            "option-0-text": f"A {script}",
            "option-0-correct": "on",
            "option-0-feedback": script,
            "option-1-text": '<img src=x onerror="alert(1)">',
            "explanation": f"<b onclick=alert(1)>x</b>{script}",
        },
    )
    assert result.errors == {}
    assert script in result.markdown  # the source keeps what was typed
    question = result.question
    shown = [question.stem_html, question.explanation_html]
    shown += [html for o in question.options for html in (o.html, o.feedback_html)]
    shown.append(render_markdown(result.markdown))
    for html in shown:
        assert "<script" not in html and "onerror" not in html and "onclick" not in html
    matching = build(
        "matching",
        {
            "text": "Ghép.",
            "pair-0-left": "A",
            "pair-0-right": script,
            "pair-1-left": "B",
            "pair-1-right": "2",
        },
    )
    assert matching.question.options[0].match == script  # shown through html.escape by the type


# ---------------------------------------------------------------------------------------- errors

OK_CHOICES = {"text": "Hỏi?", "option-0-text": "A", "option-0-correct": "on", "option-1-text": "B"}
PAIRS = {"text": "Ghép.", "pair-0-left": "A", "pair-0-right": "1", "pair-1-left": "B", "pair-1-right": "2"}
NUMBER = {"text": "Số?", "option-0-correct": "on"}
NOT_A_NUMBER = (
    "Đáp số là một số viết bằng dấu chấm thập phân (3.14), có thể kèm sai số (3.14:0.01), "
    "hoặc một khoảng (1..5)."
)
LINE_2_MISREAD = (
    "Dòng 2 của nội dung bắt đầu bằng '##' hoặc '- [': trong tệp bài kiểm tra, dòng như vậy là "
    "một câu hỏi mới hoặc một đáp án. Hãy viết khác đi (ví dụ bỏ dấu '-' hoặc thêm chữ trước dấu '[')."
)
SAME_ANSWER = "Câu trả lời này trùng với một câu trả lời khác (không tính chữ hoa, khoảng trắng và dấu câu)."

ERRORS = [
    (
        "no right answer",
        "single_choice",
        {**OK_CHOICES, "option-0-correct": ""},
        {"": "Cần ít nhất một đáp án đúng."},
    ),
    (
        "no right answer, multiple",
        "multiple_choice",
        {**OK_CHOICES, "option-0-correct": ""},
        {"": "Cần ít nhất một đáp án đúng."},
    ),
    (
        "no accepted answer",
        "short_answer",
        {"text": "Hỏi?", "option-0-text": "A"},
        {"": "Cần ít nhất một đáp án đúng."},
    ),
    (
        "two right answers",
        "single_choice",
        {**OK_CHOICES, "option-1-correct": "on"},
        {
            "option-1-correct": "Câu hỏi này chỉ có một đáp án đúng: bỏ đánh dấu ở các đáp án khác "
            "(hoặc chọn loại câu 'Chọn nhiều đáp án')."
        },
    ),
    ("empty text", "single_choice", {**OK_CHOICES, "text": "  \n "}, {"text": "Nhập nội dung câu hỏi."}),
    ("one answer", "single_choice", {"text": "Hỏi?", "option-0-text": "A"}, {"": "Cần ít nhất hai đáp án."}),
    (
        "the same answer twice",
        "single_choice",
        {**OK_CHOICES, "option-3-text": "A"},
        {"option-3-text": "Đáp án này trùng với một đáp án khác."},
    ),
    (
        "feedback with no answer",
        "single_choice",
        {**OK_CHOICES, "option-2-feedback": "Phản hồi lạc."},
        {"option-2-text": "Nhập nội dung đáp án (hoặc xóa cả dòng)."},
    ),
    (
        "ticked and weighted",
        "single_choice",
        {**OK_CHOICES, "option-0-weight": "50"},
        {"option-0-weight": "Đáp án đúng được trọn điểm: bỏ dấu 'Đúng' hoặc để trống ô này."},
    ),
    (
        "a weight that is not a number",
        "single_choice",
        {**OK_CHOICES, "option-1-weight": "nửa"},
        {"option-1-weight": "Điểm phần trăm phải là một số, ví dụ 50."},
    ),
    (
        "a weight out of range",
        "single_choice",
        {**OK_CHOICES, "option-1-weight": "150"},
        {"option-1-weight": "Điểm phần trăm phải từ -100 đến 100."},
    ),
    (
        "weights not adding up",
        "multiple_choice",
        {
            "text": "Hỏi?",
            "option-0-text": "A",
            "option-0-weight": "50",
            "option-1-text": "B",
            "option-1-weight": "-50",
        },
        {"": "Các trọng số dương phải cộng lại bằng 100%; hiện là 50%."},
    ),
    (
        "ticks and weights mixed",
        "multiple_choice",
        {**OK_CHOICES, "option-1-weight": "50"},
        {"": "Hoặc đánh dấu các đáp án đúng, hoặc ghi trọng số cho các đáp án; không dùng lẫn cả hai."},
    ),
    (
        "true or false not chosen",
        "true_false",
        {"text": "Hỏi?"},
        {"correct": "Chọn đáp án đúng: Đúng hoặc Sai."},
    ),
    (
        "a pair missing its right side",
        "matching",
        {**PAIRS, "pair-1-right": ""},
        {"pair-1-right": "Nhập đáp án ghép cho mục này."},
    ),
    (
        "one pair",
        "matching",
        {"text": "Ghép.", "pair-0-left": "A", "pair-0-right": "1"},
        {"": "Cần ít nhất hai cặp ghép."},
    ),
    (
        "an item twice",
        "matching",
        {**PAIRS, "pair-1-left": "A"},
        {"pair-1-left": "Mục này đã có ở một cặp khác."},
    ),
    (
        "an arrow on the left",
        "matching",
        {**PAIRS, "pair-0-left": "A -> B"},
        {"pair-0-left": "Mục không được chứa '->'."},
    ),
    (
        "a numerical answer that is not a number",
        "numerical",
        {**NUMBER, "option-0-value": "ba phẩy mười bốn"},
        {"option-0-value": NOT_A_NUMBER},
    ),
    (
        "a decimal comma",
        "numerical",
        {**NUMBER, "option-0-value": "3,14"},
        {"option-0-value": NOT_A_NUMBER},
    ),
    (
        "a tolerance that is not a number",
        "numerical",
        {**NUMBER, "option-0-value": "3.14", "option-0-tolerance": "một chút"},
        {"option-0-tolerance": "Sai số là một số không âm, viết bằng dấu chấm thập phân, ví dụ 0.01."},
    ),
    (
        "a negative tolerance",
        "numerical",
        {**NUMBER, "option-0-value": "3.14", "option-0-tolerance": "-0.1"},
        {"option-0-tolerance": "Sai số không được âm."},
    ),
    (
        "a range backwards",
        "numerical",
        {**NUMBER, "option-0-value": "5..1"},
        {"option-0-value": "Khoảng viết từ số nhỏ đến số lớn, ví dụ 1..5."},
    ),
    (
        "a tolerance on a range",
        "numerical",
        {**NUMBER, "option-0-value": "1..5", "option-0-tolerance": "1"},
        {"option-0-tolerance": "Một khoảng (1..5) không kèm sai số: để trống ô này."},
    ),
    (
        "missing word without a blank",
        "missing_word",
        {**OK_CHOICES, "text": "Hãy gọi số ngay."},
        {"text": "Đánh dấu chỗ trống bằng [___], đúng một lần trong câu."},
    ),
    (
        "missing word with two blanks",
        "missing_word",
        {**OK_CHOICES, "text": "Gọi [___] hoặc [___]."},
        {"text": "Đánh dấu chỗ trống bằng [___], đúng một lần trong câu."},
    ),
    (
        "answers alike in a short answer",
        "short_answer",
        {"text": "Thủ đô?", "option-0-text": "Hà Nội", "option-0-correct": "on", "option-1-text": "hà nội."},
        {"option-1-text": SAME_ANSWER},
    ),
    (
        "one item to order",
        "ordering",
        {"text": "Xếp.", "item-0-text": "A"},
        {"": "Cần ít nhất hai mục để sắp xếp."},
    ),
    (
        "points not a number",
        "single_choice",
        {**OK_CHOICES, "points": "hai"},
        {"points": "Điểm là một số nguyên, từ 1 trở lên."},
    ),
    (
        "an id with capitals",
        "single_choice",
        {**OK_CHOICES, "id": "Câu 1"},
        {"id": "Mã câu hỏi chỉ gồm chữ thường không dấu (a-z), chữ số và dấu '-'."},
    ),
    (
        "a name that slugs to nothing",
        "single_choice",
        {**OK_CHOICES, "title": "???"},
        {"id": "Mã câu hỏi chỉ gồm chữ thường không dấu (a-z), chữ số và dấu '-'."},
    ),
    (
        "a name ending in #",
        "single_choice",
        {**OK_CHOICES, "title": "Dùng C#"},
        {"title": "Tên câu hỏi không được kết thúc bằng dấu #."},
    ),
    (
        "a text line that reads as an answer",
        "single_choice",
        {**OK_CHOICES, "text": "Xem:\n- [Cổng dịch vụ công](https://dichvucong.gov.vn)"},
        {"text": LINE_2_MISREAD},
    ),
    (
        "a text line that reads as a question",
        "true_false",
        {"text": "Hỏi\n## Phần hai", "correct": "true"},
        {"text": LINE_2_MISREAD},
    ),
    (
        "a code block left open",
        "true_false",
        {"text": "Gõ lệnh:\n```\nls", "correct": "true"},
        {"text": "Khối mã mở bằng ``` hoặc ~~~ chưa được đóng lại."},
    ),
    (
        "{pin} typed at the end of an answer",
        "single_choice",
        {**OK_CHOICES, "option-1-text": "Tất cả {pin}"},
        {"option-1-text": "Dùng ô 'Giữ vị trí' thay cho chữ {pin} ở cuối đáp án."},
    ),
    ("an unknown kind", "essay", {"text": "Viết."}, {"": "Không có loại câu hỏi 'essay'."}),
]


@pytest.mark.parametrize(("kind", "data", "errors"), [e[1:] for e in ERRORS], ids=[e[0] for e in ERRORS])
def test_a_mistake_is_shown_on_its_field_in_vietnamese(kind, data, errors):
    result = build(kind, data)
    assert result.errors == errors
    assert result.question is None and result.markdown == "" and not result.ok


def test_a_code_block_in_the_text_may_hold_lines_that_look_like_answers():
    text = "Tệp có dòng:\n\n```\n- [x] việc đã xong\n## tiêu đề\n```"
    result = build("true_false", {"text": text, "correct": "true"})
    assert result.errors == {}
    assert result.question.stem_md == text


def test_a_row_mistake_and_a_missing_text_are_both_shown():
    result = build(
        "single_choice",
        {"text": "", "option-0-text": "A", "option-0-correct": "on", "option-1-feedback": "x"},
    )
    assert result.errors == {
        "option-1-text": "Nhập nội dung đáp án (hoặc xóa cả dòng).",
        "text": "Nhập nội dung câu hỏi.",
    }
    result = build("single_choice", {**OK_CHOICES, "text": "", "option-0-correct": ""})
    assert result.errors == {"": "Cần ít nhất một đáp án đúng.", "text": "Nhập nội dung câu hỏi."}


# ---------------------------------------------------------------------------------------- round trip


def questions_of(path: Path) -> list[Question]:
    return file_questions(path.read_text(encoding="utf-8"))


def assert_round_trip(question: Question) -> None:
    data = question_form_data(question)
    assert set(data) <= form_keys(question.kind, rows=len(question.options) + 1)
    result = build(question.kind, data)
    assert result.errors == {}, question.key
    assert result.question.content_hash() == question.content_hash(), question.key
    assert parse_block(result.markdown).content_hash() == question.content_hash()


@pytest.mark.parametrize("path", QUIZ_FILES, ids=lambda p: p.parent.name)
def test_every_shipped_question_goes_through_the_form_unchanged(path):
    for question in questions_of(path):
        assert_round_trip(question)


@pytest.mark.parametrize("kind", sorted(EXAMPLES))
def test_every_kind_of_example_goes_through_the_form_unchanged(kind):
    assert_round_trip(parse_block(dedent(EXAMPLES[kind].block).lstrip("\n")))


def test_every_kind_with_pins_hints_and_points_goes_through_the_form_unchanged():
    questions = file_questions(EVERY_KIND)
    assert sorted({q.kind for q in questions}) == sorted(registry.kinds())
    for question in questions:
        assert_round_trip(question)


def test_questions_from_moodle_go_through_the_form_unchanged():
    parsed = parse_gift(MOODLE_EXPORT.read_text(encoding="utf-8"), "moodle.gift", 1, render_markdown)
    assert len(parsed.questions) >= 5
    for question in parsed.questions:
        assert_round_trip(question)


def test_unusual_answers_are_kept_in_hidden_fields():
    question = parse_block(
        dedent(
            """\
            ## Sai trước
            type: true_false

            Câu hỏi.

            - [x] Sai {pin}
            - [ ] True
            """
        )
    )
    data = question_form_data(question)
    assert (data["labels"], data["correct"], data["pinned-false"]) == ("Sai|True", "false", "on")
    assert_round_trip(question)
    numbers = parse_block(
        "## Số\ntype: numerical\n\nSố?\n\n- [ ] *\n- [x] 1 : 2\n- [100%] 7\n- [20%] 9:1\n  > Gần.\n"
    )
    data = question_form_data(numbers)
    assert (data["option-0-value"], data["option-1-value"], data["option-3-tolerance"]) == ("*", "1 : 2", "1")
    assert "other-feedback" not in data
    assert_round_trip(numbers)


# ---------------------------------------------------------------------------------------- pasting

PASTED_GIFT = """\
// [id:otp]
::Mã OTP::Ngân hàng hỏi mã OTP. Bạn làm gì? {
  =Từ chối #Đúng.
  ~Đọc mã #Sai.
}

::Hỏng::Câu này thiếu dấu đóng {
  =A
  ~B

::Thủ đô::Thủ đô của Việt Nam? {=Hà Nội =%50%Thăng Long}

Một đoạn mô tả, không có đáp án.

::Tin nhắn::Tin nhắn trúng thưởng thường là lừa đảo. {TRUE}
"""


def test_pasted_gift_gives_the_good_questions_and_the_error_on_its_line():
    result = parse_pasted_gift(PASTED_GIFT, render_markdown)
    assert result.format == "gift"
    assert [(q.line, q.question.key, q.question.kind) for q in result.questions] == [
        (2, "otp", "single_choice"),
        (11, "thu-do", "short_answer"),
        (15, "tin-nhan", "true_false"),
    ]
    assert [str(e) for e in result.errors] == [
        "Dòng 7: Phần đáp án cần có cả '{' và '}' (viết \\{ hoặc \\} nếu muốn hiện dấu ngoặc)."
    ]
    assert result.errors[0].original.startswith("an answer block needs both")
    assert [str(w) for w in result.warnings] == ["Dòng 13: Đoạn mô tả (không có đáp án) được bỏ qua."]
    for pasted in result.questions:  # what the page shows is what will be saved
        assert parse_block(pasted.markdown).content_hash() == pasted.question.content_hash()
    assert result.questions[0].markdown == dedent(
        """\
        ## Mã OTP
        type: single_choice
        id: otp

        Ngân hàng hỏi mã OTP. Bạn làm gì?

        - [x] Từ chối
          > Đúng.
        - [ ] Đọc mã
          > Sai.
        """
    )
    assert result.markdown == [q.markdown for q in result.questions]


def test_pasted_lines_count_from_the_pasted_text_whatever_its_line_endings():
    text = "\ufeff::A::Một {=x ~y}\r\n\r\n::B::Hai {=x\r\n"
    result = parse_pasted_gift(text, render_markdown)
    assert [q.line for q in result.questions] == [1]
    assert [e.line for e in result.errors] == [3]


def test_a_pasted_id_the_quiz_already_has_is_renamed_with_a_warning():
    result = parse_pasted_gift(PASTED_GIFT, render_markdown, taken_keys={"otp", "thu-do", "thu-do-2"})
    assert [q.question.key for q in result.questions] == ["otp-2", "thu-do-3", "tin-nhan"]
    assert "\nid: otp-2\n" in result.questions[0].markdown
    assert "Dòng 2: Mã câu hỏi 'otp' đã có trong bài; câu này được đổi mã thành 'otp-2'." in [
        str(w) for w in result.warnings
    ]


def test_pasted_text_that_markdown_would_read_differently_is_never_saved_silently():
    # GIFT's plain text keeps a line break inside feedback, and a [markdown] stem may hold a list
    # whose item starts with a link, which a quiz file reads as an answer line.
    text = (
        "::Hai dòng::Hỏi {\n=A#dòng một\\ndòng hai\n~B\n}\n\n"
        "::Danh sách::[markdown]Xem:\\n- [Cổng](https://dichvucong.gov.vn) {=A ~B}\n"
    )
    result = parse_pasted_gift(text, render_markdown)
    direct = {q.line: q for q in parse_gift(text, "x.gift", 1, render_markdown).questions}
    flagged = {m.line for m in result.errors + result.warnings}
    kept = {q.line: q for q in result.questions}
    for line, question in direct.items():
        same = line in kept and kept[line].question.content_hash() == question.content_hash()
        assert same or line in flagged, f"line {line} changed without a message"
    assert 6 in flagged and 6 not in kept  # the list line would become an answer: not saved
    [error] = [e for e in result.errors if e.line == 6]
    assert error.message.startswith("Không chuyển được câu này sang định dạng bài kiểm tra")
    assert "unknown answer marker" in error.original


AIKEN = """\
Mật khẩu nào mạnh nhất?
A. 123456
B) Tr0ng!Nh4-Tôi
C. ngaysinh1990
ANSWER: B

Số gọi cấp cứu?
A. 115
ANSWER: A
"""


def test_pasted_aiken_is_recognised_and_read():
    result = parse_pasted_gift(AIKEN, render_markdown)
    assert result.format == "aiken"
    [pasted] = result.questions
    assert (pasted.line, pasted.question.kind) == (1, "single_choice")
    assert [o.fraction for o in pasted.question.options] == [0, 1, 0]
    assert [str(e) for e in result.errors] == ["Dòng 7: Câu hỏi Aiken cần ít nhất hai đáp án."]


@pytest.mark.parametrize(
    ("text", "aiken"),
    [
        (AIKEN, True),
        ("Câu hỏi?\n  A) Có\n  B) Không\n  ANSWER: A\n", True),
        (PASTED_GIFT, False),
        ("::Q::ANSWER: là gì? {=A ~B}\nANSWER: A\n", False),  # GIFT's braces win
        ("Câu hỏi {=A ~B}", False),
        ("Câu \\{hỏi\\}?\nA. Có\nB. Không\nANSWER: A", True),  # escaped braces are not an answer block
        ("Câu hỏi?\nA. Có\nB. Không\nAnswer: A", False),  # Aiken's keyword is upper case
        ("", False),
    ],
)
def test_aiken_is_told_from_gift_by_its_answer_line_and_the_lack_of_braces(text, aiken):
    assert looks_like_aiken(text) is aiken


# ---------------------------------------------------------------------------------------- editing a file

QUIZ = """\
---
title: Kiểm tra
slug: kiem-tra
course: mau
competences: ["4.1"]
## a YAML comment, not a question
---

Bài kiểm tra gồm ba câu.

```
## not a question either: inside a code fence
```

## Mã OTP
type: single_choice

Bạn nên làm gì?

- [x] Từ chối
- [ ] Đọc mã

## Thủ đô
type: short_answer
id: thu-do-viet-nam

Thủ đô?

- [x] Hà Nội


## Tin nhắn
type: true_false

Tin nhắn trúng thưởng là lừa đảo.

- [x] Đúng
- [ ] Sai
"""
HEAD = QUIZ[: QUIZ.index("## Mã OTP")]
OTP = QUIZ[QUIZ.index("## Mã OTP") : QUIZ.index("## Thủ đô")]
CAPITAL = QUIZ[QUIZ.index("## Thủ đô") : QUIZ.index("## Tin nhắn")]
MESSAGE = QUIZ[QUIZ.index("## Tin nhắn") :]
NEW = "## Cấp cứu\ntype: numerical\nid: cap-cuu\n\nSố?\n\n- [x] 115\n"


def test_the_file_is_cut_into_questions_by_key():
    assert HEAD + OTP + CAPITAL + MESSAGE == QUIZ
    assert question_keys(QUIZ) == ["ma-otp", "thu-do-viet-nam", "tin-nhan"]
    assert [q.key for q in file_questions(QUIZ)] == question_keys(QUIZ)


def test_appending_keeps_every_byte_and_adds_a_blank_line_before_each_question():
    built = build("matching", CASES["matching"][0]).markdown
    text = append_questions(QUIZ, [NEW, built])
    assert text == QUIZ + "\n" + NEW + "\n" + built
    assert question_keys(text) == ["ma-otp", "thu-do-viet-nam", "tin-nhan", "cap-cuu", "ung-dung"]
    assert len(file_questions(text)) == 5
    assert append_questions(QUIZ.rstrip("\n"), [NEW]) == QUIZ + "\n" + NEW
    assert append_questions(QUIZ + "\n", [NEW]) == QUIZ + "\n" + NEW
    assert append_questions(QUIZ, []) == QUIZ


def test_replacing_keeps_every_other_byte():
    new = NEW.replace("id: cap-cuu", "id: thu-do-viet-nam")
    assert replace_question(QUIZ, "thu-do-viet-nam", new) == HEAD + OTP + new + "\n\n" + MESSAGE
    assert replace_question(QUIZ, "tin-nhan", NEW) == HEAD + OTP + CAPITAL + NEW
    assert replace_question(QUIZ, "ma-otp", NEW) == HEAD + NEW + "\n" + CAPITAL + MESSAGE


def test_removing_keeps_every_other_byte():
    assert remove_question(QUIZ, "thu-do-viet-nam") == HEAD + OTP + MESSAGE
    assert remove_question(QUIZ, "ma-otp") == HEAD + CAPITAL + MESSAGE
    assert remove_question(QUIZ, "tin-nhan") == HEAD + OTP + CAPITAL


def test_moving_swaps_two_questions_and_keeps_the_spacing_in_place():
    capital, gap = CAPITAL.rstrip("\n") + "\n", "\n\n"
    otp = OTP.rstrip("\n") + "\n"
    assert move_question(QUIZ, "thu-do-viet-nam", "up") == HEAD + capital + "\n" + otp + gap + MESSAGE
    assert move_question(QUIZ, "thu-do-viet-nam", "down") == HEAD + OTP + MESSAGE + "\n\n" + capital
    assert move_question(QUIZ, "ma-otp", "up") == QUIZ
    assert move_question(QUIZ, "tin-nhan", "down") == QUIZ
    moved = move_question(move_question(QUIZ, "ma-otp", "down"), "ma-otp", "up")
    assert moved == QUIZ


def test_a_file_without_a_final_line_ending_or_with_windows_ones_is_kept_as_it_is():
    bare = QUIZ.rstrip("\n")
    down = move_question(bare, "thu-do-viet-nam", "down")
    assert down.startswith(HEAD + OTP) and down.endswith(CAPITAL.rstrip("\n") + "\n")
    assert [q.key for q in file_questions(down)] == ["ma-otp", "tin-nhan", "thu-do-viet-nam"]
    assert replace_question(bare, "tin-nhan", NEW) == HEAD + OTP + CAPITAL + NEW.rstrip("\n")
    windows = QUIZ.replace("\n", "\r\n")
    assert remove_question(windows, "thu-do-viet-nam") == (HEAD + OTP + MESSAGE).replace("\n", "\r\n")
    assert append_questions(windows, [NEW]) == (QUIZ + "\n" + NEW).replace("\n", "\r\n")


def test_edits_that_cannot_be_made_say_why():
    with pytest.raises(QuizEditError, match="không có câu hỏi mã 'khong-co'"):
        remove_question(QUIZ, "khong-co")
    with pytest.raises(QuizEditError, match="'ma-otp' đã có trong bài"):
        append_questions(QUIZ, [OTP])
    with pytest.raises(QuizEditError, match="'ma-otp' đã có trong bài"):
        replace_question(QUIZ, "tin-nhan", OTP)
    with pytest.raises(QuizEditError, match="đúng một khối"):
        append_questions(QUIZ, [NEW + "\n" + NEW.replace("cap-cuu", "khac")])
    with pytest.raises(QuizEditError, match="đúng một khối"):
        append_questions(QUIZ, ["Không có tiêu đề.\n"])
    with pytest.raises(QuizEditError, match="2 câu hỏi cùng mã"):
        remove_question(QUIZ + "\n" + OTP, "ma-otp")
    with pytest.raises(ValueError, match="direction"):
        move_question(QUIZ, "ma-otp", "left")  # type: ignore[arg-type]


@pytest.mark.parametrize("path", QUIZ_FILES[:3], ids=lambda p: p.parent.name)
def test_a_shipped_quiz_edited_question_by_question_through_the_form_reads_the_same(path):
    text = path.read_text(encoding="utf-8")
    questions = questions_of(path)
    assert question_keys(text) == [q.key for q in questions]
    edited = text
    for question in questions:
        result = build(question.kind, question_form_data(question))
        edited = replace_question(edited, question.key, result.markdown)
    assert [q.content_hash() for q in file_questions(edited)] == [q.content_hash() for q in questions]
    first, second = questions[0].key, questions[1].key
    swapped = move_question(text, first, "down")
    assert question_keys(swapped)[:2] == [second, first]
    assert move_question(swapped, first, "up") == text
    rebuilt = append_questions(remove_question(text, first), [question_markdown(questions[0])])
    assert [q.content_hash() for q in file_questions(rebuilt)] == [
        q.content_hash() for q in [*questions[1:], questions[0]]
    ]
