"""Splitting a quiz body into question blocks, with errors at the right file line."""

from __future__ import annotations

from textwrap import dedent

import pytest

from mooc.content.markdown import render_markdown
from mooc.quiz import registry
from mooc.quiz.parse import ParsedQuestions, parse_questions

PATH = "quizzes/mau/kiem-tra.md"
FIRST_LINE = 8  # a body that follows six lines of front matter and a blank line


def parse(body: str) -> ParsedQuestions:
    return parse_questions(dedent(body).lstrip("\n"), PATH, FIRST_LINE, render_markdown)


def errors(body: str) -> list[str]:
    return [str(error) for error in parse(body).errors]


TWO_QUESTIONS = """
    Bài kiểm tra gồm 2 câu.

    ## Mã OTP
    type: single_choice
    id: ma-otp
    points: 2
    hint: Nghĩ đến ngân hàng.

    Ngân hàng có hỏi mã OTP không?

    - [x] Không bao giờ
    - [ ] Có

    ## Thủ đô
    type: short_answer

    Thủ đô của Việt Nam?

    - [x] Hà Nội
"""


@pytest.fixture
def two_questions() -> ParsedQuestions:
    return parse(TWO_QUESTIONS)


def test_text_before_the_first_question_is_the_intro(two_questions):
    assert two_questions.intro == "Bài kiểm tra gồm 2 câu."


def test_each_question_starts_at_its_heading_line(two_questions):
    assert [(q.key, q.line) for q in two_questions.questions] == [("ma-otp", 10), ("thu-do", 21)]


def test_settings_lines_are_read(two_questions):
    question = two_questions.questions[0]
    assert (question.kind, question.points, question.hint) == ("single_choice", 2, "Nghĩ đến ngân hàng.")


def test_id_defaults_to_the_heading_as_a_slug(two_questions):
    assert two_questions.questions[1].key == "thu-do"
    assert two_questions.questions[1].title == "Thủ đô"


def test_a_body_without_questions_is_all_intro():
    parsed = parse("Chỉ có lời giới thiệu.\n")
    assert (parsed.intro, parsed.questions, parsed.errors) == ("Chỉ có lời giới thiệu.", [], [])


def test_an_unknown_setting_names_its_line():
    assert errors(
        """
        ## Một
        type: single_choice
        colour: red

        Câu hỏi?

        - [x] a
        - [ ] b
        """
    ) == [
        f"{PATH}:10: unknown setting 'colour' (allowed: hint, id, ignore_tones, points, type); "
        "leave a blank line before the question text"
    ]


def test_a_setting_given_twice_names_the_second_line():
    assert errors(
        """
        ## Một
        type: single_choice
        type: true_false

        Câu hỏi?
        """
    ) == [f"{PATH}:10: setting 'type' given twice"]


def test_a_missing_type_is_reported_at_the_heading():
    assert errors(
        """
        ## Một

        Câu hỏi?

        - [x] a
        - [ ] b
        """
    ) == [f"{PATH}:8: missing 'type:'; one of: {', '.join(registry.kinds())}"]


def test_an_unknown_type_is_reported_at_the_heading():
    assert errors(
        """
        ## Một
        type: essay

        Viết một đoạn văn.
        """
    ) == [f"{PATH}:8: unknown type 'essay'; one of: {', '.join(registry.kinds())}"]


def test_a_duplicate_id_names_the_line_of_the_first_use():
    parsed = parse(
        """
        ## Câu
        type: single_choice

        Câu hỏi?

        - [x] a
        - [ ] b

        ## Câu
        type: true_false

        Câu hỏi?

        - [x] Đúng
        - [ ] Sai
        """
    )
    assert [q.line for q in parsed.questions] == [8]
    assert [str(e) for e in parsed.errors] == [f"{PATH}:16: id 'cau' is already used on line 8"]


def test_an_id_that_is_not_a_slug_is_rejected():
    assert errors(
        """
        ## Một
        type: single_choice
        id: Câu_1

        Câu hỏi?

        - [x] a
        - [ ] b
        """
    ) == [f"{PATH}:8: id 'Câu_1' must be lowercase ASCII letters, digits and '-'"]


def test_text_after_the_answer_list_is_an_error_at_that_line():
    assert errors(
        """
        ## Một
        type: single_choice

        Câu hỏi?

        - [x] a
        - [ ] b
        Giải thích quên dấu >.
        """
    ) == [
        f"{PATH}:15: text after the answers: indent an answer's feedback under it with '>', "
        "or put the explanation in a '>' quote"
    ]


def test_an_answer_with_no_text_is_an_error_at_its_line():
    assert errors(
        """
        ## Một
        type: single_choice

        Câu hỏi?

        - [x] a
        - [ ]
        """
    ) == [f"{PATH}:14: an answer with no text"]


def test_one_bad_question_does_not_hide_the_next():
    parsed = parse(
        """
        ## Một
        type: essay

        Câu hỏi?

        ## Hai
        type: true_false

        Câu hỏi?

        - [x] Đúng
        - [ ] Sai
        """
    )
    assert [q.key for q in parsed.questions] == ["hai"]
    assert [e.line for e in parsed.errors] == [8]


FEEDBACK = """
    ## Một
    type: single_choice

    Câu hỏi?

    - [x] Từ chối và cúp máy.
      > Đúng. Ngân hàng không bao giờ hỏi mã OTP.
    - [ ] Đọc mã cho họ.
      > Sai. Ai có mã OTP đều
      lấy được tiền.

    > Mã OTP là mật khẩu dùng một lần.
"""


def test_an_indented_quote_is_the_feedback_of_the_answer_above_it():
    question = parse(FEEDBACK).questions[0]
    assert [o.feedback_html for o in question.options] == [
        "<p>Đúng. Ngân hàng không bao giờ hỏi mã OTP.</p>",
        "<p>Sai. Ai có mã OTP đều\nlấy được tiền.</p>",
    ]


def test_a_quote_that_is_not_indented_is_the_explanation():
    question = parse(FEEDBACK).questions[0]
    assert question.explanation_html == "<p>Mã OTP là mật khẩu dùng một lần.</p>"
    assert all("OTP là mật khẩu" not in o.feedback_html for o in question.options)


def test_an_indented_line_without_a_quote_continues_the_answer_text():
    question = parse(
        """
        ## Một
        type: single_choice

        Câu hỏi?

        - [x] Một câu trả lời
          dài hai dòng
        - [ ] Ngắn
        """
    ).questions[0]
    assert [o.text for o in question.options] == ["Một câu trả lời dài hai dòng", "Ngắn"]


def test_a_level_two_heading_inside_a_code_block_is_not_a_new_question():
    parsed = parse(
        """
        ## Tiêu đề
        type: single_choice

        Dòng nào tạo tiêu đề cấp hai?

        ```markdown
        ## Tiêu đề cấp hai
        - [x] not an answer either
        ```

        - [x] Dòng bắt đầu bằng hai dấu #
        - [ ] Dòng bắt đầu bằng một dấu #
        """
    )
    assert parsed.errors == []
    [question] = parsed.questions
    assert "## Tiêu đề cấp hai\n- [x] not an answer either" in question.stem_md
    assert [o.text for o in question.options] == [
        "Dòng bắt đầu bằng hai dấu #",
        "Dòng bắt đầu bằng một dấu #",
    ]


def test_the_stem_keeps_several_paragraphs():
    question = parse(
        """
        ## Một
        type: true_false

        Đoạn thứ nhất.

        Đoạn thứ **hai**.

        - [x] Đúng
        - [ ] Sai
        """
    ).questions[0]
    assert question.stem_html == "<p>Đoạn thứ nhất.</p>\n<p>Đoạn thứ <strong>hai</strong>.</p>"
