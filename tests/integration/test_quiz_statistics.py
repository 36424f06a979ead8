"""Teachers' statistics: one row per question, each learner counted once, blanks counted apart.

What a row means (the teachers' guide, §10, says the same):

- `answered`: learners whose latest submitted answer to the question is not blank;
- `blank`: learners whose latest submitted answer left it blank (for a number: typed no digit);
- `facility_percent`: the mean score of the answered ones, rounded to the nearest percent;
- `fully_right`, `common_wrong`: among the answered ones.
"""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy import select

from mooc.models import Quiz
from mooc.quiz.types.matching import right_id
from mooc.services import attempts
from mooc.services.quiz_results import QuestionStats, statistics
from tests.conftest import DATA, TEST_CONTENT, import_tree
from tests.integration.helpers import read_lessons, right_values
from tests.integration.test_progress import count_queries


@pytest.fixture
def alpha(session, content) -> Quiz:
    return session.scalar(select(Quiz).where(Quiz.slug == "kiem-tra-alpha"))


def submit(session, user, quiz: Quiz, **given: list[str]) -> None:
    """One submitted attempt: every question right, except those given (by key, '-' as '_')."""
    read_lessons(session, user, quiz.course_id)
    attempt = attempts.start_attempt(session, user, quiz)
    form = {}
    for _, question in attempts.served_questions(session, attempt):
        values = given.get(question.key.replace("-", "_"))
        form[f"q-{question.key}"] = values if values is not None else right_values(question)
    attempts.submit_attempt(session, user, attempt, form)
    session.commit()


def row(session, quiz: Quiz, key: str) -> QuestionStats:
    return next(r for r in statistics(session, quiz) if r.key == key)


def summary(stats: QuestionStats) -> tuple:
    return (
        stats.answered,
        stats.blank,
        stats.facility_percent,
        stats.fully_right,
        stats.common_wrong,
        stats.common_wrong_count,
    )


def test_each_learner_counts_once_with_their_latest_attempt(session, alpha, make_user):
    again = make_user()
    submit(session, again, alpha, thu_do=["Huế"])  # first try wrong...
    submit(session, again, alpha)  # ...then right: only this one counts
    submit(session, make_user(), alpha)
    assert summary(row(session, alpha, "thu-do")) == (2, 0, 100, 2, "", 0)


def test_a_question_left_blank_is_counted_apart_and_not_as_a_wrong_answer(session, alpha, make_user):
    submit(session, make_user(), alpha)
    submit(session, make_user(), alpha, thu_do=["Huế"])
    submit(session, make_user(), alpha, thu_do=[""], otp=[])
    assert summary(row(session, alpha, "thu-do")) == (2, 1, 50, 1, "huế", 1)
    assert summary(row(session, alpha, "otp")) == (2, 1, 100, 2, "", 0)  # no "—" as a wrong answer


def test_the_facility_is_rounded_to_the_nearest_percent(session, alpha, make_user):
    submit(session, make_user(), alpha)
    submit(session, make_user(), alpha)
    submit(session, make_user(), alpha, thu_do=["Huế"])
    assert row(session, alpha, "thu-do").facility_percent == 67  # 2 of 3, not 66


def test_a_quiz_nobody_took_has_no_facility_and_no_blanks(session, alpha):
    assert [summary(r) for r in statistics(session, alpha)] == [(0, 0, None, 0, "", 0)] * 4


def test_statistics_need_the_same_number_of_queries_however_many_learners(session, alpha, make_user):
    submit(session, make_user(), alpha)
    with count_queries(session) as few:
        statistics(session, alpha)
    for _ in range(4):
        submit(session, make_user(), alpha, thu_do=["Huế"])
    with count_queries(session) as many:
        rows = statistics(session, alpha)
    assert row_of(rows, "thu-do").answered == 5
    assert len(many) == len(few) <= 4


def row_of(rows: list[QuestionStats], key: str) -> QuestionStats:
    return next(r for r in rows if r.key == key)


# ------------------------------------------------------------------------------ a number typed in words


@pytest.fixture
def gamma(session, content, tmp_path) -> Quiz:
    root = tmp_path / "content"
    shutil.copytree(TEST_CONTENT, root)
    shutil.copytree(DATA / "quiz_pages", root, dirs_exist_ok=True)
    import_tree(session, root)
    return session.scalar(select(Quiz).where(Quiz.slug == "kiem-tra-gamma"))


def gamma_form(session, attempt, so_pi: str) -> dict[str, list[str]]:
    """Every gamma question answered right (as the quiz pages test does), the number as typed."""
    form: dict[str, list[str]] = {}
    for _, question in attempts.served_questions(session, attempt):
        name = f"q-{question.key}"
        if question.kind == "short_answer":
            form[name] = ["ha noi"]
        elif question.kind == "matching":
            form.update({f"{name}-{o.id}": [right_id(o.match)] for o in question.options if o.text})
        elif question.kind == "ordering":
            form.update({f"{name}-{o.id}": [str(n)] for n, o in enumerate(question.options, 1)})
        elif question.kind != "numerical":
            form[name] = [o.id for o in question.options if o.fraction > 0]
    form["q-so-pi"] = [so_pi]
    return form


def test_a_number_typed_in_words_counts_as_blank_not_as_a_wrong_answer(session, gamma, make_user):
    for typed in ("ba phẩy mười bốn", "3,14", "4"):
        user = make_user()
        read_lessons(session, user, gamma.course_id)
        attempt = attempts.start_attempt(session, user, gamma)
        attempts.submit_attempt(session, user, attempt, gamma_form(session, attempt, typed))
        session.commit()
    assert summary(row(session, gamma, "so-pi")) == (2, 1, 50, 1, "4", 1)
