"""Plausible ages per target group and grade band (the data lives in framework/framework.yaml)."""

from __future__ import annotations

from datetime import date

import pytest

from mooc.domain.age_rules import AgeMismatch, AgeRange, age_on, ages_in, check_age

TODAY = date(2026, 12, 3)
CB1, ADULTS = AgeRange(5, 11), AgeRange(15)


@pytest.mark.parametrize(
    ("born", "age"),
    [(date(1950, 9, 5), 76), (date(2020, 1, 1), 6), (date(2010, 12, 3), 16), (date(2010, 12, 4), 15)],
)
def test_the_age_counts_whole_years_and_the_birthday_itself(born, age):
    assert age_on(born, TODAY) == age


def test_someone_born_in_1950_is_not_a_pupil_of_grades_1_to_3():
    assert check_age(date(1950, 9, 5), CB1, TODAY) == AgeMismatch(76, CB1)


def test_a_child_born_in_2020_is_not_an_adult():
    assert check_age(date(2020, 1, 1), AgeRange(18), TODAY) == AgeMismatch(6, AgeRange(18))


@pytest.mark.parametrize(
    ("born", "fits"),
    [
        (date(2021, 12, 3), True),  # 5 today: a pupil who starts early
        (date(2021, 12, 4), False),  # 4 until tomorrow
        (date(2015, 12, 4), True),  # 10: started late or repeated a year
        (date(2015, 12, 3), True),  # 11 today: the last year of the range
        (date(2014, 12, 3), False),  # 12
    ],
)
def test_the_range_includes_both_ends(born, fits):
    assert (check_age(born, CB1, TODAY) is None) is fits


def test_an_open_range_has_no_upper_bound_and_no_range_checks_nothing():
    assert check_age(date(1920, 1, 1), ADULTS, TODAY) is None
    assert check_age(date(2012, 1, 1), ADULTS, TODAY) == AgeMismatch(14, ADULTS)
    assert check_age(date(2025, 1, 1), None, TODAY) is None


def test_a_range_is_read_from_the_data_as_min_max_or_min_alone():
    assert AgeRange.of([5, 11]) == AgeRange(5, 11)
    assert AgeRange.of((18,)) == AgeRange(18, None)
    assert AgeRange.of([]) is None and AgeRange.of(None) is None
    with pytest.raises(ValueError):
        AgeRange(12, 5)


FRAMEWORK = {
    "groups": [
        {"code": "can_bo", "ages": [18], "bands": []},
        {
            "code": "hoc_sinh",
            "ages": [],
            "bands": [{"code": "CB1", "ages": [5, 11]}, {"code": "TC1", "ages": [10, 15]}],
        },
        {"code": "khac", "bands": []},
    ]
}


@pytest.mark.parametrize(
    ("group", "band", "expected"),
    [
        ("can_bo", "", AgeRange(18)),
        ("hoc_sinh", "CB1", AgeRange(5, 11)),
        ("hoc_sinh", "TC1", AgeRange(10, 15)),
        ("hoc_sinh", "", None),  # no band chosen yet: the band check speaks first
        ("khac", "", None),
        ("khong-co", "", None),
    ],
)
def test_the_range_of_a_group_or_band_in_the_stored_framework(group, band, expected):
    assert ages_in(FRAMEWORK, group, band) == expected
