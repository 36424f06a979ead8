"""Every model, imported so that Base.metadata is complete (Alembic, tests, shell)."""

from mooc.models.authoring import CourseAccess, CourseDraft, CourseVersion, Enrollment
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
from mooc.models.privacy import AuditEvent, Consent, DataRequest, PersonIdentity
from mooc.models.progress import AnswerRecord, LessonCompletion, QuizAttempt
from mooc.models.records import CompletionRecord, ExportBatch, RecordEvent

__all__ = [
    "AnswerRecord",
    "Asset",
    "AuditEvent",
    "Competency",
    "CompletionRecord",
    "Consent",
    "Course",
    "CourseAccess",
    "CourseDraft",
    "CourseVersion",
    "DataRequest",
    "Enrollment",
    "ExportBatch",
    "FrameworkVersion",
    "GroupBand",
    "GroupModule",
    "Lesson",
    "LessonCompletion",
    "PersonIdentity",
    "Question",
    "QuestionVersion",
    "Quiz",
    "QuizAttempt",
    "RateLimitCounter",
    "RecordEvent",
    "ResidentialGroup",
    "TargetGroup",
    "User",
    "Ward",
]
