"""Open Badges 3.0 on the web: the credential, the issuer's key, the status list, the verify page."""

from __future__ import annotations

import hashlib
import io
import json
import unicodedata

import pytest

from mooc.credentials import keys, status_list
from mooc.models import CompletionRecord
from mooc.services import credentials
from mooc.web.keys import signing_key
from tests.integration.helpers import take

SITE = "http://mooc.test"


def issue(session, make_user, name="Nguyễn Văn An", login=None):
    user = make_user(name=name, login=login)
    take(session, user, "kiem-tra-alpha")
    return take(session, user, "kiem-tra-beta")[1]


def site_key(app):
    with app.app_context():
        return signing_key()


def test_a_record_serves_its_signed_credential_signed_once(app, client, session, make_user):
    record = issue(session, make_user)
    response = client.get(f"/v/{record.code}.json")
    assert response.status_code == 200 and response.mimetype == "application/ld+json"
    assert response.headers["X-Robots-Tag"] == "noindex"
    credential = response.get_json(force=True)
    assert credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert credential["issuer"]["id"] == f"{SITE}/issuer"
    assert credential["proof"]["verificationMethod"] == f"{SITE}/issuer#{site_key(app).multibase}"
    session.expire_all()
    assert session.get(CompletionRecord, record.id).credential_json == credential
    again = client.get(f"/v/{record.code.lower()}.json").get_json(force=True)
    assert again["proof"]["proofValue"] == credential["proof"]["proofValue"]


def test_an_unknown_or_malformed_code_has_no_credential(client, content):
    assert client.get("/v/ABCD-EFGH-JKMN-PQRS.json").status_code == 404
    assert client.get("/v/nonsense.json").status_code == 404


def test_a_revoked_record_still_serves_its_credential_and_the_list_says_revoked(
    app, client, session, make_user
):
    record = issue(session, make_user)
    record.status = "revoked"
    session.commit()
    assert client.get(f"/v/{record.code}.json").status_code == 200
    listed = client.get("/status/1").get_json(force=True)
    assert status_list.is_set(status_list.decode(listed["credentialSubject"]["encodedList"]), record.id)


def test_the_public_key_is_published_as_a_jwk_set(app, client, content):
    response = client.get("/.well-known/jwks.json")
    key = site_key(app)
    assert response.status_code == 200 and response.get_json() == {"keys": [key.jwk()]}
    assert "d" not in response.get_json()["keys"][0] and "public" in response.headers["Cache-Control"]


def test_the_issuer_profile_lists_its_multikey_under_assertion_method(app, client, content):
    profile = client.get("/issuer").get_json(force=True)
    key = site_key(app)
    assert profile["id"] == f"{SITE}/issuer" and "Profile" in profile["type"]
    assert profile["name"] == "Phường Thử Nghiệm"
    assert profile["assertionMethod"] == [
        {
            "id": f"{SITE}/issuer#{key.multibase}",
            "type": "Multikey",
            "controller": f"{SITE}/issuer",
            "publicKeyMultibase": key.multibase,
        }
    ]


def test_the_status_list_is_a_signed_short_lived_credential(app, client, content):
    response = client.get("/status/1")
    listed = response.get_json(force=True)
    assert response.status_code == 200 and response.headers["Cache-Control"] == "public, max-age=300"
    assert listed["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    assert listed["proof"]["cryptosuite"] == "eddsa-rdfc-2022"
    assert client.get("/status/2").status_code == 404


def verify(browser, body: bytes | str, as_file: bool = True):
    page = "/credentials/verify"
    if as_file:
        data = {"file": (io.BytesIO(body if isinstance(body, bytes) else body.encode()), "chung-nhan.json")}
    else:
        data = {"text": body}
    return browser.post(page, data, page=page, content_type="multipart/form-data")


def test_the_verify_page_passes_a_valid_credential_check_by_check(browser, client, session, make_user):
    record = issue(session, make_user)
    body = client.get(f"/v/{record.code}.json").get_data()
    response = verify(browser, body)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Chứng nhận số hợp lệ" in page
    for label in ("Cấu trúc Open Badges 3.0", "Khóa của đơn vị cấp", "Chữ ký số", "Tình trạng thu hồi"):
        assert label in page
    # The credential no longer holds the name in clear (only a salted hash), so the page cannot
    # show even the masked "N. V. An" it showed before; it says the name is kept private.
    assert "Không đạt" not in page and "Nguyễn Văn An" not in page and "N. V. An" not in page
    assert "Họ tên được giữ kín (mã băm SHA-256 có salt)" in page
    pasted = verify(browser, body.decode(), as_file=False).get_data(as_text=True)
    assert "Chứng nhận số hợp lệ" in pasted


def test_the_verify_page_catches_a_tampered_credential(browser, client, session, make_user):
    record = issue(session, make_user)
    credential = client.get(f"/v/{record.code}.json").get_json(force=True)
    credential["credentialSubject"]["identifier"][0]["identityHash"] = "sha256$" + "0" * 64
    page = verify(browser, json.dumps(credential, ensure_ascii=False)).get_data(as_text=True)
    assert "Chứng nhận số không hợp lệ" in page and "Chữ ký không khớp với nội dung" in page


def test_the_verify_page_says_a_revoked_credential_is_revoked(browser, client, session, make_user):
    record = issue(session, make_user)
    body = client.get(f"/v/{record.code}.json").get_data()
    record.status = "revoked"
    session.commit()
    page = verify(browser, body).get_data(as_text=True)
    assert "Chứng nhận số này đã bị thu hồi" in page and "Đơn vị cấp đã thu hồi chứng nhận này" in page


def test_the_verify_page_refuses_what_is_not_json_or_too_big(browser, content):
    response = verify(browser, "đây không phải JSON")
    assert response.status_code == 400 and "Nội dung không phải JSON" in response.get_data(as_text=True)
    response = verify(browser, b"{" + b" " * (70 * 1024) + b"}")
    assert response.status_code == 413 and "Tệp quá lớn" in response.get_data(as_text=True)
    response = verify(browser, "", as_file=False)
    assert response.status_code == 400


def test_the_verify_page_needs_its_csrf_token(client, content):
    assert client.post("/credentials/verify", data={"text": "{}"}).status_code == 400


def test_the_verify_page_does_not_keep_or_echo_what_was_pasted(browser, content):
    secret = '{"note": "0912345678 nguyen@example.test"}'
    page = verify(browser, secret, as_file=False).get_data(as_text=True)
    assert "0912345678" not in page and "nguyen@example.test" not in page
    assert "Chứng nhận số không hợp lệ" in page and "note" in page  # the unknown property is named


def test_the_certificate_and_verification_pages_link_to_the_credential(browser, session, make_user):
    record = issue(session, make_user, login="0900000123")
    verification = browser.get(f"/v/{record.code}").get_data(as_text=True)
    assert (
        f'href="/v/{record.code}.json"' in verification
        and "Tải chứng nhận số (Open Badges 3.0)" in verification
    )
    browser.login("0900000123", "mat-khau-dai-1")
    certificate = browser.get("/certificate").get_data(as_text=True)
    assert (  # the learner's own copy, with the salt of the name's hash (was the public file)
        f'href="/certificate/{record.code}.json"' in certificate
        and "Tải chứng nhận số (Open Badges 3.0)" in certificate
    )


def test_the_competence_page_has_an_anchor_for_each_alignment_target(client, content):
    page = client.get("/competences").get_data(as_text=True)
    assert 'id="4.1"' in page and "Bảo vệ dữ liệu cá nhân" in page


def test_another_sites_credential_fails_on_its_key(browser, app, client, session, make_user):
    record = issue(session, make_user)
    credential = client.get(f"/v/{record.code}.json").get_json(force=True)
    from mooc.credentials import openbadge

    forged = openbadge.sign({k: v for k, v in credential.items() if k != "proof"}, keys.generate())
    page = verify(browser, json.dumps(forged)).get_data(as_text=True)
    assert "Chứng nhận số không hợp lệ" in page and "khóa mà trang này không biết" in page


def test_production_refuses_to_start_without_the_wards_signing_key(database, tmp_path, monkeypatch):
    from mooc import create_app
    from mooc.credentials.keys import SigningKeyError

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("MOOC_SIGNING_KEY", raising=False)
    settings = {"TESTING": True, "DATABASE_URL": database.url, "MOOC_ENV": "production"}
    with pytest.raises(SigningKeyError, match="MOOC_SIGNING_KEY"):
        create_app(settings)
    monkeypatch.setenv("MOOC_SIGNING_KEY", keys.generate().pem().decode())
    assert create_app(settings).config["MOOC_ENV"] == "production"
    assert not (tmp_path / "instance" / "signing_key.pem").exists()


# The public file once carried the name in clear ("identityType": "name", "hashed": false), although
# /v/<code> and /privacy show it masked. Now: a salted SHA-256 (Open Badges IdentityObject), and the
# salt only in the learner's own, signed-in download.
CHILD = "Nguyễn Thị Hòa"


def salted(name: str, salt: str) -> str:
    return "sha256$" + hashlib.sha256((unicodedata.normalize("NFC", name) + salt).encode()).hexdigest()


def test_the_public_credential_carries_no_full_name_only_its_salted_hash(app, client, session, make_user):
    record = issue(session, make_user, name=CHILD)
    assert record.full_name == CHILD
    response = client.get(f"/v/{record.code}.json")
    body = response.get_data(as_text=True)
    assert CHILD not in body and unicodedata.normalize("NFD", CHILD) not in body
    assert "Nguy\\u1ec5n" not in body and "salt" not in body  # no escaped name, no salt either
    identity = json.loads(body)["credentialSubject"]["identifier"][0]
    with app.app_context():
        salt = credentials.name_salt(signing_key(), record)
    assert len(salt) == 32 and int(salt, 16) >= 0  # 128 bits from the ward's secret: not guessable
    assert identity == {
        "type": "IdentityObject",
        "identityType": "name",
        "hashed": True,
        "identityHash": salted(CHILD, salt),
    }


def test_the_learner_downloads_a_credential_with_the_salt_and_it_verifies(browser, session, make_user):
    record = issue(session, make_user, name=CHILD, login="0900000124")
    assert browser.get(f"/certificate/{record.code}.json").status_code == 302  # not signed in
    browser.login("0900000124", "mat-khau-dai-1")
    response = browser.get(f"/certificate/{record.code.lower()}.json")
    assert response.status_code == 200 and response.mimetype == "application/ld+json"
    assert response.headers["Cache-Control"] == "private, no-store"
    assert "attachment" in response.headers["Content-Disposition"]
    credential = response.get_json(force=True)
    identity = credential["credentialSubject"]["identifier"][0]
    assert identity["hashed"] is True and identity["identityHash"] == salted(CHILD, identity["salt"])
    assert CHILD not in response.get_data(as_text=True)
    public = browser.get(f"/v/{record.code}.json").get_json(force=True)
    assert public["credentialSubject"]["identifier"][0]["identityHash"] == identity["identityHash"]
    page = verify(browser, response.get_data()).get_data(as_text=True)
    assert "Chứng nhận số hợp lệ" in page and "Không đạt" not in page and CHILD not in page
    identity["salt"] = identity["salt"][:-1] + ("0" if identity["salt"][-1] != "0" else "1")
    page = verify(browser, json.dumps(credential, ensure_ascii=False)).get_data(as_text=True)
    assert "Chứng nhận số không hợp lệ" in page and "Chữ ký không khớp với nội dung" in page


def test_only_the_learner_named_gets_the_download_with_the_salt(browser, session, make_user):
    record = issue(session, make_user, name=CHILD)
    make_user(name="Người Khác", login="0900000125")
    browser.login("0900000125", "mat-khau-dai-1")
    assert browser.get(f"/certificate/{record.code}.json").status_code == 404
    assert browser.get("/certificate/ABCD-EFGH-JKMN-PQRS.json").status_code == 404


def test_a_stored_credential_with_the_name_in_clear_is_signed_again_without_it(
    app, client, session, make_user
):
    record = issue(session, make_user, name=CHILD)
    old = client.get(f"/v/{record.code}.json").get_json(force=True)
    old["credentialSubject"]["identifier"][0].update(hashed=False, identityHash=CHILD)
    record.credential_json = old  # as credentials signed before the fix were stored
    session.commit()
    body = client.get(f"/v/{record.code}.json").get_data(as_text=True)
    assert CHILD not in body and json.loads(body)["credentialSubject"]["identifier"][0]["hashed"] is True
    session.expire_all()
    stored = session.get(CompletionRecord, record.id).credential_json
    assert CHILD not in json.dumps(stored, ensure_ascii=False)
