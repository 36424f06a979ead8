"""Registering, signing in and out, and the learner's own profile."""

from flask import Blueprint

bp = Blueprint("auth", __name__)

from mooc.web.auth import views  # noqa: E402,F401
