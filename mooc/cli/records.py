"""mooc records: export (CSV, JSON Lines, the signed bundle for the city), verify-bundle, mark-delivered."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from flask import current_app
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
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "jsonl", "bundle"]),
    default="csv",
    show_default=True,
    help="bundle: the signed ZIP for the city (docs/export-format.md).",
)
@click.option(
    "--mode",
    type=click.Choice(["delta", "full"]),
    default="delta",
    show_default=True,
    help="bundle only: records changed since the last delivered batch, or all of them.",
)
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), help="File to write (default: stdout)."
)
@click.option("--group", help="Target group code, e.g. nguoi_dan.")
@click.option("--residential-group", help="Tổ dân phố, exactly as listed in framework/ward.yaml.")
@click.option("--from", "issued_from", callback=_date, help="Issued on or after this day.")
@click.option("--to", "issued_to", callback=_date, help="Issued on or before this day.")
@with_appcontext
def export_command(
    fmt: str,
    mode: str,
    out: Path | None,
    group: str | None,
    residential_group: str | None,
    issued_from,
    issued_to,
) -> None:
    """Write completion records; CSV is UTF-8 with a BOM so Excel shows Vietnamese."""
    if fmt == "bundle":
        if residential_group or issued_from or issued_to:
            raise click.UsageError("a bundle is filtered by --group only; the city needs every change")
        _export_bundle(mode, group, out)
        return
    rows = find_records(get_session(), RecordFilter(group, residential_group, issued_from, issued_to))
    body = export.to_csv(rows) if fmt == "csv" else export.to_jsonl(rows)
    if out is None:
        sys.stdout.buffer.write(body)
    else:
        out.write_bytes(body)
        click.echo(f"Wrote {len(rows)} record(s) to {out}.", err=True)


def _export_bundle(mode: str, group: str | None, out: Path | None) -> None:
    from mooc.services import export_batches
    from mooc.web.keys import base_url, signing_key

    db = get_session()
    key = signing_key()
    request = export_batches.BatchRequest(mode=mode, group_code=group)
    data, batch = export_batches.build_batch(
        db,
        request,
        id_key=current_app.config["ID_KEY"],
        signing_key=key.private_key,
        kid=key.kid,
        base_url=base_url(),
    )
    db.commit()
    target = out or Path(f"{batch.batch_id}.zip")
    target.write_bytes(data)
    click.echo(
        f"Wrote batch {batch.batch_id}: {batch.record_count} record(s), {mode}, to {target}.", err=True
    )
    click.echo(f"When the city confirms receipt: mooc records mark-delivered {batch.batch_id}", err=True)


@records.command("verify-bundle")
@click.argument("bundle", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--jwks",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The issuer's public keys (/.well-known/jwks.json); default: this site's own key.",
)
@with_appcontext
def verify_bundle_command(bundle: Path, jwks: Path | None) -> None:
    """Check a bundle as the receiving city would: signature, file hashes, row counts and row hashes."""
    from mooc.exports.bundle import verify_bundle

    keys = _public_keys(jwks)
    data = bundle.read_bytes()
    results = [verify_bundle(data, key) for key in keys]
    problems = min(results, key=len)
    if problems:
        for problem in problems:
            click.echo(f"{bundle}: {problem}", err=True)
        raise SystemExit(1)
    click.echo(f"{bundle}: OK, the signature and every file check out.")


def _public_keys(jwks: Path | None) -> list:
    if jwks is None:
        from mooc.web.keys import signing_key

        return [signing_key().public_key]
    from joserfc.jwk import OKPKey

    try:
        document = json.loads(jwks.read_text(encoding="utf-8"))
        keys = [OKPKey.import_key(k).public_key for k in document["keys"] if k.get("crv") == "Ed25519"]
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise click.UsageError(f"{jwks}: not a JWK set ({error})") from None
    if not keys:
        raise click.UsageError(f"{jwks}: no Ed25519 key in this JWK set")
    return keys


@records.command("mark-delivered")
@click.argument("batch_id")
@with_appcontext
def mark_delivered_command(batch_id: str) -> None:
    """Record that the city received a batch: the next delta batch starts after it."""
    from sqlalchemy import select

    from mooc.models import ExportBatch
    from mooc.services import export_batches

    db = get_session()
    batch = db.scalar(select(ExportBatch).where(ExportBatch.batch_id == batch_id))
    if batch is None:
        raise click.UsageError(f"no batch {batch_id!r}")
    if batch.delivered_at is not None:
        click.echo(f"Batch {batch_id} was already marked delivered.")
        return
    export_batches.mark_delivered(db, batch, None)
    db.commit()
    click.echo(f"Batch {batch_id} marked delivered.")


@records.command("credential")
@click.argument("code")
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), help="File to write (default: stdout)."
)
@with_appcontext
def credential_command(code: str, out: Path | None) -> None:
    """Write a record's signed Open Badges 3.0 credential (signed once, then always the same)."""
    from mooc.services import credentials
    from mooc.services.records import record_by_code
    from mooc.web.keys import base_url, signing_key

    db = get_session()
    record = record_by_code(db, code)
    if record is None:
        raise click.UsageError(f"no record with the code {code!r}")
    credential = credentials.credential_for(db, record, base_url(), signing_key())
    db.commit()
    body = json.dumps(credential, ensure_ascii=False, indent=2) + "\n"
    if out is None:
        click.echo(body, nl=False)
    else:
        out.write_text(body, encoding="utf-8")
        click.echo(f"Wrote the credential of {record.code} to {out}.", err=True)


@records.command("verify-credential")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@with_appcontext
def verify_credential_command(file: Path) -> None:
    """Check a credential file as an Open Badges 3.0 verifier would; exit 1 unless every check passes."""
    from mooc.services import credentials
    from mooc.web.keys import base_url, signing_key

    try:
        credential = json.loads(file.read_bytes().decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        click.echo(f"{file}: not JSON ({error})", err=True)
        raise SystemExit(1) from None
    result = credentials.verify_credential(get_session(), credential, base_url(), signing_key())
    for check in result.checks:
        mark = {True: "ok  ", False: "FAIL", None: "??  "}[check.passed]
        click.echo(f"[{mark}] {check.code}: {check.label}")
        for problem in check.problems:
            click.echo(f"       {problem}")
    if not result.ok:
        click.echo(f"{file}: the credential does NOT verify.", err=True)
        raise SystemExit(1)
    click.echo(f"{file}: OK, the credential verifies.")
