"""Who may call which view. Deny by default: a view without a rule answers 403.

Every view function carries exactly one of these decorators; `check_access`
runs before each request and refuses endpoints that declare nothing, so a
forgotten decorator closes a page instead of opening it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import abort, current_app, flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

PUBLIC = "public"
SIGNED_IN = "signed_in"
# What an account with a temporary password may still use: changing it, leaving, and the
# display settings (language, text size) that the password page itself offers.
OPEN_BEFORE_NEW_PASSWORD = frozenset(
    {"auth.password", "auth.logout", "site.language", "site.text_size", "site.health"}
)


def _mark(rule: tuple[str, ...]) -> Callable:
    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            return view(*args, **kwargs)

        wrapper.access_rule = rule  # type: ignore[attr-defined]
        return wrapper

    return decorate


def public(view: Callable) -> Callable:
    """Anyone, signed in or not."""
    return _mark((PUBLIC,))(view)


def signed_in(view: Callable) -> Callable:
    """Any signed-in account."""
    return _mark((SIGNED_IN,))(view)


def roles(*allowed: str) -> Callable:
    """Signed-in accounts with one of these roles."""
    return _mark(allowed)


def rule_of(endpoint: str | None) -> tuple[str, ...] | None:
    if endpoint is None:
        return None
    if endpoint == "static" or endpoint.endswith(".static"):
        return (PUBLIC,)
    view = current_app.view_functions.get(endpoint)
    return getattr(view, "access_rule", None)


def check_access() -> Any:
    """before_request hook: let the request through, send to sign-in, or refuse."""
    if request.endpoint is None:
        return None  # 404/405 handled by Flask
    rule = rule_of(request.endpoint)
    if rule is None:
        abort(403)
    if PUBLIC in rule:
        return _to_password_page() if _may_be_signed_in() and _must_change_password() else None
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    if _must_change_password():
        return _to_password_page()
    if SIGNED_IN in rule or current_user.role in rule:
        return None
    abort(403)


def _may_be_signed_in() -> bool:
    """Whether the request carries a sign-in, without loading anyone for an anonymous visitor.

    (Loading the user marks an anonymous session as changed, which would make the first
    failed sign-in answer differently from the next: tests/web/test_enumeration.py.)
    """
    remember = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token")
    return session.get("_user_id") is not None or remember in request.cookies


def _must_change_password() -> bool:
    """Signed in with a temporary password from staff: every other page waits until it is changed."""
    endpoint = request.endpoint or ""
    if endpoint == "static" or endpoint.endswith(".static") or endpoint in OPEN_BEFORE_NEW_PASSWORD:
        return False
    return bool(current_user.is_authenticated and current_user.must_change_password)


def _to_password_page() -> Any:
    flash(_("Bạn đang dùng mật khẩu tạm. Hãy đặt mật khẩu mới của riêng bạn."), "info")
    return redirect(url_for("auth.password"), 302 if request.method in ("GET", "HEAD") else 303)
