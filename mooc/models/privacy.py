"""Personal data held for certification, the consent behind it, requests, and the audit trail."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from mooc.db import Base
from mooc.models._types import UTCDateTime, utcnow


class PersonIdentity(Base):
    """A learner's national ID number (số định danh cá nhân): encrypted, never shown whole."""

    __tablename__ = "person_identity"

    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)
    number_encrypted: Mapped[bytes] = mapped_column(LargeBinary)  # AES-256-GCM, nonce first
    # A keyed hash (HMAC-SHA-256): finds duplicates without decrypting; useless without the key.
    number_hmac: Mapped[str] = mapped_column(String(64), unique=True)
    last4: Mapped[str] = mapped_column(String(4))
    assurance: Mapped[str] = mapped_column(String(16), default="self_declared")  # or officer_checked
    checked_by: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    checked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Consent(Base):
    """A consent given (and perhaps withdrawn), with the exact text version the person saw."""

    __tablename__ = "consent"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(String(32))  # "certification"
    text_version: Mapped[str] = mapped_column(String(16))
    text_sha256: Mapped[str] = mapped_column(String(64))
    accepted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # For a child: the parent or guardian who consented with them, as they wrote their name.
    guardian_name: Mapped[str | None] = mapped_column(String(120))


class DataRequest(Base):
    """A learner's request about their data (correction, deletion, …) waiting for staff."""

    __tablename__ = "data_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    kind: Mapped[str] = mapped_column(String(16))  # correction | deletion | restriction | objection
    message: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="open")  # open | done | refused
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    handled_by: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    handled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    answer: Mapped[str] = mapped_column(Text, default="")


class AuditEvent(Base):
    """Who did what to personal data or records, and when. Never the personal data itself."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(40))  # e.g. export.bundle, record.revoke, identity.check
    target: Mapped[str] = mapped_column(String(80), default="")  # e.g. "record:12", "batch:…"
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
