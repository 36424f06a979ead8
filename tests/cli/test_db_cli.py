"""`mooc db upgrade` says what it did: created, upgraded, or nothing to do."""

from __future__ import annotations

from mooc import create_app
from mooc.cli import cli


def test_db_upgrade_says_whether_it_created_upgraded_or_found_nothing_to_do(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the development secret is written under ./instance
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'nested' / 'mooc.sqlite3'}"})
    runner = app.test_cli_runner()

    first = runner.invoke(cli, ["db", "upgrade", "3c0a5d1e7b42"])
    assert first.exit_code == 0, first.output
    assert first.output.startswith("Database created, schema at revision 3c0a5d1e7b42")

    second = runner.invoke(cli, ["db", "upgrade"])
    assert second.exit_code == 0 and "upgraded from 3c0a5d1e7b42 to " in second.output

    third = runner.invoke(cli, ["db", "upgrade"])
    assert third.exit_code == 0 and "nothing to do" in third.output
