"""A temporary password from staff must be replaced before anything else can be used."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from mooc.models import User
from mooc.services import accounts

LOGIN = "0900000001"
NEW_PASSWORD = "mat-khau-rieng-9"
MESSAGE = "Bạn đang dùng mật khẩu tạm. Hãy đặt mật khẩu mới của riêng bạn."


@pytest.fixture
def temporary(session, make_user) -> str:
    """A learner whose password an official has just reset: returns the temporary password."""
    user = make_user(login=LOGIN)
    password = accounts.reset_password(user)
    session.commit()
    return password


@pytest.fixture
def signed_in_with_temporary(browser, temporary) -> str:
    response = browser.login(LOGIN, temporary)
    assert response.status_code == 302 and response.headers["Location"] == "/password"
    return temporary


def _change(browser, current: str):
    return browser.post(
        "/password",
        {"current": current, "password": NEW_PASSWORD, "password_again": NEW_PASSWORD},
        page="/password",
    )


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/path",
        "/learn",
        "/learn/alpha",
        "/learn/alpha/bai-mot",
        "/my-data",
        "/certification",
        "/profile",
    ],
)
def test_every_page_sends_to_the_password_page_until_it_is_changed(browser, signed_in_with_temporary, url):
    response = browser.get(url)
    assert response.status_code == 302 and response.headers["Location"] == "/password"
    page = browser.get("/password")
    assert page.status_code == 200 and MESSAGE in page.get_data(as_text=True)


@pytest.mark.parametrize(
    ("url", "data"),
    [
        (
            "/profile",
            {
                "full_name": "Tên Khác",
                "date_of_birth": "05/09/1960",
                "phone": LOGIN,
                "email": "",
                "target_group_code": "nguoi_dan",
                "residential_group": "Tổ 1",
            },
        ),
        ("/learn/alpha/bai-mot/done", {}),
        ("/quiz/kiem-tra-alpha/start", {}),
    ],
)
def test_posts_elsewhere_are_refused_the_same_way(browser, session, signed_in_with_temporary, url, data):
    response = browser.post(url, data, page="/password")
    assert response.status_code == 303 and response.headers["Location"] == "/password"
    assert MESSAGE in browser.get("/password").get_data(as_text=True)
    user = session.scalar(select(User).where(User.phone == LOGIN))
    session.refresh(user)
    assert user.full_name == "Lê Văn Học"


def test_the_password_page_logout_and_static_files_stay_open(browser, client, signed_in_with_temporary):
    assert browser.get("/password").status_code == 200
    assert client.get("/static/site.css").status_code == 200
    response = browser.post("/logout", page="/password")
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert browser.get("/").status_code == 200  # signed out: the home page opens again


def test_after_the_change_pages_open_and_the_temporary_password_stops_working(
    app, browser, signed_in_with_temporary
):
    response = _change(browser, signed_in_with_temporary)
    assert response.status_code == 302 and response.headers["Location"] == "/path"
    for url in ("/path", "/learn/alpha", "/my-data", "/certification", "/profile"):
        assert browser.get(url).status_code == 200, url
    browser.logout()
    again = browser.login(LOGIN, signed_in_with_temporary)
    assert again.status_code == 200
    assert "Số điện thoại, e-mail hoặc mật khẩu chưa đúng." in again.get_data(as_text=True)
    fresh = browser.login(LOGIN, NEW_PASSWORD)
    assert fresh.status_code == 302 and fresh.headers["Location"] == "/path"
