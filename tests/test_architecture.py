"""The dependency rule and the size budget, checked on the source (docs: style.md §2.1, §2.7).

The pure layers (domain, quiz, credentials, and content except the importer) take and return
plain data: they import neither Flask nor the database layers, so they can be
tested and reused without an app.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "mooc"
PURE_LAYERS = ("domain", "quiz", "content", "credentials")
PURE_MODULES = ("certificate_pdf.py",)  # single pure modules outside the layers: plain data in, bytes out
IMPURE_MODULES = {"content/importer.py": "writes the content tree to the database through a Session"}
FORBIDDEN = ("flask", "sqlalchemy", "mooc.web", "mooc.db", "mooc.models", "mooc.services")
MAX_LINES = 300
OVER_BUDGET: dict[str, str] = {}  # "path/under/mooc.py": "why this module may be longer"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(source: str, module: str, *, is_package: bool = False) -> set[str]:
    """Every module `source` imports, relative imports resolved, `from a import b` also as `a.b`."""
    package = module if is_package else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                anchor = parts[: len(parts) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def forbidden_imports(source: str, module: str, *, is_package: bool = False) -> list[str]:
    return sorted(
        name
        for name in imported_modules(source, module, is_package=is_package)
        if any(name == f or name.startswith(f"{f}.") for f in FORBIDDEN)
    )


def pure_modules() -> list[Path]:
    in_layers = [
        path
        for layer in PURE_LAYERS
        for path in (PACKAGE / layer).rglob("*.py")
        if path.relative_to(PACKAGE).as_posix() not in IMPURE_MODULES
    ]
    return sorted([*in_layers, *(PACKAGE / name for name in PURE_MODULES)])


@pytest.mark.parametrize("path", pure_modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_pure_layers_import_neither_flask_nor_the_database(path):
    source = path.read_text(encoding="utf-8")
    assert forbidden_imports(source, module_name(path), is_package=path.name == "__init__.py") == []


def test_the_pure_layers_are_all_scanned():
    scanned = {p.relative_to(PACKAGE).as_posix() for p in pure_modules()}
    assert {"domain/text.py", "quiz/base.py", "quiz/types/short_answer.py", "content/check.py"} <= scanned
    assert {"credentials/openbadge.py", "credentials/keys.py", "credentials/status_list.py"} <= scanned
    assert "certificate_pdf.py" in scanned and all((PACKAGE / name).is_file() for name in PURE_MODULES)
    assert "content/importer.py" not in scanned


def test_the_scan_catches_every_way_of_importing_a_forbidden_module():
    assert forbidden_imports(SPY_SOURCE, "mooc.quiz.types.spy") == [
        "flask",
        "flask.request",
        "mooc.db",
        "mooc.db.get_session",
        "mooc.models",
        "mooc.models.people",
        "mooc.services",
        "mooc.services.accounts",
        "mooc.web",
        "sqlalchemy.orm",
        "sqlalchemy.orm.Session",
    ]


SPY_SOURCE = """
import flask
import sqlalchemy.orm
from mooc import web
from ...db import get_session
from ... import services
from ...services import accounts
from mooc.models import people
from sqlalchemy.orm import Session
from flask import request

def later():
    import mooc.quiz.base
"""


def test_relative_imports_in_a_package_resolve_from_the_package_itself():
    assert imported_modules("from . import types", "mooc.quiz", is_package=True) == {
        "mooc.quiz",
        "mooc.quiz.types",
    }


def test_no_module_is_over_the_size_budget_without_a_reason():
    sizes = {
        path.relative_to(PACKAGE).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
        for path in PACKAGE.rglob("*.py")
    }
    over = {
        name: lines for name, lines in sorted(sizes.items()) if lines > MAX_LINES and name not in OVER_BUDGET
    }
    assert over == {}, f"split these modules or add them to OVER_BUDGET with a reason: {over}"


def test_every_allowed_exception_still_exists_and_has_a_reason():
    assert all((PACKAGE / name).is_file() and reason.strip() for name, reason in OVER_BUDGET.items())
    assert all((PACKAGE / name).is_file() and reason.strip() for name, reason in IMPURE_MODULES.items())
