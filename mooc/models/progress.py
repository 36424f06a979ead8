"""What learners did: lessons finished, quiz attempts and their answers."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from mooc.db import Base
from mooc.models._types import UTCDateTime, utcnow


class LessonCompletion(Base):
    """The learner said "I have read this" (a POST), so progress counts real reading."""

    __tablename__ = "lesson_completion"

    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)
    lesson_id: Mapped[int] = mapped_column(ForeignKey("lesson.id"), primary_key=True)
    completed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class QuizAttempt(Base):
    __tablename__ = "quiz_attempt"
    # One row per attempt number: two "start" clicks at once cannot both create attempt 2.
    __table_args__ = (UniqueConstraint("user_id", "quiz_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    quiz_id: Mapped[int] = mapped_column(ForeignKey("quiz.id"), index=True)
    number: Mapped[int]
    status: Mapped[str] = mapped_column(String(16), default="in_progress")  # or "submitted"
    seed: Mapped[int]  # fixes the order of questions and options for this attempt
    shuffle_options: Mapped[bool] = mapped_column(default=True)  # copied at start: reloads look the same
    served: Mapped[list[Any]]  # question_version ids, in the order shown
    # The published course version the questions came from (None: attempts from before versions)
    course_version_id: Mapped[int | None] = mapped_column(ForeignKey("course_version.id"))
    pass_mark: Mapped[int]  # the mark that applied when the attempt was graded
    score_ppm: Mapped[int | None]  # parts per million of the full mark, rounded down
    is_passed: Mapped[bool | None]
    started_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    deadline_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # from the time limit; None: none
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Answers saved while the learner works: what counts if the time runs out or the page is lost.
    draft: Mapped[dict[str, Any] | None]
    draft_saved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    late_answers: Mapped[dict[str, Any] | None]  # sent after the deadline: kept, shown, not graded


class AnswerRecord(Base):
    """One answer within an attempt, kept as given so the review can be re-shown."""

    __tablename__ = "answer_record"

    attempt_id: Mapped[int] = mapped_column(
        ForeignKey("quiz_attempt.id", ondelete="CASCADE"), primary_key=True
    )
    question_version_id: Mapped[int] = mapped_column(ForeignKey("question_version.id"), primary_key=True)
    response: Mapped[Any] = mapped_column(JSON, nullable=True)
    score_ppm: Mapped[int]  # 0..1,000,000 of this question's points
    # The version that graded it: the served one, or a corrected one after `mooc quiz regrade`.
    graded_version_id: Mapped[int | None] = mapped_column(ForeignKey("question_version.id"))
