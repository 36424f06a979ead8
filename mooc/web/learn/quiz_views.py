"""Quiz pages: overview, start, answer, submit, result."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import CSRFError, validate_csrf
from wtforms import ValidationError

from mooc.db import get_session
from mooc.models import Course, Quiz
from mooc.services import attempts, catalog, records
from mooc.services.attempts import AttemptError
from mooc.web import csrf
from mooc.web.access import signed_in
from mooc.web.auth.forms import EmptyForm
from mooc.web.learn import bp


@bp.route("/quiz/<slug:slug>")
@signed_in
def quiz(slug: str):
    db = get_session()
    quiz = catalog.quiz_by_slug(db, slug) or abort(404)
    state = attempts.quiz_state(db, current_user, quiz)
    count = catalog.question_count(db, quiz.id)
    return render_template("learn/quiz.html", quiz=quiz, state=state, form=EmptyForm(), count=count)


@bp.route("/quiz/<slug:slug>/start", methods=["POST"])
@signed_in
def start(slug: str):
    db = get_session()
    quiz = catalog.quiz_by_slug(db, slug) or abort(404)
    if not EmptyForm().validate_on_submit():
        return redirect(url_for("learn.quiz", slug=slug))
    try:
        attempt = attempts.start_attempt(db, current_user, quiz)
    except AttemptError as error:
        flash(_(str(error)), "error")
        return redirect(url_for("learn.quiz", slug=slug))
    db.commit()
    return redirect(url_for("learn.attempt", attempt_id=attempt.id))


@bp.route("/attempt/<int:attempt_id>", methods=["GET", "POST"])
@signed_in
@csrf.exempt  # checked below, so a stale token re-shows the answers instead of losing them
def attempt(attempt_id: int):
    db = get_session()
    attempt = attempts.own_attempt(db, current_user, attempt_id) or abort(404)
    quiz = db.get(Quiz, attempt.quiz_id)
    if attempt.status == "submitted":
        return redirect(url_for("learn.result", attempt_id=attempt.id))
    questions = attempts.served_questions(db, attempt)
    answers = {key: request.form.getlist(key) for key in request.form} if request.method == "POST" else {}
    problem = None
    if request.method == "POST":
        try:
            validate_csrf(request.form.get("csrf_token"))
        except (ValidationError, CSRFError):
            problem = _(
                "Trang đã mở quá lâu nên cần xác nhận lại. Các câu trả lời của bạn vẫn còn "
                "nguyên bên dưới: hãy bấm “Nộp bài” thêm một lần nữa."
            )
        else:
            if not any(
                value.strip() for key, values in answers.items() if key.startswith("q-") for value in values
            ):
                problem = _("Bạn chưa trả lời câu nào. Hãy chọn hoặc viết câu trả lời rồi bấm “Nộp bài”.")
                return _attempt_page(quiz, attempt, questions, answers, problem)
            outcome = attempts.submit_attempt(db, current_user, attempt, request.form.to_dict(flat=False))
            if outcome.result is not None:
                had_record = records.issued_record(db, current_user.id, current_user.target_group_code or "")
                record = records.issue_if_eligible(db, current_user)
                db.commit()
                if record is not None and had_record is None:
                    flash(_("Chúc mừng! Bạn đã hoàn thành lộ trình và được cấp chứng nhận."), "success")
            return redirect(url_for("learn.result", attempt_id=attempt.id))
    return _attempt_page(quiz, attempt, questions, answers, problem, status=400 if problem else 200)


def _attempt_page(quiz, attempt, questions, answers, problem, status: int = 200):
    page = render_template(
        "learn/attempt.html",
        quiz=quiz,
        attempt=attempt,
        views=attempts.views(questions, attempt.seed),
        answers=answers,
        problem=problem,
    )
    return page, status


@bp.route("/attempt/<int:attempt_id>/result")
@signed_in
def result(attempt_id: int):
    db = get_session()
    attempt = attempts.own_attempt(db, current_user, attempt_id) or abort(404)
    if attempt.status != "submitted":
        return redirect(url_for("learn.attempt", attempt_id=attempt.id))
    quiz = db.get(Quiz, attempt.quiz_id)
    course = db.get(Course, quiz.course_id)
    record = records.issued_record(db, current_user.id, current_user.target_group_code or "")
    return render_template(
        "learn/result.html",
        quiz=quiz,
        course=course,
        attempt=attempt,
        items=attempts.review(db, attempt),
        state=attempts.quiz_state(db, current_user, quiz),
        record=record,
        form=EmptyForm(),
    )
