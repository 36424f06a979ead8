"""A learner's own data: the national ID for certification (with consent), and their data rights."""

from flask import Blueprint

bp = Blueprint("mydata", __name__)

from mooc.web.mydata import views  # noqa: E402,F401
