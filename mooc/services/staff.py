"""Roles and course access: who may do what, changed by an admin and always audited.

`actor` is the admin doing it, or None for the command line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import and_, delete, func, or_, select
from sqlalchemy.orm import Session

from mooc.domain.text import clean, fold, person_sort_key
from mooc.i18n import N_
from mooc.models import AuditEvent, CourseAccess, User
from mooc.models.people import ROLES
from mooc.services._sql import insert_ignoring_duplicates
from mooc.services.accounts import AccountError, end_sessions, normalize_phone
from mooc.services.audit import audit

# Roles that may be given a course to edit.
AUTHOR_ROLES = ("teacher", "admin")
# The order of the user list: staff first, the people who are most often looked for.
ROLE_ORDER = {"admin": 0, "official": 1, "teacher": 2, "learner": 3}
SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # as the URL `slug` converter
SLUG_MAX = 80


class StaffError(AccountError):
    """A refused role or course change; `field` names the form field, `message` is an N_ msgid."""


def _actor_id(actor: User | None) -> int | None:
    return actor.id if actor is not None else None


def set_role(session: Session, user: User, role: str, actor: User | None) -> bool:
    """Give `user` the role `role`; False when it already had it (nothing done, nothing audited).

    The last active admin keeps the role, so the platform always has someone to manage it.
    Any change ends the user's sessions everywhere: a demoted account loses its access at
    once. Leaving the authoring roles also takes back every course the account could edit.
    """
    if role not in ROLES:
        raise StaffError("role", N_("Vai trò không hợp lệ."))
    if user.role == role:
        return False
    if user.role == "admin":
        # Lock the admin rows: two admins demoting each other at once cannot both succeed.
        admins = session.scalars(
            select(User.id).where(User.role == "admin", User.is_active_account.is_(True)).with_for_update()
        ).all()
        if not [admin_id for admin_id in admins if admin_id != user.id]:
            raise StaffError(
                "role",
                N_("Đây là quản trị viên cuối cùng: hãy giao vai trò quản trị cho người khác trước."),
            )
    previous, user.role = user.role, role
    end_sessions(user)
    audit(session, _actor_id(actor), "user.role", f"user:{user.id}", old=previous, new=role)
    if role not in AUTHOR_ROLES:
        for slug in courses_of(session, user):
            revoke_course(session, user, slug, actor, reason="role")
    session.flush()
    return True


def normalize_slug(value: str) -> str:
    """A course slug as typed ("  Alpha " → "alpha"); raises StaffError when it cannot be one."""
    slug = clean(value).lower()
    if not slug:
        raise StaffError("slug", N_("Vui lòng chọn hoặc nhập mã học phần."))
    if len(slug) > SLUG_MAX or not SLUG_RE.fullmatch(slug):
        raise StaffError(
            "slug",
            N_("Mã học phần chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang, ví dụ an-toan-mang."),
        )
    return slug


def grant_course(session: Session, user: User, slug: str, actor: User | None) -> bool:
    """Let `user` (a teacher or admin) edit the course `slug`, which may not exist yet.

    False when the user already had it (a double click grants once, audits once).
    """
    slug = normalize_slug(slug)
    if user.role not in AUTHOR_ROLES:
        raise StaffError("slug", N_("Chỉ giáo viên hoặc quản trị viên mới được giao học phần."))
    granted = insert_ignoring_duplicates(
        session, CourseAccess, {"course_slug": slug, "user_id": user.id, "granted_by": _actor_id(actor)}
    )
    if granted:
        audit(session, _actor_id(actor), "course.grant", f"user:{user.id}", course=slug)
        session.flush()
    return granted


def revoke_course(session: Session, user: User, slug: str, actor: User | None, reason: str = "") -> bool:
    """Take the course `slug` back from `user`; False when the user did not have it."""
    slug = clean(slug).lower()
    removed = session.execute(
        delete(CourseAccess).where(CourseAccess.user_id == user.id, CourseAccess.course_slug == slug)
    ).rowcount
    if removed:
        details = {"course": slug, **({"reason": reason} if reason else {})}
        audit(session, _actor_id(actor), "course.revoke", f"user:{user.id}", **details)
        session.flush()
    return bool(removed)


def courses_of(session: Session, user: User) -> list[str]:
    """The slugs of the courses `user` may edit, in alphabetical order."""
    return list(
        session.scalars(
            select(CourseAccess.course_slug)
            .where(CourseAccess.user_id == user.id)
            .order_by(CourseAccess.course_slug)
        )
    )


def grants_of(session: Session, user: User) -> list[CourseAccess]:
    return list(
        session.scalars(
            select(CourseAccess).where(CourseAccess.user_id == user.id).order_by(CourseAccess.course_slug)
        )
    )


@dataclass(frozen=True)
class Page:
    items: list
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return page_count(self.total, self.per_page)


def page_count(total: int, per_page: int) -> int:
    return max((total + per_page - 1) // per_page, 1)


def clamp_page(page: int, total: int, per_page: int) -> int:
    """A page that exists: below 1 is the first, past the end (however far) the last."""
    return min(max(page, 1), page_count(total, per_page))


def _search_conditions(text: str) -> list:
    """Name (with or without marks, every word), e-mail, or phone (whole or in part)."""
    words = fold(text).split()
    conditions = []
    if words:  # "van an" finds "Nguyễn Văn An" and "An Văn Nguyễn" alike
        conditions.append(and_(*(User.name_folded.contains(word, autoescape=True) for word in words)))
    conditions.append(User.email.contains(text.lower(), autoescape=True))
    try:
        phone = normalize_phone(text)  # "+84 912 345 678" is stored as 0912345678
    except AccountError:
        phone = None
    digits = re.sub(r"[\s.\-()]", "", text)
    if phone:
        conditions.append(User.phone == phone)
    elif digits.isdigit() and len(digits) >= 3:  # the last digits someone remembers
        conditions.append(User.phone.contains(digits, autoescape=True))
    return conditions


def list_staff(
    session: Session, query: str = "", role: str | None = None, page: int = 1, per_page: int = 50
) -> Page:
    """Accounts matching `query` (name typed with or without marks, e-mail, phone), staff first,
    then by given name as Vietnamese lists are ordered; one page of them.

    Two queries whatever the page: ids and names of every match (sorted here, since the
    Vietnamese order is not the database's), then the rows of the page.
    """
    text = clean(query)
    statement = select(User.id, User.role, User.full_name)
    if text:
        statement = statement.where(or_(*_search_conditions(text)))
    if role:
        statement = statement.where(User.role == role)
    matches = session.execute(statement).all()
    matches.sort(key=lambda row: (ROLE_ORDER.get(row.role, 9), person_sort_key(row.full_name), row.id))
    page = clamp_page(page, len(matches), per_page)
    ids = [row.id for row in matches[(page - 1) * per_page : page * per_page]]
    rows = {user.id: user for user in session.scalars(select(User).where(User.id.in_(ids)))} if ids else {}
    return Page([rows[i] for i in ids], len(matches), page, per_page)


# What an audit filter may start with; anything recorded is shown, these are offered.
ACTION_PREFIXES = ("course.", "user.", "record.", "export.", "identity.", "privacy.")
COMMAND_LINE = "cli"  # the actor filter for events with no actor


def audit_events(
    session: Session,
    action_prefix: str = "",
    actor: int | str | None = None,
    target: str = "",
    page: int = 1,
    per_page: int = 50,
) -> Page:
    """Audit events, newest first. `actor` is a user id, COMMAND_LINE, or None for everyone."""
    conditions = []
    if action_prefix:
        conditions.append(AuditEvent.action.startswith(action_prefix, autoescape=True))
    if actor == COMMAND_LINE:
        conditions.append(AuditEvent.actor_id.is_(None))
    elif actor is not None:
        conditions.append(AuditEvent.actor_id == int(actor))
    if target:
        conditions.append(AuditEvent.target == target)
    total = session.scalar(select(func.count()).select_from(AuditEvent).where(*conditions)) or 0
    page = clamp_page(page, total, per_page)
    events = session.scalars(
        select(AuditEvent)
        .where(*conditions)
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .offset((page - 1) * per_page)
        .limit(per_page)
    ).all()
    return Page(list(events), total, page, per_page)


def events_about(session: Session, user: User, limit: int = 100) -> list[AuditEvent]:
    """What was done to `user` and what `user` did, newest first."""
    return list(
        session.scalars(
            select(AuditEvent)
            .where(or_(AuditEvent.target == f"user:{user.id}", AuditEvent.actor_id == user.id))
            .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
            .limit(limit)
        )
    )


def actors(session: Session) -> list[User]:
    """Everyone who appears as the actor of an audit event, for the filter."""
    ids = select(AuditEvent.actor_id).where(AuditEvent.actor_id.is_not(None)).distinct()
    found = session.scalars(select(User).where(User.id.in_(ids)))
    return sorted(found, key=lambda user: (person_sort_key(user.full_name), user.id))


def people_named_in(session: Session, events: list[AuditEvent]) -> dict[int, User]:
    """The actors and target accounts ("user:12") of `events`, in one query."""
    ids = {event.actor_id for event in events if event.actor_id}
    for event in events:
        kind, _, value = event.target.partition(":")
        if kind == "user" and value.isdigit():
            ids.add(int(value))
    if not ids:
        return {}
    return {user.id: user for user in session.scalars(select(User).where(User.id.in_(ids)))}
