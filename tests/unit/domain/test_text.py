"""Vietnamese text rules: normal form, tone-free matching, dictionary order, slugs."""

from __future__ import annotations

import unicodedata

import pytest

from mooc.domain.text import clean, fold, match_key, nfc, person_sort_key, slugify, vietnamese_sort_key


def nfd(value: str) -> str:
    return unicodedata.normalize("NFD", value)


def test_nfc_composes_decomposed_letters():
    decomposed = nfd("Nguyễn")
    assert len(decomposed) == 8
    assert nfc(decomposed) == "Nguyễn"
    assert len(nfc(decomposed)) == 6


def test_clean_composes_trims_and_collapses_runs_of_spaces():
    assert clean(nfd("  Hà \t Nội\n  ")) == "Hà Nội"


def test_clean_of_none_is_empty_text():
    assert clean(None) == ""


def test_fold_turns_d_with_stroke_into_d_and_drops_marks():
    assert fold("Đường Trần Hưng Đạo") == "duong tran hung dao"


def test_fold_is_case_folded_and_form_independent():
    assert fold(nfd("ĐẶNG THỊ ÁNH")) == "dang thi anh"


def test_match_key_accepts_decomposed_spaced_lower_case_answer():
    assert match_key(nfd("  hà  nội ")) == match_key("Hà Nội")


def test_match_key_accepts_capitals():
    assert match_key("HÀ NỘI") == match_key("Hà Nội") == "hà nội"


def test_match_key_keeps_tones_by_default():
    assert match_key("Ha Noi") != match_key("Hà Nội")


def test_match_key_ignoring_tones_accepts_an_answer_typed_without_marks():
    assert match_key("Ha Noi", ignore_tones=True) == match_key("Hà Nội", ignore_tones=True) == "ha noi"


def test_match_key_ignoring_tones_drops_d_with_stroke():
    assert match_key("10 triệu đồng", ignore_tones=True) == match_key("10 TRIEU DONG", ignore_tones=True)


@pytest.mark.parametrize(
    "letters",
    [["a", "ă", "â", "b"], ["d", "đ", "e"], ["o", "ô", "ơ", "p"], ["u", "ư", "v"]],
    ids=["a-breve-circumflex", "d-stroke", "o-circumflex-horn", "u-horn"],
)
def test_letters_with_hats_and_horns_follow_their_base_letter(letters):
    assert sorted(reversed(letters), key=vietnamese_sort_key) == letters


def test_a_tone_only_breaks_ties():
    words = ["ma", "mà", "mả", "mã", "má", "mạ", "mai"]
    assert sorted(reversed(words), key=vietnamese_sort_key) == words


def test_sort_key_ignores_case_and_unicode_form():
    assert vietnamese_sort_key(nfd("Ấn")) == vietnamese_sort_key("ấn")


def test_sorting_given_names_gives_dictionary_order():
    dictionary_order = [
        "An", "Ánh", "Ăn", "Ân", "Bình", "Dũng", "Đào", "Hà", "Hải", "Hàn", "Hạnh",
        "Ông", "Ơn", "Uyên", "Ước", "Yến",
    ]  # fmt: skip
    shuffled = dictionary_order[::2] + dictionary_order[1::2]
    assert sorted(shuffled, key=vietnamese_sort_key) == dictionary_order


def test_a_word_break_sorts_before_any_letter():
    # Dictionaries sort word by word: every "an …" entry comes before "anh".
    assert sorted(["Anh", "An Bình", "An"], key=vietnamese_sort_key) == ["An", "An Bình", "Anh"]


def test_people_are_sorted_by_given_name_then_in_full():
    people = ["Lê Đức", "Trần Văn Bình", "Nguyễn Văn An", "Phạm Văn Dũng", "Nguyễn Thị An"]
    assert sorted(people, key=person_sort_key) == [
        "Nguyễn Thị An",
        "Nguyễn Văn An",
        "Trần Văn Bình",
        "Phạm Văn Dũng",
        "Lê Đức",
    ]


def test_slugify_strips_vietnamese_marks():
    assert slugify("Đường Trần Hưng Đạo") == "duong-tran-hung-dao"


def test_slugify_turns_punctuation_into_single_dashes_and_trims_them():
    assert slugify("  Mã OTP: là gì?! ") == "ma-otp-la-gi"


def test_numbers_sort_by_value_so_to_2_comes_before_to_10():
    names = ["Tổ dân phố số 10", "Tổ dân phố số 2", "Tổ dân phố số 1"]
    assert sorted(names, key=vietnamese_sort_key) == [
        "Tổ dân phố số 1",
        "Tổ dân phố số 2",
        "Tổ dân phố số 10",
    ]


def test_invisible_format_characters_are_removed_from_typed_text():
    """Reported fault: right-to-left overrides and zero-width spaces were stored as typed."""
    assert clean("Nam\u202egnaoH\u200b") == "NamgnaoH"
    assert clean("Hoa\u200d\ufeff Lan") == "Hoa Lan"
