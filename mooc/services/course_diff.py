"""What changed between two versions of a course (or a draft and its version), file by file."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from mooc.services.course_versions import get_version


@dataclass(frozen=True)
class FileDiff:
    """One file that differs between two versions; `lines` is a unified diff (none for images)."""

    path: str
    status: str  # added | removed | changed
    is_image: bool = False
    lines: list[str] = field(default_factory=list)


def diff_files(
    old_files: Mapping[str, str],
    old_images: Mapping[str, str],
    new_files: Mapping[str, str],
    new_images: Mapping[str, str],
) -> list[FileDiff]:
    """Per file, what changed from old to new, sorted by path; unchanged files are left out."""
    diffs = []
    for path in sorted(set(old_files) | set(new_files)):
        before, after = old_files.get(path), new_files.get(path)
        if before == after:
            continue
        status = "added" if before is None else "removed" if after is None else "changed"
        lines = difflib.unified_diff(
            (before or "").splitlines(),
            (after or "").splitlines(),
            fromfile=path if before is not None else "/dev/null",
            tofile=path if after is not None else "/dev/null",
            lineterm="",
        )
        diffs.append(FileDiff(path, status, False, list(lines)))
    for path in sorted(set(old_images) | set(new_images)):
        before_name, after_name = old_images.get(path), new_images.get(path)
        if before_name != after_name:
            status = "added" if before_name is None else "removed" if after_name is None else "changed"
            diffs.append(FileDiff(path, status, True))
    return sorted(diffs, key=lambda d: d.path)


def diff_versions(session: Session, slug: str, a: int, b: int) -> list[FileDiff]:
    """What changed from version `a` to version `b` of a course."""
    old, new = get_version(session, slug, a), get_version(session, slug, b)
    if old is None or new is None:
        raise LookupError(f"course {slug!r} has no version {a if old is None else b}")
    return diff_files(old.files, old.images, new.files, new.images)
