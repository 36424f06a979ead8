"""Teachers: quiz statistics, and courses written, reviewed and published in the browser."""

from flask import Blueprint

bp = Blueprint("author", __name__, url_prefix="/teach")

from mooc.web.author import (  # noqa: E402,F401
    editor,
    editor_files,
    quiz_editor,
    quiz_questions,
    review,
    versions,
    views,
)
