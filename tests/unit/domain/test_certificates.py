"""Completion record codes and the masking of personal data on public pages."""

from __future__ import annotations

import re

import pytest

from mooc.domain.certificates import (
    is_valid_certificate_code,
    mask_name,
    mask_national_id,
    new_certificate_code,
    normalize_certificate_code,
)

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford's base32
CODE_SHAPE = re.compile(r"^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$")


@pytest.fixture(scope="module")
def codes() -> list[str]:
    return [new_certificate_code() for _ in range(2000)]


def test_new_codes_are_well_formed_and_valid(codes):
    assert all(CODE_SHAPE.match(code) for code in codes)
    assert all(is_valid_certificate_code(code) for code in codes)


def test_new_codes_are_unique_over_many_draws(codes):
    assert len(set(codes)) == len(codes)


def with_character(code: str, position: int, character: str) -> str:
    raw = code.replace("-", "")
    raw = raw[:position] + character + raw[position + 1 :]
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


@pytest.mark.parametrize("position", range(16))
def test_a_one_character_typo_is_detected_at_every_position(codes, position):
    undetected = [
        typo
        for code in codes[:20]
        for character in ALPHABET
        if character != code.replace("-", "")[position]
        and is_valid_certificate_code(typo := with_character(code, position, character))
    ]
    assert undetected == []


def test_a_code_without_dashes_is_not_valid_until_normalized(codes):
    assert is_valid_certificate_code(codes[0].replace("-", "")) is False
    assert is_valid_certificate_code(normalize_certificate_code(codes[0].replace("-", ""))) is True


def test_letters_outside_the_alphabet_are_not_valid():
    assert is_valid_certificate_code("ABCD-EFGH-JKMN-PQRU") is False


def test_normalize_accepts_lower_case_without_dashes():
    assert normalize_certificate_code("abcdefghjkmnpqrs") == "ABCD-EFGH-JKMN-PQRS"


def test_normalize_accepts_spaces_and_dashes_anywhere():
    assert normalize_certificate_code(" ab cd-efgh  jkmn -pqrs ") == "ABCD-EFGH-JKMN-PQRS"


def test_normalize_reads_o_as_zero_and_i_l_as_one():
    assert normalize_certificate_code("oOiI-lL00-1111-2222") == "0011-1100-1111-2222"


def test_normalize_leaves_a_code_of_the_wrong_length_undashed():
    assert normalize_certificate_code("ab-cd") == "ABCD"


def test_mask_name_keeps_initials_and_the_given_name():
    assert mask_name("Nguyễn Văn An") == "N. V. An"


def test_mask_name_cleans_spacing_first():
    assert mask_name("  Lê   Thị  Hồng ") == "L. T. Hồng"


def test_mask_name_of_a_single_word_is_its_initial():
    assert mask_name("Hoa") == "H."


def test_mask_national_id_shows_only_the_last_four_digits():
    masked = mask_national_id("001099012345")
    assert masked == "••••••••2345"
    assert "0010990" not in masked
