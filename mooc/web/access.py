"""Who may call which view. Deny by default: a view without a rule answers 403.

Every view function carries exactly one of these decorators; `check_access`
runs before each request and refuses endpoints that declare nothing, so a
forgotten decorator closes a page instead of opening it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import abort, current_app, redirect, request, url_for
from flask_login import current_user

PUBLIC = "public"
SIGNED_IN = "signed_in"


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
        return None
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    if SIGNED_IN in rule or current_user.role in rule:
        return None
    abort(403)
