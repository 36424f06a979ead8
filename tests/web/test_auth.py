"""Accounts through the pages: registration, sign-in, sign-out, redirects, sessions."""

from __future__ import annotations

import unicodedata

import pytest
from sqlalchemy import select

from mooc.models import User


def test_registration_stores_typed_text_in_nfc(browser, session, content):
    decomposed = unicodedata.normalize("NFD", "  Nguyễn   Thị Hòa ")
    response = browser.register(full_name=decomposed)
    assert response.status_code == 302
    user = session.scalar(select(User).where(User.phone == "0912345678"))
    assert user.full_name == "Nguyễn Thị Hòa" and unicodedata.is_normalized("NFC", user.full_name)
    assert user.name_folded == "nguyen thi hoa" and user.role == "learner"
    assert user.password_hash.startswith("scrypt:")


def test_registration_errors_show_inline_and_keep_what_was_typed(browser, content):
    response = browser.register(phone="12345", password_again="khac-han")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Hai lần nhập mật khẩu chưa giống nhau." in page
    assert 'value="Nguyễn Thị Thử"' in page and 'value="05/09/1960"' in page
    assert 'aria-invalid="true"' in page


def test_registration_refuses_a_phone_number_already_used(browser, content):
    browser.register()
    browser.logout()
    page = browser.register(full_name="Người Khác").get_data(as_text=True)
    assert "Số điện thoại này đã được dùng cho một tài khoản khác." in page


def test_phone_numbers_are_stored_in_one_form(browser, session, content):
    browser.register(phone="+84 912 345 678")
    assert session.scalar(select(User.phone)) == "0912345678"
    browser.logout()
    assert browser.login("0912 345 678", "mat-khau-dai-1").status_code == 302


def test_wrong_password_and_unknown_account_get_the_same_answer(browser, content, make_user):
    make_user(login="0900000001")
    wrong = browser.login("0900000001", "sai-mat-khau").get_data(as_text=True)
    unknown = browser.login("0900000999", "sai-mat-khau").get_data(as_text=True)
    message = "Số điện thoại, e-mail hoặc mật khẩu chưa đúng."
    assert message in wrong and message in unknown


@pytest.mark.parametrize(
    "target",
    ["//evil.example", "/\\evil.example", "https://evil.example", "javascript:alert(1)", "/%5Cevil.example"],
)
def test_login_never_redirects_off_the_site(browser, content, make_user, target):
    make_user(login="0900000001")
    response = browser.post(
        "/login", {"login": "0900000001", "password": "mat-khau-dai-1", "next": target}, page="/login"
    )
    location = response.headers["Location"]
    assert response.status_code == 302 and location.startswith("/") and not location.startswith("//")
    assert "evil" not in location and "javascript" not in location


def test_login_follows_a_next_path_on_the_site(browser, content, make_user):
    make_user(login="0900000001")
    response = browser.post(
        "/login", {"login": "0900000001", "password": "mat-khau-dai-1", "next": "/learn/alpha"}, page="/login"
    )
    assert response.headers["Location"] == "/learn/alpha"


def test_logout_is_post_only_and_needs_the_csrf_token(browser, client, content):
    browser.register()
    assert client.get("/logout").status_code == 405
    assert client.post("/logout").status_code == 400  # no token
    assert client.get("/path").status_code == 200
    browser.logout()
    assert client.get("/path").status_code == 302


def test_a_form_with_a_missing_token_acts_on_nothing_and_keeps_what_was_typed(client, session, content):
    response = client.post(
        "/register",
        data={
            "full_name": "Nguyễn Văn Chậm",
            "phone": "0912345678",
            "password": "mat-khau-dai-1",
            "password_again": "mat-khau-dai-1",
            "target_group_code": "nguoi_dan",
            "agree": "y",
            "date_of_birth": "01/01/1970",
        },
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Trang đã mở quá lâu" in page
    assert 'value="Nguyễn Văn Chậm"' in page
    assert session.scalar(select(User)) is None


def test_a_post_without_a_form_of_its_own_is_refused_without_a_token(client, content):
    assert client.post("/language", data={"lang": "en"}).status_code == 400
    assert client.post("/quiz/kiem-tra-alpha/start").status_code in (302, 400)


def test_changing_the_password_ends_other_sessions(app, browser, content):
    browser.register()
    other = app.test_client()
    for cookie in browser.client._cookies.values():
        other.set_cookie(cookie.key, cookie.value, domain=cookie.domain)
    assert other.get("/path").status_code == 200
    response = browser.post(
        "/password",
        {"current": "mat-khau-dai-1", "password": "mat-khau-moi-22", "password_again": "mat-khau-moi-22"},
        page="/password",
    )
    assert response.status_code == 302
    assert browser.get("/path").status_code == 200
    assert other.get("/path").status_code == 302


def test_a_remember_me_cookie_stops_working_after_logout_everywhere(app, browser, content):
    browser.register()
    browser.logout()
    response = browser.login("0912345678", "mat-khau-dai-1", remember="y")
    remember = next(c for c in browser.client._cookies.values() if c.key == "remember_token")
    stolen = app.test_client()
    stolen.set_cookie("remember_token", remember.value, domain=remember.domain)
    assert response.status_code == 302 and stolen.get("/path").status_code == 200
    browser.post(
        "/password",
        {"current": "mat-khau-dai-1", "password": "mat-khau-moi-22", "password_again": "mat-khau-moi-22"},
        page="/password",
    )
    fresh = app.test_client()
    fresh.set_cookie("remember_token", remember.value, domain=remember.domain)
    assert fresh.get("/path").status_code == 302


def test_profile_edit_keeps_the_record_name_and_normalizes(browser, session, content):
    browser.register()
    response = browser.post(
        "/profile",
        {
            "full_name": unicodedata.normalize("NFD", "Nguyễn Thị Thử Mới"),
            "date_of_birth": "05/09/1960",
            "phone": "0912345678",
            "email": "",
            "target_group_code": "nguoi_dan",
            "residential_group": "Tổ 2",
        },
        page="/profile",
    )
    assert response.status_code == 302
    user = session.scalar(select(User))
    assert user.full_name == "Nguyễn Thị Thử Mới" and user.residential_group == "Tổ 2"
