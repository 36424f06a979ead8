"""The content checker: every problem of a broken tree, as `path:line: message`.

Each test copies the small test tree, breaks one thing, and compares the exact
list of problems. Paths are shown relative to the current directory.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mooc.content.check import find_problems
from mooc.content.sources import read_tree

PROJECT = Path(__file__).resolve().parents[3]
TEST_CONTENT = PROJECT / "tests" / "data" / "content"


@pytest.fixture
def root(tmp_path, monkeypatch) -> Path:
    """A fresh copy of the test tree, with the current directory just above it."""
    shutil.copytree(TEST_CONTENT, tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    return Path("content")


def problems(root: Path) -> list[str]:
    return [str(problem) for problem in find_problems(read_tree(root))]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_test_tree_has_no_problems(root):
    assert problems(root) == []


@pytest.mark.slow
def test_the_shipped_content_has_no_problems(monkeypatch):
    monkeypatch.chdir(PROJECT)
    tree = read_tree(Path("."))
    assert [str(p) for p in find_problems(tree)] == []
    assert len(tree.courses) == len(tree.quizzes) >= 20  # one quiz per module, for all four groups


def test_an_unknown_competence_code_in_a_course(root):
    edit(root / "courses/beta/course.md", 'competences: ["4.2"]', 'competences: ["4.2", "9.9"]')
    assert problems(root) == ["content/courses/beta/course.md:6: unknown competence code '9.9'"]


def test_an_unknown_competence_code_in_a_lesson_is_reported_at_its_key(root):
    edit(root / "courses/beta/01-ba.md", "estimated_minutes: 5", 'estimated_minutes: 5\ncompetences: ["4.7"]')
    assert problems(root) == ["content/courses/beta/01-ba.md:5: unknown competence code '4.7'"]


def test_an_unknown_competence_code_in_a_quiz(root):
    edit(root / "quizzes/beta/kiem-tra.md", 'competences: ["4.2"]', 'competences: ["4.20"]')
    assert problems(root) == ["content/quizzes/beta/kiem-tra.md:5: unknown competence code '4.20'"]


def test_an_unknown_target_group(root):
    edit(root / "courses/beta/course.md", "target_groups: [nguoi_dan]", "target_groups: [nguoi_dan, cu_dan]")
    assert problems(root) == [
        "content/courses/beta/course.md:5: unknown target group 'cu_dan' (known: can_bo, nguoi_dan)"
    ]


def test_a_quiz_question_with_no_right_answer(root):
    edit(root / "quizzes/beta/kiem-tra.md", "- [x] Đúng rồi", "- [ ] Đúng rồi")
    assert problems(root) == [
        "content/quizzes/beta/kiem-tra.md:8: a single_choice question needs exactly one [x] answer, found 0"
    ]


def test_a_quiz_with_no_questions(root):
    path = root / "quizzes/beta/kiem-tra.md"
    path.write_text(path.read_text(encoding="utf-8").split("## Một")[0], encoding="utf-8")
    assert problems(root) == ["content/quizzes/beta/kiem-tra.md:7: the quiz has no questions ('## ' blocks)"]


def test_a_missing_image(root):
    (root / "courses/alpha/images/dot.svg").unlink()
    assert problems(root) == ["content/courses/alpha/01-mot.md:9: image 'images/dot.svg' not found"]


def test_an_image_without_alt_text(root):
    edit(root / "courses/alpha/01-mot.md", "![Biểu tượng thử]", "![ ]")
    assert problems(root) == [
        "content/courses/alpha/01-mot.md:9: image 'images/dot.svg' has no alt text: say what it shows"
    ]


def test_an_html_image_without_alt_text(root):
    edit(
        root / "courses/beta/01-ba.md",
        "Một bài học ngắn.",
        'Một bài học ngắn. <img src="https://example.org/a.png">',
    )
    assert problems(root) == ["content/courses/beta/01-ba.md:9: an <img> without alt text"]


def test_an_image_of_an_unsupported_type(root):
    (root / "courses/alpha/images/dot.bmp").write_bytes(b"BM")
    edit(root / "courses/alpha/01-mot.md", "images/dot.svg", "images/dot.bmp")
    assert problems(root) == [
        "content/courses/alpha/01-mot.md:9: image 'images/dot.bmp': use PNG, JPEG, GIF, WebP or SVG"
    ]


def test_a_broken_link_between_lessons(root):
    edit(root / "courses/alpha/02-hai.md", "../beta/01-ba.md", "../beta/02-bon.md")
    assert problems(root) == [
        "content/courses/alpha/02-hai.md:9: link '../beta/02-bon.md': no such lesson file"
    ]


def test_a_link_to_a_file_that_is_not_a_lesson(root):
    (root / "courses/alpha/ghi-chu.md").write_text("Ghi chú.", encoding="utf-8")
    edit(root / "courses/alpha/02-hai.md", "../beta/01-ba.md", "ghi-chu.md")
    assert problems(root) == [
        "content/courses/alpha/02-hai.md:9: link 'ghi-chu.md': not a lesson or course.md"
    ]


def test_an_unknown_front_matter_key_is_reported_at_its_line(root):
    edit(root / "courses/beta/01-ba.md", "estimated_minutes: 5", "estimated_minutes: 5\nauthor: An")
    assert (
        "content/courses/beta/01-ba.md:5: unknown key 'author' "
        "(allowed: competences, estimated_minutes, slug, title)" in problems(root)
    )


def test_a_missing_front_matter_key_is_reported_at_the_front_matter(root):
    edit(root / "courses/beta/01-ba.md", "slug: bai-ba\n", "")
    assert "content/courses/beta/01-ba.md:2: missing required key 'slug'" in problems(root)


def test_a_front_matter_value_of_the_wrong_type_is_reported_at_its_line(root):
    edit(root / "courses/beta/01-ba.md", "estimated_minutes: 5", "estimated_minutes: năm")
    assert "content/courses/beta/01-ba.md:4: 'estimated_minutes' must be a whole number" in problems(root)


def test_a_broken_lesson_does_not_make_its_course_unknown(root):
    edit(root / "courses/beta/01-ba.md", "estimated_minutes: 5", "estimated_minutes: năm")
    assert problems(root) == ["content/courses/beta/01-ba.md:4: 'estimated_minutes' must be a whole number"]


def test_a_heading_that_skips_a_level(root):
    edit(root / "courses/beta/01-ba.md", "## Nội dung", "## Nội dung\n\n#### Chi tiết")
    assert problems(root) == ["content/courses/beta/01-ba.md:9: heading skips a level (#### after ##)"]


def test_a_top_level_heading_in_a_lesson_body(root):
    edit(root / "courses/beta/01-ba.md", "## Nội dung", "# Nội dung")
    assert problems(root) == [
        "content/courses/beta/01-ba.md:7: body headings start at ## "
        "(the title is the page's only top heading)"
    ]


def test_headings_inside_a_code_block_are_not_checked(root):
    edit(root / "courses/beta/01-ba.md", "Một bài học ngắn.", "```markdown\n# Tiêu đề\n#### Mục\n```")
    assert problems(root) == []


def test_a_duplicate_lesson_slug(root):
    edit(root / "courses/alpha/02-hai.md", "slug: bai-hai", "slug: bai-mot")
    assert problems(root) == [
        "content/courses/alpha/02-hai.md:2: lesson slug 'bai-mot' is also used by "
        "content/courses/alpha/01-mot.md"
    ]


def test_a_course_slug_that_differs_from_its_folder(root):
    edit(root / "courses/beta/course.md", "slug: beta", "slug: beta-moi")
    assert "content/courses/beta/course.md:3: slug 'beta-moi' must equal the folder name 'beta'" in problems(
        root
    )


def test_a_course_without_lessons(root):
    (root / "courses/beta/01-ba.md").unlink()
    assert problems(root) == [
        "content/courses/alpha/02-hai.md:9: link '../beta/01-ba.md': no such lesson file",
        "content/courses/beta/course.md:1: the course has no lessons (files named 01-….md)",
    ]


def test_a_quiz_for_an_unknown_course(root):
    (root / "quizzes/gamma").mkdir()
    quiz = (root / "quizzes/beta/kiem-tra.md").read_text(encoding="utf-8")
    quiz = quiz.replace("slug: kiem-tra-beta", "slug: kiem-tra-gamma").replace(
        "course: beta", "course: gamma"
    )
    (root / "quizzes/gamma/kiem-tra.md").write_text(quiz, encoding="utf-8")
    assert problems(root) == ["content/quizzes/gamma/kiem-tra.md:4: unknown course 'gamma'"]


def test_a_quiz_in_the_folder_of_another_course(root):
    edit(root / "quizzes/beta/kiem-tra.md", "course: beta", "course: alpha")
    assert problems(root) == [
        "content/courses/beta/course.md:1: no quiz belongs to this course (add quizzes/beta/…md)",
        "content/quizzes/beta/kiem-tra.md:1: a second quiz for course 'alpha': its quiz is "
        "content/quizzes/alpha/kiem-tra.md (one quiz per course: copy these questions into that file, "
        "or remove this one)",
        "content/quizzes/beta/kiem-tra.md:4: a quiz for 'alpha' belongs in quizzes/alpha/",
    ]


def test_a_second_quiz_added_to_a_course_is_reported_at_the_new_file_naming_the_course_quiz(root):
    """kiem-tra.md holds the course's quiz even though bai-them.gift sorts before it."""
    (root / "quizzes/alpha/bai-them.gift").write_text("::Thêm::Câu hỏi thêm? {=A ~B}\n", encoding="utf-8")
    assert [p for p in problems(root) if "warning:" not in p] == [
        "content/quizzes/alpha/bai-them.gift:1: a second quiz for course 'alpha': its quiz is "
        "content/quizzes/alpha/kiem-tra.md (one quiz per course: copy these questions into that file, "
        "or remove this one)"
    ]


def test_of_two_gift_quizzes_the_second_by_name_is_the_extra_one(root):
    (root / "quizzes/alpha/kiem-tra.md").unlink()
    for name in ("b-hai.gift", "a-mot.gift"):
        (root / "quizzes/alpha" / name).write_text("::Một::Câu hỏi? {=A ~B}\n", encoding="utf-8")
    assert [p for p in problems(root) if "warning:" not in p] == [
        "content/quizzes/alpha/b-hai.gift:1: a second quiz for course 'alpha': its quiz is "
        "content/quizzes/alpha/a-mot.gift (one quiz per course: copy these questions into that file, "
        "or remove this one)"
    ]


def test_a_duplicate_quiz_slug(root):
    edit(root / "quizzes/beta/kiem-tra.md", "slug: kiem-tra-beta", "slug: kiem-tra-alpha")
    assert problems(root) == [
        "content/quizzes/beta/kiem-tra.md:3: quiz slug 'kiem-tra-alpha' is also used by "
        "content/quizzes/alpha/kiem-tra.md"
    ]


def test_a_group_requiring_a_module_that_does_not_exist(root):
    edit(root / "framework/framework.yaml", "modules: [alpha, beta]", "modules: [alpha, beta, gamma]")
    assert [(p.path, p.message) for p in find_problems(read_tree(root))] == [
        ("content/framework/framework.yaml", "group nguoi_dan requires unknown module 'gamma'")
    ]


def test_a_group_requiring_a_module_that_does_not_exist_is_reported_at_its_modules(root):
    edit(root / "framework/framework.yaml", "modules: [alpha, beta]", "modules: [alpha, beta, gamma]")
    assert problems(root) == [
        "content/framework/framework.yaml:23: group nguoi_dan requires unknown module 'gamma'"
    ]


def test_a_required_module_not_aimed_at_the_group(root):
    edit(root / "courses/beta/course.md", "target_groups: [nguoi_dan]", "target_groups: [can_bo]")
    assert problems(root) == [
        "content/courses/beta/course.md:5: group nguoi_dan requires this module; add it to target_groups"
    ]


def test_a_course_with_no_quiz(root):
    shutil.rmtree(root / "quizzes/beta")
    assert problems(root) == [
        "content/courses/beta/course.md:1: no quiz belongs to this course (add quizzes/beta/…md)"
    ]


def test_a_missing_framework_file(root):
    (root / "framework/ward.yaml").unlink()
    assert problems(root) == ["content/framework/ward.yaml:1: file is missing"]


def test_a_nested_list_indented_by_fewer_than_four_spaces(root):
    """Reported fault: 3-space nested lists showed as run-on text."""
    edit(root / "courses/beta/01-ba.md", "Một bài học ngắn.", "1. Mục một\n   - ý con\n2. Mục hai")
    assert problems(root) == [
        "content/courses/beta/01-ba.md:10: indent a list inside a list by 4 spaces, or it shows as plain text"
    ]


def test_competence_codes_written_as_numbers_are_refused(root):
    """YAML reads 4.10 as the number 4.1: a code must be written in quotes."""
    edit(root / "courses/beta/course.md", 'competences: ["4.2"]', "competences: [4.2]")
    assert problems(root)[0].startswith("content/courses/beta/course.md:6: write competence codes in quotes")
