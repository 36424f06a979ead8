"""Eligibility for a completion record: every required module of the group passed."""

from __future__ import annotations

import pytest

from mooc.domain.eligibility import Decision, check_eligibility
from mooc.domain.framework import TargetGroup


def group(*modules: str, pass_mark: int = 80) -> TargetGroup:
    return TargetGroup(
        code="nguoi_dan",
        name="Người dân",
        name_en="Residents",
        description="",
        pass_mark=pass_mark,
        target_level=1,
        modules=modules,
    )


@pytest.fixture
def residents() -> TargetGroup:
    return group("dien-thoai", "vneid", "lua-dao")


def test_a_group_with_no_modules_is_never_eligible():
    assert check_eligibility(group(), {"dien-thoai": 1_000_000}, {}) == Decision(
        eligible=False, passed=(), missing=()
    )


def test_all_modules_passed_is_eligible(residents):
    best = {"dien-thoai": 800_000, "vneid": 1_000_000, "lua-dao": 900_000}
    assert check_eligibility(residents, best, {}) == Decision(
        eligible=True, passed=("dien-thoai", "vneid", "lua-dao"), missing=()
    )


def test_one_module_never_taken_is_reported_missing(residents):
    best = {"dien-thoai": 800_000, "lua-dao": 900_000}
    assert check_eligibility(residents, best, {}) == Decision(
        eligible=False, passed=("dien-thoai", "lua-dao"), missing=("vneid",)
    )


def test_a_score_below_the_group_mark_is_missing(residents):
    best = {"dien-thoai": 799_999, "vneid": 1_000_000, "lua-dao": 1_000_000}
    decision = check_eligibility(residents, best, {})
    assert decision.eligible is False
    assert decision.missing == ("dien-thoai",)


def test_a_module_below_its_own_mark_is_missing_even_above_the_group_mark(residents):
    best = {"dien-thoai": 850_000, "vneid": 1_000_000, "lua-dao": 1_000_000}
    decision = check_eligibility(residents, best, {"dien-thoai": 90})
    assert decision.eligible is False
    assert decision.missing == ("dien-thoai",)
    assert decision.passed == ("vneid", "lua-dao")


def test_scores_for_modules_the_group_does_not_require_are_ignored(residents):
    best = {"dien-thoai": 800_000, "vneid": 800_000, "lua-dao": 800_000, "tro-ly-ai": 0}
    assert check_eligibility(residents, best, {}).passed == ("dien-thoai", "vneid", "lua-dao")
