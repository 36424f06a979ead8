"""Multiple choice: any number of ticks, each option weighted, the total clamped to 0–100 %."""

from __future__ import annotations

from fractions import Fraction

import pytest

from mooc.content.markdown import render_markdown
from mooc.quiz import registry
from mooc.quiz.base import field_name
from mooc.quiz.parse import parse_questions

from .helpers import PATH, assert_grades, grade, parse_error, parse_one

WEIGHTED = """
    ## Thói quen an toàn
    type: multiple_choice

    Thói quen nào an toàn?

    - [50%] Mật khẩu dài
    - [50%] Xác thực hai bước
    - [-33%] Viết mật khẩu lên vỏ máy
    - [-33%] Dùng chung mật khẩu
    - [-34%] Đọc mã OTP cho người lạ
"""
RIGHT = ["Mật khẩu dài", "Xác thực hai bước"]
WRONG = ["Viết mật khẩu lên vỏ máy", "Dùng chung mật khẩu", "Đọc mã OTP cho người lạ"]

THREE_RIGHT = """
    ## Mạng xã hội
    type: multiple_choice
    points: 3

    Thông tin nào không nên đăng công khai?

    - [x] Số căn cước
    - [x] Ảnh vé máy bay
    - [x] Mã OTP
    - [ ] Tên quán ăn yêu thích
"""


def test_both_right_options_score_full_marks():
    assert_grades("multiple_choice", WEIGHTED, RIGHT, Fraction(1))


def test_one_right_and_one_wrong_option_score_exactly_17_percent():
    assert_grades("multiple_choice", WEIGHTED, ["Mật khẩu dài", "Dùng chung mật khẩu"], Fraction(17, 100))


def test_ticking_all_five_scores_zero():
    assert_grades("multiple_choice", WEIGHTED, RIGHT + WRONG, Fraction(0))


def test_only_wrong_options_are_clamped_to_zero_not_negative():
    assert_grades("multiple_choice", WEIGHTED, WRONG, Fraction(0))


def test_one_right_option_alone_scores_half():
    assert_grades("multiple_choice", WEIGHTED, ["Xác thực hai bước"], Fraction(1, 2))


def test_three_shorthand_right_options_ticked_exactly_score_exactly_full_marks():
    question = parse_one(THREE_RIGHT)
    score = grade(question, ["Số căn cước", "Ảnh vé máy bay", "Mã OTP"])
    assert score.earned == score.possible == 3
    assert score.is_full is True


def test_shorthand_weights_are_exact_thirds():
    question = parse_one(THREE_RIGHT)
    assert [o.fraction for o in question.options] == [Fraction(1, 3)] * 3 + [Fraction(-1, 3)]


def test_shorthand_wrong_option_cancels_one_right_option():
    assert_grades(
        "multiple_choice", THREE_RIGHT, ["Số căn cước", "Mã OTP", "Tên quán ăn yêu thích"], Fraction(1, 3)
    )


def test_an_empty_blank_marker_is_zero_when_weights_are_explicit():
    question = parse_one(
        """
        ## Một
        type: multiple_choice

        Câu hỏi?

        - [100%] a
        - [ ] b
        """
    )
    assert [o.fraction for o in question.options] == [1, 0]


def test_positive_weights_not_adding_up_to_100_are_rejected():
    error = parse_error(
        """
        ## Một
        type: multiple_choice

        Câu hỏi?

        - [50%] a
        - [40%] b
        - [-90%] c
        """
    )
    assert str(error) == f"{PATH}:1: the positive weights must add up to 100%, they add up to 90%"


def test_mixing_shorthand_and_weights_is_rejected():
    error = parse_error(
        """
        ## Một
        type: multiple_choice

        Câu hỏi?

        - [x] a
        - [50%] b
        - [ ] c
        """
    )
    assert str(error) == f"{PATH}:1: use either [x]/[ ] or weights like [50%] in one question, not both"


def test_no_right_answer_is_rejected():
    error = parse_error(
        """
        ## Một
        type: multiple_choice

        Câu hỏi?

        - [ ] a
        - [ ] b
        """
    )
    assert str(error) == f"{PATH}:1: a multiple_choice question needs at least one [x] answer"


def test_a_weight_beyond_100_percent_is_rejected_at_its_line():
    error = parse_error(
        """
        ## Một
        type: multiple_choice

        Câu hỏi?

        - [50%] a
        - [-150%] b
        - [50%] c
        """
    )
    assert str(error) == f"{PATH}:7: weight [-150%] must be between -100% and 100%"


def test_an_unknown_marker_is_rejected_at_its_line():
    error = parse_error(
        """
        ## Một
        type: multiple_choice

        Câu hỏi?

        - [x] a
        - [v] b
        """
    )
    assert str(error) == f"{PATH}:7: unknown answer marker [v]; use [x], [ ] or a weight like [50%]"


def test_feedback_of_every_ticked_option_in_the_question_order():
    question = parse_one(
        """
        ## Một
        type: multiple_choice

        Câu hỏi?

        - [x] a
          > Phản hồi a
        - [x] b
        - [ ] c
          > Phản hồi c
        """
    )
    ticked = [o.id for o in reversed(question.options)]
    assert registry.get("multiple_choice").feedback(question, ticked) == (
        "<p>Phản hồi a</p>",
        "<p>Phản hồi c</p>",
    )


def test_submitted_ids_are_kept_once_and_unknown_ones_dropped():
    question = parse_one(WEIGHTED)
    first = question.options[0].id
    response = registry.get("multiple_choice").read_response(
        question, {field_name(question): [first, "not-an-id", first]}
    )
    assert response == [first]


# ------------------------------------------------------------------------------ "Chọn tất cả các ý đúng."


def select_all_view(stem: str) -> str:
    block = f"## Giữ máy\ntype: multiple_choice\n\n{stem}\n\n- [x] Khóa màn hình\n- [ ] Dán mã lên máy\n"
    return registry.get("multiple_choice").render(parse_one(block), seed=None).stem_html


@pytest.mark.parametrize(
    "stem",
    [
        "Việc nào giúp giữ máy an toàn? Chọn tất cả các ý đúng.",
        "Việc nào giúp giữ máy an toàn? (Chọn tất cả các ý đúng)",
        "Việc nào giúp giữ máy an toàn? Hãy chọn tất cả các đáp án đúng.",
        "Việc nào giúp giữ máy an toàn?\n\nChọn tất cả các ý đúng.",
    ],
)
def test_the_page_says_select_all_itself_so_the_question_text_does_not_repeat_it(stem):
    assert select_all_view(stem) == "<p>Việc nào giúp giữ máy an toàn?</p>"


def test_the_stored_question_keeps_its_text_as_written():
    question = parse_one(
        "## Giữ máy\ntype: multiple_choice\n\nViệc nào an toàn? Chọn tất cả các ý đúng.\n\n- [x] A\n- [ ] B\n"
    )
    assert question.stem_html == "<p>Việc nào an toàn? Chọn tất cả các ý đúng.</p>"


def test_the_words_inside_a_sentence_are_kept():
    stem = "Bạn đã chọn tất cả các ý đúng khi nào?"
    assert select_all_view(stem) == f"<p>{stem}</p>"


# ------------------------------------------------------------------------------ wrong answers at 0 %


def test_wrong_answers_all_weighing_zero_warn_in_our_format_too():
    parsed = parse_questions(
        "## Thói quen\ntype: multiple_choice\n\nThói quen nào an toàn?\n\n"
        "- [50%] Mật khẩu dài\n- [50%] Hai bước\n- [ ] Dùng chung\n",
        PATH,
        1,
        render_markdown,
    )
    assert parsed.errors == [] and len(parsed.questions) == 1
    assert [str(w) for w in parsed.warnings] == [
        f"{PATH}:1: every wrong answer weighs 0%: ticking every box earns full marks; "
        "give wrong answers a negative weight such as [-50%] (~%-50% in GIFT)"
    ]


def test_shorthand_wrong_answers_are_negative_and_give_no_warning():
    parsed = parse_questions(
        "## Thói quen\ntype: multiple_choice\n\nThói quen nào?\n\n- [x] A\n- [ ] B\n",
        PATH,
        1,
        render_markdown,
    )
    assert parsed.warnings == []
