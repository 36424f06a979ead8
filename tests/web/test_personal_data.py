"""The national ID in the browser, "Thông tin của tôi", the admin's request queue, and a scan that
no page, download or log line shows a full ID number."""

from __future__ import annotations

import io
import logging
import re
from datetime import date

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from mooc.models import DataRequest, PersonIdentity, User
from tests.integration.helpers import take

NUMBER = "001099012345"
SPACED = "001 099 012 345"


def learner_with_record(session, make_user, login="0911222333", name="Hoàng Thị Định"):
    user = make_user(name=name, login=login)
    user.date_of_birth = date(1999, 3, 4)
    session.commit()
    take(session, user, "kiem-tra-alpha")
    _, record = take(session, user, "kiem-tra-beta")
    return user, record


def give(browser, number=NUMBER, again=NUMBER, agree="y"):
    data = {"number": number, "number_again": again}
    if agree:
        data["agree"] = agree
    return browser.post("/certification", data, page="/certification")


def test_the_consent_box_starts_unticked_and_the_text_names_purpose_and_recipients(
    browser, session, make_user
):
    learner_with_record(session, make_user)
    browser.login("0911222333", "mat-khau-dai-1")
    page = browser.get("/certification").get_data(as_text=True)
    assert "Mục đích" in page and "Người nhận" in page and "phiên bản 2" in page
    checkbox = re.search(r'<input[^>]*name="agree"[^>]*>', page).group(0)
    assert 'type="checkbox"' in checkbox and "checked" not in checkbox
    assert 'name="guardian_name"' not in page  # an adult consents alone


def test_a_child_gives_the_number_only_with_a_guardian(browser, session, make_user):
    user = make_user(name="Lê Văn Bé", login="0911222444")
    user.date_of_birth = date(2012, 5, 6)  # 14 years old
    session.commit()
    browser.login("0911222444", "mat-khau-dai-1")
    page = browser.get("/certification").get_data(as_text=True)
    assert 'name="guardian_name"' in page and 'name="guardian_agree"' in page
    number = "001212012345"
    alone = browser.post(
        "/certification", {"number": number, "number_again": number, "agree": "y"}, page="/certification"
    ).get_data(as_text=True)
    assert 'id="guardian_name-error"' in alone and session.get(PersonIdentity, user.id) is None
    with_guardian = browser.post(
        "/certification",
        {
            "number": number,
            "number_again": number,
            "agree": "y",
            "guardian_name": "Lê Thị Mẹ",
            "guardian_agree": "y",
        },
        page="/certification",
    )
    assert with_guardian.status_code == 302
    assert "cùng Lê Thị Mẹ đồng ý" in browser.get("/my-data").get_data(as_text=True)


def test_mistakes_are_shown_inline_and_nothing_is_stored(browser, session, make_user):
    user, _ = learner_with_record(session, make_user)
    browser.login("0911222333", "mat-khau-dai-1")
    no_consent = give(browser, agree=None).get_data(as_text=True)
    assert 'id="agree-error"' in no_consent and NUMBER not in no_consent
    mismatch = give(browser, again="001099012346").get_data(as_text=True)
    assert 'id="number_again-error"' in mismatch and NUMBER not in mismatch
    wrong_year = give(browser, "001088012345", "001088012345").get_data(as_text=True)
    assert 'id="number-error"' in wrong_year and "001088012345" not in wrong_year
    assert session.get(PersonIdentity, user.id) is None


def test_a_learner_gives_the_number_sees_it_masked_and_can_withdraw(browser, session, make_user):
    user, _ = learner_with_record(session, make_user)
    browser.login("0911222333", "mat-khau-dai-1")
    response = give(browser, number=SPACED)
    assert response.status_code == 302
    page = browser.get("/certification").get_data(as_text=True)
    assert "2345" in page and NUMBER not in page and "Rút lại sự đồng ý" in page
    assert session.get(PersonIdentity, user.id).last4 == "2345"
    browser.post("/certification/withdraw", {"confirm": "yes"}, page="/certification")
    session.expire_all()
    assert session.get(PersonIdentity, user.id) is None


def test_my_data_shows_and_downloads_everything_with_the_number_masked(browser, session, make_user):
    learner_with_record(session, make_user)
    browser.login("0911222333", "mat-khau-dai-1")
    give(browser)
    page = browser.get("/my-data").get_data(as_text=True)
    assert "Hoàng Thị Định" in page and "04/03/1999" in page and "người học tự khai" in page
    download = browser.get("/my-data.json")
    assert download.headers["Cache-Control"] == "no-store"
    data = download.get_json()
    assert data["account"]["full_name"] == "Hoàng Thị Định" and data["national_id"]["number"].endswith("2345")
    assert data["completion_records"][0]["status"] == "issued" and NUMBER not in download.get_data(
        as_text=True
    )


def test_a_deletion_request_reaches_the_admin_who_carries_it_out(browser, session, make_user):
    user, record = learner_with_record(session, make_user)
    make_user(role="admin", login="quantri@example.test")
    browser.login("0911222333", "mat-khau-dai-1")
    response = browser.post("/my-data", {"kind": "deletion", "message": "Xin xóa tài khoản"}, page="/my-data")
    assert response.status_code == 302
    assert "Xóa tài khoản và dữ liệu: đang chờ" in browser.get("/my-data").get_data(as_text=True)
    browser.logout()
    browser.login("quantri@example.test", "mat-khau-dai-1")
    queue = browser.get("/admin/requests").get_data(as_text=True)
    assert "Xin xóa tài khoản" in queue
    request_id = session.scalar(select(DataRequest.id))
    browser.post(
        f"/admin/requests/{request_id}", {"action": "delete", "confirm": "yes"}, page="/admin/requests"
    )
    session.expire_all()
    assert session.get(User, user.id).full_name == "(đã xóa)"
    assert session.get(DataRequest, request_id).status == "done"
    assert browser.get(f"/v/{record.code}").status_code == 200  # the record itself stays


def test_an_official_finds_the_learner_sees_the_masked_number_and_marks_it_checked(
    browser, session, make_user
):
    user, record = learner_with_record(session, make_user)
    make_user(role="official", login="canbo@example.test")
    browser.login("0911222333", "mat-khau-dai-1")
    give(browser)
    browser.logout()
    browser.login("canbo@example.test", "mat-khau-dai-1")
    found = browser.get("/official/learners?q=Hoàng Thị Định").get_data(as_text=True)
    assert "2345" in found and NUMBER not in found and "Đã đối chiếu số định danh" in found
    response = browser.post(
        f"/official/learners/{user.id}/identity-checked",
        {"next": "/official/learners?q=Hoàng", "number": NUMBER},
        page="/official/learners?q=Hoàng",
    )
    assert response.status_code == 302 and response.headers["Location"].startswith("/official/learners")
    session.expire_all()
    assert session.get(PersonIdentity, user.id).assurance == "officer_checked"
    detail = browser.get(f"/official/records/{record.id}").get_data(as_text=True)
    assert "đã đối chiếu với thẻ" in detail and NUMBER not in detail


def test_identity_checked_never_redirects_off_the_site(browser, session, make_user):
    user, _ = learner_with_record(session, make_user)
    make_user(role="official", login="canbo@example.test")
    browser.login("0911222333", "mat-khau-dai-1")
    give(browser)
    browser.logout()
    browser.login("canbo@example.test", "mat-khau-dai-1")
    response = browser.post(
        f"/official/learners/{user.id}/identity-checked", {"next": "https://evil.example/"}, page="/"
    )
    assert response.headers["Location"] == "/official/learners"


@pytest.fixture
def every_log_line(caplog):
    caplog.set_level(logging.DEBUG)
    return caplog


def test_no_page_download_or_log_line_shows_a_full_id_number(
    app, browser, session, make_user, every_log_line
):
    """Walk every place the number could leak: the learner's pages, the official's, the public ones."""
    user, record = learner_with_record(session, make_user)
    make_user(role="official", login="canbo@example.test")
    make_user(role="admin", login="quantri@example.test")
    seen: dict[str, bytes] = {}

    def visit(url: str) -> None:
        response = browser.get(url)
        assert response.status_code == 200, url
        seen[url] = response.data
        if response.mimetype == "application/pdf":  # its text is compressed: read it as a viewer would
            seen[url + " (text)"] = "".join(
                p.extract_text() for p in PdfReader(io.BytesIO(response.data)).pages
            ).encode()

    browser.login("0911222333", "mat-khau-dai-1")
    seen["given"] = give(browser, number=SPACED).data
    seen["mistake"] = give(browser, again="001099012346").data  # an error page must not echo it
    for url in (
        "/certification",
        "/my-data",
        "/my-data.json",
        "/profile",
        "/path",
        "/certificate",
        f"/certificate/{record.code}.pdf",
    ):
        visit(url)
    browser.logout()
    visit(f"/v/{record.code}")
    browser.login("canbo@example.test", "mat-khau-dai-1")
    for url in (
        "/official/records",
        "/official/records.csv",
        "/official/records.jsonl",
        f"/official/records/{record.id}",
        "/official/learners?q=Hoàng",
        "/official/exports",
    ):
        visit(url)
    browser.logout()
    browser.login("quantri@example.test", "mat-khau-dai-1")
    visit("/admin/requests")
    assert session.get(PersonIdentity, user.id) is not None  # the number was stored
    forms = (NUMBER.encode(), SPACED.encode(), NUMBER.encode("utf-16-be"))
    leaks = [url for url, body in seen.items() if any(form in body for form in forms)]
    assert leaks == []
    assert [r.getMessage() for r in every_log_line.records if NUMBER in r.getMessage()] == []
    assert len(every_log_line.records) > 0  # the scan saw the log
