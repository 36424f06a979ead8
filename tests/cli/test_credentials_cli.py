"""`mooc records credential` and `mooc records verify-credential`."""

from __future__ import annotations

import json

from mooc.cli import cli
from mooc.credentials import openbadge
from mooc.services import credentials
from mooc.web.keys import base_url, signing_key
from tests.integration.helpers import take


def issue(session, make_user):
    user = make_user(name="Đỗ Thị Én")
    take(session, user, "kiem-tra-alpha")
    return take(session, user, "kiem-tra-beta")[1]


def test_a_credential_is_written_and_verifies_check_by_check(app, session, make_user, tmp_path):
    record = issue(session, make_user)
    runner = app.test_cli_runner()
    out = tmp_path / "credential.json"
    written = runner.invoke(cli, ["records", "credential", record.code.lower(), "--out", str(out)])
    assert written.exit_code == 0, written.output
    credential = json.loads(out.read_text("utf-8"))
    # The name is a salted hash now, not "Đỗ Thị Én" in clear: this file is the public one.
    identity = credential["credentialSubject"]["identifier"][0]
    assert identity["hashed"] is True and "salt" not in identity and "Đỗ Thị Én" not in out.read_text("utf-8")
    with app.app_context():
        salt = credentials.name_salt(signing_key(), record)
    assert identity["identityHash"] == openbadge.name_hash("Đỗ Thị Én", salt)
    printed = runner.invoke(cli, ["records", "credential", record.code])
    assert json.loads(printed.output) == credential  # signed once: the same proof again
    result = runner.invoke(cli, ["records", "verify-credential", str(out)])
    assert result.exit_code == 0, result.output
    with app.app_context():  # the learner's copy, with the salt, verifies the same way
        mine = credentials.learner_credential(session, record, base_url(), signing_key())
    assert mine["credentialSubject"]["identifier"][0]["salt"] == salt
    (tmp_path / "mine.json").write_text(json.dumps(mine, ensure_ascii=False), "utf-8")
    learner = runner.invoke(cli, ["records", "verify-credential", str(tmp_path / "mine.json")])
    assert learner.exit_code == 0 and "OK, the credential verifies" in learner.output, learner.output
    for line in (
        "[ok  ] shape",
        "[ok  ] issuer_key",
        "[ok  ] proof",
        "[ok  ] status",
        "OK, the credential verifies",
    ):
        assert line in result.output


def test_a_tampered_or_revoked_credential_exits_1(app, session, make_user, tmp_path):
    record = issue(session, make_user)
    runner = app.test_cli_runner()
    credential = json.loads(runner.invoke(cli, ["records", "credential", record.code]).output)
    credential["validFrom"] = "2020-01-01T00:00:00Z"
    tampered = tmp_path / "tampered.json"
    tampered.write_text(json.dumps(credential), "utf-8")
    result = runner.invoke(cli, ["records", "verify-credential", str(tampered)])
    assert result.exit_code == 1 and "[FAIL] proof" in result.output and "does NOT verify" in result.output
    record.status = "revoked"
    session.commit()
    good = tmp_path / "good.json"
    good.write_text(runner.invoke(cli, ["records", "credential", record.code]).output, "utf-8")
    result = runner.invoke(cli, ["records", "verify-credential", str(good)])
    assert result.exit_code == 1 and "[FAIL] status" in result.output and "thu hồi" in result.output


def test_a_file_that_is_not_json_or_an_unknown_code_is_refused(app, content, tmp_path):
    runner = app.test_cli_runner()
    junk = tmp_path / "junk.json"
    junk.write_text("not json", "utf-8")
    result = runner.invoke(cli, ["records", "verify-credential", str(junk)])
    assert result.exit_code == 1 and "not JSON" in result.output
    result = runner.invoke(cli, ["records", "credential", "ABCD-EFGH-JKMN-PQRS"])
    assert result.exit_code == 2 and "no record" in result.output
