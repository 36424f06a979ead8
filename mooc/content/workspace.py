"""A content tree in a temporary folder, built from files kept in the database.

A course written in the browser is stored as the exact source files of the content format. To
check, render or import it, those files are written out beside the server's framework folder and
go through the same `read_tree` → `find_problems` → `import_content` pipeline as `courses/` on disk.
While the workspace is open, problems name files by their logical path ("courses/x/01-a.md:12: …"),
never the temporary folder.

Pure: paths and text in, a folder out; no Flask, no database.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from mooc.content.paths import shown_relative_to
from mooc.content.problems import Problem
from mooc.content.sources import IMAGE_TYPES

QUIZ_SUFFIXES = (".md", ".gift", ".aiken", ".yaml")
FRAMEWORK_FILES = ("framework/framework.yaml", "framework/ward.yaml")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_LESSON = re.compile(r"^[0-9][A-Za-z0-9_-]*\.md$")
_QUIZ = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*\.(md|gift|aiken|yaml)$")
_IMAGE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9]+)$")


class UnsafePath(ValueError):
    """A path that is not a file of the content format (or not of the course being edited)."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path, self.message = path, message


def course_slug_of(path: str) -> str:
    """The course a logical path belongs to: "courses/x/…" and "quizzes/x/…" both give "x"."""
    parts = path.split("/")
    return parts[1] if len(parts) >= 3 and parts[0] in ("courses", "quizzes") else ""


def check_text_path(path: str, course: str | None = None) -> str:
    """`path` if it names a text file of the format: course.md, NN-lesson.md, or a quiz file."""
    parts = _parts(path, course)
    if parts[0] == "courses" and len(parts) == 3 and (parts[2] == "course.md" or _LESSON.match(parts[2])):
        return path
    if parts[0] == "quizzes" and len(parts) == 3 and _QUIZ.match(parts[2]):
        return path
    raise UnsafePath(
        path,
        "tên tệp không đúng quy ước: courses/<học-phần>/course.md, courses/<học-phần>/01-ten-bai.md "
        "hoặc quizzes/<học-phần>/kiem-tra.md",
    )


def check_image_path(path: str, course: str | None = None) -> str:
    """`path` if it names an image of a course: courses/<slug>/images/<name>.png (or .jpg, .svg …)."""
    parts = _parts(path, course)
    match = _IMAGE.match(parts[-1])
    if (
        parts[0] == "courses"
        and len(parts) == 4
        and parts[2] == "images"
        and match
        and match.group(1).lower() in IMAGE_TYPES
    ):
        return path
    raise UnsafePath(
        path, "ảnh phải nằm trong courses/<học-phần>/images/ và là PNG, JPEG, GIF, WebP hoặc SVG"
    )


def _parts(path: str, course: str | None) -> list[str]:
    if not isinstance(path, str) or not path or "\\" in path or "\x00" in path:
        raise UnsafePath(str(path), "đường dẫn không hợp lệ")
    parts = path.split("/")
    if path.startswith("/") or any(p in ("", ".", "..") for p in parts):
        raise UnsafePath(path, "đường dẫn phải nằm trong thư mục của học phần, không có '..'")
    if parts[0] not in ("courses", "quizzes") or len(parts) < 3 or not SLUG.match(parts[1]):
        raise UnsafePath(path, "đường dẫn phải bắt đầu bằng courses/<học-phần>/ hoặc quizzes/<học-phần>/")
    if course is not None and parts[1] != course:
        raise UnsafePath(path, f"tệp này không thuộc học phần {course!r}")
    return parts


def in_course(problem: Problem, slug: str) -> bool:
    """The problem is in one of the course's files (its course folder or its quiz folder)."""
    return problem.path.startswith((f"courses/{slug}/", f"quizzes/{slug}/"))


@dataclass
class CourseFiles:
    """A course's source files: text by logical path, and images (bytes) by logical path."""

    files: dict[str, str] = field(default_factory=dict)
    images: dict[str, bytes] = field(default_factory=dict)


def read_course_files(root: Path, slug: str) -> CourseFiles:
    """The files of one course as the content format names them, read from a content tree on disk.

    Text is kept exactly (no newline or Unicode changes), so writing it back gives the same bytes.
    Files the format does not use (notes, hidden files) are left out; a file the checker would read
    under a name the workspace refuses raises UnsafePath.
    """
    found = CourseFiles()
    course_folder, quiz_folder = root / "courses" / slug, root / "quizzes" / slug
    for path in sorted(course_folder.glob("*.md")) + sorted(quiz_folder.glob("*")):
        logical = path.relative_to(root).as_posix()
        if not path.is_file() or path.name.startswith("."):
            continue
        if path.parent == course_folder and path.name != "course.md" and not path.name[:1].isdigit():
            continue  # not a lesson: read_tree ignores it too
        if path.parent == quiz_folder and path.suffix not in QUIZ_SUFFIXES:
            continue
        found.files[check_text_path(logical, slug)] = path.read_bytes().decode("utf-8")
    for path in sorted((course_folder / "images").glob("*")):
        if path.is_file() and not path.name.startswith("."):
            found.images[check_image_path(path.relative_to(root).as_posix(), slug)] = path.read_bytes()
    return found


@contextmanager
def workspace(
    content_root: Path,
    files: Mapping[str, str],
    images: Mapping[str, bytes] | None = None,
    *,
    course: str | None = None,
) -> Iterator[Path]:
    """A temporary content tree: the framework folder of `content_root`, plus `files` and `images`.

    Every path is checked first (UnsafePath); with `course`, every path must belong to it. Inside
    the `with` block, problems found by read_tree/find_problems name files by their logical paths.
    The folder is removed afterwards, so import it (or read it) inside the block.
    """
    for path, text in files.items():
        check_text_path(path, course)
        if not isinstance(text, str):
            raise UnsafePath(path, "nội dung phải là văn bản")
    for path in images or {}:
        check_image_path(path, course)
    folder = Path(tempfile.mkdtemp(prefix="mooc-workspace-"))
    try:
        for name in FRAMEWORK_FILES:
            source = content_root / name
            if source.is_file():
                (folder / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, folder / name)
        for path, text in files.items():
            _write(folder / path, text.encode("utf-8"))
        for path, data in (images or {}).items():
            _write(folder / path, bytes(data))
        with shown_relative_to(folder):
            yield folder.resolve()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _write(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
