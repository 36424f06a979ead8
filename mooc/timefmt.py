"""Dates and times as Vietnamese readers expect them: dd/mm/yyyy, Asia/Ho_Chi_Minh."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

LOCAL_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def local(moment: datetime) -> datetime:
    return moment.astimezone(LOCAL_TZ)


def format_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = local(value).date()
    return value.strftime("%d/%m/%Y")


def format_datetime(value: datetime | None) -> str:
    return local(value).strftime("%H:%M %d/%m/%Y") if value else ""


def parse_date(text: str) -> date | None:
    """Accept dd/mm/yyyy (what people type here) and yyyy-mm-dd (what date pickers send)."""
    text = (text or "").strip()
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None
