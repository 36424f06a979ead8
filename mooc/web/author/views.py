"""Quiz statistics for teachers: find the question that learners keep getting wrong."""

from __future__ import annotations

from flask import abort, render_template
from sqlalchemy import func, select

from mooc.db import get_session
from mooc.models import Course, Quiz, QuizAttempt
from mooc.services import catalog
from mooc.services.quiz_results import statistics
from mooc.web.access import roles
from mooc.web.author import bp

TEACHERS = ("teacher", "admin")


@bp.route("/quizzes")
@roles(*TEACHERS)
def quizzes():
    db = get_session()
    counts = dict(
        db.execute(
            select(QuizAttempt.quiz_id, func.count())
            .where(QuizAttempt.status == "submitted")
            .group_by(QuizAttempt.quiz_id)
        ).all()
    )
    rows = db.execute(
        select(Quiz, Course.title)
        .join(Course, Course.id == Quiz.course_id)
        .where(Quiz.is_active)
        .order_by(Course.position, Quiz.slug)
    ).all()
    return render_template("author/quizzes.html", rows=rows, counts=counts)


@bp.route("/quizzes/<slug:slug>/stats")
@roles(*TEACHERS)
def quiz_stats(slug: str):
    db = get_session()
    quiz = catalog.quiz_by_slug(db, slug) or abort(404)
    return render_template("author/quiz_stats.html", quiz=quiz, stats=statistics(db, quiz))
