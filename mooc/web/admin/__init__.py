"""Administrators: the queue of learners' data requests."""

from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")

from mooc.web.admin import views  # noqa: E402,F401
