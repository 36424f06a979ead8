"""`mooc records export` and `mooc users`, `mooc demo` commands."""

from __future__ import annotations

import json

from sqlalchemy import select

from mooc.cli import cli
from mooc.models import User
from tests.integration.helpers import take


def test_records_export_writes_csv_and_jsonl(app, session, make_user, tmp_path):
    user = make_user(name="Đỗ Thị Én")
    take(session, user, "kiem-tra-alpha")
    take(session, user, "kiem-tra-beta")
    out = tmp_path / "records.csv"
    result = app.test_cli_runner().invoke(cli, ["records", "export", "--format", "csv", "--out", str(out)])
    assert result.exit_code == 0 and "Wrote 1 record(s)" in result.output
    assert out.read_bytes().startswith(b"\xef\xbb\xbf") and "Đỗ Thị Én" in out.read_text("utf-8-sig")
    result = app.test_cli_runner().invoke(
        cli, ["records", "export", "--format", "jsonl", "--group", "nguoi_dan"]
    )
    assert json.loads(result.output.strip())["full_name"] == "Đỗ Thị Én"


def test_records_export_rejects_a_bad_date(app, content):
    result = app.test_cli_runner().invoke(cli, ["records", "export", "--from", "32/13/2026"])
    assert result.exit_code == 2 and "dd/mm/yyyy" in result.output


def test_users_create_and_set_role(app, session, content):
    runner = app.test_cli_runner()
    result = runner.invoke(
        cli,
        [
            "users",
            "create",
            "--login",
            "Admin@Example.test",
            "--name",
            "Quản Trị",
            "--role",
            "admin",
            "--password",
            "mat-khau-dai-1",
        ],
    )
    assert result.exit_code == 0, result.output
    user = session.scalar(select(User).where(User.email == "admin@example.test"))
    assert user.role == "admin" and user.target_group_code is None
    assert runner.invoke(cli, ["users", "set-role", "admin@example.test", "official"]).exit_code == 0
    session.refresh(user)
    assert user.role == "official"


def test_demo_accounts_are_refused_outside_development(app, content):
    app.config["MOOC_ENV"] = "production"
    result = app.test_cli_runner().invoke(cli, ["demo", "setup"])
    assert result.exit_code == 1 and "development" in result.output


def test_demo_setup_creates_one_account_per_role_and_reprints_the_same_passwords(app, session, content):
    if not app.config["DATABASE_URL"].startswith("sqlite"):
        app.config["DATABASE_URL"] = "sqlite:///pretend-dev.sqlite3"  # the command checks the URL only
    runner = app.test_cli_runner()
    first = runner.invoke(cli, ["demo", "setup"])
    second = runner.invoke(cli, ["demo", "setup"])
    assert first.exit_code == 0 and first.output == second.output
    roles = dict(session.execute(select(User.email, User.role)).all())
    assert roles == {
        "hocvien@demo.mooc.local": "learner",
        "giaovien@demo.mooc.local": "teacher",
        "canbo@demo.mooc.local": "official",
    }
