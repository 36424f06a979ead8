"""Checking a typed national ID number against its structure and the learner's date of birth."""

from __future__ import annotations

from datetime import date

import pytest

from mooc.domain.national_id import NationalIdError, mask, parse_national_id

BORN_1999 = date(1999, 5, 1)


def test_a_valid_number_keeps_its_leading_zeros_and_forgives_spaces_and_dots():
    checked = parse_national_id(" 001.099-012 345 ", BORN_1999)
    assert (checked.number, checked.birth_year, checked.last4) == ("001099012345", 1999, "2345")


def test_full_width_digits_typed_on_some_phones_are_read():
    assert parse_national_id("００１０９９０１２３４５", BORN_1999).number == "001099012345"


@pytest.mark.parametrize("typed", ["00109901234", "0010990123456", "00109901234x", "", "123456789"])
def test_anything_but_twelve_digits_is_refused(typed):
    with pytest.raises(NationalIdError, match="đúng 12 chữ số"):
        parse_national_id(typed, None)


def test_an_unknown_province_code_is_refused():
    with pytest.raises(NationalIdError, match="mã tỉnh"):
        parse_national_id("003099012345", None)  # 003 is not a province code


def test_a_birth_registered_abroad_uses_a_country_code():
    assert parse_national_id("101099012345", BORN_1999).number == "101099012345"
    with pytest.raises(NationalIdError):
        parse_national_id("300099012345", None)


def test_the_century_and_year_digits_must_agree_with_the_date_of_birth():
    assert parse_national_id("031207012345", date(2007, 1, 1)).birth_year == 2007  # 2 = born 2000s
    with pytest.raises(NationalIdError, match="không khớp với năm sinh"):
        parse_national_id("031098012345", BORN_1999)
    with pytest.raises(NationalIdError, match="tương lai"):
        parse_national_id("031299012345", None)


def test_a_number_is_only_ever_shown_by_its_last_four_digits():
    assert mask("2345") == "••••••••2345"
