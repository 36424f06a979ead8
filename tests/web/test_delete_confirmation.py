"""Deleting an account from /admin/requests asks first, naming the account and what goes and stays."""

from __future__ import annotations

from sqlalchemy import select

from mooc.models import DataRequest, User
from mooc.services import privacy
from tests.web.test_personal_data import learner_with_record


def deletion_request(session, make_user):
    user, record = learner_with_record(session, make_user)
    privacy.file_request(session, user, "deletion", "Xin xóa tài khoản")
    session.commit()
    make_user(role="admin", login="quantri@example.test")
    return user, record, session.scalar(select(DataRequest.id))


def test_the_first_press_only_asks_and_names_the_account(browser, session, make_user):
    user, _record, request_id = deletion_request(session, make_user)
    browser.login("quantri@example.test", "mat-khau-dai-1")
    response = browser.post(
        f"/admin/requests/{request_id}", {"action": "delete", "answer": "Đã xóa."}, page="/admin/requests"
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Xóa tài khoản của Hoàng Thị Định?" in page and "0911222333" in page
    assert "Sẽ bị xóa" in page and "Vẫn được giữ" in page and "giấy chứng nhận" in page
    assert 'name="confirm" value="yes"' in page and 'name="answer" value="Đã xóa."' in page
    session.expire_all()
    assert session.get(User, user.id).full_name == "Hoàng Thị Định"
    assert session.get(DataRequest, request_id).status == "open"


def test_confirming_deletes_and_keeps_the_record(browser, session, make_user):
    user, record, request_id = deletion_request(session, make_user)
    browser.login("quantri@example.test", "mat-khau-dai-1")
    response = browser.post(
        f"/admin/requests/{request_id}", {"action": "delete", "confirm": "yes"}, page="/admin/requests"
    )
    assert response.status_code == 302 and response.headers["Location"] == "/admin/requests"
    session.expire_all()
    assert session.get(User, user.id).full_name == "(đã xóa)"
    assert session.get(DataRequest, request_id).status == "done"
    assert browser.get(f"/v/{record.code}").status_code == 200
