"""Media served from the database, the language switch, the privacy notice."""

from __future__ import annotations

from flask import Response, abort, redirect, render_template, request, url_for
from sqlalchemy import text

from mooc.db import get_session
from mooc.models import Asset
from mooc.web import preferences
from mooc.web.access import public
from mooc.web.auth.forms import EmptyForm
from mooc.web.safe_redirect import is_safe_next
from mooc.web.site import bp


@bp.route("/media/<media:name>")
@public
def media(name: str):
    """An imported image. Its name is its content hash, so it can be cached for a year."""
    asset = get_session().get(Asset, name) or abort(404)
    response = Response(asset.data, mimetype=asset.content_type)
    response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    # An SVG opened on its own must not run anything.
    response.headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    return response


@bp.route("/language", methods=["POST"])
@public
def language():
    return _remember({"lang": request.form.get("lang", "")})


@bp.route("/text-size", methods=["POST"])
@public
def text_size():
    """The "larger text" setting: a cookie, so it lasts on this device without an account."""
    return _remember({"size": request.form.get("size", "")})


def _remember(choice: dict[str, str]):
    target = request.form.get("next")
    response = redirect(target if is_safe_next(target) else url_for("learn.home"))
    if EmptyForm().validate_on_submit():
        preferences.remember(response, choice)
    return response


@bp.route("/privacy")
@public
def privacy():
    return render_template("site/privacy.html")


@bp.route("/healthz")
@public
def health():
    get_session().execute(text("SELECT 1"))
    return {"status": "ok"}
