"""The four groups on the shipped framework: each its own path; pupils by grade band."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from mooc.models import Quiz
from mooc.services import accounts, catalog, progress, records
from mooc.services.accounts import AccountError, Profile
from mooc.timefmt import today_local
from tests.conftest import PROJECT, import_tree
from tests.integration.helpers import take

pytestmark = pytest.mark.slow


@pytest.fixture
def shipped(session):
    return import_tree(session, PROJECT)


AGE_IN_BAND = {"CB1": 8, "CB2": 10, "TC1": 12, "TC2": 14, "NC1": 16}  # pupils give a fitting date of birth


def learner(session, group: str, band: str = "", login: str = "0911000001"):
    born = date(today_local().year - AGE_IN_BAND.get(band, 40), 1, 1)
    user = accounts.register(
        session, Profile("Hà Thị Mẫu", born, None, login, group, None, band), "mat-khau-dai-1"
    )
    session.commit()
    return user


@pytest.mark.parametrize(
    ("group", "band", "first_module"),
    [
        ("nguoi_dan", "", "dien-thoai-va-internet"),
        ("can_bo", "", "cb-ai-trong-cong-viec"),
        ("nguoi_lao_dong", "", "ld-dien-thoai-may-tinh-cong-viec"),
        ("hoc_sinh", "CB1", "hs-nhi-an-toan-tu-te"),
        ("hoc_sinh", "TC1", "hs-an-toan-tu-te-tren-mang"),
    ],
)
def test_each_group_and_band_has_its_own_path(session, shipped, group, band, first_module):
    path = progress.learner_path(session, learner(session, group, band))
    assert path.modules and path.modules[0].course.slug == first_module
    assert all(m.course.slug.startswith(("hs-",)) == (group == "hoc_sinh") for m in path.modules)


def test_the_adult_groups_share_the_same_core_modules(session, shipped):
    for group in ("nguoi_dan", "can_bo", "nguoi_lao_dong"):
        slugs = [c.slug for c in catalog.requirement(session, group).courses]
        assert {"vneid-danh-tinh-so", "lua-dao-va-du-lieu-ca-nhan"} <= set(slugs)


def test_a_pupil_must_choose_a_grade_band_and_others_must_not(session, shipped):
    with pytest.raises(AccountError) as error:
        learner(session, "hoc_sinh", "")
    assert error.value.field == "band_code"
    with pytest.raises(AccountError):
        learner(session, "nguoi_dan", "TC1", login="0911000002")


def test_a_pupil_who_passes_every_module_of_the_band_gets_a_record_naming_it(session, shipped):
    pupil = learner(session, "hoc_sinh", "CB1")
    record = None
    for slug in ("hs-nhi-an-toan-tu-te", "hs-nhi-man-hinh-vua-du"):
        quiz = session.scalar(select(Quiz).join(Quiz.course).where(Quiz.course.has(slug=slug)))
        _outcome, record = take(session, pupil, quiz.slug)
    assert record is not None
    assert (record.group_code, record.band_code, record.group_name) == (
        "hoc_sinh",
        "CB1",
        "Học sinh · Lớp 1–3",
    )
    assert records.current_record(session, pupil).id == record.id
