"""Settings from environment variables, with safe defaults for a development checkout."""

from __future__ import annotations

import base64
import os
import secrets
from pathlib import Path
from typing import Any


def _secret_key(instance: Path) -> str:
    """SECRET_KEY from the environment, else one generated once per checkout (development)."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    if os.environ.get("MOOC_ENV") == "production":
        raise RuntimeError("SECRET_KEY must be set when MOOC_ENV=production")
    path = instance / "secret_key"
    if not path.exists():
        instance.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


def _id_key(instance: Path) -> bytes:
    """The 32-byte key that encrypts national ID numbers: MOOC_ID_KEY (base64), else one per checkout."""
    if os.environ.get("MOOC_ID_KEY"):
        key = base64.b64decode(os.environ["MOOC_ID_KEY"])
    elif os.environ.get("MOOC_ENV") == "production":
        raise RuntimeError("MOOC_ID_KEY must be set when MOOC_ENV=production")
    else:
        path = instance / "id_key"
        if not path.exists():
            instance.mkdir(parents=True, exist_ok=True)
            path.write_text(base64.b64encode(secrets.token_bytes(32)).decode())
            path.chmod(0o600)
        key = base64.b64decode(path.read_text().strip())
    if len(key) != 32:
        raise RuntimeError("MOOC_ID_KEY must be 32 bytes, base64-encoded")
    return key


def load(instance: Path) -> dict[str, Any]:
    """Every setting the app reads, in one place."""
    env = os.environ.get("MOOC_ENV", "development")
    default_db = f"sqlite:///{instance / 'mooc.sqlite3'}"
    return {
        "MOOC_ENV": env,
        "SECRET_KEY": _secret_key(instance),
        "ID_KEY": _id_key(instance),
        "DATABASE_URL": os.environ.get("DATABASE_URL", default_db),
        "CONTENT_DIR": os.environ.get("MOOC_CONTENT_DIR", os.getcwd()),
        # The public address of the site, printed in QR codes and credentials; empty: the request's.
        "BASE_URL": os.environ.get("MOOC_BASE_URL", "").rstrip("/"),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": env == "production",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": env == "production",
        "WTF_CSRF_TIME_LIMIT": None,  # the token lives as long as the session: no lost forms
        "BABEL_DEFAULT_LOCALE": "vi",
        "BABEL_DEFAULT_TIMEZONE": "Asia/Ho_Chi_Minh",
        "LANGUAGES": ("vi", "en"),
        "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
        "SQL_ECHO": os.environ.get("MOOC_SQL_ECHO") == "1",
        # Rate limits: counters in the database by default, so all workers share them.
        "RATELIMIT_ENABLED": os.environ.get("MOOC_RATELIMIT", "on") != "off",
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "mooc+db://"),
        # Headers off: they would put Retry-After on every answer; the 429 page sets it itself.
        "RATELIMIT_HEADERS_ENABLED": False,
        # Sign-in attempts per address: a whole class shares the ward hall's one address.
        "SIGN_IN_LIMIT": os.environ.get("MOOC_SIGN_IN_LIMIT", "300 per minute"),
        # How many proxies in front of the app set X-Forwarded-For/-Proto (0: none, trust nothing).
        "PROXIES": int(os.environ.get("MOOC_PROXIES", "0")),
    }
