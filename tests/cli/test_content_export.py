"""`mooc content export`, and the course versions `mooc content import` writes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from mooc.cli import cli
from mooc.content.sources import read_tree
from mooc.models import CourseVersion, QuestionVersion
from tests.conftest import PROJECT, TEST_CONTENT


def count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def files_under(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for folder in ("courses", "quizzes")
        for path in sorted((root / folder).rglob("*"))
        if path.is_file()
    }


def test_importing_unchanged_files_twice_writes_no_second_version(app, session):
    runner = app.test_cli_runner()
    first = runner.invoke(cli, ["content", "import", str(TEST_CONTENT)])
    assert first.exit_code == 0, first.output
    assert first.output.rstrip().endswith("1 new images, 2 new course versions.")
    second = runner.invoke(cli, ["content", "import", str(TEST_CONTENT)])
    assert second.output.rstrip().endswith("0 new images, 0 new course versions.")
    assert session.scalars(select(CourseVersion.course_slug).order_by("course_slug")).all() == [
        "alpha",
        "beta",
    ]


def test_an_import_of_a_changed_course_writes_its_next_version_only(app, session, tmp_path):
    root = tmp_path / "content"
    shutil.copytree(TEST_CONTENT, root)
    runner = app.test_cli_runner()
    runner.invoke(cli, ["content", "import", str(root)])
    lesson = root / "courses" / "beta" / "01-ba.md"
    lesson.write_text(lesson.read_text(encoding="utf-8").replace("ngắn", "rất ngắn"), encoding="utf-8")
    result = runner.invoke(cli, ["content", "import", str(root)])
    assert result.output.rstrip().endswith("1 new course versions.")
    rows = session.execute(select(CourseVersion.course_slug, CourseVersion.number, CourseVersion.origin))
    assert sorted(rows) == [("alpha", 1, "files"), ("beta", 1, "files"), ("beta", 2, "files")]


def test_export_writes_the_latest_versions_as_the_original_files(app, tmp_path):
    runner = app.test_cli_runner()
    runner.invoke(cli, ["content", "import", str(TEST_CONTENT)])
    out = tmp_path / "export"
    result = runner.invoke(cli, ["content", "export", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"Exported 8 files of 2 courses to {out}."
    assert files_under(out) == files_under(TEST_CONTENT)


def test_export_of_one_version_of_one_course(app, tmp_path):
    runner = app.test_cli_runner()
    runner.invoke(cli, ["content", "import", str(TEST_CONTENT)])
    out = tmp_path / "one"
    result = runner.invoke(
        cli, ["content", "export", "--out", str(out), "--course", "beta", "--version", "1"]
    )
    assert result.output.strip() == f"Exported 3 files of 1 courses to {out}."
    assert sorted(files_under(out)) == [
        "courses/beta/01-ba.md",
        "courses/beta/course.md",
        "quizzes/beta/kiem-tra.md",
    ]
    missing = runner.invoke(
        cli, ["content", "export", "--out", str(out), "--course", "beta", "--version", "9"]
    )
    assert missing.exit_code == 1 and "course 'beta' has no version 9" in missing.output
    alone = runner.invoke(cli, ["content", "export", "--version", "1"])
    assert alone.exit_code == 2 and "--version needs --course" in alone.output


def test_export_warns_about_files_left_from_an_older_export(app, tmp_path):
    runner = app.test_cli_runner()
    runner.invoke(cli, ["content", "import", str(TEST_CONTENT)])
    stray = tmp_path / "courses" / "beta" / "02-cu.md"
    stray.parent.mkdir(parents=True)
    stray.write_text("cũ", encoding="utf-8")
    result = runner.invoke(cli, ["content", "export", "--out", str(tmp_path)])
    assert f"warning: {stray} is not in version 1; delete it" in result.output
    assert stray.read_text(encoding="utf-8") == "cũ"  # never deleted for you


def summary(tree) -> list[tuple]:
    """What learners get from a tree, course by course."""
    rows = []
    for course in tree.courses:
        quiz = next(q for q in tree.quizzes if q.course == course.slug)
        rows.append(
            (
                course.slug,
                course.title,
                course.html,
                [(lesson.slug, lesson.title, lesson.html) for lesson in course.lessons],
                (quiz.slug, quiz.title, quiz.settings, quiz.intro_html),
                [(q.key, q.to_dict(), q.content_hash()) for q in quiz.questions],
            )
        )
    return rows


@pytest.mark.slow
def test_the_shipped_content_round_trips_through_the_database(app, session, tmp_path):
    runner = app.test_cli_runner()
    imported = runner.invoke(cli, ["content", "import", str(PROJECT)])
    assert imported.exit_code == 0, imported.output
    out = tmp_path / "export"
    exported = runner.invoke(cli, ["content", "export", "--out", str(out)])
    assert exported.exit_code == 0, exported.output
    shutil.copytree(PROJECT / "framework", out / "framework")

    assert files_under(out) == files_under(PROJECT)  # byte for byte, no file more or less
    original, again = read_tree(PROJECT), read_tree(out)
    assert len(original.courses) == len(again.courses) > 20
    assert summary(again) == summary(original)
    assert again.assets.keys() == original.assets.keys()

    question_versions, course_versions = count(session, QuestionVersion), count(session, CourseVersion)
    reimported = runner.invoke(cli, ["content", "import", str(out)])
    assert reimported.exit_code == 0, reimported.output
    assert reimported.output.rstrip().endswith(
        "0 new question versions, 0 new images, 0 new course versions."
    )
    assert (count(session, QuestionVersion), count(session, CourseVersion)) == (
        question_versions,
        course_versions,
    )
