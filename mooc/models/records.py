"""Completion records: immutable facts about who completed a group's framework."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from mooc.db import Base
from mooc.models._types import UTCDateTime, utcnow


class CompletionRecord(Base):
    """Everything is copied at issue, so later profile edits never change a record."""

    __tablename__ = "completion_record"
    __table_args__ = (
        # At most one valid record per learner and group, whatever the race.
        Index(
            "uq_completion_record_issued",
            "user_id",
            "group_code",
            "band_code",
            unique=True,
            sqlite_where=text("status = 'issued'"),
            postgresql_where=text("status = 'issued'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(24), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="issued")
    full_name: Mapped[str] = mapped_column(String(120))
    name_folded: Mapped[str] = mapped_column(String(120), index=True)
    date_of_birth: Mapped[date | None] = mapped_column(Date)
    group_code: Mapped[str] = mapped_column(String(32), index=True)
    group_name: Mapped[str] = mapped_column(String(200))
    band_code: Mapped[str] = mapped_column(String(8), default="")
    residential_group: Mapped[str | None] = mapped_column(String(80), index=True)
    framework_version: Mapped[str] = mapped_column(String(40))
    framework_name: Mapped[str] = mapped_column(String(200))
    modules: Mapped[list[Any]]  # [{slug, title, score_percent, passed_at}]
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
