"""mooc quiz show | convert | regrade | stats."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click
import yaml
from flask.cli import with_appcontext

from mooc.content.markdown import render_markdown
from mooc.content.problems import ContentError
from mooc.content.sources import QUIZ_FORMATS
from mooc.domain.text import slugify
from mooc.quiz.base import Question


def read_quiz_file(path: Path):
    """Parse one quiz file on its own (no content tree): (front matter dict, parsed questions)."""
    from mooc.content.frontmatter import split_front_matter
    from mooc.quiz.aiken import parse_aiken
    from mooc.quiz.gift import parse_gift
    from mooc.quiz.parse import parse_questions

    fmt = QUIZ_FORMATS.get(path.suffix)
    if fmt is None:
        raise click.UsageError(f"{path}: a quiz file ends in .md, .gift or .aiken")
    shown = str(path)
    try:
        if fmt == "md":
            meta, body, first = split_front_matter(path.read_text(encoding="utf-8"), shown)
            meta = dict(meta)
        else:
            sidecar = path.with_suffix(".yaml")
            meta = yaml.safe_load(sidecar.read_text(encoding="utf-8")) if sidecar.exists() else {}
            body, first = path.read_text(encoding="utf-8-sig"), 1
    except ContentError as error:
        raise click.ClickException(str(error)) from error
    parser = {"md": parse_questions, "gift": parse_gift, "aiken": parse_aiken}[fmt]
    return meta or {}, parser(body, shown, first, render_markdown)


def describe(question: Question) -> dict:
    """What was understood, as plain data."""
    from mooc.quiz import registry

    return {
        "kind": question.kind,
        "id": question.key,
        "title": question.title,
        "points": question.points,
        "text": question.stem_md,
        "hint": question.hint,
        "explanation": question.explanation_md,
        "options": [
            {
                "text": o.text,
                "weight_percent": float(o.fraction * 100),
                "feedback": o.feedback_md,
                **({"matches": o.match} if o.match else {}),
                **({"pinned": True} if o.pinned else {}),
            }
            for o in question.options
        ],
        "right_answer_html": registry.get(question.kind).answer_html(question),
        **({"ignore_tones": True} if question.settings.get("ignore_tones") else {}),
    }


def _report(parsed) -> None:
    """Every warning and error the parser produced, on the error output (after the result, so a
    long result never scrolls them away)."""
    for warning in parsed.warnings:
        click.echo(f"{warning.path}:{warning.line}: warning: {warning.message}", err=True)
    for error in parsed.errors:
        click.echo(str(error), err=True)


COURSE_TODO = "TODO"


def course_of(file: Path) -> str | None:
    """The module a quiz file belongs to, told from its folder; None when the folder is no course's.

    A course folder is quizzes/<slug>/ or courses/<slug>/, or a folder named like a course of the
    content in the current directory (or MOOC_CONTENT_DIR).
    """
    folder = file.resolve().parent
    slug = slugify(folder.name)
    if not slug or slug != folder.name:
        return None
    if folder.parent.name in ("quizzes", "courses") or (folder / "course.md").is_file():
        return slug
    root = Path(os.environ.get("MOOC_CONTENT_DIR", "."))
    return slug if (root / "courses" / slug / "course.md").is_file() else None


@click.group()
def quiz() -> None:
    """Quiz files (Markdown, GIFT, Aiken) and quiz results."""


@quiz.command("show")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def show(file: Path, as_json: bool) -> None:
    """Print what was understood from FILE: kind, text, choices with weights and feedback."""
    _meta, parsed = read_quiz_file(file)
    described = [describe(q) for q in parsed.questions]
    if as_json:
        click.echo(json.dumps(described, ensure_ascii=False, indent=2))
    else:
        for number, item in enumerate(described, start=1):
            extras = [f"{item['points']} points"] if item["points"] != 1 else []
            extras += ["ignore_tones"] if item.get("ignore_tones") else []
            click.echo(
                f"{number}. [{item['kind']}] {item['id']}: {item['text']}"
                + (f"  ({', '.join(extras)})" if extras else "")
            )
            if item["hint"]:
                click.echo(f"     hint: {item['hint']}")
            for place, option in enumerate(item["options"], start=1):
                if item["kind"] == "ordering":
                    mark = f"{place:>7}."
                elif item["kind"] == "matching":
                    mark = "   pair " if option["text"] else "  decoy "
                else:
                    mark = f"{option['weight_percent']:>7g}%"
                target = f" -> {option['matches']}" if "matches" in option else ""
                pin = "  {pin}" if option.get("pinned") else ""
                feedback = f"  # {option['feedback']}" if option["feedback"] else ""
                click.echo(f"     {mark}  {option['text']}{target}{pin}{feedback}")
            if item["explanation"]:
                click.echo(f"     > {item['explanation']}")
    _report(parsed)
    if parsed.errors:
        raise SystemExit(1)


@quiz.command("convert")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--to", "target", type=click.Choice(["md", "gift"]), required=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Write here (default: stdout).")
def convert(file: Path, target: str, out: Path | None) -> None:
    """Convert FILE to our Markdown format or to GIFT; say what the target format cannot hold."""
    from mooc.quiz.export import to_gift, to_markdown

    meta, parsed = read_quiz_file(file)
    if parsed.errors:
        _report(parsed)
        raise click.ClickException("fix the problems above first; nothing was converted")
    settings = {k: v for k, v in meta.items()}
    notes: list[str] = []  # said after the converted text, with the parser's warnings
    if target == "md":
        settings.setdefault("title", parsed.category.rsplit("/", 1)[-1].strip() or file.stem)  # as on import
        settings.setdefault("slug", slugify(file.stem))  # as `content import` names it
        if "course" not in settings:
            course = course_of(file)
            settings["course"] = course or COURSE_TODO
            if course is None:
                notes.append(
                    f"warning: {file.resolve().parent.name!r} is no course folder: write the module's "
                    f"slug after 'course:' in place of {COURSE_TODO}"
                )
        settings.setdefault("competences", [])
        front = yaml.safe_dump(settings, allow_unicode=True, sort_keys=False).replace(
            f"\ncourse: {COURSE_TODO}\n",
            f"\ncourse: {COURSE_TODO}  # the module's slug: its folder name in courses/\n",
        )
        text, losses = to_markdown(front, "", parsed.questions), []
        if settings["course"] == COURSE_TODO:
            if not settings.get("competences"):
                notes.append(
                    "check the front matter: 'competences' must list the module's codes "
                    "before mooc content check accepts the file"
                )
        elif "course" not in meta or not settings.get("competences"):
            notes.insert(
                0,
                "check the front matter: 'course' was guessed from the folder and 'competences' "
                "must list the module's codes before mooc content check accepts the file",
            )
        if len(parsed.categories) > 1:
            listed = ", ".join(repr(c) for c in parsed.categories)
            losses.append(f"the GIFT categories {listed} (quizzes are grouped by course instead)")
        elif parsed.category:
            losses.append(f"the GIFT category {parsed.category!r} (quizzes are grouped by course instead)")
    else:
        text, losses = to_gift(parsed.questions)
        if settings:
            if out is not None:
                out.with_suffix(".yaml").write_text(
                    yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8"
                )
                click.echo(f"quiz settings kept in {out.with_suffix('.yaml')}", err=True)
            else:
                losses.append("the quiz settings (use --out to keep them in a .yaml beside the file)")
        if parsed.intro:
            losses.append("the introduction text (GIFT has none)")
    if out is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    for note in notes:
        click.echo(note, err=True)
    for loss in losses:
        click.echo(f"not carried over: {loss}", err=True)
    _report(parsed)
    if out is not None:
        out.write_text(text, encoding="utf-8")
        click.echo(f"wrote {len(parsed.questions)} question(s) to {out}", err=True)
    if parsed.warnings:
        click.echo(
            f"{len(parsed.warnings)} warning(s): the file was converted; check these questions in it",
            err=True,
        )


def _quiz(slug: str):
    from mooc.db import get_session
    from mooc.services import catalog

    quiz = catalog.quiz_by_slug(get_session(), slug)
    if quiz is None:
        raise click.ClickException(f"no quiz {slug!r}")
    return quiz


@quiz.command("regrade")
@click.argument("slug")
@click.option("--dry-run", is_flag=True, help="Report what would change; change nothing.")
@with_appcontext
def regrade_command(slug: str, dry_run: bool) -> None:
    """Score QUIZ's submitted attempts again with each question's current version; report changes."""
    from mooc.db import get_session
    from mooc.domain.grading import percent_shown
    from mooc.services.quiz_results import regrade

    session = get_session()
    report = regrade(session, _quiz(slug), dry_run=dry_run)
    if dry_run:
        session.rollback()
    else:
        session.commit()
    for change in report.changes:
        verdict = (
            ""
            if change.old_passed == change.new_passed
            else (
                "  now passes"
                if change.new_passed
                else "  no longer passes (records already issued are kept)"
            )
        )
        click.echo(
            f"attempt {change.attempt_id} (account {change.user_id}, #{change.number}): "
            f"{percent_shown(change.old_ppm)}% -> {percent_shown(change.new_ppm)}%{verdict}"
        )
    for code in report.records_issued:
        click.echo(f"record issued: {code}")
    click.echo(
        f"{'Would change' if dry_run else 'Changed'} {len(report.changes)} of {report.attempts} attempt(s); "
        f"{report.answers_regraded} answer(s) graded with a newer version.",
        err=True,
    )


@quiz.command("stats")
@click.argument("slug")
@with_appcontext
def stats_command(slug: str) -> None:
    """Per question, each learner's latest answer: answered, left blank, facility (mean score, of the
    answered), fully right, the most common wrong answer."""
    from mooc.db import get_session
    from mooc.services.quiz_results import statistics

    click.echo(
        f"{'question':30} {'answered':>8} {'blank':>6} {'facility':>8} {'right':>6}  most common wrong answer"
    )
    for row in statistics(get_session(), _quiz(slug)):
        facility = "-" if row.facility_percent is None else f"{row.facility_percent}%"
        wrong = f"{row.common_wrong} ({row.common_wrong_count})" if row.common_wrong else "-"
        click.echo(
            f"{row.key[:30]:30} {row.answered:>8} {row.blank:>6} {facility:>8} {row.fully_right:>6}  {wrong}"
        )
