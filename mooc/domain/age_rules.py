"""Plausible ages for each target group and pupils' grade band.

The ranges are data (`ages: [min, max]` in framework/framework.yaml, on a group
or on a pupils' band; `[min]` alone means "min or older"). They are wide on
purpose: pupils start school late or repeat a year, so a band allows a few years
either side of its grades. A date of birth outside the range is almost always a
typo or the wrong group chosen, and the learner is asked to check it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

MAX_AGE = 120  # an age range's bounds stay within 0 … MAX_AGE


@dataclass(frozen=True)
class AgeRange:
    low: int
    high: int | None = None  # None: no upper bound

    def __post_init__(self) -> None:
        if not 0 <= self.low <= MAX_AGE or (self.high is not None and not self.low <= self.high <= MAX_AGE):
            raise ValueError(f"not an age range: {self.low}–{self.high}")

    @classmethod
    def of(cls, ages: tuple[int, ...] | list[int] | None) -> AgeRange | None:
        """From the data's `[min, max]` or `[min]` (or `[min, None]`); None when there is none."""
        if not ages:
            return None
        return cls(ages[0], ages[1] if len(ages) > 1 else None)

    def __contains__(self, age: int) -> bool:
        return self.low <= age and (self.high is None or age <= self.high)


def age_on(born: date, today: date) -> int:
    """Whole years lived on `today` (the birthday itself counts)."""
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


@dataclass(frozen=True)
class AgeMismatch:
    """The age from the date of birth does not fit the group's range."""

    age: int
    ages: AgeRange


def check_age(born: date, ages: AgeRange | None, today: date) -> AgeMismatch | None:
    """None when the age fits (or the group has no range); else what did not fit."""
    if ages is None:
        return None
    age = age_on(born, today)
    return None if age in ages else AgeMismatch(age, ages)


def ages_in(framework: Mapping[str, Any], group_code: str, band_code: str = "") -> AgeRange | None:
    """The range for a group (or one of its bands) in a framework as stored at import (plain data).

    A band without its own range takes the group's; None when neither has one.
    """
    for group in framework.get("groups") or ():
        if group.get("code") == group_code:
            band = next((b for b in group.get("bands") or () if b.get("code") == band_code), {})
            return AgeRange.of(band.get("ages") or group.get("ages"))
    return None
