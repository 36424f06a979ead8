"""Checking a stored ID number against the card, a date of birth that must agree with it,
and withdrawing consent only after a confirmation."""

from __future__ import annotations

import logging
import re
from datetime import date

from sqlalchemy import select

from mooc.models import AuditEvent, PersonIdentity, User
from tests.web.test_personal_data import NUMBER, give, learner_with_record

OTHER = "001099012346"  # same province, century and year; one random digit differs


def official_sees_learner(browser, session, make_user):
    """A learner who gave NUMBER, and an official signed in on the learner search."""
    user, record = learner_with_record(session, make_user)
    make_user(role="official", login="canbo@example.test")
    browser.login("0911222333", "mat-khau-dai-1")
    assert give(browser).status_code == 302
    browser.logout()
    browser.login("canbo@example.test", "mat-khau-dai-1")
    return user, record


def check(browser, user, number):
    page = "/official/learners?q=Hoàng"
    data = {"next": page} if number is None else {"next": page, "number": number}
    response = browser.post(f"/official/learners/{user.id}/identity-checked", data, page=page)
    assert response.status_code == 302 and response.headers["Location"].startswith("/official/learners")
    return browser.get(response.headers["Location"]).get_data(as_text=True)


def assurance(session, user) -> str:
    session.expire_all()
    return session.get(PersonIdentity, user.id).assurance


def test_the_official_types_the_number_from_the_card_in_a_field_that_is_not_remembered(
    browser, session, make_user
):
    official_sees_learner(browser, session, make_user)
    page = browser.get("/official/learners?q=Hoàng").get_data(as_text=True)
    tag = re.search(r'<input[^>]*name="number"[^>]*>', page).group(0)
    assert 'autocomplete="off"' in tag and 'inputmode="numeric"' in tag
    assert 'type="password"' in tag and re.search(r'value="[^"]', tag) is None


def test_a_matching_number_marks_it_checked_and_the_audit_holds_no_number(
    browser, session, make_user, caplog
):
    caplog.set_level(logging.DEBUG)
    user, record = official_sees_learner(browser, session, make_user)
    page = check(browser, user, "001 099 012 345")
    assert assurance(session, user) == "officer_checked"
    assert "Đã ghi nhận: số định danh khớp với thẻ căn cước." in page and NUMBER not in page
    event = session.scalars(select(AuditEvent).where(AuditEvent.action == "identity.check")).one()
    official = session.scalar(select(User.id).where(User.email == "canbo@example.test"))
    assert (event.actor_id, event.target) == (official, f"user:{user.id}")
    assert NUMBER not in str(event.details) and "012345" not in str(event.details)
    detail = browser.get(f"/official/records/{record.id}").get_data(as_text=True)
    assert "đã đối chiếu với thẻ" in detail and NUMBER not in detail
    assert [r.getMessage() for r in caplog.records if "012345" in r.getMessage()] == []


def test_a_different_number_changes_nothing_and_says_so_without_echoing_it(
    browser, session, make_user, caplog
):
    caplog.set_level(logging.DEBUG)
    user, _ = official_sees_learner(browser, session, make_user)
    page = check(browser, user, OTHER)
    assert assurance(session, user) == "self_declared"
    assert "Số trên thẻ không khớp với số người học đã khai" in page
    assert OTHER not in page and NUMBER not in page
    assert session.scalars(select(AuditEvent).where(AuditEvent.action == "identity.check")).all() == []
    assert [r.getMessage() for r in caplog.records if "01234" in r.getMessage()] == []


def test_the_button_alone_no_longer_marks_it_checked(browser, session, make_user):
    user, _ = official_sees_learner(browser, session, make_user)
    page = check(browser, user, None)
    assert assurance(session, user) == "self_declared"
    assert "12 chữ số" in page
    check(browser, user, "abc")
    assert assurance(session, user) == "self_declared"


def profile_form(**changes):
    data = {
        "full_name": "Hoàng Thị Định",
        "date_of_birth": "04/03/1999",
        "phone": "0911222333",
        "email": "",
        "target_group_code": "nguoi_dan",
        "residential_group": "Tổ 1",
        "band_code": "",
    }
    data.update(changes)
    return data


def test_a_new_date_of_birth_must_agree_with_the_stored_number(browser, session, make_user):
    user, _ = learner_with_record(session, make_user)
    browser.login("0911222333", "mat-khau-dai-1")
    give(browser)
    response = browser.post("/profile", profile_form(date_of_birth="04/03/1989"), page="/profile")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and 'id="date_of_birth-error"' in page
    error = page.split('id="date_of_birth-error">', 1)[1].split("</p>", 1)[0]
    assert "không khớp với số định danh" in error and "/certification" in error
    session.expire_all()
    assert session.get(User, user.id).date_of_birth == date(1999, 3, 4)
    assert session.get(PersonIdentity, user.id) is not None and NUMBER not in page


def test_a_date_of_birth_that_agrees_is_saved_and_the_checked_status_stays(browser, session, make_user):
    user, _ = learner_with_record(session, make_user)
    browser.login("0911222333", "mat-khau-dai-1")
    give(browser)
    person = session.get(PersonIdentity, user.id)
    person.assurance = "officer_checked"
    session.commit()
    response = browser.post("/profile", profile_form(date_of_birth="15/11/1999"), page="/profile")
    assert response.status_code == 302
    session.expire_all()
    assert session.get(User, user.id).date_of_birth == date(1999, 11, 15)
    assert session.get(PersonIdentity, user.id).assurance == "officer_checked"


def test_withdrawing_asks_first_and_says_what_goes_and_what_stays(browser, session, make_user):
    user, _ = learner_with_record(session, make_user)
    browser.login("0911222333", "mat-khau-dai-1")
    give(browser)
    first = browser.post("/certification/withdraw", page="/certification")
    page = first.get_data(as_text=True)
    assert first.status_code == 200
    session.expire_all()
    assert session.get(PersonIdentity, user.id) is not None  # nothing happened yet
    assert "2345" in page and NUMBER not in page
    assert "Sẽ bị xóa" in page and "đối chiếu với thẻ căn cước" in page
    assert "Vẫn được giữ" in page and "hồ sơ hoàn thành" in page
    assert 'name="confirm" value="yes"' in page
    confirmed = browser.post("/certification/withdraw", {"confirm": "yes"}, page="/certification")
    assert confirmed.status_code == 302
    session.expire_all()
    assert session.get(PersonIdentity, user.id) is None
