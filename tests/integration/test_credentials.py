"""Credentials of real records: signed once and stored, aligned to the framework, no personal data."""

from __future__ import annotations

import json
import re
from datetime import date

from mooc.credentials import keys, openbadge
from mooc.services import credentials
from tests.integration.helpers import take

BASE = "https://hoc.phulien.example"


def issue(session, make_user, name="Trần Thị Mai", login=None):
    user = make_user(name=name, login=login)
    take(session, user, "kiem-tra-alpha")
    return user, take(session, user, "kiem-tra-beta")[1]


def test_a_credential_is_signed_once_and_stored_with_the_record(session, make_user):
    _user, record = issue(session, make_user)
    key = keys.generate()
    first = credentials.credential_for(session, record, BASE, key)
    session.commit()
    session.expire_all()
    assert record.credential_json == first
    again = credentials.credential_for(session, record, BASE, keys.generate())  # another key: still the first
    assert again["proof"] == first["proof"]
    assert credentials.verify_credential(session, again, BASE, key).ok


def test_the_alignments_are_the_competences_of_the_passed_modules(session, make_user):
    _user, record = issue(session, make_user)
    credential = credentials.credential_for(session, record, BASE, keys.generate())
    achievement = credential["credentialSubject"]["achievement"]
    assert [(a["targetCode"], a["targetName"], a["targetFramework"]) for a in achievement["alignment"]] == [
        ("4.1", "Bảo vệ thiết bị", "Khung thử nghiệm"),
        ("4.2", "Bảo vệ dữ liệu cá nhân", "Khung thử nghiệm"),
    ]
    assert achievement["version"] == "test-1" and "Người dân" in achievement["name"]
    assert credential["issuer"]["name"] == "Phường Thử Nghiệm"
    assert credential["credentialStatus"]["statusListIndex"] == str(record.id)
    assert credential["id"] == f"urn:uuid:{record.public_id}"


def test_the_credential_holds_no_id_number_birth_date_phone_or_email(session, make_user):
    user, record = issue(session, make_user, login="0912345678")
    user.email, user.date_of_birth = "mai@example.test", date(1960, 9, 5)
    record.date_of_birth = date(1960, 9, 5)
    session.commit()
    key = keys.generate()
    text = json.dumps(credentials.credential_for(session, record, BASE, key), ensure_ascii=False)
    for personal in ("0912345678", "912345678", "mai@example.test", "1960", "05/09", "09-05"):
        assert personal not in text
    assert not re.search(r"(?<![\w-])\d{9,12}(?![\w-])", text)  # no phone or ID number, hashed or not
    assert not re.search(r"nationalIdentityNumber|dateOfBirth|emailAddress|phone", text)
    # The one hash is the name's (salted, hashed=true, since the name went out of the public file).
    hashes = re.findall(r"sha256\$[0-9a-f]{64}", text)
    assert hashes == [openbadge.name_hash("Trần Thị Mai", credentials.name_salt(key, record))]
    assert text.count("sha256$") == 1 and "Trần Thị Mai" not in text


def test_the_learner_has_one_pseudonym_across_credentials_and_it_reveals_nothing(session, make_user):
    key = keys.generate()
    user, record = issue(session, make_user)
    subject = credentials.credential_for(session, record, BASE, key)["credentialSubject"]
    pseudonym = subject["identifier"][1]["identityHash"]
    assert pseudonym == credentials.subject_id(key, user.id) and pseudonym.startswith("urn:uuid:")
    assert credentials.subject_id(key, user.id + 1) != pseudonym
    assert credentials.subject_id(keys.generate(), user.id) != pseudonym


def test_the_status_list_sets_the_bits_of_revoked_and_superseded_records(session, make_user):
    from mooc.credentials import status_list

    _u1, revoked = issue(session, make_user, "Lê Văn Một")
    _u2, superseded = issue(session, make_user, "Lê Văn Hai")
    _u3, valid = issue(session, make_user, "Lê Văn Ba")
    revoked.status, superseded.status = "revoked", "superseded"
    session.commit()
    key = keys.generate()
    listed = credentials.status_list_credential(session, BASE, key)
    bits = status_list.decode(listed["credentialSubject"]["encodedList"])
    assert status_list.is_set(bits, revoked.id) and status_list.is_set(bits, superseded.id)
    assert not status_list.is_set(bits, valid.id)
    credential = credentials.credential_for(session, revoked, BASE, key)
    result = credentials.verify_credential(session, credential, BASE, key)
    assert result.revoked and not result.ok
    assert credentials.verify_credential(
        session, credentials.credential_for(session, valid, BASE, key), BASE, key
    ).ok
