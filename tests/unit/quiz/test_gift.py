"""GIFT import: behaves as Moodle's importer does (quiz-formats.md §3), checklist §3.7 included."""

from __future__ import annotations

import html
import re
from fractions import Fraction
from pathlib import Path

import pytest

from mooc.content.markdown import render_markdown
from mooc.quiz import registry
from mooc.quiz.base import Question, QuizFormatError
from mooc.quiz.gift import parse_gift
from mooc.quiz.parse import ParsedQuestions

GIFT_PATH = "quizzes/mau/kiem-tra.gift"
MOODLE_EXPORT = Path(__file__).parents[2] / "data" / "gift" / "moodle_export.gift"
ALL_WRONG_ZERO = (
    "every wrong answer weighs 0%: ticking every box earns full marks; "
    "give wrong answers a negative weight such as [-50%] (~%-50% in GIFT)"
)


def gift(text: str, first_line: int = 1) -> ParsedQuestions:
    return parse_gift(text, GIFT_PATH, first_line, render_markdown)


def one(text: str) -> Question:
    """The one question of `text`, read with no error."""
    parsed = gift(text)
    assert [str(e) for e in parsed.errors] == []
    assert len(parsed.questions) == 1
    return parsed.questions[0]


def error(text: str, first_line: int = 1) -> QuizFormatError:
    parsed = gift(text, first_line)
    assert parsed.questions == []
    assert len(parsed.errors) == 1
    return parsed.errors[0]


def shown(fragment: str) -> str:
    """What a reader sees of an HTML fragment: tags stripped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


def options(question: Question) -> list[tuple[str, Fraction]]:
    return [(shown(o.html), o.fraction) for o in question.options]


def share(question: Question, picked: list[str] | str) -> Fraction:
    """Share of the points earned by ticking the options shown as `picked` (or typing a text)."""
    kind = registry.get(question.kind)
    if isinstance(picked, str):
        form = {f"q-{question.key}": [picked]}
    else:
        ids = {shown(o.html): o.id for o in question.options}
        form = {f"q-{question.key}": [ids[text] for text in picked]}
    score = kind.grade(question, kind.read_response(question, form))
    return score.earned / score.possible


# ------------------------------------------------------------------------------ reported faults


def test_fault_kt1_escaped_signs_stay_in_the_stem_and_in_the_answers():
    question = one(
        r"::KT1:: Trong biểu thức a \= b \{ c \}, dấu \~ nghĩa là gì? {=xấp xỉ bằng ~bằng \= tuyệt đối}"
    )
    assert (question.kind, question.key, question.title) == ("single_choice", "kt1", "KT1")
    assert shown(question.stem_html) == "Trong biểu thức a = b { c }, dấu ~ nghĩa là gì?"
    assert question.stem_md == "Trong biểu thức a = b { c }, dấu ~ nghĩa là gì?"
    assert options(question) == [("xấp xỉ bằng", Fraction(1)), ("bằng = tuyệt đối", Fraction(0))]


def test_fault_kt3_a_t_block_is_true_false_with_the_stem_before_it():
    question = one("::KT3:: 1+1=2 {T}")
    assert (question.kind, question.key) == ("true_false", "kt3")
    assert shown(question.stem_html) == "1+1=2"
    assert options(question) == [("Đúng", Fraction(1)), ("Sai", Fraction(0))]


WEIGHTED = """::Thói quen::Thói quen nào an toàn? {
  ~%50%Mật khẩu dài
  ~%50%Xác thực hai bước
  ~%-33%Viết mật khẩu lên vỏ máy
  ~%-33%Dùng chung mật khẩu
  ~%-34%Đọc mã OTP cho người lạ
}"""
RIGHT = ["Mật khẩu dài", "Xác thực hai bước"]
WRONG = ["Viết mật khẩu lên vỏ máy", "Dùng chung mật khẩu", "Đọc mã OTP cho người lạ"]


def test_fault_weights_both_right_options_score_full_marks():
    question = one(WEIGHTED)
    assert question.kind == "multiple_choice"
    assert share(question, RIGHT) == 1


def test_fault_weights_one_right_and_one_wrong_score_exactly_17_percent():
    assert share(one(WEIGHTED), ["Mật khẩu dài", "Dùng chung mật khẩu"]) == Fraction(17, 100)


def test_fault_weights_ticking_all_five_scores_zero():
    assert share(one(WEIGHTED), RIGHT + WRONG) == 0


def test_negative_weights_give_no_warning():
    assert gift(WEIGHTED).warnings == []


def test_wrong_answers_all_weighing_zero_warn_that_ticking_every_box_earns_full_marks():
    parsed = gift("\n\n::Thói quen::Thói quen nào an toàn? {~%50%Mật khẩu dài ~%50%Hai bước ~Dùng chung}")
    assert [str(w) for w in parsed.warnings] == [f"{GIFT_PATH}:3: {ALL_WRONG_ZERO}"]
    [question] = parsed.questions
    assert share(question, ["Mật khẩu dài", "Hai bước", "Dùng chung"]) == 1  # what the warning is about


# ------------------------------------------------------------------------------ §3.3 escaping


def test_a_double_backslash_is_a_backslash_and_the_brace_after_it_is_live():
    question = one(r"Thư mục C\:\\{=Windows}")
    assert question.kind == "short_answer"
    assert shown(question.stem_html) == "Thư mục C:\\"
    assert [o.text for o in question.options] == ["Windows"]


def test_escaped_hash_and_colon_stay_in_feedback_and_name():
    question = one(r"::Câu 1\: mật khẩu::Chọn một. {=Số \#1#Đúng\: số \#1 ~Số 2}")
    assert question.title == "Câu 1: mật khẩu"
    assert options(question) == [("Số #1", Fraction(1)), ("Số 2", Fraction(0))]
    assert shown(question.options[0].feedback_html) == "Đúng: số #1"


def test_backslash_n_is_a_line_break_inside_the_question():
    question = one(r"Dòng một\nDòng hai {=A ~B}")
    assert "<br" in question.stem_html
    assert shown(question.stem_html) == "Dòng một\nDòng hai"


def test_other_backslashes_are_kept_as_written():
    assert shown(one(r"Công thức \frac{=A ~B}").stem_html) == r"Công thức \frac"


def test_plain_text_never_turns_into_markdown_or_html():
    question = one("Dùng *dấu sao* và <b>thẻ</b> {=A ~B}")
    assert shown(question.stem_html) == "Dùng *dấu sao* và <b>thẻ</b>"
    assert "<em>" not in question.stem_html and "<b>" not in question.stem_html


def test_plain_lines_starting_with_a_number_an_equals_sign_or_a_dash_show_as_typed():
    question = one(r"2024. Năm nào?\n\=SUM(A1\:A3) là gì?\n- gạch đầu dòng {=A ~B}")
    assert shown(question.stem_html) == "2024. Năm nào?\n=SUM(A1:A3) là gì?\n- gạch đầu dòng"
    assert "\\" not in question.stem_html and "<ol>" not in question.stem_html


# ------------------------------------------------------------------------------ §3.4 type detection


def test_a_tilde_in_short_answer_feedback_turns_it_into_a_choice_as_in_moodle():
    question = one("Thủ đô? {=Hà Nội#gần ~ đúng}")
    assert (question.kind, options(question)) == ("single_choice", [("Hà Nội", 1), ("đúng", 0)])


def test_one_equals_answer_is_a_short_answer_not_a_one_option_choice():
    question = one("Thủ đô? {=Hà Nội}")
    assert (question.kind, options(question)) == ("short_answer", [("Hà Nội", Fraction(1))])


def test_two_equals_answers_are_two_accepted_short_answers():
    question = one("Thủ đô? {=Hà Nội =Ha Noi}")
    assert question.kind == "short_answer"
    assert share(question, "hà nội") == 1 and share(question, "HA NOI") == 1 and share(question, "Huế") == 0


def test_an_equals_and_a_tilde_answer_make_a_single_choice():
    question = one("Thủ đô? {=Hà Nội ~Huế}")
    assert (question.kind, options(question)) == ("single_choice", [("Hà Nội", 1), ("Huế", 0)])


def test_only_tilde_answers_with_no_credit_are_an_error_as_in_moodle():
    found = error("Chọn? {~A ~B}")
    assert str(found) == f"{GIFT_PATH}:1: a multiple_choice question needs at least one [x] answer"


def test_an_arrow_after_equals_makes_matching_and_one_pair_is_an_error():
    found = error("Mũi tên? {=x->y}")
    assert (found.line, found.message) == (1, "a matching question needs at least two pairs")


def test_matching_pairs_with_a_decoy_and_general_feedback():
    question = one("Ghép. {=VNeID -> Định danh =Zalo -> Nhắn tin = -> Xem phim ####Nhớ kỹ.}")
    assert question.kind == "matching"
    assert [(o.text, o.match, o.fraction) for o in question.options] == [
        ("VNeID", "Định danh", 1),
        ("Zalo", "Nhắn tin", 1),
        ("", "Xem phim", 0),
    ]
    assert question.explanation_html == "<p>Nhớ kỹ.</p>"


def test_a_100_percent_weight_after_equals_is_a_plain_right_answer():
    parsed = gift("Chọn? {=%100%đúng ~sai}")
    assert options(parsed.questions[0]) == [("đúng", Fraction(1)), ("sai", Fraction(0))]
    assert parsed.warnings == []


def test_another_weight_after_equals_is_dropped_with_a_warning_and_the_answer_stays_right():
    parsed = gift("Chọn? {=%50%nửa đúng ~sai}")
    assert options(parsed.questions[0]) == [("nửa đúng", Fraction(1)), ("sai", Fraction(0))]
    assert [str(w) for w in parsed.warnings] == [
        f"{GIFT_PATH}:1: '=%50%nửa đúng': Moodle ignores a weight after '=' and counts the answer "
        "fully right, as here; for part of the points write '~%50%nửa đúng'"
    ]


def test_lowercase_true_is_a_short_answer_as_in_moodle():
    question = one("Đúng không? {true}")
    assert (question.kind, [o.text for o in question.options]) == ("short_answer", ["true"])


def test_true_false_feedback_first_for_the_wrong_pick_then_for_the_right_one():
    question = one("Tin trúng thưởng là lừa đảo. {TRUE#Cẩn thận, đó là lừa đảo.#Chính xác.}")
    assert [(shown(o.html), o.fraction, shown(o.feedback_html)) for o in question.options] == [
        ("Đúng", 1, "Chính xác."),
        ("Sai", 0, "Cẩn thận, đó là lừa đảo."),
    ]


def test_false_makes_sai_the_right_answer():
    assert options(one("Ngân hàng hỏi mã OTP. {FALSE}")) == [("Đúng", 0), ("Sai", 1)]


def test_a_second_equals_answer_in_a_choice_is_also_fully_right():
    question = one("Số nào gọi cấp cứu? {=115 =Một một năm ~113}")
    assert question.kind == "single_choice"
    assert options(question) == [("115", 1), ("Một một năm", 1), ("113", 0)]


# ------------------------------------------------------------------------------ numerical


def test_a_numerical_range_with_negative_numbers():
    question = one("Nhiệt độ? {#-5..5}")
    assert (question.kind, [o.text for o in question.options]) == ("numerical", ["-5..5"])
    assert share(question, "-5") == 1 and share(question, "4,9") == 1 and share(question, "5,5") == 0


def test_a_numerical_tolerance_and_weighted_answers():
    question = one("Năm? {#=1975:0 =%50%1975:2}")
    assert [(o.text, o.fraction) for o in question.options] == [("1975:0", 1), ("1975:2", Fraction(1, 2))]
    assert share(question, "1975") == 1 and share(question, "1977") == Fraction(1, 2)


def test_a_negative_tolerance_is_an_error():
    found = error("Số? {#5:-1}")
    assert str(found) == f"{GIFT_PATH}:1: a tolerance cannot be negative"


def test_a_decimal_comma_in_a_numerical_answer_is_an_error_asking_for_a_point():
    found = error("\n::Số::Một rưỡi? {#1,5}")
    assert str(found) == f"{GIFT_PATH}:2: write '1,5' with a decimal point, as GIFT requires"


def test_numerical_feedback_and_the_any_other_answer_feedback():
    question = one("Số? {#=5#ok ~#try again}")
    assert [(o.text, o.fraction, shown(o.feedback_html)) for o in question.options] == [
        ("5", 1, "ok"),
        ("*", 0, "try again"),
    ]
    kind = registry.get("numerical")
    assert [shown(f) for f in kind.feedback(question, "4")] == ["try again"]
    assert share(question, "5") == 1


# ------------------------------------------------------------------------------ §3.2 blanks


def test_text_after_a_choice_block_makes_a_missing_word_question():
    question = one("Khi cần xe cấp cứu, hãy gọi {=115 ~113 ~114} ngay.")
    assert question.kind == "missing_word"
    assert question.stem_md == "Khi cần xe cấp cứu, hãy gọi [___] ngay."
    view = registry.get("missing_word").render(question, seed=1)
    assert (view.stem_html, view.stem_after_html) == ("<p>Khi cần xe cấp cứu, hãy gọi ", " ngay.</p>")


def test_text_after_a_short_answer_block_shows_a_blank_line():
    question = one("Thủ đô của nước ta là {=Hà Nội} từ năm 1976.")
    assert (question.kind, shown(question.stem_html)) == (
        "short_answer",
        "Thủ đô của nước ta là _____ từ năm 1976.",
    )


def test_punctuation_right_after_the_block_sticks_to_the_blank():
    assert shown(one("Số cấp cứu là {#115}.").stem_html) == "Số cấp cứu là _____."


def test_trailing_spaces_after_the_block_make_no_blank():
    question = one("Thủ đô của nước ta là {=Hà Nội ~Huế}   ")
    assert (question.kind, shown(question.stem_html)) == ("single_choice", "Thủ đô của nước ta là")


# ------------------------------------------------------------------------------ §3.1 file level


def test_comment_lines_are_dropped_even_indented_but_slashes_inside_text_are_kept():
    question = one(
        "// chú thích đầu\n   // chú thích thụt vào\nXem http://example.com // không phải chú thích {=A ~B}"
    )
    assert shown(question.stem_html) == "Xem http://example.com // không phải chú thích"


def test_two_questions_without_a_blank_line_are_an_error_naming_the_second_one():
    found = error("// đầu tệp\n::Một::Câu một? {=A ~B}\n::Hai::Câu hai? {=C ~D}")
    assert found.line == 3
    assert found.message.startswith("a second answer block: leave a blank line before each question")


def test_a_blank_line_separates_questions_and_each_keeps_its_own_line():
    parsed = gift("::Một::Câu một? {=A ~B}\n\n\n// chú thích\n::Hai::Câu hai?\n{\n=C\n~D\n}\n", first_line=5)
    assert [(q.key, q.line) for q in parsed.questions] == [("mot", 5), ("hai", 9)]


def test_an_id_comment_gives_the_key_and_the_first_id_wins():
    question = one("// [id:MK-01] [tag:an-toan]\n// [id:khac]\n::Mật khẩu mạnh::Chọn? {=A ~B}")
    assert (question.key, question.title) == ("mk-01", "Mật khẩu mạnh")


def test_an_escaped_bracket_inside_an_id_is_part_of_it():
    assert one("// [id:ma\\]01]\n::X::Chọn? {=A ~B}").key == "ma-01"


def test_without_an_id_the_key_comes_from_the_name_or_else_from_the_question_words():
    """Never from the line: moving a question must not change its identity (statistics, versions)."""
    parsed = gift("::Mật khẩu mạnh::Chọn? {=A ~B}\n\nKhông tên? {=A ~B}")
    moved = gift("// nothing here but a comment\n\nKhông tên? {=A ~B}")
    assert [q.key for q in parsed.questions] == ["mat-khau-manh", "khong-ten"]
    assert [q.key for q in moved.questions] == ["khong-ten"]


def test_the_same_key_twice_is_an_error_naming_the_first_line():
    parsed = gift("::Một::Câu? {=A ~B}\n\n::Một::Câu khác? {=A ~B}")
    assert [str(e) for e in parsed.errors] == [f"{GIFT_PATH}:3: the id 'mot' is already used on line 1"]


def test_a_windows_file_with_a_bom_reads_like_any_other():
    parsed = gift("\ufeff// đầu\r\n::Một::Câu một?\r\n{=A ~B}\r\n\r\n::Hai::Câu hai? {T}\r\n")
    assert [str(e) for e in parsed.errors] == []
    assert [(q.key, q.kind, q.line, shown(q.stem_html)) for q in parsed.questions] == [
        ("mot", "single_choice", 2, "Câu một?"),
        ("hai", "true_false", 5, "Câu hai?"),
    ]


def test_vietnamese_names_answers_and_feedback_are_kept_exactly():
    question = one(
        "::Lừa đảo qua mạng::Kẻ gian thường hỏi gì? {=Mã OTP#Đúng, đừng bao giờ đưa. ~Thời tiết#Sai.}"
    )
    assert question.title == "Lừa đảo qua mạng" and question.key == "lua-dao-qua-mang"
    assert [(shown(o.html), shown(o.feedback_html)) for o in question.options] == [
        ("Mã OTP", "Đúng, đừng bao giờ đưa."),
        ("Thời tiết", "Sai."),
    ]


def test_general_feedback_is_taken_from_the_last_four_hashes_beside_answer_feedback():
    question = one("Chọn? {=A#Đúng ~B#Sai ####Giải thích chung #1}")
    assert [shown(o.feedback_html) for o in question.options] == ["Đúng", "Sai"]
    assert question.explanation_md == "Giải thích chung #1"
    assert shown(question.explanation_html) == "Giải thích chung #1"


def test_a_markdown_question_renders_its_markdown_also_in_answers():
    question = one("::M::[markdown]Chữ **đậm** và `mã` {=**A** ~B}")
    assert question.stem_html == "<p>Chữ <strong>đậm</strong> và <code>mã</code></p>"
    assert question.options[0].html == "<strong>A</strong>"


def test_a_format_tag_on_one_answer_applies_to_that_answer():
    question = one("Chọn? {=A ~[markdown]**đậm**}")
    assert [o.html for o in question.options] == ["A", "<strong>đậm</strong>"]


def test_an_html_question_keeps_bold_and_italic_as_markdown_and_loses_scripts():
    question = one("::H::[html]<p>Chữ <b>đậm</b></p><script>alert(1)</script> {=<i>A</i> ~B}")
    assert question.stem_md == "Chữ **đậm**"
    assert question.stem_html == "<p>Chữ <strong>đậm</strong></p>"
    assert "script" not in question.stem_html and "alert" not in question.stem_html
    assert question.options[0].html == "<em>A</em>"


def test_an_essay_and_a_description_are_skipped_with_a_warning():
    parsed = gift("::Viết::Viết một câu. {}\n\n::Mô tả::Chỉ là lời giới thiệu.\n\n::Có::Câu? {=A ~B}")
    assert [q.key for q in parsed.questions] == ["co"]
    assert [str(w) for w in parsed.warnings] == [
        f"{GIFT_PATH}:1: an essay question ('{{}}') needs a person to grade it: skipped",
        f"{GIFT_PATH}:3: a description (no answers) is skipped",
    ]


def test_a_category_line_with_colons_and_spaces_is_read_and_is_no_question():
    parsed = gift("$CATEGORY: $course$/top/Bài 2\\: An toàn mạng\n\n::Câu::Hỏi? {=A ~B}")
    assert parsed.category == "$course$/top/Bài 2: An toàn mạng"
    assert [q.key for q in parsed.questions] == ["cau"] and parsed.errors == []


def test_an_unclosed_name_is_an_error():
    found = error("::Không đóng Hỏi? {=A ~B}")
    assert found.message == "the question name '::…' is not closed by '::'"


@pytest.mark.parametrize("text", ["Hỏi? {=A ~B", "Hỏi? =A ~B}"])
def test_a_lone_brace_is_an_error_suggesting_the_escape(text):
    found = error(text)
    assert found.message == "an answer block needs both '{' and '}' (write \\{ or \\} for the signs)"


def test_an_empty_option_is_flagged():
    assert error("Chọn? {=A ~}").message == "a single_choice question needs at least two answers"


def test_a_duplicate_option_is_flagged_at_the_question():
    assert error("Chọn? {=A ~B ~B}").message == "the same answer appears twice (first on line 1)"


# ------------------------------------------------------------------------------ a real Moodle export


def test_a_file_exported_from_moodle_imports_without_errors():
    parsed = gift(MOODLE_EXPORT.read_text(encoding="utf-8"))
    assert [str(e) for e in parsed.errors] == []
    assert [(q.key, q.kind) for q in parsed.questions] == [
        ("mk-01", "single_choice"),
        ("thoi-quen-an-toan", "multiple_choice"),
        ("tin-nhan-trung-thuong", "true_false"),
        ("so-cap-cuu", "numerical"),
        ("ghep-ung-dung", "matching"),
        ("thu-do", "short_answer"),
        ("cong-thuc", "single_choice"),
    ]
    assert [(w.line, w.message) for w in parsed.warnings if "[html]" not in w.message] == [
        (61, "an essay question ('{}') needs a person to grade it: skipped"),
        (65, "a description (no answers) is skipped"),
    ]
    assert parsed.category == "$course$/top/Mặc định cho An toàn số/Bài 1: Mật khẩu"


@pytest.fixture
def moodle() -> dict[str, Question]:
    return {q.key: q for q in gift(MOODLE_EXPORT.read_text(encoding="utf-8")).questions}


def test_the_moodle_export_keeps_html_feedback_and_general_feedback(moodle):
    strong = moodle["mk-01"]
    assert (
        shown(strong.stem_html) == "Mật khẩu nào mạnh nhất?" and "<strong>mạnh</strong>" in strong.stem_html
    )
    assert shown(strong.options[0].feedback_html) == "Đúng: dài và trộn nhiều loại ký tự."
    assert shown(strong.explanation_html) == "Mật khẩu mạnh dài ít nhất 12 ký tự."
    assert shown(moodle["so-cap-cuu"].options[0].feedback_html) == "Đúng."  # not escaped HTML


def test_the_moodle_export_weights_and_answers_grade_as_in_moodle(moodle):
    habits = moodle["thoi-quen-an-toan"]
    assert [o.fraction for o in habits.options] == [Fraction(1, 2), Fraction(1, 2), -1]
    assert share(habits, ["Bật xác thực hai bước", "Cập nhật phần mềm thường xuyên"]) == 1
    assert share(moodle["so-cap-cuu"], "115") == 1
    assert share(moodle["thu-do"], "Thăng Long") == Fraction(1, 2)
    assert shown(moodle["cong-thuc"].stem_html) == "Trong Excel, công thức =SUM(A1:A3) làm gì?"
    assert [(shown(o.html), o.match) for o in moodle["ghep-ung-dung"].options] == [
        ("VNeID", "Định danh điện tử"),
        ("Zalo", "Nhắn tin"),
        ("Google Maps", "Chỉ đường"),
    ]
    assert [shown(o.feedback_html) for o in moodle["tin-nhan-trung-thuong"].options] == [
        "Chính xác.",
        "Hãy cẩn thận: đó là lừa đảo.",
    ]


# ------------------------------------------------------------------------------ a fresh user's faults


def test_every_category_is_kept_in_order_and_the_first_one_names_the_quiz():
    parsed = gift(
        "$CATEGORY: $course$/top/Mô-đun 4\n\n$CATEGORY: $course$/top/Mô-đun 4/Phần A\n\n::Câu::Hỏi? {=A ~B}"
    )
    assert parsed.categories == ["$course$/top/Mô-đun 4", "$course$/top/Mô-đun 4/Phần A"]
    assert parsed.category == "$course$/top/Mô-đun 4"


def test_escaped_parentheses_show_as_plain_parentheses():
    question = one(r"Phí chuyển tiền \(nếu có\) là bao nhiêu? {=0 đồng \(miễn phí\) ~10 nghìn đồng}")
    assert question.stem_md == "Phí chuyển tiền (nếu có) là bao nhiêu?"
    assert options(question) == [("0 đồng (miễn phí)", Fraction(1)), ("10 nghìn đồng", Fraction(0))]


MOODLE_4 = (  # as Moodle 4 exports it: '=' and ':' escaped everywhere, attributes included
    '::Mã OTP::[html]<p dir\\="ltr" style\\="text-align\\: left;">Người gọi xưng là <b>ngân hàng</b> '
    '<span style\\="color\\: rgb(239, 69, 64);">hỏi mã OTP</span>.<br>Bác <i>nên</i> làm gì?</p> {\n'
    '  =<p dir\\="ltr" style\\="text-align\\: left;">Từ chối và cúp máy.</p>#<p>Đúng&nbsp;vậy.</p>\n'
    '  ~<p dir\\="ltr">Đọc mã cho họ.</p>\n'
    "}"
)


def test_moodle_4_html_becomes_clean_markdown_with_a_warning():
    parsed = gift(MOODLE_4)
    [question] = parsed.questions
    assert question.stem_md == "Người gọi xưng là **ngân hàng** hỏi mã OTP.  \nBác *nên* làm gì?"
    assert [(o.text, o.feedback_md) for o in question.options] == [
        ("Từ chối và cúp máy.", "Đúng vậy."),
        ("Đọc mã cho họ.", ""),
    ]
    assert "style" not in question.stem_html and "dir=" not in question.stem_html
    assert [str(w) for w in parsed.warnings] == [
        f"{GIFT_PATH}:1: [html] text was turned into Markdown (in 1 question, the first one here): "
        "bold, italic, line breaks and links are kept, other tags and styles are dropped; "
        "check how the questions read"
    ]


def test_html_in_many_questions_gives_one_warning_for_the_file():
    parsed = gift(MOODLE_EXPORT.read_text(encoding="utf-8"))
    assert [(w.line, w.message) for w in parsed.warnings if "[html]" in w.message] == [
        (
            8,
            "[html] text was turned into Markdown (in 7 questions, the first one here): "
            "bold, italic, line breaks and links are kept, other tags and styles are dropped; "
            "check how the questions read",
        )
    ]


def test_html_paragraphs_lists_and_links_become_markdown_and_signs_stay_text():
    question = one(
        "::L::[html]<p>Điều 1 *quan trọng*</p><ul><li>một</li><li>hai</li></ul>"
        '<p>Xem <a href="https://dichvucong.gov.vn">Cổng dịch vụ công</a></p> {=A ~B}'
    )
    assert question.stem_md == (
        "Điều 1 \\*quan trọng\\*\n\n- một\n- hai\n\nXem [Cổng dịch vụ công](https://dichvucong.gov.vn)"
    )


@pytest.mark.parametrize(
    ("block", "right"),
    [
        ("{Đúng}", "Đúng"),
        ("{ĐÚNG}", "Đúng"),
        ("{đúng}", "Đúng"),
        ("{Sai}", "Sai"),
        ("{SAI}", "Sai"),
        ("{sai}", "Sai"),
    ],
)
def test_vietnamese_dung_and_sai_make_a_true_false_question(block, right):
    question = one(f"Trời mưa thì đường trơn hơn. {block}")
    assert question.kind == "true_false"
    assert [shown(o.html) for o in question.options if o.fraction == 1] == [right]


def test_vietnamese_true_false_takes_its_feedback_like_true():
    question = one("Ngân hàng hỏi mã OTP qua điện thoại. {Sai#Chưa đúng: ngân hàng không hỏi.#Đúng vậy.}")
    assert [(shown(o.html), o.fraction, shown(o.feedback_html)) for o in question.options] == [
        ("Đúng", 0, "Chưa đúng: ngân hàng không hỏi."),
        ("Sai", 1, "Đúng vậy."),
    ]


def test_duplicate_short_answers_warn_at_the_line_of_the_second_and_name_the_first():
    parsed = gift("::Đuôi tệp::Tệp tài liệu thường có đuôi gì? {\n  =PDF\n  =.pdf\n}", first_line=24)
    assert [str(e) for e in parsed.errors] == [] and len(parsed.questions) == 1
    assert [str(w) for w in parsed.warnings] == [
        f"{GIFT_PATH}:26: đáp án '.pdf' trùng với đáp án 'PDF' "
        "(so sánh không phân biệt hoa thường, dấu câu): có thể bỏ một"
    ]


def test_a_mistake_in_an_answer_is_reported_at_the_answer_line():
    found = error("::Số::Một rưỡi?\n{#\n  =1.5\n  =1,5\n}")
    assert str(found) == f"{GIFT_PATH}:4: write '1,5' with a decimal point, as GIFT requires"
