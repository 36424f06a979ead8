"""The batch for the city (schema bdhvs-export/1): CSV, JSON Lines, XLSX, a manifest, and its signature.

Pure: it takes rows and a key and gives bytes (and checks a bundle the way the
receiving city would). Which records go in, and the audit trail, are in
mooc/services/export_batches.py. The layout is documented in docs/export-format.md.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import zipfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from joserfc import jws
from joserfc.errors import JoseError
from joserfc.jwk import OKPKey
from openpyxl import Workbook

SCHEMA = "bdhvs-export/1"
# (key, Vietnamese label, is a number the program writes itself)
COLUMNS: tuple[tuple[str, str, bool], ...] = (
    ("stt", "STT", True),
    ("ma_ban_ghi", "Mã bản ghi", False),
    ("ma_xac_minh", "Mã xác minh", False),
    ("so_dinh_danh", "Số định danh cá nhân", False),
    ("ho_ten", "Họ và tên", False),
    ("ngay_sinh", "Ngày sinh", False),
    ("nhom_doi_tuong", "Nhóm đối tượng", False),
    ("khoi_lop", "Khối lớp", False),
    ("to_dan_pho", "Tổ dân phố", False),
    ("phien_ban_khung", "Phiên bản khung", False),
    ("so_hp_dat", "Số học phần đã đạt", True),
    ("ngay_cap", "Ngày cấp", False),
    ("ma_don_vi_cap", "Mã đơn vị cấp", False),
    ("ten_don_vi_cap", "Đơn vị cấp", False),
    ("trang_thai", "Trạng thái", False),
    ("ly_do", "Lý do", False),
    ("thay_the_cho", "Thay thế bản ghi", False),
    ("muc_xac_thuc", "Mức xác thực danh tính", False),
    ("url_xac_minh", "Đường dẫn xác minh", False),
    ("sha256_ban_ghi", "Mã băm bản ghi", False),
)
FILES = ("records.csv", "records.jsonl", "records.xlsx", "manifest.json", "manifest.jws")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_FIXED_TIME = (2026, 1, 1, 0, 0, 0)  # zip entry times, so the same rows give the same bytes


def safe_text(value: str) -> str:
    """A cell a spreadsheet shows as typed, never runs as a formula."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def row_hash(row: dict[str, Any]) -> str:
    """SHA-256 of the row (without stt and without itself), keys sorted: stable across batches."""
    body = {k: v for k, v in row.items() if k not in ("stt", "sha256_ban_ghi", "schema")}
    return hashlib.sha256(
        json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
    ).hexdigest()


def to_csv(rows: Sequence[dict[str, Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow([key for key, _label, _number in COLUMNS])
    for row in rows:
        writer.writerow([str(row[k]) if number else safe_text(str(row[k])) for k, _l, number in COLUMNS])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_jsonl(rows: Sequence[dict[str, Any]]) -> bytes:
    lines = (json.dumps({"schema": SCHEMA, **row}, ensure_ascii=False) for row in rows)
    return "".join(line + "\n" for line in lines).encode("utf-8")


def to_xlsx(rows: Sequence[dict[str, Any]], created: datetime) -> bytes:
    """For people: Vietnamese headers; text columns typed as text (the ID keeps its leading zeros)."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Ho so"
    book.properties.created = book.properties.modified = created.replace(tzinfo=None)
    for column, (_key, label, _number) in enumerate(COLUMNS, start=1):
        sheet.cell(row=1, column=column, value=label).data_type = "s"
    for line, row in enumerate(rows, start=2):
        for column, (key, _label, number) in enumerate(COLUMNS, start=1):
            if number:
                sheet.cell(row=line, column=column, value=int(row[key]))
                continue
            cell = sheet.cell(row=line, column=column, value=str(row[key]))
            cell.data_type, cell.number_format = "s", "@"  # text, never a formula or a number
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@dataclass(frozen=True)
class BundleInfo:
    batch_id: str
    created_at: datetime
    created_by: int | None
    issuer: dict[str, str]
    mode: str
    since: datetime | None
    filters: dict[str, Any]
    public_key_url: str
    kid: str


@dataclass(frozen=True)
class Bundle:
    data: bytes  # the ZIP file
    manifest: dict[str, Any]
    manifest_sha256: str


def write_bundle(rows: Sequence[dict[str, Any]], info: BundleInfo, key: Ed25519PrivateKey) -> Bundle:
    """The ZIP of a batch, with its manifest."""
    files = {
        "records.csv": (to_csv(rows), len(rows)),
        "records.jsonl": (to_jsonl(rows), len(rows)),
        "records.xlsx": (to_xlsx(rows, info.created_at), len(rows)),
    }
    manifest = {
        "schema": SCHEMA,
        "batch_id": info.batch_id,
        "created_at": info.created_at.isoformat(timespec="seconds"),
        "created_by": info.created_by,
        "issuer": info.issuer,
        "mode": info.mode,
        "since": info.since.isoformat(timespec="seconds") if info.since else None,
        "filters": info.filters,
        "record_count": len(rows),
        "counts_by_status": dict(sorted(Counter(r["trang_thai"] for r in rows).items())),
        "framework_versions": sorted({r["phien_ban_khung"] for r in rows}),
        "files": [
            {"name": name, "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest(), "rows": count}
            for name, (data, count) in files.items()
        ],
        "public_key_url": info.public_key_url,
    }
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8")
    signature = jws.serialize_compact(
        {"alg": "Ed25519", "kid": info.kid, "typ": "JWT"},
        manifest_bytes,
        OKPKey.import_key(key),
        algorithms=["Ed25519"],
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in [
            *((n, d) for n, (d, _c) in files.items()),
            ("manifest.json", manifest_bytes),
            ("manifest.jws", signature.encode()),
        ]:
            archive.writestr(zipfile.ZipInfo(name, date_time=_FIXED_TIME), data, zipfile.ZIP_DEFLATED)
    return Bundle(buffer.getvalue(), manifest, hashlib.sha256(manifest_bytes).hexdigest())


def verify_bundle(data: bytes, public_key: Ed25519PublicKey) -> list[str]:
    """Every problem a receiving city would find; an empty list means the bundle is intact."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        contents = {name: archive.read(name) for name in archive.namelist()}
    except (zipfile.BadZipFile, OSError, KeyError) as error:
        return [f"not a readable ZIP file: {error}"]
    problems = [f"missing {name}" for name in FILES if name not in contents]
    problems += [f"unexpected file {name}" for name in contents if name not in FILES]
    if "manifest.json" not in contents or "manifest.jws" not in contents:
        return problems
    try:
        signed = jws.deserialize_compact(
            contents["manifest.jws"], OKPKey.import_key(public_key), algorithms=["Ed25519"]
        )
    except (JoseError, ValueError) as error:
        return [*problems, f"the manifest signature does not verify ({error.__class__.__name__})"]
    if signed.payload != contents["manifest.json"]:
        problems.append("manifest.json is not the manifest that was signed")
    manifest = json.loads(signed.payload)
    if manifest.get("schema") != SCHEMA:
        problems.append(f"unknown schema {manifest.get('schema')!r}")
    for entry in manifest.get("files", []):
        body = contents.get(entry["name"])
        if body is None:
            continue
        if len(body) != entry["bytes"] or hashlib.sha256(body).hexdigest() != entry["sha256"]:
            problems.append(f"{entry['name']} does not match its SHA-256 in the manifest")
    problems += _row_problems(contents, manifest)
    return problems


def _row_problems(contents: dict[str, bytes], manifest: dict) -> list[str]:
    problems = []
    expected = manifest.get("record_count")
    try:
        csv_rows = list(csv.DictReader(io.StringIO(contents["records.csv"].decode("utf-8-sig"))))
        jsonl_rows = [json.loads(line) for line in contents["records.jsonl"].decode().splitlines() if line]
    except (KeyError, UnicodeDecodeError, json.JSONDecodeError, csv.Error) as error:
        return [f"records cannot be read: {error}"]
    for name, rows in (("records.csv", csv_rows), ("records.jsonl", jsonl_rows)):
        if len(rows) != expected:
            problems.append(f"{name} has {len(rows)} rows; the manifest says {expected}")
    for row in jsonl_rows:
        if row_hash(row) != row.get("sha256_ban_ghi"):
            problems.append(f"record {row.get('ma_ban_ghi')} does not match its own hash")
    return problems
