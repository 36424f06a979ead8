"""Home, my path, module and lesson pages."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mooc.db import get_session
from mooc.models import Lesson
from mooc.services import catalog, enrollments, progress, records, served_course
from mooc.web.access import public, signed_in
from mooc.web.auth.forms import EmptyForm
from mooc.web.learn import bp
from mooc.web.templating import you


@bp.route("/")
@public
def home():
    db = get_session()
    groups = catalog.groups(db)
    return render_template("learn/home.html", groups=groups, counts={g.code: _required(g) for g in groups})


def _required(group) -> tuple[int, int]:
    """The fewest and most modules one learner of the group must pass (pupils: per grade band)."""
    if not group.bands:
        return len(group.modules), len(group.modules)
    per_band = [sum(1 for m in group.modules if m.band_code == band.code) for band in group.bands]
    return min(per_band), max(per_band)


@bp.route("/path")
@signed_in
def my_path():
    db = get_session()
    path = progress.learner_path(db, current_user)
    record = records.current_record(db, current_user)
    return render_template("learn/path.html", path=path, record=record)


@bp.route("/learn")
@public
def catalogue():
    own = current_user.target_group_code if current_user.is_authenticated else None
    sections = catalog.catalogue(get_session(), first=own)
    return render_template("learn/catalogue.html", sections=sections, own=own)


@bp.route("/learn/<slug:slug>")
@public
def course(slug: str):
    db = get_session()
    row = catalog.course_by_slug(db, slug) or abort(404)
    course = served_course.served_course(db, _learner(), row, enroll=False)
    db.commit()  # a learner who has passed may have moved to the newest version
    done: set[int] = set()
    if current_user.is_authenticated:
        done = progress.completed_lesson_ids(db, current_user.id, [lesson.id for lesson in course.lessons])
    quiz = catalog.quiz_for_course(db, row.id)
    return render_template("learn/course.html", course=course, done=done, quiz=quiz, form=EmptyForm())


@bp.route("/learn/<slug:slug>/<slug:lesson_slug>")
@public
def lesson(slug: str, lesson_slug: str):
    db = get_session()
    row = catalog.course_by_slug(db, slug) or abort(404)
    course = served_course.served_course(db, _learner(), row, enroll=True)
    db.commit()  # the first visit pins the learner to the version they start
    lesson = course.lesson(lesson_slug) or abort(404)
    previous, following = course.neighbours(lesson)
    is_done = current_user.is_authenticated and lesson.id in progress.completed_lesson_ids(
        db, current_user.id, [lesson.id]
    )
    return render_template(
        "learn/lesson.html",
        course=course,
        lesson=lesson,
        previous=previous,
        following=following,
        is_done=is_done,
        quiz=catalog.quiz_for_course(db, row.id),
        form=EmptyForm(),
    )


@bp.route("/learn/<slug:slug>/<slug:lesson_slug>/done", methods=["POST"])
@signed_in
def complete_lesson(slug: str, lesson_slug: str):
    db = get_session()
    row = catalog.course_by_slug(db, slug) or abort(404)
    course = served_course.served_course(db, current_user, row, enroll=True)
    lesson = course.lesson(lesson_slug) or abort(404)
    if EmptyForm().validate_on_submit():
        progress.complete_lesson(db, current_user, db.get(Lesson, lesson.id))
        flash(_("Đã ghi nhận: %(you)s học xong bài “%(title)s”.", title=lesson.title, you=you()), "success")
    db.commit()
    _previous, following = course.neighbours(lesson)
    if following is not None:
        return redirect(url_for("learn.lesson", slug=slug, lesson_slug=following.slug))
    quiz = catalog.quiz_for_course(db, row.id)
    return redirect(url_for("learn.quiz", slug=quiz.slug) if quiz else url_for("learn.course", slug=slug))


@bp.route("/learn/<slug:slug>/move-to-latest", methods=["POST"])
@signed_in
def move_to_latest(slug: str):
    """The learner chose the newest version; lessons read and attempts made stay theirs."""
    db = get_session()
    row = catalog.course_by_slug(db, slug) or abort(404)
    if EmptyForm().validate_on_submit():
        enrollments.move_to_latest(db, current_user, row)
        db.commit()
        flash(_("%(you)s đang học bản mới của học phần.", you=you(True)), "success")
    return redirect(url_for("learn.course", slug=slug))


def _learner():
    """The signed-in account, or None: visitors who are not signed in see the live lessons."""
    return current_user if current_user.is_authenticated else None


@bp.route("/certificate")
@signed_in
def certificate():
    db = get_session()
    return render_template("learn/certificate.html", records=records.records_of(db, current_user.id))
