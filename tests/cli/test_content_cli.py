"""The `mooc content` commands: check, import, preview."""

from __future__ import annotations

import shutil

from click.testing import CliRunner
from sqlalchemy import func, select

from mooc.cli import cli
from mooc.models import Course
from tests.conftest import PROJECT, TEST_CONTENT


def broken_copy(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(TEST_CONTENT, root)
    lesson = root / "courses" / "alpha" / "01-mot.md"
    lesson.write_text(
        lesson.read_text(encoding="utf-8").replace("images/dot.svg", "images/missing.png"), encoding="utf-8"
    )
    quiz = root / "quizzes" / "beta" / "kiem-tra.md"
    quiz.write_text(
        quiz.read_text(encoding="utf-8").replace("- [x] Đúng rồi", "- [ ] Đúng rồi"), encoding="utf-8"
    )
    return root


def test_check_passes_on_clean_content(monkeypatch):
    monkeypatch.chdir(TEST_CONTENT)
    result = CliRunner().invoke(cli, ["content", "check"])
    assert result.exit_code == 0 and "OK: 2 courses, 3 lessons, 2 quizzes, 5 questions." in result.output


def test_check_prints_each_problem_as_path_line_message_and_exits_1(tmp_path, monkeypatch):
    root = broken_copy(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["content", "check", "content"])
    lines = [line for line in result.output.splitlines() if line.startswith("content/")]
    assert result.exit_code == 1
    assert lines == [
        "content/courses/alpha/01-mot.md:9: image 'images/missing.png' not found",
        "content/quizzes/beta/kiem-tra.md:8: a single_choice question needs exactly one [x] answer, found 0",
    ]
    assert root.exists()


def test_check_limited_to_a_path_reports_only_that_path(tmp_path, monkeypatch):
    broken_copy(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["content", "check", "content/courses"])
    assert result.exit_code == 1 and "quizzes/beta" not in result.output
    assert "content/courses/alpha/01-mot.md:9:" in result.output


def test_the_shipped_content_is_clean(monkeypatch):
    monkeypatch.chdir(PROJECT)
    result = CliRunner().invoke(cli, ["content", "check"])
    assert result.exit_code == 0, result.output


def test_preview_prints_the_sanitized_html_of_a_lesson(monkeypatch):
    monkeypatch.chdir(TEST_CONTENT)
    result = CliRunner().invoke(cli, ["content", "preview", "courses/alpha/01-mot.md"])
    assert result.exit_code == 0
    assert result.output.startswith("<h1>Bài một</h1>")
    assert '<a href="/learn/alpha/bai-hai">bài hai</a>' in result.output


def test_import_refuses_broken_content_and_writes_nothing(app, session, tmp_path, monkeypatch):
    root = broken_copy(tmp_path)
    result = app.test_cli_runner().invoke(cli, ["content", "import", str(root)])
    assert result.exit_code == 1 and "nothing was imported" in result.output
    assert session.scalar(select(func.count()).select_from(Course)) == 0


def test_import_loads_clean_content(app, session):
    result = app.test_cli_runner().invoke(cli, ["content", "import", str(TEST_CONTENT)])
    assert result.exit_code == 0, result.output
    assert "Imported framework test-1: 2 courses, 3 lessons, 2 quizzes" in result.output
    assert session.scalar(select(func.count()).select_from(Course)) == 2


def test_checking_a_course_folder_checks_its_quiz_too_and_mentions_problems_elsewhere(tmp_path, monkeypatch):
    broken_copy(tmp_path)  # a missing image in alpha's lesson, no right answer in beta's quiz
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["content", "check", "content/courses/beta"])
    assert result.exit_code == 1
    assert "content/quizzes/beta/kiem-tra.md:8:" in result.output
    assert "note: 1 problem(s) outside the paths given" in result.output


def test_coverage_prints_the_grid_and_refuses_an_unknown_group(monkeypatch):
    monkeypatch.chdir(PROJECT)
    result = CliRunner().invoke(cli, ["content", "coverage", "--group", "hoc_sinh"])
    assert result.exit_code == 0
    assert "hoc_sinh/CB1 — Học sinh · Lớp 1–3 (2 modules)" in result.output
    assert "nguoi_dan" not in result.output
    assert CliRunner().invoke(cli, ["content", "coverage", "--group", "nguoi"]).exit_code == 2
