"""Score a whole attempt: per-question scores, the total, and the pass decision."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from mooc.domain.grading import passes, to_ppm
from mooc.quiz import registry
from mooc.quiz.base import Question, Score


@dataclass(frozen=True)
class QuestionResult:
    question: Question
    response: Any
    score: Score

    @property
    def ppm(self) -> int:
        return to_ppm(self.score.earned, self.score.possible)


@dataclass(frozen=True)
class QuizResult:
    results: tuple[QuestionResult, ...]
    earned: Fraction
    possible: Fraction
    score_ppm: int
    passed: bool


def is_answered(question: Question, response: Any) -> bool:
    """Whether the learner gave an answer at all: nothing chosen or typed is a question left blank.

    A type may be stricter (a number question typed in words has no number to grade); such a
    response scores zero like a blank, and statistics count it with the blanks, not the wrong answers.
    """
    if response is None or (isinstance(response, str) and not response.strip()):
        return False
    if isinstance(response, list | tuple | dict) and not response:
        return False
    check = getattr(registry.get(question.kind), "is_answered", None)
    return bool(check(question, response)) if check is not None else True


def score_quiz(questions: Sequence[Question], responses: Mapping[str, Any], pass_mark: int) -> QuizResult:
    """Grade every question (a missing response scores zero) and decide the pass."""
    results = []
    for question in questions:
        response = responses.get(question.key)
        score = registry.get(question.kind).grade(question, response)
        results.append(QuestionResult(question, response, score))
    earned = sum((r.score.earned for r in results), Fraction(0))
    possible = sum((r.score.possible for r in results), Fraction(0))
    ppm = to_ppm(earned, possible)
    return QuizResult(tuple(results), earned, possible, ppm, passes(ppm, pass_mark))
