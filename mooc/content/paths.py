"""How files are named in messages."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

# While a workspace is read (content/workspace.py), files are named from its root, not the temp folder.
_SHOWN_ROOT: ContextVar[Path | None] = ContextVar("shown_root", default=None)


def shown_path(path: Path) -> str:
    """Relative to where the command runs, if inside it; else absolute.

    Inside `shown_relative_to(root)`, files under `root` are named from it ("courses/x/01-a.md").
    """
    root = _SHOWN_ROOT.get()
    if root is not None:
        absolute = Path(os.path.abspath(path))
        for candidate in (absolute, absolute.resolve()):
            if candidate.is_relative_to(root):
                return candidate.relative_to(root).as_posix()
    relative = os.path.relpath(path)
    return path.as_posix() if relative.startswith("..") else Path(relative).as_posix()


@contextmanager
def shown_relative_to(root: Path) -> Iterator[None]:
    """Name files under `root` by their path inside it, in this thread (or task) only."""
    token = _SHOWN_ROOT.set(root.resolve())
    try:
        yield
    finally:
        _SHOWN_ROOT.reset(token)
