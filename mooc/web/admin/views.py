"""The admin pages: the data-request queue; accounts, roles and course access; the audit trail."""

from __future__ import annotations

import json
import re

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user
from sqlalchemy import select

from mooc.content.workspace import SLUG
from mooc.db import get_session
from mooc.models import Course, DataRequest, User
from mooc.models.people import ROLES
from mooc.services import privacy, staff
from mooc.services.accounts import AccountError
from mooc.web.access import roles
from mooc.web.admin import bp
from mooc.web.admin.forms import (
    AuditFilterForm,
    GrantForm,
    RoleForm,
    UserSearchForm,
    action_labels,
    action_names,
    role_labels,
)
from mooc.web.auth.forms import EmptyForm


@bp.route("/requests")
@roles("admin")
def requests():
    db = get_session()
    queue = privacy.open_requests(db)
    people = {
        u.id: u for u in db.scalars(select(User).where(User.id.in_([r.user_id for r in queue if r.user_id])))
    }
    return render_template(
        "admin/requests.html", queue=queue, people=people, form=EmptyForm(), kinds=privacy.REQUEST_KINDS
    )


@bp.route("/requests/<int:request_id>", methods=["POST"])
@roles("admin")
def answer(request_id: int):
    db = get_session()
    data_request = db.get(DataRequest, request_id) or abort(404)
    if not EmptyForm().validate_on_submit() or data_request.status != "open":
        return redirect(url_for("admin.requests"))
    action, answer_text = request.form.get("action"), (request.form.get("answer") or "").strip()[:2000]
    if action == "delete" and data_request.kind == "deletion" and data_request.user_id:
        account = db.get(User, data_request.user_id) or abort(404)
        if request.form.get("confirm") != "yes":  # a page naming the account and what goes and stays
            return render_template(
                "admin/confirm_delete.html",
                item=data_request,
                account=account,
                answer=answer_text,
                form=EmptyForm(),
            )
        privacy.delete_account(db, account, current_user)
        privacy.answer_request(
            db,
            data_request,
            current_user,
            "done",
            answer_text or _("Đã xóa tài khoản; giấy chứng nhận đã cấp được giữ theo quy định."),
        )
    elif action in ("done", "refused"):
        privacy.answer_request(db, data_request, current_user, action, answer_text)
    else:
        abort(400)
    db.commit()
    flash(_("Đã xử lý yêu cầu."), "success")
    return redirect(url_for("admin.requests"))


# --- Accounts, roles and course access -------------------------------------------------------

PER_PAGE = 50


def _page_number() -> int:
    return max(request.args.get("page", 1, type=int) or 1, 1)


@bp.route("/users")
@roles("admin")
def users():
    """Every account: search by name (with or without marks), phone or e-mail; staff first."""
    form = UserSearchForm(request.args)
    valid = form.validate()
    role = form.role.data if valid and form.role.data in ROLES else None
    found = staff.list_staff(
        get_session(), (form.q.data or "") if valid else "", role=role, page=_page_number(), per_page=PER_PAGE
    )
    filters = {key: value for key, value in request.args.items() if key != "page" and value}
    return render_template("admin/users.html", form=form, found=found, filters=filters, labels=role_labels())


def _account(user_id: int) -> User:
    return get_session().get(User, user_id) or abort(404)


def _courses(db) -> dict[str, str]:
    """Every course already in the catalogue, slug → title, in catalogue order."""
    return dict(db.execute(select(Course.slug, Course.title).order_by(Course.position, Course.slug)).all())


def _course_choices(courses: dict[str, str]) -> list[tuple[str, str]]:
    return [("", _("— Chọn học phần —")), *((slug, f"{title} ({slug})") for slug, title in courses.items())]


def _detail(user: User, role_form: RoleForm | None = None, grant_form: GrantForm | None = None):
    """The account page; a form that failed comes back with its errors and what was typed."""
    db = get_session()
    role_form = role_form or RoleForm(formdata=None, role=user.role)
    grant_form = grant_form or GrantForm(formdata=None)
    titles = _courses(db)
    grant_form.course.choices = _course_choices(titles)
    grants = staff.grants_of(db, user)
    events = staff.events_about(db, user)
    people = staff.people_named_in(db, events)
    granters = {g.granted_by for g in grants if g.granted_by and g.granted_by not in people}
    if granters:
        people.update({u.id: u for u in db.scalars(select(User).where(User.id.in_(granters)))})
    return render_template(
        "admin/user.html",
        account=user,
        role_form=role_form,
        grant_form=grant_form,
        grants=grants,
        titles=titles,
        events=events,
        people=people,
        labels=role_labels(),
        may_author=user.role in staff.AUTHOR_ROLES,
        details=shown_details,
        names=action_names(),
    )


@bp.route("/users/<int:user_id>")
@roles("admin")
def user_detail(user_id: int):
    return _detail(_account(user_id))


@bp.route("/users/<int:user_id>/role", methods=["POST"])
@roles("admin")
def set_role(user_id: int):
    db = get_session()
    user = _account(user_id)
    form = RoleForm()
    if not form.validate_on_submit():
        return _detail(user, role_form=form)
    try:
        changed = staff.set_role(db, user, form.role.data, current_user)
    except AccountError as error:
        db.rollback()
        form.role.errors.append(_(error.message, **error.params))
        return _detail(_account(user_id), role_form=form)
    db.commit()
    if not changed:
        flash(_("Vai trò không thay đổi."), "info")
        return redirect(url_for("admin.user_detail", user_id=user.id))
    label = role_labels()[user.role]
    if user.id == current_user.id:
        login_user(user)  # the new session token: this browser stays signed in, every other one is out
        flash(_("Vai trò của bạn giờ là: %(role)s.", role=label), "success")
        if user.role != "admin":
            return redirect(url_for("learn.home"))
    else:
        flash(
            _(
                "%(name)s giờ là: %(role)s. Các phiên đăng nhập của người này đã kết thúc.",
                name=user.full_name,
                role=label,
            ),
            "success",
        )
    return redirect(url_for("admin.user_detail", user_id=user.id))


@bp.route("/users/<int:user_id>/courses", methods=["POST"])
@roles("admin")
def grant_course(user_id: int):
    db = get_session()
    user = _account(user_id)
    form = GrantForm()
    if not form.validate_on_submit():
        return _detail(user, grant_form=form)
    typed, picked = (form.slug.data or "").strip(), form.course.data or ""
    if typed and picked and typed.lower() != picked:
        form.slug.errors.append(_("Chọn một học phần trong danh sách hoặc nhập mã, không cả hai."))
        return _detail(user, grant_form=form)
    try:
        granted = staff.grant_course(db, user, form.chosen(), current_user)
    except AccountError as error:
        db.rollback()
        field = form.course if picked and not typed else form.slug
        field.errors.append(_(error.message, **error.params))
        return _detail(_account(user_id), grant_form=form)
    db.commit()
    slug = staff.normalize_slug(form.chosen())
    if granted:
        flash(_("%(name)s được soạn học phần %(slug)s.", name=user.full_name, slug=slug), "success")
    else:
        flash(_("%(name)s đã được soạn học phần %(slug)s từ trước.", name=user.full_name, slug=slug), "info")
    return redirect(url_for("admin.user_detail", user_id=user.id))


@bp.route("/users/<int:user_id>/courses/<slug:slug>/revoke", methods=["POST"])
@roles("admin")
def revoke_course(user_id: int, slug: str):
    db = get_session()
    user = _account(user_id)
    if not EmptyForm().validate_on_submit():
        abort(400)
    if staff.revoke_course(db, user, slug, current_user):
        db.commit()
        flash(_("%(name)s không còn được soạn học phần %(slug)s.", name=user.full_name, slug=slug), "success")
    return redirect(url_for("admin.user_detail", user_id=user.id))


# --- The audit trail -------------------------------------------------------------------------

_NATIONAL_ID = re.compile(r"(?<!\d)\d{12}(?!\d)")
_ACTION_PREFIX = re.compile(r"[a-z_]{1,30}(?:\.[a-z_]{0,30})?")  # "course." or "course.grant"
_ACTOR_ID = re.compile(r"[1-9]\d{0,8}")


def shown_details(details: dict | None) -> list[tuple[str, str]]:
    """An event's details as (key, value) text. Details never hold a national ID number; should one
    ever slip in, twelve digits in a row are masked here all the same."""
    shown = []
    for key, value in sorted((details or {}).items()):
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)
        shown.append((str(key), _NATIONAL_ID.sub("••••••••••••", text)))
    return shown


@bp.route("/audit")
@roles("admin")
def audit():
    """Every audit event, newest first: who did what, to what, and when."""
    db = get_session()
    form = AuditFilterForm(request.args)
    form.action.choices = [("", _("Mọi loại việc")), *action_labels().items()]
    actors = staff.actors(db)
    form.actor.choices = [("", _("Mọi người")), (staff.COMMAND_LINE, _("Dòng lệnh (máy chủ)"))] + [
        (str(a.id), f"{a.full_name} ({a.email or a.phone or a.id})") for a in actors
    ]
    valid = form.validate()
    action = (form.action.data or "") if valid else ""
    actor = (form.actor.data or "") if valid else ""
    course = (form.course.data or "").lower() if valid else ""
    found = staff.audit_events(
        db,
        action_prefix=action if _ACTION_PREFIX.fullmatch(action) else "",
        actor=actor if actor == staff.COMMAND_LINE or _ACTOR_ID.fullmatch(actor) else None,
        target=f"course:{course}" if SLUG.fullmatch(course) else "",
        page=_page_number(),
        per_page=PER_PAGE,
    )
    filters = {key: value for key, value in request.args.items() if key != "page" and value}
    return render_template(
        "admin/audit.html",
        form=form,
        found=found,
        people=staff.people_named_in(db, found.items),
        filters=filters,
        details=shown_details,
        names=action_names(),
    )
