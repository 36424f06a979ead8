"""What learners study: courses (modules), lessons, media, quizzes and question versions."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mooc.db import Base
from mooc.models._types import UTCDateTime, utcnow


class Course(Base):
    """A module (học phần): lessons plus one quiz."""

    __tablename__ = "course"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(String(500))
    description_html: Mapped[str] = mapped_column(Text)  # sanitized at import
    position: Mapped[int] = mapped_column(default=0)
    level: Mapped[int]
    estimated_minutes: Mapped[int]
    competences: Mapped[list[Any]]
    target_groups: Mapped[list[Any]]
    is_active: Mapped[bool] = mapped_column(default=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    lessons: Mapped[list[Lesson]] = relationship(
        back_populates="course",
        order_by="Lesson.position",
        primaryjoin="and_(Course.id == Lesson.course_id, Lesson.is_active)",
        viewonly=True,
    )


class Lesson(Base):
    __tablename__ = "lesson"
    __table_args__ = (UniqueConstraint("course_id", "slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id"), index=True)
    slug: Mapped[str] = mapped_column(String(80))
    position: Mapped[int]
    title: Mapped[str] = mapped_column(String(200))
    body_html: Mapped[str] = mapped_column(Text)  # rendered and sanitized once, at import
    estimated_minutes: Mapped[int]
    competences: Mapped[list[Any]]
    is_active: Mapped[bool] = mapped_column(default=True)

    course: Mapped[Course] = relationship(back_populates="lessons")


class Asset(Base):
    """An image, stored in the database under its content hash so every host can serve it."""

    __tablename__ = "asset"

    name: Mapped[str] = mapped_column(String(80), primary_key=True)
    content_type: Mapped[str] = mapped_column(String(80))
    data: Mapped[bytes] = mapped_column(LargeBinary)


class Quiz(Base):
    __tablename__ = "quiz"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    intro_html: Mapped[str] = mapped_column(Text, default="")
    competences: Mapped[list[Any]]
    pass_mark: Mapped[int | None]
    max_attempts: Mapped[int] = mapped_column(default=0)  # 0: unlimited
    draw: Mapped[int | None]  # serve this many questions from the pool; None: all
    shuffle_questions: Mapped[bool] = mapped_column(default=True)
    shuffle_options: Mapped[bool] = mapped_column(default=True)
    time_limit_minutes: Mapped[int | None]
    wait_minutes: Mapped[int] = mapped_column(default=0)
    review: Mapped[list[Any]] = mapped_column(default=lambda: ["score", "correctness", "feedback"])
    is_active: Mapped[bool] = mapped_column(default=True)

    course: Mapped[Course] = relationship()


class Question(Base):
    """A question's identity within its quiz; its content lives in versions."""

    __tablename__ = "question"
    __table_args__ = (UniqueConstraint("quiz_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    quiz_id: Mapped[int] = mapped_column(ForeignKey("quiz.id"), index=True)
    key: Mapped[str] = mapped_column(String(80))
    position: Mapped[int]
    is_active: Mapped[bool] = mapped_column(default=True)
    current_version_id: Mapped[int | None] = mapped_column(ForeignKey("question_version.id", use_alter=True))

    current_version: Mapped[QuestionVersion | None] = relationship(
        foreign_keys=[current_version_id], post_update=True
    )


class QuestionVersion(Base):
    """An immutable snapshot of a question: attempts point at the version they served."""

    __tablename__ = "question_version"
    __table_args__ = (UniqueConstraint("question_id", "content_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("question.id"), index=True)
    content_hash: Mapped[str] = mapped_column(String(64))
    spec: Mapped[dict[str, Any]]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
