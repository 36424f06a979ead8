"""Single choice: one right option, picked with a radio button."""

from __future__ import annotations

from fractions import Fraction

from mooc.quiz import registry

from .helpers import PATH, assert_grades, grade, parse_error, parse_one

OTP = """
    ## Mã OTP
    type: single_choice

    Ngân hàng gọi điện và hỏi mã OTP. Bạn nên làm gì?

    - [x] Từ chối và cúp máy.
      > Đúng. Ngân hàng không bao giờ hỏi mã OTP.
    - [ ] Đọc mã cho họ.
      > Sai. Ai có mã OTP đều lấy được tiền.
    - [ ] Gửi mã qua tin nhắn.
"""


def test_the_right_choice_scores_full_marks():
    assert_grades("single_choice", OTP, ["Từ chối và cúp máy."], Fraction(1))


def test_a_wrong_choice_scores_zero():
    assert_grades("single_choice", OTP, ["Đọc mã cho họ."], Fraction(0))


def test_a_forged_form_sending_several_choices_scores_zero():
    """Reported fault: posting every option's value used to count the first one in the file."""
    question = parse_one(OTP)
    assert grade(question, ["Từ chối và cúp máy.", "Đọc mã cho họ."]).earned == 0
    assert grade(question, ["Đọc mã cho họ.", "Từ chối và cúp máy."]).earned == 0
    assert grade(question, ["Từ chối và cúp máy.", "Từ chối và cúp máy."]).earned == 1  # one pick, sent twice


def test_two_choices_given_straight_to_grade_score_zero():
    question = parse_one(OTP)
    both = [o.id for o in question.options[:2]]
    assert registry.get("single_choice").grade(question, both).earned == 0


def test_an_id_from_another_question_scores_zero():
    question = parse_one(OTP)
    assert registry.get("single_choice").grade(question, ["0123456789"]).earned == 0


def test_points_multiply_the_score():
    question = parse_one(OTP.replace("type: single_choice", "type: single_choice\n    points: 3"))
    assert grade(question, ["Từ chối và cúp máy."]).earned == 3


def test_feedback_is_that_of_the_chosen_option():
    question = parse_one(OTP)
    chosen = [o.id for o in question.options if o.text == "Đọc mã cho họ."]
    assert registry.get("single_choice").feedback(question, chosen) == (
        "<p>Sai. Ai có mã OTP đều lấy được tiền.</p>",
    )


def test_options_are_shuffled_differently_for_different_attempts():
    question = parse_one(OTP)
    orders = {
        tuple(c.id for c in registry.get("single_choice").render(question, seed).choices)
        for seed in range(20)
    }
    assert len(orders) > 1
    assert all(sorted(order) == sorted(o.id for o in question.options) for order in orders)


def test_two_right_answers_are_rejected():
    error = parse_error(
        """
        ## Một
        type: single_choice

        Câu hỏi?

        - [x] a
        - [x] b
        - [ ] c
        """
    )
    assert error.message == "a single_choice question needs exactly one [x] answer, found 2"


def test_two_right_answers_error_names_the_line_of_the_second():
    error = parse_error(
        """
        ## Một
        type: single_choice

        Câu hỏi?

        - [x] a
        - [x] b
        - [ ] c
        """
    )
    assert str(error) == f"{PATH}:7: a single_choice question needs exactly one [x] answer, found 2"


def test_no_right_answer_is_rejected_at_the_heading():
    error = parse_error(
        """
        ## Một
        type: single_choice

        Câu hỏi?

        - [ ] a
        - [ ] b
        """
    )
    assert str(error) == f"{PATH}:1: a single_choice question needs exactly one [x] answer, found 0"


def test_a_weighted_option_gives_partial_credit():
    """As in Moodle's single-answer questions, another option may be partly right."""
    block = """
        ## Một
        type: single_choice

        Câu hỏi?

        - [x] a
        - [50%] b
        - [ ] c
        """
    assert_grades("single_choice", block, ["a"], Fraction(1))
    assert_grades("single_choice", block, ["b"], Fraction(1, 2))
    assert_grades("single_choice", block, ["c"], Fraction(0))


def test_a_single_answer_is_rejected():
    error = parse_error(
        """
        ## Một
        type: single_choice

        Câu hỏi?

        - [x] a
        """
    )
    assert str(error) == f"{PATH}:1: a single_choice question needs at least two answers"


def test_the_same_answer_twice_names_the_first():
    error = parse_error(
        """
        ## Một
        type: single_choice

        Câu hỏi?

        - [x] a
        - [ ] b
        - [ ] b
        """
    )
    assert str(error) == f"{PATH}:8: the same answer appears twice (first on line 7)"


def test_a_question_without_text_is_rejected():
    error = parse_error(
        """
        ## Một
        type: single_choice

        - [x] a
        - [ ] b
        """
    )
    assert str(error) == f"{PATH}:1: the question has no text"


def test_points_must_be_a_positive_whole_number():
    error = parse_error(
        """
        ## Một
        type: single_choice
        points: 0

        Câu hỏi?

        - [x] a
        - [ ] b
        """
    )
    assert str(error) == f"{PATH}:1: points must be a whole number of at least 1, not '0'"


def test_the_right_answer_shown_in_review_leaves_out_partly_right_options():
    question = parse_one(
        """
        ## Một
        type: single_choice

        Câu hỏi?

        - [x] đúng hẳn
        - [50%] đúng một nửa
        - [ ] sai
        """
    )
    assert registry.get("single_choice").answer_html(question) == "đúng hẳn"
