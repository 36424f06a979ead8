"""Completion records as CSV (for people and Excel) and JSON Lines (for systems)."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterable

from sqlalchemy.orm import Session

from mooc.models import CompletionRecord
from mooc.services.audit import audit
from mooc.timefmt import local

COLUMNS = (
    "code",
    "status",
    "full_name",
    "date_of_birth",
    "group_code",
    "group_name",
    "residential_group",
    "framework_version",
    "issued_at",
    "modules",
)
# A cell starting with one of these is a formula to Excel and LibreOffice.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def record_row(record: CompletionRecord) -> dict[str, object]:
    """One record as plain values; dates in ISO 8601, times with the +07:00 offset."""
    return {
        "code": record.code,
        "status": record.status,
        "full_name": record.full_name,
        "date_of_birth": record.date_of_birth.isoformat() if record.date_of_birth else "",
        "group_code": record.group_code,
        "group_name": record.group_name,
        "residential_group": record.residential_group or "",
        "framework_version": record.framework_version,
        "issued_at": local(record.issued_at).isoformat(timespec="seconds"),
        "modules": [
            {"slug": m["slug"], "title": m["title"], "score_percent": m["score_percent"]}
            for m in record.modules
        ],
    }


def safe_cell(value: object) -> str:
    """Text that a spreadsheet shows as typed, never runs as a formula (OWASP CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(records: Iterable[CompletionRecord]) -> bytes:
    """UTF-8 with a byte-order mark (so Excel reads Vietnamese), CRLF, every field quoted."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for record in records:
        row = record_row(record)
        row["modules"] = "; ".join(f"{m['slug']}:{m['score_percent']}" for m in row["modules"])  # type: ignore[union-attr]
        writer.writerow([safe_cell(row[c]) for c in COLUMNS])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_jsonl(records: Iterable[CompletionRecord]) -> bytes:
    """One JSON object per line, UTF-8 without BOM, keys in a fixed order."""
    lines = (json.dumps(record_row(r), ensure_ascii=False) for r in records)
    return "".join(line + "\n" for line in lines).encode("utf-8")


def download(
    session: Session, actor_id: int | None, fmt: str, filters: dict[str, str], records: list[CompletionRecord]
) -> bytes:
    """The records as CSV or JSON Lines, audited: who, the filters, how many and the SHA-256 of the bytes."""
    body = to_csv(records) if fmt == "csv" else to_jsonl(records)
    audit(
        session,
        actor_id,
        "export.download",
        f"records.{fmt}",
        format=fmt,
        filters=filters,
        records=len(records),
        sha256=hashlib.sha256(body).hexdigest(),
    )
    session.flush()
    return body
