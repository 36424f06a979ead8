"""The officials' export page: a signed bundle downloaded in the browser, its history, delivery."""

from __future__ import annotations

import io
import zipfile

from sqlalchemy import select

from mooc.exports.bundle import verify_bundle
from mooc.models import AuditEvent, ExportBatch
from mooc.web.keys import signing_key
from tests.integration.helpers import take


def official_signed_in(browser, make_user):
    make_user(role="official", login="canbo@example.test")
    browser.login("canbo@example.test", "mat-khau-dai-1")


def test_an_official_downloads_a_bundle_that_verifies(app, browser, session, make_user):
    learner = make_user(name="Trần Thị Xuất")
    take(session, learner, "kiem-tra-alpha")
    take(session, learner, "kiem-tra-beta")
    official_signed_in(browser, make_user)
    page = browser.get("/official/exports").get_data(as_text=True)
    assert "Gửi hồ sơ cho thành phố" in page and "Chưa có lô nào." in page
    response = browser.post("/official/exports", {"mode": "full", "group": ""}, page="/official/exports")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    assert response.headers["Cache-Control"] == "no-store"
    batch = session.scalar(select(ExportBatch))
    assert f"filename={batch.batch_id}.zip" in response.headers["Content-Disposition"]
    with app.app_context():
        public_key = signing_key().public_key
    assert verify_bundle(response.data, public_key) == []
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    assert "Trần Thị Xuất" in archive.read("records.jsonl").decode()
    assert batch.record_count == 1 and batch.mode == "full"
    audit = session.scalar(select(AuditEvent).where(AuditEvent.action == "export.bundle"))
    assert audit.target == f"batch:{batch.batch_id}" and audit.details["records"] == 1


def test_marking_a_batch_delivered_starts_the_next_delta_after_it(browser, session, make_user):
    learner = make_user(name="Phạm Văn Gửi")
    take(session, learner, "kiem-tra-alpha")
    take(session, learner, "kiem-tra-beta")
    official_signed_in(browser, make_user)
    browser.post("/official/exports", {"mode": "delta", "group": ""}, page="/official/exports")
    first = session.scalar(select(ExportBatch))
    assert first.record_count == 1  # nothing delivered yet: a delta holds everything
    response = browser.post(f"/official/exports/{first.batch_id}/delivered", page="/official/exports")
    assert response.status_code == 302
    session.refresh(first)
    assert first.delivered_at is not None
    browser.post("/official/exports", {"mode": "delta", "group": ""}, page="/official/exports")
    second = session.scalars(select(ExportBatch).order_by(ExportBatch.id.desc())).first()
    assert second.record_count == 0 and second.since is not None
    page = browser.get("/official/exports").get_data(as_text=True)
    assert first.batch_id in page and second.batch_id in page and "Đánh dấu đã nhận" in page


def test_a_bad_mode_shows_the_form_again_and_exports_nothing(browser, session, make_user):
    official_signed_in(browser, make_user)
    response = browser.post("/official/exports", {"mode": "everything"}, page="/official/exports")
    assert response.status_code == 400 and "Vui lòng sửa các ô" in response.get_data(as_text=True)
    assert session.scalar(select(ExportBatch)) is None


def test_learners_and_teachers_cannot_export(browser, make_user):
    make_user(login="0911000111")
    browser.login("0911000111", "mat-khau-dai-1")
    assert browser.get("/official/exports").status_code == 403
    assert browser.post("/official/exports", {"mode": "full"}).status_code == 403
