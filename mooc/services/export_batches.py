"""Batches for the city: which records go in (full or since the last delivered batch), and the audit."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from mooc.exports.bundle import BundleInfo, row_hash, write_bundle
from mooc.models import CompletionRecord, ExportBatch, PersonIdentity, Ward
from mooc.models._types import utcnow
from mooc.services import identity
from mooc.services.audit import audit
from mooc.timefmt import local


@dataclass(frozen=True)
class BatchRequest:
    mode: str  # "full" or "delta"
    group_code: str | None = None
    actor_id: int | None = None


def last_delivered(session: Session) -> ExportBatch | None:
    return session.scalar(
        select(ExportBatch)
        .where(ExportBatch.delivered_at.is_not(None))
        .order_by(ExportBatch.created_at.desc())
    )


def rows_for(
    session: Session, records: list[CompletionRecord], id_key: bytes, base_url: str, ward: Ward
) -> list[dict]:
    """One row per record, in record order. The ID number only for learners whose consent stands."""
    user_ids = [r.user_id for r in records]
    consented = {
        c.user_id for c in (identity.active_consent(session, uid) for uid in set(user_ids)) if c is not None
    }
    identities = {
        p.user_id: p
        for p in session.scalars(select(PersonIdentity).where(PersonIdentity.user_id.in_(consented)))
    }
    supersedes = {r.id: r.supersedes_id for r in records}
    codes = dict(
        session.execute(
            select(CompletionRecord.id, CompletionRecord.public_id).where(
                CompletionRecord.id.in_([s for s in supersedes.values() if s])
            )
        ).all()
    )
    rows = []
    for number, record in enumerate(records, start=1):
        person = identities.get(record.user_id)
        row = {
            "stt": number,
            "ma_ban_ghi": record.public_id,
            "ma_xac_minh": record.code,
            "so_dinh_danh": identity.decrypt(id_key, person.number_encrypted) if person else "",
            "ho_ten": record.full_name,
            "ngay_sinh": record.date_of_birth.isoformat() if record.date_of_birth else "",
            "nhom_doi_tuong": record.group_code,
            "khoi_lop": record.band_code,
            "to_dan_pho": record.residential_group or "",
            "phien_ban_khung": record.framework_version,
            "so_hp_dat": len(record.modules),
            "ngay_cap": local(record.issued_at).date().isoformat(),
            "ma_don_vi_cap": ward.code,
            "ten_don_vi_cap": ward.name,
            "trang_thai": record.status,
            "ly_do": record.status_reason or "",
            "thay_the_cho": codes.get(record.supersedes_id, "") if record.supersedes_id else "",
            "muc_xac_thuc": person.assurance if person else "",
            "url_xac_minh": f"{base_url}/v/{record.code}",
        }
        row["sha256_ban_ghi"] = row_hash(row)
        rows.append(row)
    return rows


def build_batch(
    session: Session,
    request: BatchRequest,
    *,
    id_key: bytes,
    signing_key: Ed25519PrivateKey,
    kid: str,
    base_url: str,
    now: datetime | None = None,
) -> tuple[bytes, ExportBatch]:
    """Write a batch: every record (full), or those changed since the last delivered batch (delta).

    Revoked and superseded records travel as rows with their status, never as silent deletions.
    """
    now = now or utcnow()
    since = None
    if request.mode == "delta":
        delivered = last_delivered(session)
        since = delivered.created_at if delivered else None
    query = select(CompletionRecord).order_by(CompletionRecord.id)
    if since is not None:
        query = query.where(CompletionRecord.changed_at > since)
    if request.group_code:
        query = query.where(CompletionRecord.group_code == request.group_code)
    records = list(session.scalars(query))
    ward = session.scalar(select(Ward))
    rows = rows_for(session, records, id_key, base_url, ward)
    batch_id = f"bdhvs_{ward.code}_{local(now):%Y%m%d}_{secrets.token_hex(3)}"
    filters = {"group": request.group_code} if request.group_code else {}
    info = BundleInfo(
        batch_id=batch_id,
        created_at=local(now),
        created_by=request.actor_id,
        issuer={"code": ward.code, "name": ward.name, "city": ward.city},
        mode=request.mode,
        since=since,
        filters=filters,
        public_key_url=f"{base_url}/.well-known/jwks.json",
        kid=kid,
    )
    bundle = write_bundle(rows, info, signing_key)
    batch = ExportBatch(
        batch_id=batch_id,
        created_at=now,
        created_by=request.actor_id,
        mode=request.mode,
        since=since,
        filters=filters,
        record_count=len(rows),
        files=bundle.manifest["files"],
        manifest_sha256=bundle.manifest_sha256,
    )
    session.add(batch)
    audit(
        session,
        request.actor_id,
        "export.bundle",
        f"batch:{batch_id}",
        mode=request.mode,
        filters=filters,
        records=len(rows),
        files={f["name"]: f["sha256"] for f in bundle.manifest["files"]},
    )
    session.flush()
    return bundle.data, batch


def mark_delivered(session: Session, batch: ExportBatch, actor_id: int | None) -> None:
    """The city confirmed receipt: the next delta batch starts from this one."""
    batch.delivered_at = utcnow()
    audit(session, actor_id, "export.delivered", f"batch:{batch.batch_id}")
    session.flush()
