"""Quiz pages: overview, start, answer (saved as you go), submit, result."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import CSRFError, validate_csrf
from wtforms import ValidationError

from mooc.db import get_session
from mooc.models import Course, Quiz
from mooc.models._types import utcnow
from mooc.quiz.settings import GRACE_SECONDS
from mooc.services import answer_fields, attempts, catalog, question_pool, records, served_course
from mooc.services.attempts import AttemptError
from mooc.services.review import review
from mooc.web import csrf, preferences
from mooc.web.access import signed_in
from mooc.web.auth.forms import EmptyForm
from mooc.web.learn import bp
from mooc.web.templating import you

SAVE_BUTTON = "luu"  # the id of the "Lưu câu trả lời" button: where a save with no change comes back to


def _settle(db) -> None:
    """Attempts that ran out of time were graded while loading: issue a record if now earned, and keep it."""
    records.issue_if_eligible(db, current_user)
    db.commit()


@bp.route("/quiz/<slug:slug>")
@signed_in
def quiz(slug: str):
    db = get_session()
    quiz = catalog.quiz_by_slug(db, slug) or abort(404)
    # The first visit pins the learner to the course version they start (its lessons and questions).
    version, _newer = served_course.pinned_version(db, current_user, quiz.course, enroll=True)
    state = attempts.quiz_state(db, current_user, quiz)
    _settle(db)
    count = question_pool.size(db, quiz, version)
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
        if request.method == "POST":  # answers from a second, stale tab: the first submit stands
            _say_already_submitted()
        return redirect(url_for("learn.result", attempt_id=attempt.id))
    if request.method == "GET":
        return _attempt_page(db, attempt, attempt.draft or {}, None, saved_at=request.args.get("saved"))
    answers = attempts.answer_fields(request.form)
    if not _token_ok():
        return _attempt_page(db, attempt, answers, _stale_token_problem(), status=400)
    action = request.form.get("action")
    if action == "save" and attempts.is_open(attempt):
        return _save_and_come_back(db, attempt, answers)
    if action == "confirm" and not answers:
        answers = attempt.draft or {}  # "Nộp bài luôn" on the confirmation page: what was saved there
    # A save after the time ran out goes on as a (late) submit: the learner is told, nothing is lost.
    if attempts.is_open(attempt):
        views = attempts.views(attempts.served_questions(db, attempt), attempt)
        blank = answer_fields.unanswered(views, answers)
        if len(blank) == len(views):
            problem = _("Bạn chưa trả lời câu nào. Hãy chọn hoặc viết câu trả lời rồi bấm “Nộp bài”.")
            return _attempt_page(db, attempt, answers, problem)
        if blank and action != "confirm":
            attempts.save_draft(db, attempt, answers)  # kept while the learner decides
            db.commit()
            return redirect(url_for("learn.confirm_submit", attempt_id=attempt.id))
    return _submit(db, attempt, answers)


def _say_already_submitted() -> None:
    """Nothing is graded twice; the learner is told the result shown is that of the first submit."""
    flash(_("Bài này đã được nộp trước đó; kết quả dưới đây là của lần nộp đó."), "info")


def _submit(db, attempt, answers):
    outcome = attempts.submit_attempt(db, current_user, attempt, answers)
    if outcome.result is None:  # another request submitted it a moment before this one
        _say_already_submitted()
    else:
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
            flash(
                _("Chúc mừng! %(you)s đã hoàn thành lộ trình và được cấp chứng nhận.", you=you(True)),
                "success",
            )
    return redirect(url_for("learn.result", attempt_id=attempt.id))


def _save_and_come_back(db, attempt, answers):
    """The no-script "Lưu câu trả lời": save, then back to the question last changed (or the button)."""
    views = attempts.views(attempts.served_questions(db, attempt), attempt)
    changed = answer_fields.last_changed(views, attempt.draft, answers) or SAVE_BUTTON
    attempts.save_draft(db, attempt, answers)
    db.commit()
    return redirect(url_for("learn.attempt", attempt_id=attempt.id, saved=changed, _anchor=changed))


@bp.route("/attempt/<int:attempt_id>/confirm")
@signed_in
def confirm_submit(attempt_id: int):
    """Some questions are still blank: list them, and grade nothing until the learner confirms."""
    db = get_session()
    attempt = attempts.own_attempt(db, current_user, attempt_id) or abort(404)
    if attempt.status == "submitted":
        _settle(db)
        return redirect(url_for("learn.result", attempt_id=attempt.id))
    views = attempts.views(attempts.served_questions(db, attempt), attempt)
    return render_template(
        "learn/confirm_submit.html",
        quiz=db.get(Quiz, attempt.quiz_id),
        attempt=attempt,
        blank=answer_fields.unanswered(views, attempt.draft or {}),
        total=len(views),
        form=EmptyForm(),
    )


@bp.route("/attempt/<int:attempt_id>/settings", methods=["POST"])
@signed_in
@csrf.exempt  # checked below, as for the attempt itself
def attempt_settings(attempt_id: int):
    """The footer's "Chữ to hơn" or "English" pressed on an attempt: save the answers, then switch.

    The footer buttons belong to the quiz form (HTML `form` and `formaction`), so they bring
    the answers; this never submits the attempt.
    """
    db = get_session()
    attempt = attempts.own_attempt(db, current_user, attempt_id, finish_expired=False) or abort(404)
    answers = attempts.answer_fields(request.form)
    if not _token_ok():
        return _attempt_page(db, attempt, answers, _stale_token_problem(), status=400)
    if attempt.status == "in_progress":
        attempts.save_draft(db, attempt, answers)  # after the time: kept as late answers
        db.commit()
    return preferences.remember(redirect(url_for("learn.attempt", attempt_id=attempt.id)), request.form)


@bp.route("/attempt/<int:attempt_id>/save", methods=["POST"])
@signed_in
def save(attempt_id: int):
    """Saving as the learner goes (the page's script calls this; CSRF is checked as for any POST)."""
    db = get_session()
    attempt = attempts.own_attempt(db, current_user, attempt_id, finish_expired=False) or abort(404)
    saved = attempts.save_draft(db, attempt, request.form)  # too late: kept as late answers, not saved
    db.commit()
    return ("", 204) if saved else ("", 409)


def _token_ok() -> bool:
    try:
        validate_csrf(request.form.get("csrf_token"))
    except (ValidationError, CSRFError):
        return False
    return True


def _stale_token_problem() -> str:
    return _(
        "Trang đã mở quá lâu nên cần xác nhận lại. Các câu trả lời của bạn vẫn còn "
        "nguyên bên dưới: hãy bấm “Nộp bài” thêm một lần nữa."
    )


def _attempt_page(db, attempt, answers, problem, status: int = 200, saved_at: str | None = None):
    questions = attempts.served_questions(db, attempt)
    now = utcnow()
    page = render_template(
        "learn/attempt.html",
        quiz=db.get(Quiz, attempt.quiz_id),
        attempt=attempt,
        views=attempts.views(questions, attempt),
        answers=answers,
        problem=problem,
        saved_at=saved_at,
        save_button=SAVE_BUTTON,
        time_up=bool(attempt.deadline_at and now > attempt.deadline_at),
        grace_seconds=GRACE_SECONDS,
        grace_minutes=max(GRACE_SECONDS // 60, 1),
        quiz_form_id="quiz-form",
        quiz_settings_url=url_for("learn.attempt_settings", attempt_id=attempt.id),
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
