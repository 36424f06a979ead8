"""Who must consent: a child's parent or guardian consents with the child (Law 91/2025, art. 24).

A child, in Vietnamese law, is a person under 16 (Luật Trẻ em 2016, art. 1). Pupils count as children
whatever date of birth they typed, so a mistyped year never lets a pupil consent alone.
"""

from __future__ import annotations

from datetime import date

CHILD_UNDER = 16
PUPILS = "hoc_sinh"


def age_on(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def needs_guardian(date_of_birth: date | None, group_code: str | None, today: date) -> bool:
    if group_code == PUPILS:
        return True
    return date_of_birth is not None and age_on(date_of_birth, today) < CHILD_UNDER
