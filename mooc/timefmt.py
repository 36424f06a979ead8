"""Dates and times as Vietnamese readers expect them: dd/mm/yyyy, Asia/Ho_Chi_Minh."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def local(moment: datetime) -> datetime:
    return moment.astimezone(LOCAL_TZ)


def format_date(value: date | datetime | str | None) -> str:
    """dd/mm/yyyy; an ISO 8601 string (as in a data download) is read first."""
    if not value:
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
    if isinstance(value, datetime):
        value = local(value).date()
    return value.strftime("%d/%m/%Y")


def format_datetime(value: datetime | str | None) -> str:
    if isinstance(value, str) and value:
        value = datetime.fromisoformat(value)
    return local(value).strftime("%H:%M %d/%m/%Y") if value else ""


EARLIEST_YEAR, LATEST_YEAR = 1900, 2100  # outside these a typed date is a typo, not a date
_DATE_SHAPES = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y")


def parse_date(text: str, *, any_year: bool = False) -> date | None:
    """Accept dd/mm/yyyy (what people type here) and yyyy-mm-dd (what date pickers send).

    Years outside 1900–2100 count as typos (None) unless `any_year`.
    """
    text = (text or "").strip()
    for pattern in _DATE_SHAPES:
        try:
            parsed = datetime.strptime(text, pattern).date()
        except ValueError:
            continue
        return parsed if any_year or EARLIEST_YEAR <= parsed.year <= LATEST_YEAR else None
    return None


def looks_like_a_date(text: str) -> bool:
    """Digits in a date's shape, even if the day does not exist (31/02): to word the error."""
    import re

    return bool(re.fullmatch(r"\s*\d{1,2}[/.-]\d{1,2}[/.-]\d{4}\s*|\s*\d{4}-\d{1,2}-\d{1,2}\s*", text or ""))


def today_local() -> date:
    return datetime.now(LOCAL_TZ).date()
