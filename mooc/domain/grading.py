"""Exact score arithmetic shared by quiz results, pass decisions and displays.

Scores are kept as parts per million of the full mark, rounded down, so that a
pass decision never depends on float rounding: 8 of 10 is exactly 800000 ppm,
and 80 % needs 800000. A displayed percent is the same value rounded down, so
what the learner sees and what is decided always agree.
"""

from __future__ import annotations

from fractions import Fraction

FULL_PPM = 1_000_000
DEFAULT_PASS_MARK = 80  # for accounts outside any target group (staff trying a quiz)
PPM_PER_PERCENT = 10_000


def to_ppm(earned: Fraction, possible: Fraction) -> int:
    """Share of the full mark in parts per million, rounded down; 0 when nothing was possible."""
    if possible <= 0:
        return 0
    share = min(max(Fraction(earned) / Fraction(possible), Fraction(0)), Fraction(1))
    return int(share * FULL_PPM)  # int() truncates toward zero: never rounds up to a pass


def passes(score_ppm: int, pass_mark_percent: int) -> bool:
    """The one pass rule: the score reaches the mark exactly or above."""
    return score_ppm >= pass_mark_percent * PPM_PER_PERCENT


def percent_shown(score_ppm: int) -> int:
    """Whole percent shown to people; rounded down so it never shows a pass that is not one."""
    return score_ppm // PPM_PER_PERCENT


def percent_nearest(part: int, whole: int) -> int:
    """A statistic in whole percent, rounded to the nearest (a half up): 2 of 3 is 67.

    Only for figures that decide nothing (teachers' statistics); a learner's score uses
    percent_shown, rounded down like the pass rule.
    """
    if whole <= 0:
        return 0
    return int(Fraction(part * 100, whole) + Fraction(1, 2))


def effective_pass_mark(quiz_pass_mark: int | None, group_pass_mark: int | None) -> int:
    """The mark that applies to a learner: the stricter of the quiz's and the group's."""
    marks = [m for m in (quiz_pass_mark, group_pass_mark) if m is not None]
    return max(marks) if marks else DEFAULT_PASS_MARK
