"""Exact score arithmetic: parts per million, the pass rule and the percent shown."""

from __future__ import annotations

from fractions import Fraction

from mooc.domain.grading import DEFAULT_PASS_MARK, effective_pass_mark, passes, percent_shown, to_ppm


def test_eight_of_ten_is_exactly_800000_ppm():
    assert to_ppm(Fraction(8), Fraction(10)) == 800_000


def test_two_thirds_rounds_down():
    assert to_ppm(Fraction(2), Fraction(3)) == 666_666


def test_nothing_possible_scores_zero():
    assert to_ppm(Fraction(0), Fraction(0)) == 0


def test_share_is_clamped_to_the_full_mark():
    assert to_ppm(Fraction(-1), Fraction(10)) == 0
    assert to_ppm(Fraction(11), Fraction(10)) == 1_000_000


def test_eight_right_answers_of_ten_equal_questions_pass_an_80_percent_mark():
    # In floats, 0.1 added eight times is 0.7999999999999999: below the mark.
    earned = sum((Fraction(1, 10) for _ in range(8)), Fraction(0))
    score = to_ppm(earned, Fraction(1))
    assert score == 800_000
    assert passes(score, 80) is True


def test_79_9999_percent_fails_an_80_percent_mark():
    score = to_ppm(Fraction(7_999_999, 10_000_000), Fraction(1))
    assert score == 799_999
    assert passes(score, 80) is False


def test_percent_shown_is_rounded_down():
    assert percent_shown(799_999) == 79
    assert percent_shown(800_000) == 80
    assert percent_shown(1_000_000) == 100


def test_display_and_decision_agree_for_many_fractions():
    checked = 0
    for possible in range(1, 61):
        for earned in range(possible + 1):
            score = to_ppm(Fraction(earned), Fraction(possible))
            assert score == earned * 1_000_000 // possible
            for mark in range(0, 101, 5):
                assert passes(score, mark) == (percent_shown(score) >= mark)
                checked += 1
    assert checked == 1890 * 21


def test_effective_pass_mark_is_the_stricter_of_quiz_and_group():
    assert effective_pass_mark(90, 80) == 90
    assert effective_pass_mark(70, 80) == 80


def test_effective_pass_mark_uses_whichever_mark_is_given():
    assert effective_pass_mark(None, 75) == 75
    assert effective_pass_mark(85, None) == 85


def test_effective_pass_mark_defaults_to_80_without_any_mark():
    assert effective_pass_mark(None, None) == DEFAULT_PASS_MARK == 80


def test_a_statistic_is_rounded_to_the_nearest_percent_not_down():
    from mooc.domain.grading import percent_nearest

    assert percent_nearest(2, 3) == 67  # percent_shown would say 66 (right for pass marks only)
    assert percent_nearest(1, 3) == 33
    assert percent_nearest(1, 8) == 13  # 12.5: a half goes up
    assert percent_nearest(0, 5) == 0 and percent_nearest(5, 5) == 100
