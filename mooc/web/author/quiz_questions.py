"""One question by form (new or edited), or many pasted as GIFT or Aiken: preview first, then save."""

from __future__ import annotations

from dataclasses import dataclass

from flask import abort, flash, redirect, render_template, request
from flask_babel import gettext as _

from mooc.quiz import registry
from mooc.quiz.base import Question, QuestionView
from mooc.quiz.builder import (
    KIND_LABELS,
    BuildResult,
    QuizEditError,
    append_questions,
    build_question,
    parse_pasted_gift,
    question_form_data,
    replace_question,
)
from mooc.services.authoring import MAX_TEXT_CHARS, AuthoringError
from mooc.web import csrf
from mooc.web.access import roles
from mooc.web.author import bp
from mooc.web.author.quiz_editor import (
    TEACHERS,
    QuizFile,
    quiz_file,
    save_quiz,
    stale_token_problem,
    token_ok,
)
from mooc.web.author.quiz_forms import MORE, draft_render, form_data, form_view, read_quiz, row_counts


@dataclass(frozen=True)
class Preview:
    """A question as a learner will see it, its right answer, and the Markdown the file will hold."""

    question: Question
    view: QuestionView
    answer_html: str
    markdown: str


def preview_of(question: Question, markdown: str) -> Preview:
    kind = registry.get(question.kind)
    return Preview(question, kind.render(question, None), kind.answer_html(question), markdown)


@bp.route("/courses/<slug:slug>/quiz/new", methods=["GET", "POST"])
@roles(*TEACHERS)
@csrf.exempt  # checked below, so a stale token re-shows what was typed instead of losing it
def question_new(slug: str):
    quiz = quiz_file(slug)
    kind = request.args.get("kind", "")
    if quiz.draft is None or quiz.path is None:
        return redirect(quiz.url("author.quiz_editor"))
    if kind not in KIND_LABELS:
        return render_template("author/question_form.html", quiz=quiz, kind=None, kind_labels=KIND_LABELS)
    if request.method == "GET":
        return _form_page(quiz, kind, {}, None)
    return _submitted(quiz, kind, None)


@bp.route("/courses/<slug:slug>/quiz/<key>/edit", methods=["GET", "POST"])
@roles(*TEACHERS)
@csrf.exempt  # checked below, as for a new question
def question_edit(slug: str, key: str):
    quiz = quiz_file(slug)
    if quiz.draft is None or quiz.path is None:
        abort(404)
    contents = read_quiz(quiz.text, quiz.path, draft_render(quiz.draft.images, quiz.path))
    if key not in contents.keys:
        abort(404)
    question = contents.questions.get(key)
    if question is None or not _fits_the_form(quiz, question, contents.keys):
        return render_template(
            "author/question_form.html",
            quiz=quiz,
            kind=question.kind if question else None,
            kind_labels=KIND_LABELS,
            editing=key,
            unrepresentable=True,
            problems=contents.problems,
        )
    if request.method == "GET":
        return _form_page(quiz, question.kind, question_form_data(question), key)
    return _submitted(quiz, question.kind, key)


def _fits_the_form(quiz: QuizFile, question: Question, keys: list[str]) -> bool:
    """The form filled from the question builds the very same question again."""
    render = draft_render(quiz.draft.images, quiz.path)
    taken = [k for k in keys if k != question.key]
    again = build_question(question.kind, question_form_data(question), render, taken_keys=taken)
    return again.ok and again.question.content_hash() == question.content_hash()


def _submitted(quiz: QuizFile, kind: str, editing: str | None):
    """Preview, save or show more rows; on any problem the form comes back with everything typed."""
    data = form_data(request.form)
    action = request.form.get("action", "preview")
    if not token_ok():
        return _form_page(quiz, kind, data, editing, problem=stale_token_problem(), status=400)
    if action.startswith(MORE):
        return _form_page(quiz, kind, data, editing)
    keys = read_quiz(quiz.text, quiz.path).keys
    render = draft_render(quiz.draft.images, quiz.path)
    result = build_question(kind, data, render, taken_keys=[k for k in keys if k != editing])
    if not result.ok:
        return _form_page(quiz, kind, data, editing, errors=result.errors)
    if action != "save":
        return _form_page(quiz, kind, data, editing, result=result)
    try:
        if editing:
            text = replace_question(quiz.text, editing, result.markdown)
        else:
            text = append_questions(quiz.text, [result.markdown])
        save_quiz(quiz, text)
    except QuizEditError as error:
        return _form_page(quiz, kind, data, editing, result=result, problem=str(error))
    except AuthoringError as error:
        return _form_page(quiz, kind, data, editing, result=result, problem=error.message)
    flash(_("Đã lưu câu hỏi “%(title)s”.", title=result.question.title), "success")
    return redirect(quiz.url("author.quiz_editor", _anchor=f"cau-{result.question.key}"))


def _form_page(
    quiz: QuizFile,
    kind: str,
    data: dict,
    editing: str | None,
    *,
    errors: dict[str, str] | None = None,
    result: BuildResult | None = None,
    problem: str = "",
    status: int = 200,
):
    errors = errors or {}
    fields, unplaced = form_view(kind, data, errors, row_counts(kind, data, request.form, _action()))
    action_url = (
        quiz.url("author.question_edit", key=editing)
        if editing
        else quiz.url("author.question_new", kind=kind)
    )
    page = render_template(
        "author/question_form.html",
        quiz=quiz,
        kind=kind,
        kind_labels=KIND_LABELS,
        editing=editing,
        fields=fields,
        unplaced=unplaced,
        has_errors=bool(errors),
        preview=preview_of(result.question, result.markdown) if result and result.ok else None,
        problem=problem,
        action_url=action_url,
    )
    return page, status


def _action() -> str:
    return request.form.get("action", "") if request.method == "POST" else ""


@bp.route("/courses/<slug:slug>/quiz/paste", methods=["GET", "POST"])
@roles(*TEACHERS)
@csrf.exempt  # checked below, so a stale token re-shows the pasted text instead of losing it
def question_paste(slug: str):
    quiz = quiz_file(slug)
    if quiz.draft is None or quiz.path is None:
        return redirect(quiz.url("author.quiz_editor"))
    if request.method == "GET":
        return _paste_page(quiz, "")
    text = request.form.get("text", "")
    if not token_ok():
        return _paste_page(quiz, text, problem=stale_token_problem(), status=400)
    if not text.strip():
        return _paste_page(quiz, text, problem=_("Hãy dán các câu hỏi vào ô bên dưới."))
    if len(text) > MAX_TEXT_CHARS:
        return _paste_page(quiz, text, problem=_("Văn bản quá dài: hãy dán từng phần."))
    keys = read_quiz(quiz.text, quiz.path).keys
    result = parse_pasted_gift(text, draft_render(quiz.draft.images, quiz.path), taken_keys=keys)
    problem = ""
    if request.form.get("action") == "save":
        if result.errors or not result.questions:
            problem = _("Chưa lưu gì: hãy sửa các lỗi dưới đây rồi bấm “Xem trước” lại.")
        else:
            try:
                save_quiz(quiz, append_questions(quiz.text, result.markdown))
            except QuizEditError as error:
                problem = str(error)
            except AuthoringError as error:
                problem = error.message
            else:
                count = len(result.questions)
                flash(_("Đã thêm %(num)d câu hỏi vào bài kiểm tra.", num=count), "success")
                return redirect(quiz.url("author.quiz_editor"))
    return _paste_page(quiz, text, result=result, problem=problem)


def _paste_page(quiz: QuizFile, text: str, *, result=None, problem: str = "", status: int = 200):
    previews = [preview_of(p.question, p.markdown) for p in result.questions] if result else []
    page = render_template(
        "author/question_paste.html",
        quiz=quiz,
        text=text,
        result=result,
        previews=previews,
        kind_labels=KIND_LABELS,
        problem=problem,
    )
    return page, status
