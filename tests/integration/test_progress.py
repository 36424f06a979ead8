"""The learner's path: honest counts, resume point, and a fixed number of queries."""

from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import event, select

from mooc.models import Lesson
from mooc.services import progress
from tests.conftest import PROJECT, import_tree
from tests.integration.helpers import take


@contextmanager
def count_queries(session):
    statements: list[str] = []

    def before(conn, cursor, statement, *args):
        if not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK")):
            statements.append(statement)

    engine = session.get_bind().engine
    event.listen(engine, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", before)


def test_a_new_learner_has_done_nothing_and_resumes_at_the_first_lesson(session, make_user):
    user = make_user()
    path = progress.learner_path(session, user)
    assert [m.status for m in path.modules] == ["not_started", "not_started"]
    assert (path.units_done, path.units_total, path.percent) == (0, 5, 0)
    assert path.resume[1].slug == "bai-mot"


def test_progress_counts_read_lessons_and_passed_quizzes_only(session, make_user):
    user = make_user()
    lesson = session.scalar(select(Lesson).where(Lesson.slug == "bai-mot"))
    progress.complete_lesson(session, user, lesson)
    progress.complete_lesson(session, user, lesson)  # a double click counts once
    take(session, user, "kiem-tra-beta", right=0)  # reads beta's one lesson; a failed quiz is not done
    path = progress.learner_path(session, user)
    assert (path.units_done, path.units_total) == (2, 5)
    assert [m.status for m in path.modules] == ["in_progress", "in_progress"]
    assert path.resume[1].slug == "bai-hai"
    take(session, user, "kiem-tra-beta")
    path = progress.learner_path(session, user)
    assert path.units_done == 3 and path.modules[1].passed and path.modules[1].best_percent == 100


def test_the_path_page_needs_the_same_number_of_queries_however_many_modules(session, make_user):
    small_user = make_user()
    with count_queries(session) as small:
        progress.learner_path(session, small_user)
    import_tree(session, PROJECT)  # six real modules for the residents' group
    big_user = make_user()
    with count_queries(session) as big:
        path = progress.learner_path(session, big_user)
    assert len(path.modules) >= 5
    assert len(big) == len(small) <= 9  # one of them: the versions the learner is pinned to
