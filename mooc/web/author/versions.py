"""A course's published versions: the list, one version's files, a diff, and rollback (reviewers)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from mooc.db import get_session
from mooc.models import CourseVersion
from mooc.services import authoring, draft_review
from mooc.services.course_diff import diff_files
from mooc.services.course_versions import history
from mooc.web.access import roles
from mooc.web.auth.forms import EmptyForm
from mooc.web.author import bp
from mooc.web.author.editor import content_root
from mooc.web.author.review import REVIEWERS

READERS = ("teacher", "official", "admin")


def origin_labels() -> dict[str, str]:
    return {
        "browser": _("Xuất bản từ trình duyệt"),
        "files": _("Nạp từ tệp"),
        "rollback": _("Trở lại phiên bản cũ"),
    }


def _versions(slug: str) -> list[CourseVersion]:
    """Every version, newest first; 404 for a course with none, 403 for a teacher without access."""
    db = get_session()
    found = history(db, slug)
    if not found:
        abort(404)
    if not (authoring.can_review(current_user) or authoring.can_edit(db, current_user, slug)):
        abort(403)
    return found


def _version(found: list[CourseVersion], number: int) -> CourseVersion:
    return next((v for v in found if v.number == number), None) or abort(404)


def _title(version: CourseVersion) -> str:
    return (version.rendered.get("course") or {}).get("title") or version.course_slug


@bp.route("/courses/<slug:slug>/versions")
@roles(*READERS)
def versions(slug: str):
    db = get_session()
    found = _versions(slug)
    return render_template(
        "author/versions.html",
        slug=slug,
        title=_title(found[0]),
        versions=found,
        people=draft_review.people(db, (v.created_by for v in found)),
        origins=origin_labels(),
        draft=authoring.draft_for(db, slug),
        may_review=authoring.can_review(current_user),
        may_edit=authoring.can_edit(db, current_user, slug),
    )


@bp.route("/courses/<slug:slug>/versions/<int:number>")
@roles(*READERS)
def version(slug: str, number: int):
    found = _versions(slug)
    shown = _version(found, number)
    return render_template(
        "author/version.html",
        slug=slug,
        title=_title(shown),
        version=shown,
        latest=found[0],
        creator=draft_review.people(get_session(), [shown.created_by]).get(shown.created_by or 0),
        origins=origin_labels(),
        may_review=authoring.can_review(current_user),
        confirming=False,
    )


def _number(name: str) -> int | None:
    value = request.args.get(name, type=int)
    return value if value is not None and 0 < value < 1_000_000 else None


@bp.route("/courses/<slug:slug>/diff")
@roles(*READERS)
def diff(slug: str):
    """From one version to another (?from=N&to=M); by default the newest against the one before."""
    found = _versions(slug)
    numbers = [v.number for v in found]
    to_number = _number("to") or numbers[0]
    from_number = _number("from") or (to_number - 1 if to_number > 1 else to_number)
    old, new = _version(found, from_number), _version(found, to_number)
    return render_template(
        "author/diff.html",
        slug=slug,
        title=_title(found[0]),
        numbers=numbers,
        old=old,
        new=new,
        diffs=diff_files(old.files, old.images, new.files, new.images),
    )


@bp.route("/courses/<slug:slug>/versions/<int:number>/rollback", methods=["POST"])
@roles(*REVIEWERS)
def rollback(slug: str, number: int):
    """First a confirmation page (what will change); with confirm=yes, publish a new version."""
    db = get_session()
    found = _versions(slug)
    old, latest = _version(found, number), found[0]
    if not EmptyForm().validate_on_submit():
        abort(400)
    if old.files == latest.files and old.images == latest.images:
        flash(
            _(
                "Phiên bản mới nhất (%(latest)d) đã có đúng nội dung của phiên bản %(number)d: "
                "không cần trở lại.",
                latest=latest.number,
                number=number,
            ),
            "info",
        )
        return redirect(url_for("author.versions", slug=slug))
    problems = []
    if request.form.get("confirm") == "yes":
        try:
            created = authoring.rollback(db, slug, number, current_user, content_root())
        except authoring.PublishError as error:
            db.rollback()
            problems = error.problems
        else:
            db.commit()
            flash(
                _(
                    "Đã tạo phiên bản %(new)d với nội dung của phiên bản %(number)d.",
                    new=created.number,
                    number=number,
                ),
                "success",
            )
            return redirect(url_for("author.versions", slug=slug))
    return render_template(
        "author/version.html",
        slug=slug,
        title=_title(latest),
        version=old,
        latest=latest,
        creator=draft_review.people(db, [old.created_by]).get(old.created_by or 0),
        origins=origin_labels(),
        may_review=True,
        confirming=True,
        changes=diff_files(latest.files, latest.images, old.files, old.images),
        problems=problems,
    )
