"""The `mooc` command: Flask's CLI plus the platform's own command groups."""

from __future__ import annotations

import click
from flask.cli import FlaskGroup

from mooc.cli.content import content
from mooc.cli.db import db_group
from mooc.cli.demo import demo
from mooc.cli.quiz import quiz
from mooc.cli.records import records
from mooc.cli.users import users


def _create_app():
    from mooc import create_app

    return create_app()


@click.group(cls=FlaskGroup, create_app=_create_app, add_version_option=False)
def cli() -> None:
    """mooc — nền tảng học "Bình dân học vụ số"."""


for group in (content, db_group, demo, quiz, records, users):
    cli.add_command(group)
