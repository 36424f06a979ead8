"""Who may edit, review and create courses: plain functions over roles and CourseAccess rows."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from mooc.models import CourseAccess, CourseDraft, CourseVersion, User
from mooc.services.audit import audit


def can_edit(session: Session, user: User | None, slug: str) -> bool:
    """Admins edit every course; a teacher the courses given to them; nobody else."""
    if user is None:
        return False
    if user.role == "admin":
        return True
    if user.role != "teacher":
        return False
    return session.get(CourseAccess, {"course_slug": slug, "user_id": user.id}) is not None


def can_review(user: User | None) -> bool:
    """Officials and admins publish or return drafts; a teacher never publishes their own course."""
    return user is not None and user.role in ("official", "admin")


def can_create(user: User | None) -> bool:
    return user is not None and user.role in ("teacher", "admin")


def grant_access(session: Session, slug: str, user: User, granted_by: User | None) -> CourseAccess:
    access = session.get(CourseAccess, {"course_slug": slug, "user_id": user.id})
    if access is None:
        access = CourseAccess(
            course_slug=slug, user_id=user.id, granted_by=granted_by.id if granted_by else None
        )
        session.add(access)
        audit(
            session,
            granted_by.id if granted_by else None,
            "course.access.grant",
            f"course:{slug}",
            user=user.id,
        )
    return access


def editable_courses(session: Session, user: User) -> list[str]:
    """Slugs of the courses `user` may edit (with a version or a draft), sorted."""
    slugs = set(session.scalars(select(CourseVersion.course_slug))) | set(
        session.scalars(select(CourseDraft.course_slug))
    )
    return sorted(slug for slug in slugs if can_edit(session, user, slug))
