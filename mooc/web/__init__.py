"""Everything that speaks HTTP: extensions, access rules, blueprints, headers, errors."""

from __future__ import annotations

from flask import Flask, request
from flask_babel import Babel
from flask_login import LoginManager
from flask_wtf.csrf import CSRFProtect
from werkzeug.routing import BaseConverter, IntegerConverter

from mooc.web.access import check_access

csrf = CSRFProtect()
login_manager = LoginManager()
babel = Babel()


class SlugConverter(BaseConverter):
    """URL parts that name content: ASCII slugs only, so nothing else reaches a query."""

    regex = r"[a-z0-9]+(?:-[a-z0-9]+)*"


class RowIdConverter(IntegerConverter):
    """`<int:…>` ids that fit a database integer: a longer number is a 404, not an overflow (500)."""

    def __init__(self, map, *args, **kwargs) -> None:
        super().__init__(map, *args, **{"max": 2**31 - 1, **kwargs})


class MediaNameConverter(BaseConverter):
    regex = r"[0-9a-f]{32}\.[a-z]{3,4}"


def init_app(app: Flask) -> None:
    app.url_map.converters["slug"] = SlugConverter
    app.url_map.converters["int"] = RowIdConverter
    app.url_map.converters["media"] = MediaNameConverter
    if app.config.get("PROXIES"):
        from werkzeug.middleware.proxy_fix import ProxyFix

        count = app.config["PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)
    csrf.init_app(app)
    _init_login(app)
    babel.init_app(app, locale_selector=select_locale, timezone_selector=lambda: "Asia/Ho_Chi_Minh")
    from mooc.web import ratelimit

    # Rate limits first: they count in the database on their own connection, before
    # check_access may load the signed-in user (on SQLite a writing request's session
    # holds the write lock from its first query).
    ratelimit.init_app(app)
    app.before_request(check_access)

    from mooc.web import admin, auth, author, certify, errors, learn, mydata, site, templating

    for module in (auth, learn, mydata, author, certify, admin, site):
        app.register_blueprint(module.bp)
    errors.init_app(app)
    templating.init_app(app)
    app.after_request(security_headers)


def _init_login(app: Flask) -> None:
    from flask_babel import lazy_gettext

    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = lazy_gettext("Vui lòng đăng nhập để tiếp tục.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"

    @login_manager.user_loader
    def load_user(token: str):
        from mooc.db import get_session
        from mooc.services.accounts import user_by_session_token

        return user_by_session_token(get_session(), token)


def select_locale() -> str:
    """Vietnamese unless the visitor chose English (a cookie set by the language switch)."""
    choice = request.cookies.get("lang")
    return choice if choice in ("vi", "en") else "vi"


def security_headers(response):
    """Headers that close the usual doors: framing, sniffing, inline script, leaking referrers."""
    headers = response.headers
    headers.setdefault(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' https:; style-src 'self'; script-src 'self'; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    )
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    if request.is_secure:
        headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    return response
