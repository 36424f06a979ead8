"""Concurrent learners marking lessons read: default SQLite against mooc's SQLite settings.

Several threads each run many short write transactions through the same
service the site uses (progress.complete_lesson). Prints transactions per
second for both engines and the ratio.
"""

from __future__ import annotations

import tempfile
import threading
import time
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import sessionmaker

from mooc.db import Base, make_engine
from mooc.models import Course, Lesson, User
from mooc.services import progress

THREADS = 8
WRITES_PER_THREAD = 150


def prepare(engine) -> tuple[list[int], list[int]]:
    Base.metadata.create_all(engine)
    with sessionmaker(engine)() as session, session.begin():
        course = Course(
            slug="c",
            title="c",
            summary="",
            description_html="",
            level=1,
            estimated_minutes=1,
            competences=[],
            target_groups=[],
        )
        session.add(course)
        session.flush()
        lessons = [
            Lesson(
                course_id=course.id,
                slug=f"l{i}",
                position=i,
                title="l",
                body_html="",
                estimated_minutes=1,
                competences=[],
            )
            for i in range(WRITES_PER_THREAD)
        ]
        users = [
            User(full_name="U", name_folded="u", password_hash="x", phone=f"09{i:08d}")
            for i in range(THREADS)
        ]
        session.add_all(lessons + users)
        session.flush()
        return [u.id for u in users], [lesson.id for lesson in lessons]


def run(engine, writer_options: dict) -> tuple[float, int]:
    user_ids, lesson_ids = prepare(engine)
    factory = sessionmaker(engine.execution_options(**writer_options) if writer_options else engine)
    failures = 0
    lock = threading.Lock()
    barrier = threading.Barrier(THREADS)

    def learner(user_id: int) -> None:
        nonlocal failures
        barrier.wait()
        for lesson_id in lesson_ids:
            session = factory()
            try:
                with session.begin():
                    user = session.get(User, user_id)  # a read first, as a real request does
                    progress.complete_lesson(session, user, session.get(Lesson, lesson_id))
            except OperationalError:  # "database is locked": a learner's click lost
                with lock:
                    failures += 1
            finally:
                session.close()

    threads = [threading.Thread(target=learner, args=(u,)) for u in user_ids]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    succeeded = THREADS * WRITES_PER_THREAD - failures
    return succeeded / elapsed, failures


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        baseline_engine = create_engine(f"sqlite:///{Path(folder) / 'baseline.db'}")  # pysqlite waits 5 s
        baseline, baseline_failures = run(baseline_engine, {})
        ours_engine = make_engine(f"sqlite:///{Path(folder) / 'ours.db'}")
        ours, ours_failures = run(ours_engine, {"sqlite_begin": "IMMEDIATE"})
    total = THREADS * WRITES_PER_THREAD
    print(f"sqlite_writes: {THREADS} threads × {WRITES_PER_THREAD} lesson completions")
    locked = f"{baseline_failures}/{total} failed 'database is locked'"
    print(f"  baseline (defaults):   {baseline:8.0f} writes/s, {locked}")
    print(f"  mooc (WAL, immediate): {ours:8.0f} writes/s, {ours_failures}/{total} failed")
    print(f"  ratio: {ours / baseline:.2f}× the baseline throughput")


if __name__ == "__main__":
    main()
