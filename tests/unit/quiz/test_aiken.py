"""Aiken import: single-answer questions read line by line as Moodle does (quiz-formats.md §3.10)."""

from __future__ import annotations

from fractions import Fraction

from mooc.content.markdown import render_markdown
from mooc.quiz.aiken import parse_aiken
from mooc.quiz.parse import ParsedQuestions

AIKEN_PATH = "quizzes/mau/kiem-tra.aiken"

VALID = """\
Biểu tượng nào mở phần Cài đặt của điện thoại?
A) Bánh răng
B) Máy ảnh
C) Bong bóng lời nói
D) Ngôi sao
ANSWER: A

Số điện thoại nào để gọi công an?
A. 113
B. 114
C. 115
ANSWER: A
"""


def aiken(text: str, first_line: int = 1) -> ParsedQuestions:
    return parse_aiken(text, AIKEN_PATH, first_line, render_markdown)


def errors(text: str) -> list[str]:
    return [str(e) for e in aiken(text).errors]


def right_and_wrong(parsed: ParsedQuestions) -> list[list[tuple[str, Fraction]]]:
    return [[(o.html, o.fraction) for o in q.options] for q in parsed.questions]


def test_a_valid_file_gives_single_choice_questions_with_the_named_answer_right():
    parsed = aiken(VALID)
    assert parsed.errors == [] and parsed.warnings == []
    assert [(q.kind, q.key, q.line, q.stem_html) for q in parsed.questions] == [
        (
            "single_choice",
            "bieu-tuong-nao-mo-phan-cai-dat-cua-dien-thoai",
            1,
            "<p>Biểu tượng nào mở phần Cài đặt của điện thoại?</p>",
        ),
        ("single_choice", "so-dien-thoai-nao-de-goi-cong-an", 8, "<p>Số điện thoại nào để gọi công an?</p>"),
    ]
    assert right_and_wrong(parsed) == [
        [("Bánh răng", 1), ("Máy ảnh", 0), ("Bong bóng lời nói", 0), ("Ngôi sao", 0)],
        [("113", 1), ("114", 0), ("115", 0)],
    ]


def test_blank_lines_between_questions_are_optional_and_the_first_line_offsets_every_line():
    parsed = aiken(VALID.replace("\n\n", "\n"), first_line=11)
    assert [q.line for q in parsed.questions] == [11, 17] and parsed.errors == []


def test_a_two_line_stem_drops_the_first_question_and_reads_the_second_line_as_one():
    parsed = aiken(
        "Bạn nhận được tin nhắn lạ.\nBạn nên làm gì?\nA) Bấm vào link\nB) Xóa tin nhắn\nANSWER: B\n"
    )
    assert [str(e) for e in parsed.errors] == [
        f"{AIKEN_PATH}:1: this question has no ANSWER: line (a question must be one line)"
    ]
    assert [q.stem_html for q in parsed.questions] == ["<p>Bạn nên làm gì?</p>"]
    assert [q.line for q in parsed.questions] == [2]


def test_a_lowercase_label_is_a_new_stem_that_discards_the_question():
    parsed = aiken("Câu hỏi?\nA) Một\nb) Hai\nC) Ba\nANSWER: A\n")
    assert parsed.questions == []
    assert [str(e) for e in parsed.errors] == [
        f"{AIKEN_PATH}:1: this question has no ANSWER: line (a question must be one line)",
        f"{AIKEN_PATH}:3: an Aiken question needs at least two choices",
    ]


def test_answer_in_mixed_case_is_not_an_answer_line():
    parsed = aiken("Câu hỏi?\nA) Một\nB) Hai\nAnswer: B\n")
    assert parsed.questions == []
    assert [str(e) for e in parsed.errors] == [
        f"{AIKEN_PATH}:1: this question has no ANSWER: line (a question must be one line)",
        f"{AIKEN_PATH}:4: this question has no ANSWER: line",
    ]


def test_an_answer_past_the_last_choice_is_an_error_at_the_answer_line():
    assert errors("Câu hỏi?\nA) Một\nB) Hai\nC) Ba\nD) Bốn\nANSWER: E\n") == [
        f"{AIKEN_PATH}:6: ANSWER: E names no choice"
    ]


def test_a_lowercase_answer_letter_names_no_choice():
    assert errors("Câu hỏi?\nA) Một\nB) Hai\nANSWER: b\n") == [f"{AIKEN_PATH}:4: ANSWER: b names no choice"]


def test_a_choice_before_any_question_is_an_error_and_the_next_question_still_reads():
    parsed = aiken("A) Lạc đề\nCâu hỏi?\nA) Một\nB) Hai\nANSWER: B\n")
    assert [str(e) for e in parsed.errors] == [f"{AIKEN_PATH}:1: a choice before any question"]
    assert right_and_wrong(parsed) == [[("Một", 0), ("Hai", 1)]]


def test_a_stem_that_looks_like_a_choice_is_misread_as_one():
    assert errors("A. Lincoln là ai?\nA) Tổng thống\nB) Ca sĩ\nANSWER: A\n")[0] == (
        f"{AIKEN_PATH}:1: a choice before any question"
    )


def test_an_answer_before_any_question_is_an_error():
    assert errors("ANSWER: A\n") == [f"{AIKEN_PATH}:1: ANSWER: before any question"]


def test_fewer_than_two_choices_is_an_error_at_the_question():
    assert errors("\nCâu hỏi?\nA) Chỉ một\nANSWER: A\n") == [
        f"{AIKEN_PATH}:2: an Aiken question needs at least two choices"
    ]


def test_a_question_left_without_an_answer_at_the_end_is_an_error():
    assert errors("Câu hỏi?\nA) Một\nB) Hai\n") == [f"{AIKEN_PATH}:1: this question has no ANSWER: line"]


def test_the_answer_letter_counts_choices_by_position_not_by_label():
    parsed = aiken("Câu hỏi?\nB) Một\nC) Hai\nD) Ba\nANSWER: B\n")
    assert right_and_wrong(parsed) == [[("Một", 0), ("Hai", 1), ("Ba", 0)]]


def test_text_is_plain_html_and_markdown_signs_are_shown_as_typed():
    parsed = aiken("Mật khẩu <b>mạnh</b> là gì?\nA.Dài *và* khó\nB) 1. Ngắn\nANSWER:A\n")
    [question] = parsed.questions
    assert question.stem_html == "<p>Mật khẩu &lt;b&gt;mạnh&lt;/b&gt; là gì?</p>"
    assert [o.html for o in question.options] == ["Dài *và* khó", "1. Ngắn"]


def test_a_windows_file_with_a_bom_reads_like_any_other():
    parsed = aiken("\ufeff" + VALID.replace("\n", "\r\n"))
    assert parsed.errors == [] and len(parsed.questions) == 2


def test_two_questions_with_the_same_text_get_different_keys():
    text = "Chọn câu đúng:\nA) Một\nB) Hai\nANSWER: A\n\nChọn câu đúng:\nA) Ba\nB) Bốn\nANSWER: B\n"
    parsed = aiken(text)
    assert parsed.errors == []
    assert [q.key for q in parsed.questions] == ["chon-cau-dung", "chon-cau-dung-2"]
