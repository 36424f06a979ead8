"""Scoring a whole attempt: per-question scores add up exactly before the pass decision."""

from __future__ import annotations

from fractions import Fraction

import pytest

from mooc.quiz.scoring import score_quiz

from .helpers import parse_one


@pytest.fixture
def ten_questions():
    return [
        parse_one(f"## Câu {n}\ntype: single_choice\n\nCâu hỏi số {n}?\n\n- [x] Đúng {n}\n- [ ] Sai {n}\n")
        for n in range(1, 11)
    ]


def answers(questions, right: int) -> dict[str, list[str]]:
    return {q.key: [q.options[0 if i < right else 1].id] for i, q in enumerate(questions)}


def test_eight_right_answers_of_ten_pass_an_80_percent_mark(ten_questions):
    result = score_quiz(ten_questions, answers(ten_questions, 8), pass_mark=80)
    assert (result.earned, result.possible, result.score_ppm, result.passed) == (8, 10, 800_000, True)


def test_seven_right_answers_of_ten_fail_an_80_percent_mark(ten_questions):
    result = score_quiz(ten_questions, answers(ten_questions, 7), pass_mark=80)
    assert (result.score_ppm, result.passed) == (700_000, False)


def test_a_missing_response_scores_zero(ten_questions):
    responses = answers(ten_questions, 10)
    del responses[ten_questions[0].key]
    result = score_quiz(ten_questions, responses, pass_mark=80)
    assert result.results[0].score.earned == 0
    assert result.earned == Fraction(9)


def test_thirds_add_up_to_exactly_full_marks():
    question = parse_one(
        "## Ba\ntype: multiple_choice\n\nChọn cả ba.\n\n- [x] a\n- [x] b\n- [x] c\n- [ ] d\n"
    )
    result = score_quiz([question], {question.key: [o.id for o in question.options[:3]]}, pass_mark=100)
    assert (result.score_ppm, result.passed) == (1_000_000, True)


# ------------------------------------------------------------------------------ answered or left blank

SHORT = "## Thủ đô\ntype: short_answer\n\nThủ đô?\n\n- [x] Hà Nội\n"
NUMBER = "## Số\ntype: numerical\n\nMười hai viết bằng số?\n\n- [x] 12\n"
PAIRS = "## Ghép\ntype: matching\n\nGhép.\n\n- [x] A -> 1\n- [x] B -> 2\n"


@pytest.mark.parametrize(
    ("block", "response", "answered"),
    [
        (SHORT, "Huế", True),
        (SHORT, "", False),
        (SHORT, None, False),
        (PAIRS, {}, False),
        (NUMBER, "12", True),
        (NUMBER, "12,5", True),
        (NUMBER, "mười hai", False),  # no digit: not an answer to a number question
        (NUMBER, "", False),
    ],
)
def test_a_response_with_nothing_chosen_or_typed_is_not_an_answer(block, response, answered):
    from mooc.quiz.scoring import is_answered

    assert is_answered(parse_one(block), response) is answered


def test_a_choice_left_blank_is_not_an_answer_and_a_wrong_pick_is(ten_questions):
    from mooc.quiz.scoring import is_answered

    question = ten_questions[0]
    assert (is_answered(question, []), is_answered(question, [question.options[1].id])) == (False, True)
