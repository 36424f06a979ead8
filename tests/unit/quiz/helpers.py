"""Short assertions for question-type tests (the idea of Python-Markdown's assertMarkdownRenders)."""

from __future__ import annotations

from fractions import Fraction
from textwrap import dedent

from mooc.content.markdown import render_markdown
from mooc.quiz import registry
from mooc.quiz.base import Question, QuizFormatError, Score, field_name
from mooc.quiz.parse import parse_questions

PATH = "quizzes/mau/kiem-tra.md"


def parse_one(block_text: str, first_line: int = 1) -> Question:
    """The one question in `block_text`; fails the test on any format error."""
    parsed = parse_questions(dedent(block_text).lstrip("\n"), PATH, first_line, render_markdown)
    assert [str(e) for e in parsed.errors] == []
    assert len(parsed.questions) == 1
    return parsed.questions[0]


def parse_error(block_text: str, first_line: int = 1) -> QuizFormatError:
    """The one format error in `block_text`; fails the test if it parses."""
    parsed = parse_questions(dedent(block_text).lstrip("\n"), PATH, first_line, render_markdown)
    assert parsed.questions == []
    assert len(parsed.errors) == 1
    return parsed.errors[0]


def form_values(question: Question, answer: str | list[str]) -> dict[str, list[str]]:
    """What a browser submits: a typed text as is, ticked options (given by text) as their ids."""
    if isinstance(answer, str):
        return {field_name(question): [answer]}
    by_text = {o.text: o.id for o in question.options}
    return {field_name(question): [by_text.get(text, text) for text in answer]}


def grade(question: Question, answer: str | list[str]) -> Score:
    kind = registry.get(question.kind)
    return kind.grade(question, kind.read_response(question, form_values(question, answer)))


def assert_grades(kind: str, block_text: str, answer: str | list[str], expected: Fraction) -> None:
    """Parse a block of `kind`, submit `answer`, and check the share of the points it earns."""
    question = parse_one(block_text)
    assert question.kind == kind
    score = grade(question, answer)
    assert score.possible == question.points
    assert score.earned / score.possible == expected
