"""The printable certificate over HTTP: who may download it, and what it carries."""

from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader

from tests.integration.helpers import take


def issue(session, make_user, name="Đặng Văn Ất", login="0900000001"):
    user = make_user(name=name, login=login)
    take(session, user, "kiem-tra-alpha")
    return take(session, user, "kiem-tra-beta")[1]


def pdf_text(response) -> str:
    return PdfReader(io.BytesIO(response.get_data())).pages[0].extract_text()


def test_the_learner_downloads_their_own_certificate_as_a_pdf(browser, session, make_user):
    record = issue(session, make_user)
    browser.login("0900000001", "mat-khau-dai-1")
    response = browser.get(f"/certificate/{record.code}.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == f"inline; filename=giay-chung-nhan-{record.code}.pdf"
    assert response.headers["Cache-Control"] == "private, no-store"
    lines = pdf_text(response).splitlines()
    assert "Đặng Văn Ất" in lines and "PHƯỜNG THỬ NGHIỆM" in lines and record.code in lines
    assert f"Nhóm: {record.group_name}" in lines
    assert f"http://mooc.test/v/{record.code}" in lines
    assert any(line.startswith("Mẫu, ngày ") for line in lines)


def test_the_qr_and_printed_address_use_base_url_when_it_is_set(app, browser, session, make_user):
    record = issue(session, make_user)
    app.config["BASE_URL"] = "https://hoc.phulien.example.vn"
    browser.login("0900000001", "mat-khau-dai-1")
    text = pdf_text(browser.get(f"/certificate/{record.code}.pdf"))
    assert f"https://hoc.phulien.example.vn/v/{record.code}" in text.splitlines()


def test_the_certificate_page_links_to_the_pdf(browser, session, make_user):
    record = issue(session, make_user)
    browser.login("0900000001", "mat-khau-dai-1")
    page = browser.get("/certificate").get_data(as_text=True)
    assert f'href="/certificate/{record.code}.pdf"' in page and "Tải giấy chứng nhận (PDF)" in page


def test_another_learner_gets_not_found_as_if_the_code_did_not_exist(browser, session, make_user):
    record = issue(session, make_user)
    make_user(login="0900000002")
    browser.login("0900000002", "mat-khau-dai-1")
    assert browser.get(f"/certificate/{record.code}.pdf").status_code == 404
    assert browser.get("/certificate/ABCD-EFGH-JKMN-PQRS.pdf").status_code == 404
    assert browser.get("/certificate/nonsense.pdf").status_code == 404


def test_an_official_downloads_it_and_finds_the_link_in_the_record_list(browser, session, make_user):
    record = issue(session, make_user)
    make_user(role="official", login="canbo@example.test")
    browser.login("canbo@example.test", "mat-khau-dai-1")
    assert f'href="/certificate/{record.code}.pdf"' in browser.get("/official/records").get_data(as_text=True)
    response = browser.get(f"/certificate/{record.code.lower()}.pdf")
    assert response.status_code == 200 and "Đặng Văn Ất" in pdf_text(response)


def test_an_anonymous_visitor_is_sent_to_sign_in(client, session, make_user):
    record = issue(session, make_user)
    response = client.get(f"/certificate/{record.code}.pdf")
    assert response.status_code == 302 and "/login?next=" in response.headers["Location"]


def test_a_revoked_record_prints_marked_as_no_longer_valid(browser, session, make_user):
    record = issue(session, make_user)
    record.status = "revoked"
    session.commit()
    browser.login("0900000001", "mat-khau-dai-1")
    text = pdf_text(browser.get(f"/certificate/{record.code}.pdf"))
    assert "KHÔNG CÒN HIỆU LỰC" in text and "đã bị thu hồi" in text


def test_the_pdf_carries_no_birth_date_or_phone(browser, session, make_user):
    record = issue(session, make_user)
    record.date_of_birth = date(1960, 9, 5)
    session.commit()
    browser.login("0900000001", "mat-khau-dai-1")
    text = pdf_text(browser.get(f"/certificate/{record.code}.pdf"))
    assert "0900000001" not in text and "05/09/1960" not in text and "1960" not in text
