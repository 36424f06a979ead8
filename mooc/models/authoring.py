"""Authoring in the browser: who may edit a course, its working draft, and its published versions.

Both ways of authoring meet here: a course published from the browser and a course imported from
files each become a CourseVersion holding the exact source files, so `mooc content export` can
write any version back as files and the linter always checks the same text learners are served.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column

from mooc.db import Base
from mooc.models._types import UTCDateTime, utcnow


class CourseAccess(Base):
    """A teacher may edit this course (its creator, or someone an admin gave it to)."""

    __tablename__ = "course_access"

    course_slug: Mapped[str] = mapped_column(String(80), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)
    granted_by: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    granted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CourseVersion(Base):
    """One published state of a course and its quiz. Never changed once written."""

    __tablename__ = "course_version"
    __table_args__ = (UniqueConstraint("course_slug", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_slug: Mapped[str] = mapped_column(String(80), index=True)
    number: Mapped[int]  # 1, 2, … per course
    # Source text by path in the content tree ("courses/<slug>/course.md", "quizzes/<slug>/kiem-tra.md")
    files: Mapped[dict[str, Any]]
    # Images by path ("courses/<slug>/images/x.png") → the content-addressed Asset name
    images: Mapped[dict[str, Any]]
    # What learners are served, rendered once at publish time: lessons' HTML, the quiz's question versions
    rendered: Mapped[dict[str, Any]]
    origin: Mapped[str] = mapped_column(String(16))  # browser | files | rollback
    note: Mapped[str] = mapped_column(String(500), default="")
    created_by: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ImmutableVersionError(Exception):
    """Raised on any attempt to change or delete a written CourseVersion."""


@event.listens_for(CourseVersion, "before_update")
def _refuse_update(_mapper, _connection, target: CourseVersion) -> None:
    raise ImmutableVersionError(
        f"course version {target.course_slug} #{target.number} is immutable: publish a new version"
    )


@event.listens_for(CourseVersion, "before_delete")
def _refuse_delete(_mapper, _connection, target: CourseVersion) -> None:
    raise ImmutableVersionError(
        f"course version {target.course_slug} #{target.number} is kept for learners and history"
    )


class CourseDraft(Base):
    """The working copy of a course: saved as the teacher types, sent for review, then published."""

    __tablename__ = "course_draft"

    id: Mapped[int] = mapped_column(primary_key=True)
    course_slug: Mapped[str] = mapped_column(String(80), unique=True)
    base_version_id: Mapped[int | None] = mapped_column(ForeignKey("course_version.id"))
    files: Mapped[dict[str, Any]]
    images: Mapped[dict[str, Any]]
    status: Mapped[str] = mapped_column(String(16), default="draft")  # draft | in_review | returned
    review_note: Mapped[str] = mapped_column(Text, default="")
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    submitted_by: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Enrollment(Base):
    """Which version of a course a learner studies: kept until they finish or choose to move."""

    __tablename__ = "enrollment"

    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id"), primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("course_version.id"))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    moved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
