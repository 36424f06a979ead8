"""The workspace: course files kept as text become a content tree the usual pipeline reads."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mooc.content.check import find_problems
from mooc.content.paths import shown_path
from mooc.content.skeleton import new_course_files, next_lesson
from mooc.content.sources import read_tree
from mooc.content.workspace import (
    UnsafePath,
    check_image_path,
    check_text_path,
    course_slug_of,
    read_course_files,
    workspace,
)

PROJECT = Path(__file__).resolve().parents[3]
TEST_CONTENT = PROJECT / "tests" / "data" / "content"


def test_files_read_from_disk_are_kept_exactly_with_their_logical_paths():
    found = read_course_files(TEST_CONTENT, "alpha")
    assert sorted(found.files) == [
        "courses/alpha/01-mot.md",
        "courses/alpha/02-hai.md",
        "courses/alpha/course.md",
        "quizzes/alpha/kiem-tra.md",
    ]
    assert list(found.images) == ["courses/alpha/images/dot.svg"]
    original = (TEST_CONTENT / "courses" / "alpha" / "01-mot.md").read_bytes()
    assert found.files["courses/alpha/01-mot.md"].encode("utf-8") == original


def every_file() -> tuple[dict[str, str], dict[str, bytes]]:
    files, images = {}, {}
    for slug in ("alpha", "beta"):
        found = read_course_files(TEST_CONTENT, slug)
        files |= found.files
        images |= found.images
    return files, images


def test_a_materialized_tree_reads_like_the_one_on_disk():
    files, images = every_file()
    with workspace(TEST_CONTENT, files, images) as root:
        tree = read_tree(root)
        problems = [str(p) for p in find_problems(tree) if p.is_error]
    on_disk = read_tree(TEST_CONTENT)
    assert problems == []
    assert [c.slug for c in tree.courses] == ["alpha", "beta"]
    assert [lesson.html for lesson in tree.courses[0].lessons] == [
        lesson.html for lesson in on_disk.courses[0].lessons
    ]
    assert tree.framework.version == "test-1"
    assert not root.exists()  # removed after the block


def test_problems_name_logical_paths_not_the_temporary_folder():
    files, images = every_file()
    files["courses/alpha/01-mot.md"] = files["courses/alpha/01-mot.md"].replace(
        "images/dot.svg", "images/x.png"
    )
    with workspace(TEST_CONTENT, files, images) as root:
        problems = [str(p) for p in find_problems(read_tree(root)) if p.is_error]
        assert shown_path(root / "courses" / "beta" / "course.md") == "courses/beta/course.md"
    assert problems == ["courses/alpha/01-mot.md:9: image 'images/x.png' not found"]
    assert shown_path(Path("/elsewhere/courses/beta/course.md")) == "/elsewhere/courses/beta/course.md"


def test_only_the_named_courses_are_rendered_and_the_others_are_still_checked():
    files, images = every_file()
    files["courses/beta/01-ba.md"] = files["courses/beta/01-ba.md"].replace("## Nội dung", "#### Nội dung")
    with workspace(TEST_CONTENT, files, images) as root:
        tree = read_tree(root, render_only={"alpha"})
        problems = [str(p) for p in find_problems(tree)]
    assert tree.courses[0].html == "<p>Giới thiệu học phần <strong>Alpha</strong>.</p>"
    assert tree.courses[1].html == "\nGiới thiệu học phần Beta.\n"  # escaped source, not rendered
    assert problems == ["courses/beta/01-ba.md:7: heading skips a level (#### after #)"]


def test_the_framework_comes_from_the_content_root_only(tmp_path):
    shutil.copytree(TEST_CONTENT / "framework", tmp_path / "framework")
    (tmp_path / "framework" / "notes.txt").write_text("không chép", encoding="utf-8")
    with workspace(tmp_path, {}) as root:
        assert sorted(p.name for p in (root / "framework").iterdir()) == ["framework.yaml", "ward.yaml"]


@pytest.mark.parametrize(
    "path",
    [
        "/etc/passwd",
        "courses/alpha/../../secret.md",
        "courses/alpha/./01-a.md",
        "courses//01-a.md",
        "framework/framework.yaml",
        "courses/Alpha/course.md",
        "courses/alpha/notes.txt",
        "courses/alpha/bai-mot.md",
        "courses/alpha/sub/01-a.md",
        "courses\\alpha\\course.md",
        "quizzes/alpha/kiem tra.md",
        "courses/alpha/images/x.png",
    ],
)
def test_unsafe_or_unknown_text_paths_are_refused(path):
    with pytest.raises(UnsafePath):
        check_text_path(path)


def test_paths_outside_the_course_being_materialized_are_refused():
    assert check_text_path("courses/alpha/01-mot.md", "alpha") == "courses/alpha/01-mot.md"
    assert check_text_path("quizzes/alpha/ngan-hang.gift", "alpha") == "quizzes/alpha/ngan-hang.gift"
    with pytest.raises(UnsafePath) as error:
        check_text_path("courses/beta/01-ba.md", "alpha")
    assert error.value.message == "tệp này không thuộc học phần 'alpha'"
    with pytest.raises(UnsafePath), workspace(TEST_CONTENT, {"quizzes/beta/kiem-tra.md": ""}, course="alpha"):
        pass


def test_image_paths_are_images_inside_the_course_images_folder():
    assert check_image_path("courses/alpha/images/Anh-1.PNG", "alpha") == "courses/alpha/images/Anh-1.PNG"
    for bad in ("courses/alpha/anh.png", "courses/alpha/images/anh.exe", "quizzes/alpha/images/a.png"):
        with pytest.raises(UnsafePath):
            check_image_path(bad, "alpha")


def test_course_slug_of_a_logical_path():
    assert course_slug_of("quizzes/beta/kiem-tra.md") == "beta"
    assert course_slug_of("framework/framework.yaml") == ""


def test_a_new_course_skeleton_passes_the_checker_with_the_test_tree():
    files, images = every_file()
    skeleton = new_course_files("gamma", "Học phần: Gamma", order=3, group="nguoi_dan", competence="4.1")
    with workspace(TEST_CONTENT, files | skeleton, images) as root:
        problems = [str(p) for p in find_problems(read_tree(root)) if p.level == "error"]
        tree = read_tree(root)
    assert problems == []
    assert tree.course("gamma").title == "Học phần: Gamma"
    assert [q.slug for q in tree.quizzes if q.course == "gamma"] == ["kiem-tra-gamma"]


def test_a_new_lesson_takes_the_next_number_and_an_unused_slug():
    files = new_course_files("gamma", "Gamma", order=3, group="nguoi_dan", competence="4.1")
    assert next_lesson("gamma", files, "Bài: Đầu tiên!") == (
        "courses/gamma/02-bai-dau-tien-2.md",
        "bai-dau-tien-2",
    )
    assert next_lesson("gamma", {}, "  ") == ("courses/gamma/01-bai-moi.md", "bai-moi")
