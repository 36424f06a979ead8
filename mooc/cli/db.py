"""mooc db upgrade | current: schema migrations with Alembic."""

from __future__ import annotations

from pathlib import Path

import click
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import create_engine

PROJECT = Path(__file__).resolve().parents[2]


def alembic_config(url: str) -> Config:
    """Alembic settings from pyproject.toml, pointed at this app's database."""
    config = Config(toml_file=str(PROJECT / "pyproject.toml"))
    config.attributes["url"] = url
    return config


@click.group("db")
def db_group() -> None:
    """Database schema."""


@db_group.command("upgrade")
@click.argument("revision", default="head")
@with_appcontext
def upgrade(revision: str) -> None:
    """Apply migrations up to REVISION (default: the newest)."""
    url = current_app.config["DATABASE_URL"]
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    before = _current_revision(url)
    command.upgrade(alembic_config(url), revision)
    after = _current_revision(url)
    if before is None:
        click.echo(f"Database created, schema at revision {after}.")
    elif before != after:
        click.echo(f"Database schema upgraded from {before} to {after}.")
    else:
        click.echo(f"Database schema already at revision {after}; nothing to do.")


def _current_revision(url: str) -> str | None:
    """The revision the database is at; None for a new, empty database."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()


@db_group.command("current")
@with_appcontext
def current() -> None:
    """Show the revision the database is at."""
    command.current(alembic_config(current_app.config["DATABASE_URL"]))
