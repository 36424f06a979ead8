"""mooc records export: completion records as CSV or JSON Lines."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask.cli import with_appcontext

from mooc.db import get_session
from mooc.services import export
from mooc.services.records import RecordFilter, find_records
from mooc.timefmt import parse_date


def _date(_ctx, _param, value: str | None):
    if value is None:
        return None
    parsed = parse_date(value)
    if parsed is None:
        raise click.BadParameter("use dd/mm/yyyy or yyyy-mm-dd")
    return parsed


@click.group()
def records() -> None:
    """Completion records."""


@records.command("export")
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl"]), default="csv", show_default=True)
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), help="File to write (default: stdout)."
)
@click.option("--group", help="Target group code, e.g. nguoi_dan.")
@click.option("--residential-group", help="Tổ dân phố, exactly as listed in framework/ward.yaml.")
@click.option("--from", "issued_from", callback=_date, help="Issued on or after this day.")
@click.option("--to", "issued_to", callback=_date, help="Issued on or before this day.")
@with_appcontext
def export_command(
    fmt: str, out: Path | None, group: str | None, residential_group: str | None, issued_from, issued_to
) -> None:
    """Write completion records; CSV is UTF-8 with a BOM so Excel shows Vietnamese."""
    rows = find_records(get_session(), RecordFilter(group, residential_group, issued_from, issued_to))
    body = export.to_csv(rows) if fmt == "csv" else export.to_jsonl(rows)
    if out is None:
        sys.stdout.buffer.write(body)
    else:
        out.write_bytes(body)
        click.echo(f"Wrote {len(rows)} record(s) to {out}.", err=True)
