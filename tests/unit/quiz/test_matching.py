"""Matching: each item picks one answer from a list that may hold decoys; each right pair earns its share."""

from __future__ import annotations

from fractions import Fraction

import pytest

from mooc.quiz import registry
from mooc.quiz.base import Question, option_id
from mooc.quiz.types.matching import right_id

from .helpers import parse_error, parse_one

APPS = """
    ## Ứng dụng
    type: matching
    points: 3

    Ghép mỗi ứng dụng với việc nó làm.

    - [x] VNeID -> Định danh điện tử
    - [x] Zalo -> Nhắn tin
    - [x] Google Maps -> Chỉ đường
    - [ ] -> Xem phim
    - [ ] -> Nghe nhạc

    > VNeID do Bộ Công an quản lý.
"""
MATCHING = registry.get("matching")


def form(question: Question, picks: dict[str, str | list[str]]) -> dict[str, list[str]]:
    """What the page's selects send: q-<key>-<item id> → the id of the answer picked."""
    values = {}
    for item, answer in picks.items():
        answers = answer if isinstance(answer, list) else [answer]
        values[f"q-{question.key}-{option_id(item)}"] = [right_id(a) for a in answers]
    return values


def share(question: Question, picks: dict[str, str | list[str]]) -> Fraction:
    score = MATCHING.grade(question, MATCHING.read_response(question, form(question, picks)))
    assert score.possible == question.points
    return score.earned / score.possible


@pytest.fixture
def apps() -> Question:
    return parse_one(APPS)


RIGHT = {"VNeID": "Định danh điện tử", "Zalo": "Nhắn tin", "Google Maps": "Chỉ đường"}


def test_every_pair_right_earns_full_marks(apps):
    assert share(apps, RIGHT) == 1


def test_each_right_pair_earns_its_share(apps):
    assert share(apps, {**RIGHT, "Zalo": "Chỉ đường", "Google Maps": "Nhắn tin"}) == Fraction(1, 3)
    assert share(apps, {"VNeID": "Định danh điện tử", "Zalo": "Nhắn tin"}) == Fraction(2, 3)


def test_picking_a_decoy_makes_that_pair_wrong(apps):
    assert share(apps, {**RIGHT, "Zalo": "Xem phim"}) == Fraction(2, 3)
    assert share(apps, dict.fromkeys(RIGHT, "Nghe nhạc")) == 0


def test_nothing_picked_earns_nothing(apps):
    assert share(apps, {}) == 0
    assert MATCHING.grade(apps, None).earned == 0


def test_an_unknown_answer_id_or_two_picks_for_one_item_are_ignored(apps):
    forged = form(apps, {**RIGHT, "Zalo": ["Nhắn tin", "Chỉ đường"]})
    forged[f"q-{apps.key}-{option_id('VNeID')}"] = ["không-có"]
    response = MATCHING.read_response(apps, forged)
    assert response == {option_id("Google Maps"): right_id("Chỉ đường")}
    assert MATCHING.grade(apps, response).earned == 1


def test_decoys_are_answers_but_never_items(apps):
    view = MATCHING.render(apps, seed=5)
    assert sorted(p.id for p in view.prompts) == sorted(option_id(i) for i in RIGHT)
    answers = [*RIGHT.values(), "Xem phim", "Nghe nhạc"]
    assert sorted(c.id for c in view.choices) == sorted(right_id(a) for a in answers)
    assert sorted(c.html for c in view.choices) == sorted(answers)


def test_the_same_seed_gives_the_same_order_and_other_seeds_shuffle(apps):
    assert MATCHING.render(apps, seed=5) == MATCHING.render(apps, seed=5)
    orders = {tuple(c.id for c in MATCHING.render(apps, seed=s).choices) for s in range(30)}
    assert len(orders) > 1


def test_two_items_may_share_one_answer_shown_once():
    question = parse_one(
        """
        ## Loại
        type: matching

        Ghép mỗi thứ với loại của nó.

        - [x] Zalo -> Ứng dụng nhắn tin
        - [x] Messenger -> Ứng dụng nhắn tin
        - [x] VNeID -> Ứng dụng định danh
        """
    )
    assert len(MATCHING.render(question, seed=1).choices) == 2
    picks = {"Zalo": "Ứng dụng nhắn tin", "Messenger": "Ứng dụng nhắn tin", "VNeID": "Ứng dụng định danh"}
    assert share(question, picks) == 1


def test_the_right_answer_lists_every_pair_and_no_decoy(apps):
    assert MATCHING.answer_html(apps) == "VNeID → Định danh điện tử; Zalo → Nhắn tin; Google Maps → Chỉ đường"


def test_answer_text_is_escaped_in_the_view():
    question = parse_one(
        """
        ## Thẻ
        type: matching

        Ghép.

        - [x] Một -> <b>1</b>
        - [x] Hai -> 2
        """
    )
    assert "&lt;b&gt;1&lt;/b&gt;" in [c.html for c in MATCHING.render(question, seed=1).choices]


def test_the_explanation_is_kept_and_pairs_carry_no_feedback(apps):
    assert apps.explanation_html == "<p>VNeID do Bộ Công an quản lý.</p>"
    assert MATCHING.feedback(apps, MATCHING.read_response(apps, form(apps, RIGHT))) == ()


# -------------------------------------------------------------------- authoring mistakes, with lines


def bad(options: str) -> str:
    return f"""
        ## Ghép
        type: matching

        Ghép.

        {options}
    """


def test_a_pair_without_an_arrow_is_an_error_at_its_line():
    error = parse_error(bad("- [x] VNeID -> Định danh\n        - [x] Zalo Nhắn tin"), first_line=20)
    assert (error.line, error.message) == (26, "write each pair as 'item -> answer'")


def test_nothing_after_the_arrow_is_an_error():
    error = parse_error(bad("- [x] VNeID -> Định danh\n        - [x] Zalo ->"))
    assert (error.line, error.message) == (7, "nothing after '->'")


def test_a_decoy_marked_right_is_an_error():
    error = parse_error(bad("- [x] A -> 1\n        - [x] B -> 2\n        - [x] -> 3"))
    assert (error.line, error.message) == (8, "a decoy answer with no item is marked [ ]")


def test_a_pair_marked_wrong_is_an_error():
    error = parse_error(bad("- [x] A -> 1\n        - [ ] B -> 2"))
    assert (error.line, error.message) == (
        7,
        "a pair is marked [x]; only a decoy answer ('-> answer') is [ ]",
    )


def test_the_same_item_twice_is_an_error():
    error = parse_error(bad("- [x] A -> 1\n        - [x] A -> 2"))
    assert (error.line, error.message) == (7, "the item 'A' appears twice")


def test_one_pair_is_not_enough_and_the_error_names_the_heading():
    error = parse_error(bad("- [x] A -> 1\n        - [ ] -> 2"), first_line=40)
    assert (error.line, error.message) == (40, "a matching question needs at least two pairs")


def test_feedback_under_a_pair_is_refused_rather_than_lost():
    error = parse_error(
        """
        ## Ghép
        type: matching

        Ghép.

        - [x] A -> 1
          > Không hiện được.
        - [x] B -> 2
        """
    )
    assert (error.line, error.message) == (
        6,
        "items here have no feedback of their own: put it in the explanation",
    )
