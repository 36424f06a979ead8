"""The quiz of a course draft, question by question: list, create, move and remove (forms: quiz_questions)."""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.csrf import CSRFError, validate_csrf
from wtforms import ValidationError

from mooc.db import get_session
from mooc.models import CourseDraft
from mooc.quiz.builder import KIND_LABELS, QuizEditError, move_question, remove_question
from mooc.services import authoring
from mooc.services.course_access import can_edit
from mooc.services.course_versions import latest_version
from mooc.web.access import roles
from mooc.web.author import bp
from mooc.web.author.quiz_forms import (
    choose_quiz_path,
    default_quiz_path,
    new_quiz_text,
    quiz_paths,
    read_quiz,
)

TEACHERS = ("teacher", "admin")


@dataclass
class QuizFile:
    """The quiz file a page works on: the course's draft, the file's path and its text."""

    slug: str
    draft: CourseDraft | None
    path: str | None
    paths: list[str]

    @property
    def text(self) -> str:
        return self.draft.files.get(self.path, "") if self.draft and self.path else ""

    def url(self, endpoint: str, **values) -> str:
        """A page of this quiz file (the file named only when it is not the usual kiem-tra.md)."""
        if self.path and self.path != default_quiz_path(self.slug):
            values["path"] = self.path
        return url_for(endpoint, slug=self.slug, **values)

    @property
    def course_url(self) -> str:
        return f"/teach/courses/{self.slug}"

    @property
    def raw_url(self) -> str:
        """The course editor's plain-text page for this file."""
        return f"/teach/courses/{self.slug}/edit?path={self.path or ''}"


def quiz_file(slug: str) -> QuizFile:
    """The quiz file of `slug` for the signed-in teacher: 404 for no course, 403 for someone else's."""
    db = get_session()
    draft = authoring.draft_for(db, slug)
    if draft is None and latest_version(db, slug) is None:
        abort(404)
    if not can_edit(db, current_user, slug):
        abort(403)
    paths = quiz_paths(draft.files, slug) if draft else []
    path = choose_quiz_path(paths, slug, request.args.get("path"))
    if request.args.get("path") and path is None:
        abort(404)
    return QuizFile(slug, draft, path, paths)


def token_ok() -> bool:
    """The CSRF token of a form whose view re-shows what was typed when the token has expired."""
    try:
        validate_csrf(request.form.get("csrf_token"))
    except (ValidationError, CSRFError):
        return False
    return True


def stale_token_problem() -> str:
    return _(
        "Trang đã mở quá lâu nên cần xác nhận lại. Những gì bạn đã nhập vẫn còn bên dưới: "
        "hãy bấm nút gửi thêm một lần nữa."
    )


def save_quiz(quiz: QuizFile, text: str) -> None:
    """Write the quiz file into the draft and commit (raises AuthoringError, nothing written)."""
    db = get_session()
    authoring.save_file(db, quiz.draft, quiz.path, text, current_user)
    db.commit()


@bp.route("/courses/<slug:slug>/quiz")
@roles(*TEACHERS)
def quiz_editor(slug: str):
    quiz = quiz_file(slug)
    contents = read_quiz(quiz.text, quiz.path) if quiz.path else None
    others = [p for p in (quiz.draft.files if quiz.draft else {}) if p.startswith(f"quizzes/{slug}/")]
    return render_template(
        "author/quiz_editor.html",
        quiz=quiz,
        contents=contents,
        kind_labels=KIND_LABELS,
        other_files=sorted(set(others) - set(quiz.paths)),
    )


@bp.route("/courses/<slug:slug>/quiz/create", methods=["POST"])
@roles(*TEACHERS)
def quiz_create(slug: str):
    """Start the course's quiz file: kiem-tra.md with the course's title and competences."""
    quiz = quiz_file(slug)
    if quiz.draft is None:
        return redirect(url_for("author.quiz_editor", slug=slug))
    path = default_quiz_path(slug)
    if not any(p.startswith(f"quizzes/{slug}/") for p in quiz.draft.files):  # GIFT and Aiken included
        course_md = quiz.draft.files.get(f"courses/{slug}/course.md", "")
        quiz.path = path
        try:
            save_quiz(quiz, new_quiz_text(slug, course_md))
        except authoring.AuthoringError as error:
            flash(error.message, "error")
            return redirect(url_for("author.quiz_editor", slug=slug))
        flash(_("Đã tạo bài kiểm tra. Hãy thêm câu hỏi đầu tiên."), "success")
    return redirect(url_for("author.quiz_editor", slug=slug))


@bp.route("/courses/<slug:slug>/quiz/<key>/move", methods=["POST"])
@roles(*TEACHERS)
def question_move(slug: str, key: str):
    quiz = _editable(slug)
    direction = request.form.get("direction")
    if direction not in ("up", "down"):
        abort(400)
    return _change(quiz, key, lambda text: move_question(text, key, direction), None)


@bp.route("/courses/<slug:slug>/quiz/<key>/remove", methods=["POST"])
@roles(*TEACHERS)
def question_remove(slug: str, key: str):
    """First a page that asks (nothing is removed by a stray tap), then the removal itself."""
    quiz = _editable(slug)
    contents = read_quiz(quiz.text, quiz.path)
    if key not in contents.keys:
        abort(404)
    if request.form.get("confirm") != "yes":
        question = contents.questions.get(key)
        return render_template(
            "author/quiz_editor.html",
            quiz=quiz,
            contents=contents,
            kind_labels=KIND_LABELS,
            other_files=[],
            removing=key,
            removing_title=question.title if question else key,
        )
    return _change(quiz, key, lambda text: remove_question(text, key), _("Đã xóa câu hỏi."))


def _editable(slug: str) -> QuizFile:
    quiz = quiz_file(slug)
    if quiz.draft is None or quiz.path is None:
        abort(404)
    return quiz


def _change(quiz: QuizFile, key: str, edit, done: str | None):
    """Apply one edit to the quiz file, save it, and go back to the list (at the question)."""
    try:
        text = edit(quiz.text)
        if text != quiz.text:  # a move at the top or bottom changes nothing
            save_quiz(quiz, text)
    except QuizEditError as error:
        flash(str(error), "error")
    except authoring.AuthoringError as error:
        flash(error.message, "error")
    else:
        if done:
            flash(done, "success")
    return redirect(quiz.url("author.quiz_editor", _anchor=f"cau-{key}"))
