"""What reviewers see: the drafts waiting for review, a draft rendered as learners would read it,
and the people named on the review and version pages. Reads only; never commits."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from mooc.content.problems import Problem
from mooc.models import Course, CourseDraft, User
from mooc.services.course_versions import checked_workspace, image_bytes
from mooc.services.draft_editor import course_title


@dataclass(frozen=True)
class QueueItem:
    """One draft in review: the course it changes, who sent it and when."""

    slug: str
    title: str
    submitted_by: User | None
    submitted_at: datetime | None


@dataclass(frozen=True)
class LessonPreview:
    title: str
    html: str  # sanitized by content/markdown.py, as the importer would store it


@dataclass
class DraftPreview:
    """The draft's course page and lessons, rendered by the same pipeline as a publish."""

    title: str
    html: str
    lessons: list[LessonPreview] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def people(session: Session, ids: Iterable[int | None]) -> dict[int, User]:
    """The accounts with these ids, by id, in one query (None and unknown ids are skipped)."""
    wanted = {i for i in ids if i}
    if not wanted:
        return {}
    return {user.id: user for user in session.scalars(select(User).where(User.id.in_(wanted)))}


def course_titles(session: Session, slugs: Iterable[str]) -> dict[str, str]:
    """Catalogue titles by slug; a course never published yet has none."""
    wanted = set(slugs)
    if not wanted:
        return {}
    return dict(session.execute(select(Course.slug, Course.title).where(Course.slug.in_(wanted))).all())


def drafts_in_review(session: Session) -> list[QueueItem]:
    """Drafts sent for review, the longest waiting first."""
    drafts = list(
        session.scalars(
            select(CourseDraft)
            .where(CourseDraft.status == "in_review")
            .order_by(CourseDraft.submitted_at, CourseDraft.course_slug)
        )
    )
    who = people(session, (d.submitted_by for d in drafts))
    titles = course_titles(session, (d.course_slug for d in drafts))
    return [
        QueueItem(
            d.course_slug,
            # The draft's own title first: a new course has no catalogue title, a renamed one a stale one.
            course_title(d.files, d.course_slug) or titles.get(d.course_slug, d.course_slug),
            who.get(d.submitted_by or 0),
            d.submitted_at,
        )
        for d in drafts
    ]


def preview_draft(session: Session, draft: CourseDraft, content_root: Path) -> DraftPreview:
    """Render the draft's course and lessons exactly as publishing would (Markdown, then bleach).

    Lessons that cannot be read are left out; `problems` says why.
    """
    images = image_bytes(session, draft.images)
    with checked_workspace(session, content_root, draft.course_slug, draft.files, images) as (tree, _, found):
        course = tree.course(draft.course_slug)
        if course is None:
            return DraftPreview(draft.course_slug, "", [], found)
        lessons = [LessonPreview(lesson.title, lesson.html) for lesson in course.lessons]
        return DraftPreview(course.title or draft.course_slug, course.html, lessons, found)
