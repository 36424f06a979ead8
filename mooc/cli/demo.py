"""mooc demo setup: one account per role, in the development database only."""

from __future__ import annotations

import json
import secrets
from datetime import date
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlalchemy import select

from mooc.db import get_session
from mooc.models import ResidentialGroup, TargetGroup, User
from mooc.services import accounts
from mooc.services.accounts import Profile
from mooc.services.course_access import grant_access

# Invented people: no real names or numbers.
DEMO_ACCOUNTS = (
    ("learner", "hocvien@demo.mooc.local", "Trần Thị Demo", "nguoi_dan", date(1962, 4, 12)),
    ("teacher", "giaovien@demo.mooc.local", "Lê Văn Giáo Viên", None, None),
    ("official", "canbo@demo.mooc.local", "Phạm Thị Cán Bộ", None, None),
    ("admin", "quantri@demo.mooc.local", "Đỗ Văn Quản Trị", None, None),
)
# The demo teacher may edit this shipped module in the browser (and create new ones).
DEMO_TEACHER_COURSE = "dien-thoai-va-internet"


@click.group()
def demo() -> None:
    """Demo data for a development checkout."""


@demo.command("setup")
@with_appcontext
def setup() -> None:
    """Create (or reprint) the demo accounts. Refuses outside development on SQLite."""
    config = current_app.config
    if config["MOOC_ENV"] != "development" or not config["DATABASE_URL"].startswith("sqlite"):
        raise click.ClickException("demo accounts exist only in the development SQLite database")
    store = Path(current_app.instance_path) / "demo-accounts.json"
    passwords: dict[str, str] = json.loads(store.read_text()) if store.exists() else {}
    session = get_session()
    with session.begin():
        group = session.get(TargetGroup, "nguoi_dan")
        first_residential = session.scalar(select(ResidentialGroup.name).order_by(ResidentialGroup.position))
        for role, email, name, group_code, born in DEMO_ACCOUNTS:
            password = passwords.get(email) or secrets.token_urlsafe(9)
            user = session.scalar(select(User).where(User.email == email))
            if user is None:
                profile = Profile(
                    name,
                    born,
                    email,
                    None,
                    group_code if group else None,
                    first_residential if group_code else None,
                )
                user = accounts.register(session, profile, password)
                user.role = role
            elif email not in passwords:
                accounts.set_password(user, password)
            passwords[email] = password
            if role == "teacher":
                grant_access(session, DEMO_TEACHER_COURSE, user, None)
    store.write_text(json.dumps(passwords, indent=2))
    store.chmod(0o600)
    click.echo("Demo accounts (development database only):")
    for role, email, *_ in DEMO_ACCOUNTS:
        click.echo(f"  {role:9} {email:28} password: {passwords[email]}")
