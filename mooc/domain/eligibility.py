"""Who has earned a completion record: every required module of the group passed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from mooc.domain.framework import TargetGroup
from mooc.domain.grading import passes


@dataclass(frozen=True)
class Decision:
    eligible: bool
    passed: tuple[str, ...]
    missing: tuple[str, ...]


def passed_modules(
    group: TargetGroup, best_ppm: Mapping[str, int], marks: Mapping[str, int]
) -> tuple[str, ...]:
    """Required modules whose best score reaches the mark that applies to each."""
    return tuple(
        slug
        for slug in group.modules
        if slug in best_ppm and passes(best_ppm[slug], marks.get(slug, group.pass_mark))
    )


def check_eligibility(group: TargetGroup, best_ppm: Mapping[str, int], marks: Mapping[str, int]) -> Decision:
    """Decide eligibility from the learner's best score per module slug.

    `marks` gives the pass mark in force per module (see grading.effective_pass_mark);
    a group with no required modules is never satisfied, so an empty requirement
    can never hand out records.
    """
    done = passed_modules(group, best_ppm, marks)
    missing = tuple(slug for slug in group.modules if slug not in done)
    return Decision(eligible=group.is_open and not missing, passed=done, missing=missing)
