"""The date of birth must fit the group or the pupils' grade band (ranges from the framework file)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from mooc import timefmt
from mooc.models import User
from mooc.services import accounts
from mooc.services.accounts import AccountError, Profile

TODAY = date(2026, 12, 3)


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr(accounts, "today_local", lambda: TODAY)
    return TODAY


def error_of(page: str, field: str) -> str:
    match = re.search(rf'<p class="error" id="{field}-error">(.*?)</p>', page, re.S)
    return match.group(1).strip() if match else ""


def box_value(page: str, field: str) -> str:
    return re.search(rf'<input[^>]*id="{field}"[^>]*value="([^"]*)"', page).group(1)


def test_someone_born_in_1950_cannot_register_as_a_pupil_of_grades_1_to_3(
    browser, session, pupil_content, today
):
    response = browser.register(date_of_birth="05/09/1950", target_group_code="hoc_sinh", band_code="CB1")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert error_of(page, "date_of_birth") == (
        "Theo ngày sinh, bạn 76 tuổi: nhóm Học sinh khối lớp 1–3 dành cho các em 5–11 tuổi. "
        "Hãy kiểm tra ngày sinh hoặc chọn nhóm khác."
    )
    assert box_value(page, "date_of_birth") == "05/09/1950"  # what was typed stays in the box
    assert 'aria-invalid="true"' in re.search(r'<input[^>]*id="date_of_birth"[^>]*>', page).group(0)
    assert session.scalar(select(User)) is None


def test_a_child_born_in_2020_cannot_register_as_a_public_servant(browser, session, pupil_content, today):
    page = browser.register(date_of_birth="01/01/2020", target_group_code="can_bo").get_data(as_text=True)
    assert error_of(page, "date_of_birth") == (
        "Theo ngày sinh, bạn 6 tuổi: nhóm Cán bộ dành cho người từ 18 tuổi trở lên. "
        "Hãy kiểm tra ngày sinh hoặc chọn nhóm khác."
    )
    assert session.scalar(select(User)) is None


def test_the_age_error_is_shown_with_the_other_mistakes_at_once(browser, pupil_content, today):
    response = browser.register(date_of_birth="01/01/2020", target_group_code="nguoi_dan", phone="0911")
    page = response.get_data(as_text=True)
    assert error_of(page, "date_of_birth") == (
        "Theo ngày sinh, bạn 6 tuổi: nhóm Người dân dành cho người từ 15 tuổi trở lên. "
        "Hãy kiểm tra ngày sinh hoặc chọn nhóm khác."
    )
    assert error_of(page, "phone") == "Số điện thoại gồm 10 chữ số, bắt đầu bằng 0."


@pytest.mark.parametrize(
    ("born", "band"),
    [("03/12/2021", "CB1"), ("03/12/2015", "CB1"), ("10/10/2013", "TC1"), ("04/12/2011", "TC1")],
    ids=["5-today", "11-today", "13", "14"],
)
def test_a_pupil_of_a_plausible_age_registers(browser, session, pupil_content, today, born, band):
    response = browser.register(date_of_birth=born, target_group_code="hoc_sinh", band_code=band)
    assert response.status_code == 302, error_of(response.get_data(as_text=True), "date_of_birth")
    assert session.scalar(select(User.band_code)) == band


def test_a_profile_edit_to_a_group_the_age_does_not_fit_is_refused(browser, session, pupil_content, today):
    assert browser.register(date_of_birth="05/09/1950").status_code == 302
    form = {
        "full_name": "Nguyễn Thị Thử",
        "date_of_birth": "05/09/1950",
        "phone": "0912345678",
        "target_group_code": "hoc_sinh",
        "band_code": "TC1",
        "residential_group": "Tổ 1",
    }
    response = browser.post("/profile", form, page="/profile")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert error_of(page, "date_of_birth") == (
        "Theo ngày sinh, bạn 76 tuổi: nhóm Học sinh khối lớp 6–7 dành cho các em 10–15 tuổi. "
        "Hãy kiểm tra ngày sinh hoặc chọn nhóm khác."
    )
    assert box_value(page, "date_of_birth") == "05/09/1950"
    assert re.search(r"<option selected value=\"TC1\">", page)  # the choice stays too
    session.expire_all()
    assert session.scalar(select(User.target_group_code)) == "nguoi_dan"
    fixed = browser.post("/profile", {**form, "date_of_birth": "20/05/2013"}, page="/profile")
    assert fixed.status_code == 302
    session.expire_all()
    assert session.scalar(select(User.date_of_birth)) == date(2013, 5, 20)


def test_a_pupil_must_give_a_date_of_birth(session, pupil_content):
    profile = Profile("Lê Văn Bé", None, None, "0911000001", "hoc_sinh", "Tổ 1", "CB1")
    with pytest.raises(AccountError) as refused:
        accounts.register(session, profile, "mat-khau-dai-1")
    assert (refused.value.field, refused.value.message) == ("date_of_birth", "Học sinh cần nhập ngày sinh.")


class _VietnamJustPastMidnight(datetime):
    """4 September 17:30 UTC: already 5 September, 00:30, in Vietnam."""

    @classmethod
    def now(cls, tz=None):
        return datetime(2026, 9, 4, 17, 30, tzinfo=UTC).astimezone(tz)


def test_the_age_is_counted_on_the_date_in_vietnam(browser, session, pupil_content, monkeypatch):
    monkeypatch.setattr(timefmt, "datetime", _VietnamJustPastMidnight)
    assert timefmt.today_local() == date(2026, 9, 5)
    # 15 today in Hà Nội (still 14 by the UTC date): old enough for the residents' group.
    assert browser.register(date_of_birth="05/09/2011").status_code == 302
    assert session.scalar(select(User.date_of_birth)) == date(2011, 9, 5)
