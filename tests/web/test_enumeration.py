"""Account enumeration at sign-in: an unknown account and a wrong password look and cost the same.

The cost is checked by counting password-hash checks (each one is a full scrypt
run), never by wall-clock timing, which would make a flaky test.
tests/web/test_auth.py::test_wrong_password_and_unknown_account_get_the_same_answer
checks the message; these tests check the whole page, the work done and the
rate limit.
"""

from __future__ import annotations

import re

import pytest
from werkzeug.security import check_password_hash

from mooc.services import accounts

PASSWORD = "mat-khau-dai-1"
KNOWN_PHONE, KNOWN_EMAIL = "0900000001", "nguoi.hoc@example.test"


@pytest.fixture
def hash_checks(monkeypatch) -> list[str]:
    """Every password-hash check the sign-in code runs, by the hash's method (e.g. "scrypt:32768:8:1")."""
    calls: list[str] = []

    def counting(pwhash: str, password: str) -> bool:
        calls.append(pwhash.split("$", 1)[0])
        return check_password_hash(pwhash, password)

    monkeypatch.setattr(accounts, "check_password_hash", counting)
    return calls


@pytest.fixture
def known(make_user):
    make_user(login=KNOWN_PHONE)
    return make_user(login=KNOWN_EMAIL)


@pytest.mark.parametrize(
    ("login", "password"),
    [
        ("0900000999", PASSWORD),  # no such phone number
        ("khong.co@example.test", PASSWORD),  # no such e-mail
        ("không phải số điện thoại", PASSWORD),  # neither a phone number nor an e-mail
        (KNOWN_PHONE, "sai-mat-khau"),  # the account exists, the password is wrong
        (KNOWN_EMAIL.upper(), "sai-mat-khau"),
    ],
    ids=["unknown-phone", "unknown-email", "not-a-login", "wrong-password-phone", "wrong-password-email"],
)
def test_every_failed_sign_in_checks_exactly_one_password_hash(session, known, hash_checks, login, password):
    assert accounts.authenticate(session, login, password) is None
    assert len(hash_checks) == 1


def test_a_successful_sign_in_also_checks_exactly_one_hash(session, known, hash_checks):
    assert accounts.authenticate(session, KNOWN_PHONE, PASSWORD) is not None
    assert len(hash_checks) == 1


def test_a_disabled_account_with_its_right_password_costs_one_hash_and_is_refused(
    session, known, hash_checks
):
    known.is_active_account = False
    session.commit()
    assert accounts.authenticate(session, KNOWN_EMAIL, PASSWORD) is None
    assert len(hash_checks) == 1


def test_the_stand_in_hash_for_unknown_accounts_costs_as_much_as_a_real_one(session, known, hash_checks):
    """Same method and cost parameters as the hash stored for a real account, so the same time."""
    accounts.authenticate(session, "0900000999", PASSWORD)
    accounts.authenticate(session, KNOWN_PHONE, "sai-mat-khau")
    method = known.password_hash.split("$", 1)[0]
    assert method.startswith("scrypt:") and hash_checks == [method, method]


def _comparable(page: str, typed: str) -> str:
    """The page without what legitimately differs: the CSRF token and the login typed back in its box."""
    page = re.sub(r'name="csrf_token"([^>]*)value="[^"]*"', r'name="csrf_token"\1value=""', page)
    return page.replace(f'value="{typed}"', 'value=""')


def test_an_unknown_account_and_a_wrong_password_get_identical_pages(browser, known, hash_checks):
    answers = {}
    for login in ("0900000999", KNOWN_PHONE):
        before = len(hash_checks)
        response = browser.login(login, "sai-mat-khau")
        assert len(hash_checks) == before + 1  # one scrypt run each, through the whole request
        answers[login] = (
            response.status_code,
            sorted(c.split("=", 1)[0] for c in response.headers.getlist("Set-Cookie")),
            _comparable(response.get_data(as_text=True), login),
        )
    unknown, wrong = answers["0900000999"], answers[KNOWN_PHONE]
    assert unknown[0] == wrong[0] == 200
    assert "Số điện thoại, e-mail hoặc mật khẩu chưa đúng." in wrong[2]
    assert unknown == wrong


def test_the_per_account_limit_stops_unknown_and_known_accounts_alike(limited, browser, known):
    """The limit is keyed on what was typed, so hitting it says nothing about whether the account exists."""
    for login in ("0900000999", KNOWN_PHONE):
        statuses = [browser.login(login, f"sai-mat-khau-{i}").status_code for i in range(11)]
        assert statuses == [200] * 10 + [429], login
