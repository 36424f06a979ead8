"""The visitor's own settings, kept in cookies on this device: language and larger text."""

from __future__ import annotations

from collections.abc import Mapping

from flask import Response, request

YEAR = 365 * 24 * 3600
# form field → (cookie, allowed values)
CHOICES = {"lang": ("lang", ("vi", "en")), "size": ("text", ("large", "normal"))}


def remember(response: Response, form: Mapping[str, str]) -> Response:
    """Set the cookie of each setting chosen in `form` ("lang=en", "size=large"); others are ignored."""
    for field, (cookie, allowed) in CHOICES.items():
        value = form.get(field)
        if value in allowed:
            response.set_cookie(
                cookie, value, max_age=YEAR, samesite="Lax", httponly=True, secure=request.is_secure
            )
    return response
