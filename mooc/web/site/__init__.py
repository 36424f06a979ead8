"""Site-wide pages: media files, language switch, privacy notice, health check."""

from flask import Blueprint

bp = Blueprint("site", __name__)

from mooc.web.site import views  # noqa: E402,F401
