from datetime import date

import pytest

from mooc.domain.consent import age_on, needs_guardian

TODAY = date(2026, 12, 3)


@pytest.mark.parametrize(
    ("born", "age"), [(date(2010, 12, 3), 16), (date(2010, 12, 4), 15), (date(1960, 2, 29), 66)]
)
def test_age_counts_whole_years_up_to_the_birthday(born, age):
    assert age_on(born, TODAY) == age


@pytest.mark.parametrize(
    ("born", "group", "expected"),
    [
        (date(2010, 12, 4), "nguoi_dan", True),  # 15: a child
        (date(2010, 12, 3), "nguoi_dan", False),  # 16 today
        (date(1990, 1, 1), "hoc_sinh", True),  # a pupil, whatever the typed year
        (None, "hoc_sinh", True),
        (None, "nguoi_lao_dong", False),
    ],
)
def test_children_and_pupils_need_a_guardian(born, group, expected):
    assert needs_guardian(born, group, TODAY) is expected
