"""Short answer: a typed word or number, matched without regard to case, spacing or Unicode form."""

from __future__ import annotations

import unicodedata
from fractions import Fraction
from textwrap import dedent

from mooc.content.markdown import render_markdown
from mooc.quiz import registry
from mooc.quiz.parse import parse_questions

from .helpers import PATH, assert_grades, form_values, grade, parse_error, parse_one

CAPITAL = """
    ## Thủ đô
    type: short_answer

    Thủ đô của nước ta là thành phố nào?

    - [x] Hà Nội
      > Chính xác.
    - [50%] Thăng Long
      > Tên cũ của Hà Nội.
    - [ ] Huế
      > Huế là cố đô.
"""
IGNORING_TONES = CAPITAL.replace("type: short_answer", "type: short_answer\n    ignore_tones: yes")


def test_the_accepted_answer_scores_full_marks():
    assert_grades("short_answer", CAPITAL, "Hà Nội", Fraction(1))


def test_an_answer_typed_in_decomposed_unicode_with_extra_spaces_is_accepted():
    assert_grades("short_answer", CAPITAL, unicodedata.normalize("NFD", "  hà  nội "), Fraction(1))


def test_an_answer_typed_in_capitals_is_accepted():
    assert_grades("short_answer", CAPITAL, "HÀ NỘI", Fraction(1))


def test_an_answer_without_tones_is_wrong_by_default():
    assert_grades("short_answer", CAPITAL, "Ha Noi", Fraction(0))


def test_an_answer_without_tones_is_accepted_with_ignore_tones():
    assert_grades("short_answer", IGNORING_TONES, "Ha Noi", Fraction(1))


def test_ignore_tones_is_stored_in_the_settings():
    assert parse_one(IGNORING_TONES).settings == {"ignore_tones": True}
    assert parse_one(CAPITAL).settings == {"ignore_tones": False}


def test_ignore_tones_no_rejects_an_answer_without_tones():
    assert_grades(
        "short_answer",
        CAPITAL.replace("type: short_answer", "type: short_answer\n    ignore_tones: no"),
        "Ha Noi",
        0,
    )


def test_a_half_right_answer_earns_partial_credit():
    assert_grades("short_answer", CAPITAL, "thăng long", Fraction(1, 2))


def test_a_known_wrong_answer_scores_zero():
    assert_grades("short_answer", CAPITAL, "Huế", Fraction(0))


def test_an_unknown_answer_and_an_empty_answer_score_zero():
    assert_grades("short_answer", CAPITAL, "Đà Nẵng", Fraction(0))
    assert_grades("short_answer", CAPITAL, "   ", Fraction(0))


def test_feedback_is_that_of_the_matched_answer():
    question = parse_one(CAPITAL)
    short_answer = registry.get("short_answer")
    assert short_answer.feedback(question, "HUẾ") == ("<p>Huế là cố đô.</p>",)
    assert short_answer.feedback(question, "Thăng  Long") == ("<p>Tên cũ của Hà Nội.</p>",)
    assert short_answer.feedback(question, "Đà Nẵng") == ()


def test_the_response_is_cleaned_and_cut_to_200_characters():
    question = parse_one(CAPITAL)
    short_answer = registry.get("short_answer")
    response = short_answer.read_response(
        question, form_values(question, unicodedata.normalize("NFD", " Hà   Nội "))
    )
    assert response == "Hà Nội"
    assert len(short_answer.read_response(question, form_values(question, "a" * 500))) == 200


def parsed_with_warnings(text: str):
    parsed = parse_questions(dedent(text).lstrip("\n"), PATH, 1, render_markdown)
    assert [str(e) for e in parsed.errors] == [] and len(parsed.questions) == 1
    return parsed


def test_a_duplicate_accepted_answer_is_a_warning_naming_both_answers_at_the_second_line():
    parsed = parsed_with_warnings(
        """
        ## Thủ đô
        type: short_answer

        Thủ đô?

        - [x] Hà Nội
        - [x] hà  nội
        """
    )
    assert [str(w) for w in parsed.warnings] == [
        f"{PATH}:7: đáp án 'hà  nội' trùng với đáp án 'Hà Nội' "
        "(so sánh không phân biệt hoa thường, dấu câu): có thể bỏ một"
    ]
    assert grade(parsed.questions[0], "HÀ NỘI").earned == 1


def test_answers_equal_without_tones_are_duplicates_when_ignoring_tones():
    parsed = parsed_with_warnings(
        """
        ## Thủ đô
        type: short_answer
        ignore_tones: yes

        Thủ đô?

        - [x] Hà Nội
        - [x] Ha Noi
        """
    )
    assert [str(w) for w in parsed.warnings] == [
        f"{PATH}:8: đáp án 'Ha Noi' trùng với đáp án 'Hà Nội' "
        "(so sánh không phân biệt hoa thường, dấu câu, dấu tiếng Việt): có thể bỏ một"
    ]


def test_a_duplicate_giving_a_different_mark_is_an_error_naming_both_answers():
    error = parse_error(
        """
        ## Đuôi tệp
        type: short_answer

        Tệp tài liệu thường có đuôi gì?

        - [x] PDF
        - [50%] .pdf
        """
    )
    assert str(error) == (
        f"{PATH}:7: answer '.pdf' matches the one on line 6, 'PDF', but gives another mark: keep one of them"
    )


def test_an_accepted_answer_is_required():
    error = parse_error("## Một\ntype: short_answer\n\nCâu hỏi?\n\n- [50%] Gần đúng\n- [ ] Sai\n")
    assert str(error) == f"{PATH}:1: a short_answer question needs at least one accepted answer [x]"


def test_a_negative_weight_is_rejected_at_its_line():
    error = parse_error("## Một\ntype: short_answer\n\nCâu hỏi?\n\n- [x] Đúng\n- [-50%] Sai\n")
    assert str(error) == f"{PATH}:7: short_answer weights are between 0% and 100%"


def test_ignore_tones_must_be_yes_or_no():
    error = parse_error("## Một\ntype: short_answer\nignore_tones: maybe\n\nCâu hỏi?\n\n- [x] Đúng\n")
    assert str(error) == f"{PATH}:1: ignore_tones is yes or no, not 'maybe'"


def test_punctuation_around_a_typed_answer_does_not_matter():
    """Reported fault: "156." was marked wrong while "156" was right."""
    block = """
    ## Số
    type: short_answer

    Gọi số nào để báo lừa đảo?

    - [x] 156
    """
    for typed in ["156.", " 156 !", "“156”", "(156)"]:
        assert_grades("short_answer", block, typed, Fraction(1))
    assert_grades("short_answer", block, "1.56", Fraction(0))
