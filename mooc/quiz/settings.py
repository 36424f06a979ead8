"""Quiz-level settings: attempts, pool, order, time, and what the review shows."""

from __future__ import annotations

from dataclasses import dataclass

REVIEW_PARTS = ("score", "correctness", "feedback", "answers")
DEFAULT_REVIEW = ("score", "correctness", "feedback")
GRACE_SECONDS = 60  # a submit this late after the deadline still counts: slow networks, slow fingers


@dataclass(frozen=True)
class QuizSettings:
    """What an author sets in a quiz's front matter (or a .gift/.aiken file's .yaml sidecar)."""

    max_attempts: int = 0  # 0: unlimited
    pass_mark: int | None = None  # percent; the group's mark applies when higher
    draw: int | None = None  # serve this many questions from the pool; None: all
    shuffle_questions: bool = True
    shuffle_options: bool = True
    time_limit_minutes: int | None = None
    wait_minutes: int = 0  # between the end of one attempt and the start of the next
    review: tuple[str, ...] = DEFAULT_REVIEW

    def shows(self, part: str) -> bool:
        return part in self.review
