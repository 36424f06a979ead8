"""Missing word: one blank [___] in the sentence, filled by picking one option."""

from __future__ import annotations

from fractions import Fraction

import pytest

from mooc.quiz import registry
from mooc.quiz.base import Question, option_id

from .helpers import assert_grades, parse_error, parse_one

EMERGENCY = """
    ## Số cấp cứu
    type: missing_word

    Khi cần xe cấp cứu, hãy gọi số [___] ngay.

    - [x] 115
      > Chính xác.
    - [ ] 113
      > 113 là số của công an.
    - [ ] 114
    - [ ] 112
    - [ ] Tất cả các số trên {pin}
      > Chỉ một số là đúng.
"""
MISSING_WORD = registry.get("missing_word")


@pytest.fixture
def emergency() -> Question:
    return parse_one(EMERGENCY)


def test_the_right_word_earns_full_marks_and_a_wrong_one_nothing():
    assert_grades("missing_word", EMERGENCY, ["115"], Fraction(1))
    assert_grades("missing_word", EMERGENCY, ["113"], Fraction(0))
    assert_grades("missing_word", EMERGENCY, [], Fraction(0))


def test_two_picks_from_a_forged_form_earn_nothing(emergency):
    response = MISSING_WORD.read_response(emergency, {"q-so-cap-cuu": [option_id("115"), option_id("113")]})
    assert response == [] and MISSING_WORD.grade(emergency, response).earned == 0


def test_the_view_splits_the_sentence_at_the_blank(emergency):
    view = MISSING_WORD.render(emergency, seed=1)
    assert view.stem_html == "<p>Khi cần xe cấp cứu, hãy gọi số "
    assert view.stem_after_html == " ngay.</p>"


def test_the_pinned_option_stays_last_under_every_seed_while_the_others_move(emergency):
    pinned = option_id("Tất cả các số trên")
    orders = set()
    for seed in range(200):
        ids = [c.id for c in MISSING_WORD.render(emergency, seed=seed).choices]
        assert ids[-1] == pinned
        orders.add(tuple(ids[:-1]))
    assert len(orders) == 24  # all 4! orders of the free options appear


def test_a_pinned_option_in_the_middle_keeps_its_place():
    question = parse_one(EMERGENCY.replace("- [ ] 114", "- [ ] 114 {cố định}"))
    for seed in range(100):
        assert MISSING_WORD.render(question, seed=seed).choices[2].id == option_id("114")


def test_the_pin_marker_is_not_part_of_the_option_text(emergency):
    last = emergency.options[-1]
    assert (last.text, last.html, last.pinned) == ("Tất cả các số trên", "Tất cả các số trên", True)
    assert [o.pinned for o in emergency.options[:-1]] == [False] * 4


def test_the_chosen_option_gives_its_feedback(emergency):
    assert MISSING_WORD.feedback(emergency, [option_id("113")]) == ("<p>113 là số của công an.</p>",)
    assert MISSING_WORD.answer_html(emergency) == "115"


def test_without_a_seed_the_authored_order_is_kept(emergency):
    assert [c.html for c in MISSING_WORD.render(emergency, seed=None).choices] == [
        "115",
        "113",
        "114",
        "112",
        "Tất cả các số trên",
    ]


def blank(sentence: str) -> str:
    return f"""
        ## Số
        type: missing_word

        {sentence}

        - [x] 115
        - [ ] 113
    """


def test_a_sentence_without_the_blank_is_an_error_at_the_sentence_line():
    error = parse_error(blank("Khi cần xe cấp cứu, hãy gọi ngay."), first_line=50)
    assert (error.line, error.message) == (53, "write the blank as [___], exactly once, in the sentence")


def test_two_blanks_are_an_error():
    error = parse_error(blank("Gọi [___] hoặc [___]."))
    assert (error.line, error.message) == (4, "write the blank as [___], exactly once, in the sentence")


def test_the_blank_inside_a_link_is_an_error():
    error = parse_error(blank("Gọi [[___]](https://example.com) ngay."))
    assert error.message == "keep [___] in plain text (not inside a link or code)"


def test_two_right_options_are_an_error_as_for_single_choice():
    error = parse_error(blank("Gọi [___] ngay.").replace("- [ ] 113", "- [x] 113"))
    assert (error.line, error.message) == (
        7,
        "a single_choice question needs exactly one [x] answer, found 2",
    )
