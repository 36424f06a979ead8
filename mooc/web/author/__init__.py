"""Teachers: their quizzes and how learners answer them (authoring in the browser comes next)."""

from flask import Blueprint

bp = Blueprint("author", __name__, url_prefix="/teach")

from mooc.web.author import views  # noqa: E402,F401
