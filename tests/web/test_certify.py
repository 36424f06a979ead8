"""Verification by code for anyone; the officials' list and downloads."""

from __future__ import annotations

import csv
import io

from tests.integration.helpers import take


def issue(session, make_user, name="Nguyễn Văn An"):
    user = make_user(name=name)
    take(session, user, "kiem-tra-alpha")
    return take(session, user, "kiem-tra-beta")[1]


def test_verification_shows_only_what_it_needs(client, session, make_user):
    record = issue(session, make_user)
    page = client.get(f"/v/{record.code}").get_data(as_text=True)
    assert "Giấy chứng nhận hợp lệ" in page and "N. V. An" in page and "Nguyễn Văn An" not in page
    assert "Người dân" in page and "test-1" in page
    assert record.code in page and "09" not in page.split("<main", 1)[1].split("</main>")[0].replace(
        record.code, ""
    )


def test_an_unknown_or_malformed_code_is_not_found(client, content):
    assert client.get("/v/ABCD-EFGH-JKMN-PQRS").status_code == 404
    assert client.get("/v/<script>").status_code == 404


def test_the_verify_form_normalizes_what_was_typed(client, session, make_user):
    record = issue(session, make_user)
    response = client.get("/verify", query_string={"code": record.code.lower().replace("-", " ")})
    assert response.status_code == 302 and response.headers["Location"] == f"/v/{record.code}"


def test_a_revoked_record_shows_as_not_valid(client, session, make_user):
    record = issue(session, make_user)
    record.status = "revoked"
    session.commit()
    page = client.get(f"/v/{record.code}").get_data(as_text=True)
    assert "đã bị thu hồi" in page and "Giấy chứng nhận hợp lệ" not in page


def test_an_official_lists_filters_and_downloads_records(browser, session, make_user):
    issue(session, make_user, "Trần Thị Bình")
    issue(session, make_user, "Lê Văn Cường")
    make_user(role="official", login="canbo@example.test")
    browser.login("canbo@example.test", "mat-khau-dai-1")
    page = browser.get("/official/records").get_data(as_text=True)
    assert "Trần Thị Bình" in page and "Lê Văn Cường" in page and "2 hồ sơ" in page
    filtered = browser.get("/official/records?name=binh").get_data(as_text=True)
    assert "Trần Thị Bình" in filtered and "Lê Văn Cường" not in filtered
    download = browser.get("/official/records.csv?name=binh")
    assert download.headers["Content-Disposition"].startswith("attachment")
    rows = list(csv.DictReader(io.StringIO(download.get_data().decode("utf-8-sig"))))
    assert [r["full_name"] for r in rows] == ["Trần Thị Bình"]
    jsonl = browser.get("/official/records.jsonl").get_data(as_text=True)
    assert jsonl.count("\n") == 2


def test_a_bad_date_filter_says_so_and_lists_nothing(browser, session, make_user):
    issue(session, make_user)
    make_user(role="official", login="canbo@example.test")
    browser.login("canbo@example.test", "mat-khau-dai-1")
    page = browser.get("/official/records?issued_from=31/02/2026").get_data(as_text=True)
    assert "Ngày này không có trên lịch." in page and "0 hồ sơ" in page
