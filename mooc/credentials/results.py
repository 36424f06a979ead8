"""What verification reports: one Check per rule, each with plain problems a person can act on.

Problem texts are Vietnamese msgids marked with `N_`; the web layer shows them
through gettext, the command line prints them as they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from mooc.i18n import N_

# The checks, in the order they are reported, with the name a person reads.
CHECKS = {
    "shape": N_("Cấu trúc Open Badges 3.0"),
    "issuer_key": N_("Khóa của đơn vị cấp"),
    "proof": N_("Chữ ký số"),
    "valid_from": N_("Ngày bắt đầu hiệu lực"),
    "valid_until": N_("Ngày hết hiệu lực"),
    "status": N_("Tình trạng thu hồi"),
}


@dataclass(frozen=True)
class Problem:
    message: str  # a msgid, with %(name)s placeholders
    params: dict[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.message % self.params if self.params else self.message


@dataclass(frozen=True)
class Check:
    code: str
    passed: bool | None  # None: could not be checked (so not confirmed either)
    problems: tuple[Problem, ...] = ()

    @property
    def label(self) -> str:
        return CHECKS[self.code]


@dataclass(frozen=True)
class Verification:
    checks: tuple[Check, ...]

    @property
    def ok(self) -> bool:
        return all(check.passed is True for check in self.checks)

    @property
    def revoked(self) -> bool:
        return any(p.message == REVOKED for p in self.check("status").problems)

    def check(self, code: str) -> Check:
        return next(check for check in self.checks if check.code == code)


def problem(message: str, **params: Any) -> Problem:
    return Problem(message, params)


REVOKED = N_("Đơn vị cấp đã thu hồi chứng nhận này (hoặc đã thay bằng một chứng nhận khác).")

_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def format_datetime(moment: datetime) -> str:
    """An xsd:dateTimeStamp in UTC to the second: 2026-10-10T03:00:00Z."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_datetime(text: object) -> datetime | None:
    """A date-time with its time zone, as VC 2.0 requires; None for anything else."""
    if not isinstance(text, str) or not _DATETIME.match(text):
        return None
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None
