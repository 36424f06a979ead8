"""Real concurrent requests against a real database (no rollback wrapper)."""

from __future__ import annotations

import re
import threading

import pytest
from sqlalchemy import func, select, update

from mooc import create_app
from mooc.content.importer import import_content
from mooc.content.sources import read_tree
from mooc.db import Base, Database
from mooc.models import AnswerRecord, CompletionRecord, Question, QuizAttempt, User
from tests.conftest import TEST_CONTENT, Browser
from tests.web.test_resident_path import answer_key


@pytest.fixture
def committed_app(database, tmp_path, monkeypatch):
    """An app whose requests commit for real; every table is emptied before and after."""
    monkeypatch.chdir(tmp_path)

    def wipe():
        with database.engine.begin() as connection:
            connection.execute(update(Question).values(current_version_id=None))  # the one cycle
            for table in reversed(Base.metadata.sorted_tables):
                connection.execute(table.delete())

    wipe()
    app = create_app({"TESTING": True, "DATABASE_URL": database.url})
    db: Database = app.extensions["mooc.db"]
    with db.writer() as session, session.begin():
        import_content(session, read_tree(TEST_CONTENT))
    yield app
    db.engine.dispose()
    wipe()


def read_all_lessons(browser) -> None:
    for course, lesson in [("alpha", "bai-mot"), ("alpha", "bai-hai"), ("beta", "bai-ba")]:
        url = f"/learn/{course}/{lesson}"
        assert browser.post(f"{url}/done", page=url).status_code == 302


def test_two_simultaneous_submits_of_one_attempt_grade_once(committed_app):
    browser = Browser(committed_app.test_client())
    browser.register()
    db: Database = committed_app.extensions["mooc.db"]
    read_all_lessons(browser)
    start = browser.post("/quiz/kiem-tra-alpha/start", page="/quiz/kiem-tra-alpha")
    attempt_url = start.headers["Location"]
    attempt_id = int(re.search(r"/attempt/(\d+)", attempt_url).group(1))
    with db.reader() as session:
        form = answer_key(session, attempt_id)
    form["csrf_token"] = browser.token(attempt_url)

    # Two clients sharing the learner's cookies, like two clicks on a slow network.
    clients = [committed_app.test_client() for _ in range(2)]
    for client in clients:
        for cookie in browser.client._cookies.values():
            client.set_cookie(cookie.key, cookie.value, domain=cookie.domain)
    barrier = threading.Barrier(2)
    statuses: list[int] = []

    def submit(client):
        barrier.wait()
        statuses.append(client.post(attempt_url, data=form).status_code)

    threads = [threading.Thread(target=submit, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == [302, 302]
    with db.reader() as session:
        attempts = session.scalars(select(QuizAttempt)).all()
        assert len(attempts) == 1 and attempts[0].status == "submitted"
        assert attempts[0].score_ppm == 1_000_000
        answers = session.scalar(select(func.count()).select_from(AnswerRecord))
        assert answers == 4
        assert session.scalar(select(func.count()).select_from(User)) == 1


def test_two_simultaneous_final_passes_issue_one_record(committed_app):
    """The learner appears once in the export even if two passing submits race."""
    browser = Browser(committed_app.test_client())
    browser.register()
    db: Database = committed_app.extensions["mooc.db"]
    read_all_lessons(browser)
    urls = []
    for slug in ("kiem-tra-alpha", "kiem-tra-beta"):
        start = browser.post(f"/quiz/{slug}/start", page=f"/quiz/{slug}")
        urls.append(start.headers["Location"])
    forms = []
    for url in urls:
        with db.reader() as session:
            form = answer_key(session, int(re.search(r"/attempt/(\d+)", url).group(1)))
        form["csrf_token"] = browser.token(url)
        forms.append(form)
    barrier = threading.Barrier(2)

    def submit(url, form):
        client = committed_app.test_client()
        for cookie in browser.client._cookies.values():
            client.set_cookie(cookie.key, cookie.value, domain=cookie.domain)
        barrier.wait()
        client.post(url, data=form)

    threads = [threading.Thread(target=submit, args=pair) for pair in zip(urls, forms, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with db.reader() as session:
        assert session.scalar(select(func.count()).select_from(CompletionRecord)) == 1
