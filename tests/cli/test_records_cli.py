"""`mooc records export` and `mooc users`, `mooc demo` commands."""

from __future__ import annotations

import json

from sqlalchemy import select

from mooc.cli import cli
from mooc.models import CourseAccess, User
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
    # The only admin stays admin (tests/cli/test_users_cli.py); a second one lets the first step down.
    assert runner.invoke(cli, ["users", "set-role", "admin@example.test", "official"]).exit_code == 1
    second = ["users", "create", "--login", "0900000099", "--name", "Phó Quản Trị", "--role", "admin"]
    assert runner.invoke(cli, [*second, "--password", "mat-khau-dai-1"]).exit_code == 0
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
        "quantri@demo.mooc.local": "admin",
    }
    teacher = session.scalar(select(User).where(User.email == "giaovien@demo.mooc.local"))
    access = session.execute(select(CourseAccess.course_slug, CourseAccess.user_id)).all()
    assert access == [("dien-thoai-va-internet", teacher.id)]


def test_a_bundle_from_the_cli_verifies_and_fails_after_one_byte_changes(app, session, make_user, tmp_path):
    user = make_user(name="Võ Thị Lô")
    take(session, user, "kiem-tra-alpha")
    take(session, user, "kiem-tra-beta")
    runner = app.test_cli_runner()
    out = tmp_path / "lo.zip"
    result = runner.invoke(
        cli, ["records", "export", "--format", "bundle", "--mode", "full", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "1 record(s), full" in result.output
    result = runner.invoke(cli, ["records", "verify-bundle", str(out)])
    assert result.exit_code == 0 and "OK" in result.output
    data = bytearray(out.read_bytes())
    data[len(data) // 2] ^= 0x01
    tampered = tmp_path / "sua.zip"
    tampered.write_bytes(bytes(data))
    result = runner.invoke(cli, ["records", "verify-bundle", str(tampered)])
    assert result.exit_code == 1 and f"{tampered}:" in result.output


def test_verify_bundle_uses_the_published_key_set(app, session, make_user, tmp_path):
    from mooc.web.keys import signing_key

    user = make_user(name="Võ Thị Lô")
    take(session, user, "kiem-tra-alpha")
    take(session, user, "kiem-tra-beta")
    runner = app.test_cli_runner()
    out = tmp_path / "lo.zip"
    assert runner.invoke(cli, ["records", "export", "--format", "bundle", "--out", str(out)]).exit_code == 0
    with app.app_context():
        jwk = signing_key().jwk()
    keys = tmp_path / "jwks.json"
    keys.write_text(json.dumps({"keys": [jwk]}))
    assert runner.invoke(cli, ["records", "verify-bundle", str(out), "--jwks", str(keys)]).exit_code == 0
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from joserfc.jwk import OKPKey

    other = OKPKey.import_key(Ed25519PrivateKey.generate().public_key()).as_dict()
    keys.write_text(json.dumps({"keys": [other]}))
    result = runner.invoke(cli, ["records", "verify-bundle", str(out), "--jwks", str(keys)])
    assert result.exit_code == 1 and "signature does not verify" in result.output


def test_mark_delivered_then_a_delta_bundle_is_empty(app, session, make_user, tmp_path):
    from mooc.models import ExportBatch

    user = make_user(name="Võ Thị Lô")
    take(session, user, "kiem-tra-alpha")
    take(session, user, "kiem-tra-beta")
    runner = app.test_cli_runner()
    assert (
        runner.invoke(
            cli, ["records", "export", "--format", "bundle", "--out", str(tmp_path / "a.zip")]
        ).exit_code
        == 0
    )
    first = session.scalar(select(ExportBatch))
    result = runner.invoke(cli, ["records", "mark-delivered", first.batch_id])
    assert result.exit_code == 0 and "marked delivered" in result.output
    result = runner.invoke(cli, ["records", "export", "--format", "bundle", "--out", str(tmp_path / "b.zip")])
    assert "0 record(s), delta" in result.output
    assert runner.invoke(cli, ["records", "mark-delivered", "no-such-batch"]).exit_code == 2


def test_a_bundle_refuses_filters_that_would_hide_changes(app, content):
    result = app.test_cli_runner().invoke(
        cli, ["records", "export", "--format", "bundle", "--from", "01/01/2026"]
    )
    assert result.exit_code == 2 and "--group only" in result.output
