"""Importing content: upsert by slug, versions for changed questions, all or nothing."""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy import func, select

from mooc.content.importer import ContentImportError, import_content
from mooc.content.sources import read_tree
from mooc.models import Course, FrameworkVersion, GroupModule, Lesson, Question, QuestionVersion, Quiz
from tests.conftest import TEST_CONTENT, import_tree


def count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def test_import_creates_courses_lessons_quizzes_and_requirements(session, content):
    assert [c.slug for c in session.scalars(select(Course).order_by(Course.position))] == ["alpha", "beta"]
    assert count(session, Lesson) == 3
    assert count(session, Quiz) == 2 and count(session, Question) == 5
    modules = session.scalars(select(GroupModule).where(GroupModule.group_code == "nguoi_dan")).all()
    assert len(modules) == 2
    current = session.scalar(select(FrameworkVersion).where(FrameworkVersion.is_current))
    assert current.version == "test-1"


def test_lessons_are_rendered_once_at_import_with_links_and_images_rewritten(session, content):
    lesson = session.scalar(select(Lesson).where(Lesson.slug == "bai-mot"))
    assert '<a href="/learn/alpha/bai-hai">bài hai</a>' in lesson.body_html
    assert 'src="/media/' in lesson.body_html and 'alt="Biểu tượng thử"' in lesson.body_html
    assert '<th align="left">Cột A</th>' in lesson.body_html


def test_reimporting_unchanged_content_creates_no_new_versions(session, content):
    before = count(session, QuestionVersion)
    summary = import_content(session, read_tree(TEST_CONTENT))
    assert summary.new_question_versions == 0 and count(session, QuestionVersion) == before


def test_an_edited_question_gets_a_new_version_and_keeps_the_old_one(session, content, tmp_path):
    tree_root = tmp_path / "content"
    shutil.copytree(TEST_CONTENT, tree_root)
    quiz = tree_root / "quizzes" / "beta" / "kiem-tra.md"
    quiz.write_text(
        quiz.read_text(encoding="utf-8").replace("Câu một?", "Câu một, sửa lại?"), encoding="utf-8"
    )
    old = session.scalar(select(Question).where(Question.key == "mot"))
    old_version = old.current_version_id
    summary = import_content(session, read_tree(tree_root))
    session.refresh(old)
    assert summary.changed == ["kiem-tra-beta/mot"]
    assert old.current_version_id != old_version
    assert session.get(QuestionVersion, old_version).spec["stem_md"] == "Câu một?"


def test_an_import_that_fails_changes_nothing(session, content, tmp_path):
    tree_root = tmp_path / "content"
    shutil.copytree(TEST_CONTENT, tree_root)
    (tree_root / "courses" / "alpha" / "course.md").write_text(
        (tree_root / "courses" / "alpha" / "course.md")
        .read_text(encoding="utf-8")
        .replace("Học phần Alpha", "Tên mới"),
        encoding="utf-8",
    )
    framework = tree_root / "framework" / "framework.yaml"
    framework.write_text(
        framework.read_text(encoding="utf-8").replace("pass_mark: 80", "pass_mark: 90", 1), encoding="utf-8"
    )
    with pytest.raises(ContentImportError) as error, session.begin_nested():
        import_content(session, read_tree(tree_root))
    assert "version is still 'test-1'" in str(error.value)
    assert session.scalar(select(Course.title).where(Course.slug == "alpha")) == "Học phần Alpha"


def test_a_group_requiring_a_module_that_was_not_imported_is_refused(session, tmp_path):
    tree_root = tmp_path / "content"
    shutil.copytree(TEST_CONTENT, tree_root)
    tree = read_tree(tree_root)
    with pytest.raises(ContentImportError) as error, session.begin_nested():
        import_content(
            session, tree, scope=[tree_root / "courses" / "alpha", tree_root / "quizzes" / "alpha"]
        )
    assert "requires beta" in str(error.value)
    assert count(session, Course) == 0


def test_the_shipped_content_imports_cleanly(session):
    from tests.conftest import PROJECT

    tree = import_tree(session, PROJECT)
    group = next(g for g in tree.framework.groups if g.code == "nguoi_dan")
    assert len(group.modules) >= 5
    for course in tree.courses:
        if "nguoi_dan" in course.target_groups:
            assert 2 <= len(course.lessons) <= 4, course.slug
    for quiz in tree.quizzes:
        assert len(quiz.questions) >= 8, quiz.slug
