"""Completion records and what happens to them: immutable facts, status changes, exports."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, String, Text, text
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
    # The credential's id ("urn:uuid:…"); its bit in the published revocation list is `id`.
    public_id: Mapped[str] = mapped_column(String(36), unique=True, default=lambda: str(uuid.uuid4()))
    # Only the status moves: issued → revoked, or issued → superseded by a corrected record.
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("completion_record.id"))
    status_reason: Mapped[str | None] = mapped_column(String(32))  # a reason code
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)  # for delta exports
    credential_json: Mapped[dict[str, Any] | None]  # the signed Open Badges 3.0 credential


class RecordEvent(Base):
    """The history of a record: issued, revoked, superseded (who, when, why)."""

    __tablename__ = "record_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("completion_record.id"), index=True)
    action: Mapped[str] = mapped_column(String(16))  # issued | revoked | superseded
    reason: Mapped[str | None] = mapped_column(String(32))
    note: Mapped[str] = mapped_column(Text, default="")
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))  # None: the system
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ExportBatch(Base):
    """One batch sent to the city: what was in it, its file hashes, whether it was delivered."""

    __tablename__ = "export_batch"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    mode: Mapped[str] = mapped_column(String(8))  # full | delta
    since: Mapped[datetime | None] = mapped_column(UTCDateTime)
    filters: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    record_count: Mapped[int]
    files: Mapped[list[Any]]  # [{name, bytes, sha256, rows}]
    manifest_sha256: Mapped[str] = mapped_column(String(64))
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
