"""Changing a record's status: revoke it, or supersede it with a corrected copy. History is kept."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from mooc.domain.certificates import new_certificate_code
from mooc.domain.text import clean, fold
from mooc.i18n import N_
from mooc.models import CompletionRecord, RecordEvent, User
from mooc.models._types import utcnow
from mooc.services.audit import audit

# Why a record stops being valid (codes travel in exports; labels are for people).
REVOCATION_REASONS = {
    "fraud": N_("Gian lận khi học hoặc làm bài"),
    "data_error": N_("Thông tin sai, cấp nhầm"),
    "subject_request": N_("Theo yêu cầu của người học"),
    "duplicate": N_("Cấp trùng"),
}
CORRECTION_REASONS = {
    "name_correction": N_("Sửa họ tên theo giấy tờ"),
    "data_error": N_("Sửa thông tin sai"),
}


class RecordStatusError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def history(session: Session, record_id: int) -> list[RecordEvent]:
    return list(
        session.scalars(
            select(RecordEvent).where(RecordEvent.record_id == record_id).order_by(RecordEvent.id)
        )
    )


def _require_issued(record: CompletionRecord) -> None:
    if record.status != "issued":
        raise RecordStatusError(N_("Chỉ giấy chứng nhận còn hiệu lực mới thay đổi được."))


def revoke(session: Session, record: CompletionRecord, reason: str, actor: User, note: str = "") -> None:
    """The record stops being valid; it stays, with the reason, and travels as a revoked row."""
    _require_issued(record)
    if reason not in REVOCATION_REASONS:
        raise RecordStatusError(N_("Hãy chọn lý do thu hồi."))
    record.status, record.status_reason, record.changed_at = "revoked", reason, utcnow()
    session.add(
        RecordEvent(record_id=record.id, action="revoked", reason=reason, note=clean(note), actor_id=actor.id)
    )
    audit(session, actor.id, "record.revoke", f"record:{record.id}", reason=reason)
    session.flush()


@dataclass(frozen=True)
class Correction:
    full_name: str
    date_of_birth: date | None


def supersede(
    session: Session,
    record: CompletionRecord,
    correction: Correction,
    reason: str,
    actor: User,
    note: str = "",
) -> CompletionRecord:
    """A corrected record replaces the old one, with a new code; the old one says what replaced it."""
    _require_issued(record)
    if reason not in CORRECTION_REASONS:
        raise RecordStatusError(N_("Hãy chọn lý do sửa."))
    name = clean(correction.full_name)
    if len(name) < 2:
        raise RecordStatusError(N_("Vui lòng nhập họ và tên."))
    now = utcnow()
    record.status, record.status_reason, record.changed_at = "superseded", reason, now
    session.flush()  # the old record leaves "issued" before the new one enters it (one valid record)
    fresh = CompletionRecord(
        code=new_certificate_code(),
        user_id=record.user_id,
        status="issued",
        full_name=name,
        name_folded=fold(name),
        date_of_birth=correction.date_of_birth,
        group_code=record.group_code,
        group_name=record.group_name,
        band_code=record.band_code,
        residential_group=record.residential_group,
        framework_version=record.framework_version,
        framework_name=record.framework_name,
        modules=list(record.modules),
        issued_at=now,
        changed_at=now,
        supersedes_id=record.id,
    )
    session.add(fresh)
    session.flush()
    clean_note = clean(note)
    session.add(
        RecordEvent(
            record_id=record.id, action="superseded", reason=reason, note=clean_note, actor_id=actor.id
        )
    )
    session.add(
        RecordEvent(record_id=fresh.id, action="issued", reason=reason, note=clean_note, actor_id=actor.id)
    )
    audit(
        session, actor.id, "record.supersede", f"record:{record.id}", reason=reason, new=f"record:{fresh.id}"
    )
    session.flush()
    return fresh


def superseded_by(session: Session, record: CompletionRecord) -> CompletionRecord | None:
    return session.scalar(select(CompletionRecord).where(CompletionRecord.supersedes_id == record.id))
