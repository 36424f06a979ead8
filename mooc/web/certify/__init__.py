"""Officials' record lists and exports; everyone's verification by code."""

from flask import Blueprint

bp = Blueprint("certify", __name__)

from mooc.web.certify import exports, open_badges, records_admin, views  # noqa: E402,F401
