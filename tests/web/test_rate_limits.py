"""Sign-in, registration and verification are rate-limited; the counters are shared through the database."""

from __future__ import annotations

import time

from sqlalchemy import create_engine

from mooc.db import Base
from mooc.web.ratelimit import DatabaseStorage


def test_guessing_one_accounts_password_is_stopped_and_told_kindly(limited, browser, make_user):
    make_user(login="0900000001")
    statuses = [browser.login("0900000001", f"sai-mat-khau-{i}").status_code for i in range(11)]
    assert statuses[:10] == [200] * 10 and statuses[10] == 429
    page = browser.login("0900000001", "mat-khau-dai-1")
    assert page.status_code == 429 and "Bạn thao tác quá nhanh" in page.get_data(as_text=True)


def test_verification_lookups_are_limited_per_address(limited, client, content):
    codes = [client.get("/v/ABCD-EFGH-JKMN-PQRS").status_code for _ in range(31)]
    assert codes[:30] == [404] * 30 and codes[30] == 429


def test_the_database_storage_counts_expires_and_clears(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'limits.sqlite3'}")
    Base.metadata.create_all(engine, tables=[Base.metadata.tables["rate_limit_counter"]])
    storage = DatabaseStorage("mooc+db://", engine=engine)
    assert [storage.incr("k", 60) for _ in range(3)] == [1, 2, 3]
    assert storage.get("k") == 3 and storage.get_expiry("k") > time.time() + 50
    assert storage.incr("short", 0) == 1 and storage.incr("short", 60) == 1  # an ended window restarts
    storage.clear("k")
    assert storage.get("k") == 0 and storage.check()
    assert storage.reset() == 2


def test_a_class_behind_one_address_can_all_sign_in(limited, browser, make_user):
    """Thirty-odd learners on the ward hall's Wi-Fi share one address: a right password still gets in."""
    make_user(login="0900000001")
    for i in range(40):  # the class's attempts (typos included) from one address
        assert browser.login(f"09100000{i:02d}", "sai-mat-khau").status_code == 200, i
    assert browser.login("0900000001", "mat-khau-dai-1").status_code == 302


def test_the_per_address_limit_is_a_setting(limited, browser, make_user):
    limited.config["SIGN_IN_LIMIT"] = "3 per minute"
    statuses = [browser.login(f"091000000{i}", "sai-mat-khau").status_code for i in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_the_per_address_limit_reads_its_environment_variable(tmp_path, monkeypatch):
    from mooc.config import load

    assert load(tmp_path)["SIGN_IN_LIMIT"] == "300 per minute"
    monkeypatch.setenv("MOOC_SIGN_IN_LIMIT", "500 per minute")
    assert load(tmp_path)["SIGN_IN_LIMIT"] == "500 per minute"


def test_successful_sign_ins_do_not_count_against_the_account(limited, browser, make_user):
    make_user(login="0900000001")
    statuses = [browser.login("0900000001", "mat-khau-dai-1").status_code for _ in range(12)]
    assert statuses == [302] * 12


def test_a_successful_sign_in_clears_the_failures(limited, browser, make_user):
    make_user(login="0900000001")
    assert [browser.login("0900000001", f"sai-{i}-mat-khau").status_code for i in range(9)] == [200] * 9
    assert browser.login("0900 000 001", "mat-khau-dai-1").status_code == 302  # typed another way
    statuses = [browser.login("0900000001", f"sai-{i}-mat-khau").status_code for i in range(11)]
    assert statuses == [200] * 10 + [429]


def test_the_same_number_typed_another_way_is_the_same_account(limited, browser, make_user):
    make_user(login="0900000001")
    typed = ["0900000001", "0900 000 001", "+84 900 000 001", "0900.000.001"]
    statuses = [browser.login(typed[i % 4], f"sai-{i}-mat-khau").status_code for i in range(11)]
    assert statuses == [200] * 10 + [429]


def test_a_password_reset_by_an_official_lifts_the_lock(limited, app, browser, make_user):
    from tests.conftest import Browser

    learner = make_user(login="0900000001")
    make_user(role="official", login="0900000002")
    statuses = [browser.login("0900000001", f"sai-{i}-mat-khau").status_code for i in range(11)]
    assert statuses[-1] == 429
    official = Browser(app.test_client())
    assert official.login("0900000002", "mat-khau-dai-1").status_code == 302
    reset = official.post(f"/official/learners/{learner.id}/reset-password", page="/official/learners")
    page = reset.get_data(as_text=True)
    temporary = page.split('<p class="score code">', 1)[1].split("</p>", 1)[0].strip()
    response = browser.login("0900000001", temporary)
    assert response.status_code == 302 and response.headers["Location"] == "/password"


def test_the_429_page_says_how_long_to_wait_and_sends_retry_after(limited, browser, make_user):
    make_user(login="0900000001")
    for i in range(10):
        browser.login("0900000001", f"sai-{i}-mat-khau")
    response = browser.login("0900000001", "mat-khau-dai-1")
    assert response.status_code == 429
    assert 880 <= int(response.headers["Retry-After"]) <= 900  # the 15-minute window began just now
    assert "Vui lòng đợi khoảng 15 phút rồi thử lại." in response.get_data(as_text=True)


def test_a_verification_429_also_says_how_long(limited, client, content):
    for _ in range(30):
        client.get("/v/ABCD-EFGH-JKMN-PQRS")
    response = client.get("/v/ABCD-EFGH-JKMN-PQRS")
    assert response.status_code == 429 and 1 <= int(response.headers["Retry-After"]) <= 60
    assert "Vui lòng đợi khoảng 1 phút rồi thử lại." in response.get_data(as_text=True)


def test_a_password_reset_from_the_command_line_lifts_the_lock(limited, runner, browser, make_user):
    from mooc.cli import cli

    make_user(login="0900000001")
    assert [browser.login("0900000001", f"sai-{i}-mat-khau").status_code for i in range(11)][-1] == 429
    result = runner.invoke(cli, ["users", "reset-password", "0900000001"])
    assert result.exit_code == 0, result.output
    temporary = result.output.rsplit(": ", 1)[1].strip()
    response = browser.login("0900000001", temporary)
    assert response.status_code == 302 and response.headers["Location"] == "/password"
