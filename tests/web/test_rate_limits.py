"""Sign-in, registration and verification are rate-limited; the counters are shared through the database."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import create_engine

from mooc.db import Base
from mooc.web.ratelimit import DatabaseStorage, limiter


@pytest.fixture
def limited(app):
    """The app with rate limits on, counting in memory so tests do not see each other's counts."""
    app.config.update(RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI="memory://")
    app.extensions.pop("limiter", None)
    limiter.init_app(app)
    yield app
    limiter.reset()
    app.config["RATELIMIT_ENABLED"] = False
    app.extensions.pop("limiter", None)
    limiter.init_app(app)


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
