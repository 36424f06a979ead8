"""How files are named in messages."""

from __future__ import annotations

import os
from pathlib import Path


def shown_path(path: Path) -> str:
    """Relative to where the command runs, if inside it; else absolute."""
    relative = os.path.relpath(path)
    return path.as_posix() if relative.startswith("..") else Path(relative).as_posix()
