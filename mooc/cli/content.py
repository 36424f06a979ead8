"""mooc content check | import | export | preview | coverage."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click
from flask.cli import with_appcontext

from mooc.content.check import find_problems
from mooc.content.sources import ContentTree, read_tree, shown_path


def content_root(start: Path) -> Path:
    """The folder holding framework/framework.yaml, found by walking up from `start`."""
    start = start.resolve()
    for folder in [start, *start.parents]:
        if (folder / "framework" / "framework.yaml").is_file():
            return folder
    raise click.UsageError(f"{start} is not inside a content folder (no framework/framework.yaml above it)")


def _default_root() -> Path:
    return Path(os.environ.get("MOOC_CONTENT_DIR", "."))


def _load(paths: tuple[Path, ...]) -> tuple[ContentTree, list[Path] | None]:
    roots = {content_root(p) for p in (paths or (_default_root(),))}
    if len(roots) > 1:
        raise click.UsageError("give paths from one content folder at a time")
    root = roots.pop()
    scope = [p.resolve() for p in paths if p.resolve() != root] or None
    return read_tree(root), _with_partners(root, scope)


def _with_partners(root: Path, scope: list[Path] | None) -> list[Path] | None:
    """A module's course folder and quiz folder go together: checking one checks both."""
    if scope is None:
        return None
    extra = []
    for path in scope:
        parts = path.relative_to(root).parts if path.is_relative_to(root) else ()
        if len(parts) >= 2 and parts[0] in ("courses", "quizzes"):
            partner = root / ("quizzes" if parts[0] == "courses" else "courses") / parts[1]
            if partner.exists():
                extra.append(partner)
    return scope + extra


def _in_scope(problem_path: str, scope: list[Path] | None) -> bool:
    if scope is None:
        return True
    path = Path(problem_path).resolve()
    return any(path == s or s in path.parents for s in scope)


@click.group()
def content() -> None:
    """Check, import and preview courses and quizzes."""


@content.command("check")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
def check_command(paths: tuple[Path, ...]) -> None:
    """Print every problem as path:line: message; exit 1 if there is any."""
    tree, scope = _load(paths)
    every = find_problems(tree)
    problems = [p for p in every if _in_scope(p.path, scope)]
    for problem in problems:
        click.echo(str(problem))
    elsewhere = sum(1 for p in every if p.is_error and not _in_scope(p.path, scope))
    if elsewhere:
        click.echo(f"note: {elsewhere} problem(s) outside the paths given; run mooc content check", err=True)
    errors = [p for p in problems if p.is_error]
    if errors:
        click.echo(f"{len(errors)} problem(s), {len(problems) - len(errors)} warning(s).", err=True)
        raise SystemExit(1)
    click.echo(
        f"OK: {len(tree.courses)} courses, {sum(len(c.lessons) for c in tree.courses)} lessons, "
        f"{len(tree.quizzes)} quizzes, {sum(len(q.questions) for q in tree.quizzes)} questions.",
        err=True,
    )


@content.command("import")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@with_appcontext
def import_command(paths: tuple[Path, ...]) -> None:
    """Check, then import in one transaction: everything or nothing."""
    from mooc.content.importer import ContentImportError, import_content
    from mooc.content.workspace import UnsafePath
    from mooc.db import get_session
    from mooc.services.course_versions import record_file_versions

    tree, scope = _load(paths)
    problems = find_problems(tree)
    for problem in problems:
        click.echo(str(problem), err=True)
    errors = [p for p in problems if p.is_error]
    if errors:
        raise click.ClickException(f"{len(errors)} problem(s); nothing was imported.")
    session = get_session()
    total = len(tree.courses) + len(tree.quizzes)
    try:
        bar_options = {
            "length": total,
            "label": "Importing",
            "hidden": not sys.stderr.isatty(),
            "file": sys.stderr,
        }
        with session.begin(), click.progressbar(**bar_options) as bar:
            summary = import_content(session, tree, scope=scope, step=lambda _slug: bar.update(1))
            # Each changed course also becomes a published version (the files it was imported from).
            versions = record_file_versions(session, tree, scope)
    except ContentImportError as error:
        for problem in error.problems:
            click.echo(str(problem), err=True)
        raise click.ClickException("nothing was imported.") from error
    except UnsafePath as error:
        raise click.ClickException(f"{error}; nothing was imported.") from error
    click.echo(
        f"Imported framework {summary.framework_version}: {summary.courses} courses, "
        f"{summary.lessons} lessons, {summary.quizzes} quizzes, "
        f"{summary.new_question_versions} new question versions, {summary.assets} new images, "
        f"{len(versions)} new course versions."
    )


@content.command("export")
@click.option(
    "--out",
    default="export",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder to write courses/ and quizzes/ into.",
)
@click.option("--course", "slug", help="Only this course.")
@click.option("--version", "number", type=int, help="This version of --course (default: its latest).")
@with_appcontext
def export_command(out: Path, slug: str | None, number: int | None) -> None:
    """Write the published courses (latest versions) as files: courses/<slug>/…, quizzes/<slug>/…."""
    from mooc.db import get_session
    from mooc.services import course_versions

    if number is not None and not slug:
        raise click.UsageError("--version needs --course")
    session = get_session()
    if slug:
        version = (
            course_versions.get_version(session, slug, number)
            if number is not None
            else course_versions.latest_version(session, slug)
        )
        if version is None:
            which = f"version {number}" if number is not None else "published version"
            raise click.ClickException(f"course {slug!r} has no {which}")
        versions = [version]
    else:
        versions = list(course_versions.latest_versions(session).values())
    written: list[Path] = []
    bar_options = {"label": "Exporting", "hidden": not sys.stderr.isatty(), "file": sys.stderr}
    with click.progressbar(versions, **bar_options) as bar:
        for version in bar:
            written += course_versions.export_version(session, version, out)
    for version in versions:  # a file left from an older export would come back at the next import
        kept = {out / p for p in [*version.files, *version.images]}
        for folder in (out / "courses" / version.course_slug, out / "quizzes" / version.course_slug):
            for stray in sorted(f for f in folder.rglob("*") if f.is_file() and f not in kept):
                click.echo(f"warning: {stray} is not in version {version.number}; delete it", err=True)
    click.echo(f"Exported {len(written)} files of {len(versions)} courses to {out}.")


@content.command("preview")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def preview_command(file: Path) -> None:
    """Print the exact sanitized HTML a learner will see for FILE."""
    tree = read_tree(content_root(file.parent))
    target = file.resolve()
    for problem in tree.problems:
        if Path(problem.path).resolve() == target:
            click.echo(str(problem), err=True)
    for course in tree.courses:
        if course.path.resolve() == target:
            click.echo(course.html)
            return
        for lesson in course.lessons:
            if lesson.path.resolve() == target:
                click.echo(f"<h1>{lesson.title}</h1>\n{lesson.html}")
                return
    for quiz in tree.quizzes:
        if quiz.path.resolve() == target:
            click.echo(quiz.intro_html)
            for question in quiz.questions:
                click.echo(f"<!-- {question.key} ({question.kind}) -->\n{question.stem_html}")
                for option in question.options:
                    click.echo(f"  <li>{option.html}</li>")
            return
    raise click.ClickException(f"{shown_path(target)} is not a course, lesson or quiz that could be read")


@content.command("coverage")
@click.argument("path", required=False, type=click.Path(exists=True, path_type=Path))
@click.option("--group", help="Only this group code (e.g. hoc_sinh).")
def coverage_command(path: Path | None, group: str | None) -> None:
    """Competence × module for each group (and band); exit 1 if a required competence is not taught."""
    from mooc.content.check import coverage

    tree = read_tree(content_root(path or _default_root()))
    if tree.framework is None:
        raise click.ClickException("the framework file could not be read; run mooc content check")
    names = {c.code: c.name for c in tree.framework.competences}
    untaught = 0
    known = {g.code for g in tree.framework.groups}
    if group and group not in known:
        raise click.UsageError(f"unknown group {group!r}; one of: {', '.join(sorted(known))}")
    for label, requirement, teaching in coverage(tree):
        if group and label.split("/")[0] != group:
            continue
        required = set(requirement.competences)
        modules = list(requirement.modules)
        click.echo(f"\n{label} — {requirement.name} ({len(modules)} modules)")
        for number, slug in enumerate(modules, start=1):
            click.echo(f"  {number:>2} {slug}")
        header = " ".join(f"{n:>2}" for n in range(1, len(modules) + 1))
        click.echo(f"  {'code':5} {'req':3}  {header}  competence")
        for code in sorted(set(teaching) | required, key=lambda c: tuple(int(p) for p in c.split("."))):
            cells = " ".join(" ✓" if slug in teaching.get(code, []) else " ·" for slug in modules)
            mark = " * " if code in required else "   "
            click.echo(f"  {code:5} {mark}  {cells}  {names.get(code, '?')}")
        missing = sorted(required - set(teaching))
        untaught += len(missing)
        if missing:
            click.echo(f"  NOT TAUGHT: {', '.join(missing)}")
        else:
            click.echo("  every required competence (*) is taught by at least one module")
    if untaught:
        raise SystemExit(1)
