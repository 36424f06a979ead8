"""Quiz pages: overview, start, answer (saved as you go), submit, result."""

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
from mooc.services.review import review
from mooc.web import csrf
from mooc.web.access import signed_in
from mooc.web.auth.forms import EmptyForm
from mooc.web.learn import bp


def _settle(db) -> None:
    """Attempts that ran out of time were graded while loading: issue a record if now earned, and keep it."""
    records.issue_if_eligible(db, current_user)
    db.commit()


@bp.route("/quiz/<slug:slug>")
@signed_in
def quiz(slug: str):
    db = get_session()
    quiz = catalog.quiz_by_slug(db, slug) or abort(404)
    state = attempts.quiz_state(db, current_user, quiz)
    _settle(db)
    count = min(quiz.draw or 10**6, catalog.question_count(db, quiz.id))
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
        db.commit()  # an expired attempt may have been graded on the way
        flash(_(error.message, **error.params), "error")
        return redirect(url_for("learn.quiz", slug=slug))
    db.commit()
    return redirect(url_for("learn.attempt", attempt_id=attempt.id))


@bp.route("/attempt/<int:attempt_id>", methods=["GET", "POST"])
@signed_in
@csrf.exempt  # checked below, so a stale token re-shows the answers instead of losing them
def attempt(attempt_id: int):
    db = get_session()
    # A POST brings answers: an attempt past its time is closed by submit_attempt, which keeps them.
    attempt = attempts.own_attempt(
        db, current_user, attempt_id, finish_expired=request.method == "GET"
    ) or abort(404)
    if attempt.status == "submitted":
        _settle(db)
        return redirect(url_for("learn.result", attempt_id=attempt.id))
    if request.method == "GET":
        return _attempt_page(db, attempt, attempt.draft or {}, None)
    answers = attempts.answer_fields(request.form)
    try:
        validate_csrf(request.form.get("csrf_token"))
    except (ValidationError, CSRFError):
        problem = _(
            "Trang đã mở quá lâu nên cần xác nhận lại. Các câu trả lời của bạn vẫn còn "
            "nguyên bên dưới: hãy bấm “Nộp bài” thêm một lần nữa."
        )
        return _attempt_page(db, attempt, answers, problem, status=400)
    if request.form.get("action") == "save" and attempts.save_draft(db, attempt, request.form):
        db.commit()
        return _attempt_page(db, attempt, answers, None, saved=True)
    # A save after the time ran out goes on as a (late) submit: the learner is told, nothing is lost.
    if attempts.is_open(attempt) and not any(v.strip() for values in answers.values() for v in values):
        problem = _("Bạn chưa trả lời câu nào. Hãy chọn hoặc viết câu trả lời rồi bấm “Nộp bài”.")
        return _attempt_page(db, attempt, answers, problem)
    outcome = attempts.submit_attempt(db, current_user, attempt, request.form)
    if outcome.result is not None:
        had_record = records.current_record(db, current_user)
        record = records.issue_if_eligible(db, current_user)
        db.commit()
        if outcome.late:
            flash(
                _(
                    "Đã hết giờ làm bài. Các câu trả lời đã lưu trước giờ hết hạn được chấm; "
                    "những gì bạn gửi sau đó vẫn được giữ lại bên dưới."
                ),
                "info",
            )
        if record is not None and had_record is None:
            flash(_("Chúc mừng! Bạn đã hoàn thành lộ trình và được cấp chứng nhận."), "success")
    return redirect(url_for("learn.result", attempt_id=attempt.id))


@bp.route("/attempt/<int:attempt_id>/save", methods=["POST"])
@signed_in
def save(attempt_id: int):
    """Saving as the learner goes (the page's script calls this; CSRF is checked as for any POST)."""
    db = get_session()
    attempt = attempts.own_attempt(db, current_user, attempt_id, finish_expired=False) or abort(404)
    saved = attempts.save_draft(db, attempt, request.form)  # too late: kept as late answers, not saved
    db.commit()
    return ("", 204) if saved else ("", 409)


def _attempt_page(db, attempt, answers, problem, status: int = 200, saved: bool = False):
    questions = attempts.served_questions(db, attempt)
    page = render_template(
        "learn/attempt.html",
        quiz=db.get(Quiz, attempt.quiz_id),
        attempt=attempt,
        views=attempts.views(questions, attempt),
        answers=answers,
        problem=problem,
        saved=saved,
    )
    return page, status


@bp.route("/attempt/<int:attempt_id>/result")
@signed_in
def result(attempt_id: int):
    db = get_session()
    attempt = attempts.own_attempt(db, current_user, attempt_id) or abort(404)
    if attempt.status != "submitted":
        return redirect(url_for("learn.attempt", attempt_id=attempt.id))
    _settle(db)
    quiz = db.get(Quiz, attempt.quiz_id)
    course = db.get(Course, quiz.course_id)
    record = records.current_record(db, current_user)
    return render_template(
        "learn/result.html",
        quiz=quiz,
        course=course,
        attempt=attempt,
        review=review(db, attempt, quiz),
        state=attempts.quiz_state(db, current_user, quiz),
        record=record,
        form=EmptyForm(),
    )
