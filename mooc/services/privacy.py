"""A learner's data: everything we hold, their requests, and what deletion removes (and keeps)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from mooc.domain.national_id import mask
from mooc.i18n import N_
from mooc.models import (
    CompletionRecord,
    Consent,
    DataRequest,
    LessonCompletion,
    PersonIdentity,
    QuizAttempt,
    User,
)
from mooc.models._types import utcnow
from mooc.models.people import new_session_token
from mooc.services import accounts
from mooc.services.audit import audit
from mooc.timefmt import local

REQUEST_KINDS = {
    "correction": N_("Sửa thông tin"),
    "deletion": N_("Xóa tài khoản và dữ liệu"),
    "restriction": N_("Hạn chế xử lý dữ liệu"),
    "objection": N_("Phản đối việc xử lý dữ liệu"),
}


def everything_about(session: Session, user: User) -> dict[str, Any]:
    """All personal data we hold about the learner, as plain data (the national ID masked)."""
    identity = session.get(PersonIdentity, user.id)
    when = lambda moment: local(moment).isoformat(timespec="seconds") if moment else None  # noqa: E731
    return {
        "account": {
            "full_name": user.full_name,
            "date_of_birth": user.date_of_birth.isoformat() if user.date_of_birth else None,
            "email": user.email,
            "phone": user.phone,
            "target_group": user.target_group_code,
            "grade_band": user.band_code or None,
            "residential_group": user.residential_group,
            "role": user.role,
            "created_at": when(user.created_at),
        },
        "national_id": {
            "number": mask(identity.last4),
            "assurance": identity.assurance,
            "checked_at": when(identity.checked_at),
            "given_at": when(identity.created_at),
        }
        if identity
        else None,
        "consents": [
            {
                "purpose": c.purpose,
                "text_version": c.text_version,
                "text_sha256": c.text_sha256,
                "guardian_name": c.guardian_name,
                "accepted_at": when(c.accepted_at),
                "withdrawn_at": when(c.withdrawn_at),
            }
            for c in session.scalars(select(Consent).where(Consent.user_id == user.id).order_by(Consent.id))
        ],
        "lessons_read": session.scalar(
            select(func.count()).select_from(LessonCompletion).where(LessonCompletion.user_id == user.id)
        ),
        "quiz_attempts": [
            {
                "quiz_id": a.quiz_id,
                "number": a.number,
                "status": a.status,
                "score_percent": (a.score_ppm or 0) // 10_000,
                "started_at": when(a.started_at),
                "submitted_at": when(a.submitted_at),
            }
            for a in session.scalars(
                select(QuizAttempt).where(QuizAttempt.user_id == user.id).order_by(QuizAttempt.id)
            )
        ],
        "completion_records": [
            {
                "code": r.code,
                "status": r.status,
                "full_name": r.full_name,
                "group": r.group_name,
                "framework_version": r.framework_version,
                "issued_at": when(r.issued_at),
            }
            for r in session.scalars(select(CompletionRecord).where(CompletionRecord.user_id == user.id))
        ],
        "requests": [
            {
                "kind": q.kind,
                "status": q.status,
                "message": q.message,
                "created_at": when(q.created_at),
                "answer": q.answer,
            }
            for q in session.scalars(
                select(DataRequest).where(DataRequest.user_id == user.id).order_by(DataRequest.id)
            )
        ],
    }


def file_request(session: Session, user: User, kind: str, message: str) -> DataRequest:
    request = DataRequest(user_id=user.id, kind=kind, message=message)
    session.add(request)
    audit(session, user.id, "privacy.request", f"user:{user.id}", kind=kind)
    session.flush()
    return request


def open_requests(session: Session) -> list[DataRequest]:
    return list(
        session.scalars(select(DataRequest).where(DataRequest.status == "open").order_by(DataRequest.id))
    )


def answer_request(session: Session, request: DataRequest, actor: User, status: str, answer: str) -> None:
    request.status, request.answer, request.handled_by, request.handled_at = (
        status,
        answer,
        actor.id,
        utcnow(),
    )
    audit(session, actor.id, "privacy.answer", f"request:{request.id}", status=status)
    session.flush()


def delete_account(session: Session, user: User, actor: User) -> None:
    """Erase the person from the platform. Completion records stay (they are the ward's official
    record of the movement, kept under its legal duty), as the privacy page says."""
    session.execute(delete(PersonIdentity).where(PersonIdentity.user_id == user.id))
    session.execute(delete(LessonCompletion).where(LessonCompletion.user_id == user.id))
    for consent in session.scalars(
        select(Consent).where(Consent.user_id == user.id, Consent.withdrawn_at.is_(None))
    ):
        consent.withdrawn_at = utcnow()
    user.full_name, user.name_folded = "(đã xóa)", "(da xoa)"
    user.email = user.phone = None
    user.date_of_birth, user.residential_group = None, None
    user.is_active_account = False
    user.session_token = new_session_token()
    accounts.set_password(user, new_session_token())  # nobody knows it: the account cannot sign in
    user.is_active_account = False
    audit(session, actor.id, "privacy.delete", f"user:{user.id}")
    session.flush()
