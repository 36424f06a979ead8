"""The audit trail: who did what to records and personal data. Never the personal data itself."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from mooc.models import AuditEvent


def audit(session: Session, actor_id: int | None, action: str, target: str = "", **details: Any) -> None:
    session.add(AuditEvent(actor_id=actor_id, action=action, target=target, details=details))
