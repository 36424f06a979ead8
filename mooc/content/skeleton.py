"""The first files of a course written in the browser, valid for the checker from the start.

A new course gets course.md with every required key, one lesson and a quiz with one question, so a
teacher starts from something that passes `mooc content check` and changes it step by step.

Pure: text in, text out.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

from mooc.content.frontmatter import front_matter_value
from mooc.domain.text import slugify

_LESSON_FILE = re.compile(r"^courses/[a-z0-9-]+/([0-9]+)-[^/]*\.md$")


def quoted(value: str) -> str:
    """A YAML scalar that stays text whatever it contains (":" or "#" in a title)."""
    return json.dumps(value, ensure_ascii=False)


def new_course_files(slug: str, title: str, *, order: int, group: str, competence: str) -> dict[str, str]:
    """course.md, 01-bai-dau-tien.md and quizzes/<slug>/kiem-tra.md for a new course."""
    course = (
        "---\n"
        f"title: {quoted(title)}\n"
        f"slug: {slug}\n"
        f"order: {order}\n"
        f"target_groups: [{group}]\n"
        f"competences: [{quoted(competence)}]\n"
        "level: 1\n"
        "estimated_minutes: 20\n"
        "summary: Một câu giới thiệu học phần cho danh sách học phần.\n"
        "---\n\n"
        "Học phần này dành cho ai, và học xong thì làm được gì.\n"
    )
    quiz = (
        "---\n"
        f"title: {quoted('Kiểm tra — ' + title)}\n"
        f"slug: kiem-tra-{slug}\n"
        f"course: {slug}\n"
        f"competences: [{quoted(competence)}]\n"
        "---\n\n"
        "## Câu hỏi đầu tiên\n"
        "type: single_choice\n\n"
        "Viết câu hỏi ở đây.\n\n"
        "- [x] Câu trả lời đúng\n"
        "  > Đúng. Giải thích vì sao.\n"
        "- [ ] Một câu trả lời sai\n"
        "  > Chưa đúng. Giải thích vì sao.\n"
    )
    return {
        f"courses/{slug}/course.md": course,
        f"courses/{slug}/01-bai-dau-tien.md": lesson_text("Bài đầu tiên", "bai-dau-tien"),
        f"quizzes/{slug}/kiem-tra.md": quiz,
    }


def lesson_text(title: str, slug: str) -> str:
    return (
        "---\n"
        f"title: {quoted(title)}\n"
        f"slug: {slug}\n"
        "estimated_minutes: 5\n"
        "---\n\n"
        "## Nội dung chính\n\n"
        "Viết bài học ở đây: câu ngắn, từ dễ hiểu.\n"
    )


def next_lesson(course_slug: str, files: Mapping[str, str], title: str) -> tuple[str, str]:
    """(path, lesson slug) for a new lesson after the others: the next number, a slug not yet used."""
    numbers = [int(m.group(1)) for path in files if (m := _LESSON_FILE.match(path))]
    slugs = {front_matter_value(text, "slug") for path, text in files.items() if _LESSON_FILE.match(path)}
    base = slugify(title)[:60].strip("-") or "bai-moi"
    slug, n = base, 2
    while slug in slugs:
        slug, n = f"{base}-{n}", n + 1
    return f"courses/{course_slug}/{max(numbers, default=0) + 1:02d}-{slug}.md", slug
