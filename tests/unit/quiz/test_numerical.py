"""Numerical: exact values, tolerances, ranges; learners may type a decimal comma."""

from __future__ import annotations

import time
from fractions import Fraction

import pytest

from mooc.quiz import registry
from mooc.quiz.base import field_name
from mooc.quiz.types.numerical import readings

from .helpers import PATH, assert_grades, grade, parse_error, parse_one

PI = """
    ## Số pi
    type: numerical

    Số pi bằng khoảng bao nhiêu?

    - [x] 3.14:0.01
      > Chính xác.
    - [50%] 3..3.3
      > Gần đúng; hãy viết thêm chữ số thập phân.
    - [ ] *
      > Số pi lớn hơn 3 một chút.
"""

PI_ONLY = """
    ## Số pi
    type: numerical

    Số pi bằng khoảng bao nhiêu?

    - [x] 3.14:0.01
"""


def numerical(spec: str, other: str = "") -> str:
    return f"""
        ## Số
        type: numerical

        Hãy viết một con số.

        - [x] {spec}
        {other}
    """


def feedback(block: str, typed: str) -> tuple[str, ...]:
    question = parse_one(block)
    return registry.get("numerical").feedback(question, typed)


@pytest.mark.parametrize("typed", ["3,14", "3.14", " 3,14 ", "3,140"])
def test_a_decimal_comma_or_point_is_read_as_the_same_number(typed):
    assert_grades("numerical", PI_ONLY, typed, Fraction(1))


@pytest.mark.parametrize("typed", ["3,13", "3.15", "3,13000"])
def test_both_edges_of_the_tolerance_are_inside(typed):
    assert_grades("numerical", PI_ONLY, typed, Fraction(1))


@pytest.mark.parametrize("typed", ["3,1299", "3.1501", "-3,14"])
def test_just_outside_the_tolerance_scores_zero(typed):
    assert_grades("numerical", PI_ONLY, typed, Fraction(0))


def test_an_exact_value_has_no_tolerance():
    assert_grades("numerical", numerical("115"), "115", Fraction(1))
    assert_grades("numerical", numerical("115"), "115,0001", Fraction(0))


def test_a_point_grouping_thousands_is_read_as_1500_or_as_1_5():
    assert readings("1.500") == {Fraction(1500), Fraction(3, 2)}
    assert_grades("numerical", numerical("1500"), "1.500", Fraction(1))
    assert_grades("numerical", numerical("1.5"), "1.500", Fraction(1))
    assert_grades("numerical", numerical("1500"), "1,500", Fraction(1))


def test_grouping_and_a_decimal_separator_together_use_the_last_one_as_decimal():
    assert readings("1.500,25") == {Fraction(6001, 4)}
    assert readings("1,500.25") == {Fraction(6001, 4)}
    assert readings("1 500 000") == {Fraction(1_500_000)}
    assert readings("12.345.678") == {Fraction(12_345_678)}


@pytest.mark.parametrize("typed", ["", "   ", "ba phẩy mười bốn", "1,5,0", "--3"])
def test_text_that_is_not_a_number_has_no_reading(typed):
    assert readings(typed) == set()


@pytest.mark.parametrize("typed", ["inf", "-Infinity", "NaN", "1e3", "9e999999999"])
def test_an_exponent_or_infinity_is_not_a_number_and_never_hangs_or_crashes(typed):
    started = time.monotonic()
    assert readings(typed) == set()
    assert_grades("numerical", numerical("1000"), typed, Fraction(0))
    assert time.monotonic() - started < 1


@pytest.mark.parametrize(("typed", "share"), [("1", 1), ("5", 1), ("3,5", 1), ("0,99", 0), ("5,01", 0)])
def test_a_range_includes_both_ends(typed, share):
    assert_grades("numerical", numerical("1..5"), typed, Fraction(share))


@pytest.mark.parametrize(("typed", "share"), [("-5", 1), ("-1", 1), ("-2,5", 1), ("-0,5", 0), ("2", 0)])
def test_a_negative_range_is_read_with_its_signs(typed, share):
    assert_grades("numerical", numerical("-5..-1"), typed, Fraction(share))


def test_a_range_across_zero_accepts_zero_and_negative_numbers():
    assert_grades("numerical", numerical("-3..3"), "0", Fraction(1))
    assert_grades("numerical", numerical("-3..3"), "-3", Fraction(1))
    assert_grades("numerical", numerical("-3..3"), "-3,01", Fraction(0))


def test_a_negative_exact_value_with_a_decimal_comma():
    assert_grades("numerical", numerical("-2.5"), "-2,5", Fraction(1))


def test_a_partly_right_range_gives_its_weight_and_the_best_match_wins():
    assert_grades("numerical", PI, "3,2", Fraction(1, 2))
    assert_grades("numerical", PI, "3,14", Fraction(1))  # inside both: the better answer counts


def test_the_any_other_answer_star_carries_feedback_but_no_credit():
    assert_grades("numerical", PI, "4", Fraction(0))
    assert feedback(PI, "4") == ("<p>Số pi lớn hơn 3 một chút.</p>",)
    assert feedback(PI, "không biết") == ("<p>Số pi lớn hơn 3 một chút.</p>",)


def test_a_matched_answer_shows_its_own_feedback_not_the_star_one():
    assert feedback(PI, "3,14") == ("<p>Chính xác.</p>",)
    assert feedback(PI, "3") == ("<p>Gần đúng; hãy viết thêm chữ số thập phân.</p>",)


def test_an_empty_answer_gets_no_feedback_and_no_credit():
    assert feedback(PI, "") == ()
    assert_grades("numerical", PI, "", Fraction(0))


def test_the_right_answer_is_shown_with_a_decimal_comma():
    numerical_type = registry.get("numerical")
    assert numerical_type.answer_html(parse_one(PI)) == "3,13 – 3,15"
    assert numerical_type.answer_html(parse_one(numerical("115"))) == "115"
    assert numerical_type.answer_html(parse_one(numerical("-5..-1"))) == "-5 – -1"


def test_the_typed_answer_is_cleaned_and_cut_to_50_characters():
    question = parse_one(PI_ONLY)
    typed = registry.get("numerical").read_response(
        question, {field_name(question): ["  3,14   " + "9" * 80]}
    )
    assert typed.startswith("3,14 9") and len(typed) == 50


def test_the_view_has_a_text_field_and_no_choices():
    view = registry.get("numerical").render(parse_one(PI), seed=3)
    assert (view.kind, view.field_name, view.choices, view.prompts) == ("numerical", "q-so-pi", (), ())


def test_points_multiply_the_share():
    question = parse_one(PI.replace("type: numerical", "type: numerical\n    points: 4"))
    score = grade(question, "3,0")
    assert (score.earned, score.possible) == (2, 4)


# -------------------------------------------------------------------- authoring mistakes, with lines


def test_a_decimal_comma_in_the_quiz_file_is_an_error_at_its_line():
    error = parse_error(numerical("3,14"), first_line=10)
    assert str(error) == (f"{PATH}:15: '3,14' is not a number: write 3.14, 3.14:0.01 or 1..5 (decimal point)")


def test_a_negative_tolerance_is_an_error_at_its_line():
    error = parse_error(numerical("5:-1"))
    assert (error.line, error.message) == (6, "a tolerance cannot be negative")


def test_a_range_written_backwards_is_an_error():
    error = parse_error(numerical("5..1"))
    assert (error.line, error.message) == (6, "a range goes from the smaller number to the larger")


def test_the_any_other_answer_marked_right_is_an_error():
    error = parse_error(numerical("1", "- [x] *"))
    assert (error.line, error.message) == (7, "'*' (any other answer) only carries feedback: mark it [ ]")


def test_a_negative_weight_is_an_error():
    error = parse_error(numerical("1", "- [-50%] 2"))
    assert (error.line, error.message) == (7, "numerical weights are between 0% and 100%")


def test_a_question_without_a_fully_right_answer_is_an_error_at_its_heading():
    error = parse_error(numerical("1").replace("- [x] 1", "- [50%] 1"), first_line=30)
    assert (error.line, error.message) == (30, "a numerical question needs at least one accepted answer [x]")


def test_a_number_typed_in_words_gets_the_any_other_feedback_and_no_credit():
    assert feedback(PI, "ba phẩy mười bốn") == ("<p>Số pi lớn hơn 3 một chút.</p>",)
    assert grade(parse_one(PI), "ba phẩy mười bốn").earned == 0
