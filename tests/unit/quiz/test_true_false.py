"""True/false: the two options Đúng and Sai, one of them right, never shuffled."""

from __future__ import annotations

from fractions import Fraction

import pytest

from mooc.quiz import registry

from .helpers import PATH, assert_grades, parse_error, parse_one

STATEMENT = """
    ## Tin nhắn
    type: true_false

    Ngân hàng gửi đường link đăng nhập qua SMS.

    - [ ] Đúng
    - [x] Sai
      > Chính xác.
"""


def test_the_right_option_scores_full_marks():
    assert_grades("true_false", STATEMENT, ["Sai"], Fraction(1))


def test_the_wrong_option_scores_zero():
    assert_grades("true_false", STATEMENT, ["Đúng"], Fraction(0))


def test_english_labels_are_accepted():
    assert_grades(
        "true_false", STATEMENT.replace("Đúng", "True").replace("Sai", "False"), ["False"], Fraction(1)
    )


def test_the_options_keep_their_written_order_for_every_seed():
    question = parse_one(STATEMENT)
    orders = {
        tuple(c.html for c in registry.get("true_false").render(question, seed).choices) for seed in range(20)
    }
    assert orders == {("Đúng", "Sai")}


@pytest.mark.parametrize(
    "options",
    [["Có", "Không"], ["Đúng", "Đúng"], ["Đúng", "Sai", "Không biết"], ["Đúng"]],
    ids=["other-words", "same-twice", "three", "one"],
)
def test_options_must_be_dung_and_sai(options):
    answers = "\n".join(f"- [{'x' if i == 0 else ' '}] {text}" for i, text in enumerate(options))
    error = parse_error(f"## Một\ntype: true_false\n\nCâu hỏi?\n\n{answers}\n")
    assert str(error) == f"{PATH}:1: a true_false question has exactly two answers: Đúng and Sai"


def test_both_marked_right_is_rejected():
    error = parse_error("## Một\ntype: true_false\n\nCâu hỏi?\n\n- [x] Đúng\n- [x] Sai\n")
    assert str(error) == f"{PATH}:1: mark exactly one of Đúng / Sai with [x]"


def test_a_weight_is_rejected_at_its_line():
    error = parse_error("## Một\ntype: true_false\n\nCâu hỏi?\n\n- [x] Đúng\n- [50%] Sai\n")
    assert str(error) == f"{PATH}:7: true_false answers are [x] or [ ]"
