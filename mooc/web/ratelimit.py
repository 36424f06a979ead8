"""Rate limits (Flask-Limiter) on sign-in, registration and verification.

The counters live where every worker can see them. By default that is the
app's own database (the `mooc+db` storage below, a small `limits` storage
backend); RATELIMIT_STORAGE_URI may point at Redis or Memcached instead.
"""

from __future__ import annotations

import math
import time
from typing import ClassVar

from flask import Flask, current_app, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from limits import parse
from limits.storage import Storage
from sqlalchemy import Engine, delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import SQLAlchemyError

from mooc.domain.text import fold
from mooc.models import RateLimitCounter
from mooc.services.accounts import normalize_login

limiter = Limiter(key_func=get_remote_address, strategy="fixed-window")

# The limits, in one place (per client address unless said otherwise).
SIGN_IN_DEFAULT = "300 per minute"  # a whole class signs in behind the ward hall's one address
# FAILED sign-ins per typed login (guessing one account's password from many addresses); a
# successful sign-in and a staff password reset clear the count.
SIGN_IN_PER_ACCOUNT = "10 per 15 minutes"
SIGN_IN_PER_ACCOUNT_SCOPE = "sign-in-failures"
REGISTER = "60 per hour"  # a ward office may register a whole class from one address
VERIFY = "30 per minute"


def sign_in_limit() -> str:
    """Sign-in attempts per address: the SIGN_IN_LIMIT setting (MOOC_SIGN_IN_LIMIT)."""
    return current_app.config.get("SIGN_IN_LIMIT") or SIGN_IN_DEFAULT


def account_key(login: str) -> str:
    """One counter per account however its login is typed ("0912 345 678", "+84912345678")."""
    return "login:" + fold(normalize_login(login))[:100]


def login_key() -> str:
    return account_key(request.form.get("login", ""))


def counted_by_the_view(_response) -> bool:
    """deduct_when for the per-account limit: checked before the view, never deducted after it.

    The view counts a failure itself (`count_failed_sign_in`), once its own database
    transaction has ended: on SQLite the counter's write would otherwise wait for the
    request's write lock.
    """
    return False


def count_failed_sign_in(login: str) -> None:
    if limiter.enabled:
        limiter.limiter.hit(parse(SIGN_IN_PER_ACCOUNT), account_key(login), SIGN_IN_PER_ACCOUNT_SCOPE)


def forget_failed_sign_ins(*logins: str | None) -> None:
    """Clear the per-account counters of these logins (after a sign-in or a password reset)."""
    if not limiter.enabled:
        return
    limit = parse(SIGN_IN_PER_ACCOUNT)
    for login in logins:
        if login:
            limiter.limiter.clear(limit, account_key(login), SIGN_IN_PER_ACCOUNT_SCOPE)


def seconds_to_wait() -> int | None:
    """For a 429 answer: seconds until the limit this request broke lets it through again."""
    current = limiter.current_limit if limiter.enabled else None
    if current is None or not current.breached:
        return None
    return max(1, math.ceil(current.window[0] - time.time()))


class DatabaseStorage(Storage):
    """Fixed-window counters in the `rate_limit_counter` table, one atomic UPSERT per hit."""

    STORAGE_SCHEME: ClassVar[list[str]] = ["mooc+db"]

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options):
        self.engine: Engine = options.pop("engine")
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)

    @property
    def base_exceptions(self):
        return SQLAlchemyError

    def incr(self, key: str, expiry: float, amount: int = 1) -> int:
        now = time.time()
        table = RateLimitCounter.__table__
        module = postgresql if self.engine.dialect.name == "postgresql" else sqlite
        fresh = table.c.expires_at <= now
        statement = (
            module.insert(table)
            .values(key=key, count=amount, expires_at=now + expiry)
            .on_conflict_do_update(
                index_elements=[table.c.key],
                set_={
                    "count": _case(fresh, amount, table.c.count + amount),
                    "expires_at": _case(fresh, now + expiry, table.c.expires_at),
                },
            )
            .returning(table.c.count)
        )
        with self.engine.begin() as connection:
            return connection.execute(statement).scalar_one()

    def get(self, key: str) -> int:
        with self.engine.connect() as connection:
            row = connection.execute(
                select(RateLimitCounter.count, RateLimitCounter.expires_at).where(RateLimitCounter.key == key)
            ).first()
        return row.count if row and row.expires_at > time.time() else 0

    def get_expiry(self, key: str) -> float:
        with self.engine.connect() as connection:
            expiry = connection.scalar(select(RateLimitCounter.expires_at).where(RateLimitCounter.key == key))
        return expiry if expiry and expiry > time.time() else time.time()

    def check(self) -> bool:
        try:
            with self.engine.connect() as connection:
                connection.execute(select(1))
            return True
        except SQLAlchemyError:
            return False

    def reset(self) -> int | None:
        with self.engine.begin() as connection:
            return connection.execute(delete(RateLimitCounter)).rowcount

    def clear(self, key: str) -> None:
        with self.engine.begin() as connection:
            connection.execute(update(RateLimitCounter).where(RateLimitCounter.key == key).values(count=0))


def _case(condition, when_true, otherwise):
    from sqlalchemy import case

    return case((condition, when_true), else_=otherwise)


def init_app(app: Flask) -> None:
    if app.config.get("RATELIMIT_STORAGE_URI", "mooc+db://") == "mooc+db://":
        app.config["RATELIMIT_STORAGE_URI"] = "mooc+db://"
        app.config["RATELIMIT_STORAGE_OPTIONS"] = {"engine": app.extensions["mooc.db"].engine}
    limiter.init_app(app)
