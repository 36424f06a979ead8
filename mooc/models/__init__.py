"""Every model, imported so that Base.metadata is complete (Alembic, tests, shell)."""

from mooc.models.catalog import Asset, Course, Lesson, Question, QuestionVersion, Quiz
from mooc.models.framework import (
    Competency,
    FrameworkVersion,
    GroupBand,
    GroupModule,
    ResidentialGroup,
    TargetGroup,
    Ward,
)
from mooc.models.limits import RateLimitCounter
from mooc.models.people import User
from mooc.models.progress import AnswerRecord, LessonCompletion, QuizAttempt
from mooc.models.records import CompletionRecord

__all__ = [
    "AnswerRecord",
    "Asset",
    "Competency",
    "CompletionRecord",
    "Course",
    "FrameworkVersion",
    "GroupBand",
    "GroupModule",
    "Lesson",
    "LessonCompletion",
    "Question",
    "QuestionVersion",
    "Quiz",
    "QuizAttempt",
    "RateLimitCounter",
    "ResidentialGroup",
    "TargetGroup",
    "User",
    "Ward",
]
