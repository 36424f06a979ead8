"""Learners: home, my path, modules, lessons, quizzes, certificate."""

from flask import Blueprint

bp = Blueprint("learn", __name__)

from mooc.web.learn import certificate_views, quiz_views, views  # noqa: E402,F401
