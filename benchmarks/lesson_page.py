"""A lesson page as served (HTML rendered at import) against rendering Markdown per request."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from mooc import create_app
from mooc.content.importer import import_content
from mooc.content.markdown import render_markdown
from mooc.content.sources import read_tree
from mooc.db import Base

PROJECT = Path(__file__).resolve().parent.parent
REQUESTS = 300


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        app = create_app({"DATABASE_URL": f"sqlite:///{Path(folder) / 'bench.db'}", "TESTING": True})
        db = app.extensions["mooc.db"]
        Base.metadata.create_all(db.engine)
        tree = read_tree(PROJECT)
        with db.writer() as session, session.begin():
            import_content(session, tree)
        course = tree.courses[0]
        lesson = course.lessons[0]
        url = f"/learn/{course.slug}/{lesson.slug}"
        client = app.test_client()
        client.get(url)  # warm up templates and connections

        started = time.perf_counter()
        for _ in range(REQUESTS):
            client.get(url)
        ours = (time.perf_counter() - started) / REQUESTS

        started = time.perf_counter()
        for _ in range(REQUESTS):
            client.get(url)
            render_markdown(lesson.body)  # what per-request rendering would add to every view
        baseline = (time.perf_counter() - started) / REQUESTS
    print(f"lesson_page: {REQUESTS} requests of {url}")
    print(f"  baseline (Markdown + bleach per request): {baseline * 1000:6.2f} ms/request")
    print(f"  mooc (rendered once at import):           {ours * 1000:6.2f} ms/request")
    print(f"  ratio: {baseline / ours:.2f}× faster than the baseline")


if __name__ == "__main__":
    main()
