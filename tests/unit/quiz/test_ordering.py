"""Ordering: the learner numbers the items; each item in its right place earns its share."""

from __future__ import annotations

from fractions import Fraction

import pytest

from mooc.quiz import registry
from mooc.quiz.base import Question, option_id

from .helpers import parse_error, parse_one

TRANSFER = """
    ## Chuyển tiền
    type: ordering

    Sắp xếp các bước chuyển tiền bằng mã QR.

    - [2] Quét mã QR.
    - [1] Mở ứng dụng ngân hàng.
    - [4] Xác nhận bằng mã OTP.
    - [3] Đọc kỹ tên người nhận.

    > Luôn đọc tên người nhận trước khi xác nhận.
"""
STEPS = ["Mở ứng dụng ngân hàng.", "Quét mã QR.", "Đọc kỹ tên người nhận.", "Xác nhận bằng mã OTP."]
ORDERING = registry.get("ordering")


def form(question: Question, places: dict[str, str | list[str]]) -> dict[str, list[str]]:
    """What the page's selects send: q-<key>-<item id> → the place picked."""
    return {
        f"q-{question.key}-{option_id(item)}": place if isinstance(place, list) else [place]
        for item, place in places.items()
    }


def share(question: Question, places: dict[str, str | list[str]]) -> Fraction:
    score = ORDERING.grade(question, ORDERING.read_response(question, form(question, places)))
    assert score.possible == question.points
    return score.earned / score.possible


@pytest.fixture
def transfer() -> Question:
    return parse_one(TRANSFER)


def test_items_are_stored_in_their_right_order_whatever_order_they_were_written(transfer):
    assert [o.text for o in transfer.options] == STEPS


def test_the_right_order_earns_full_marks(transfer):
    assert share(transfer, {step: str(place) for place, step in enumerate(STEPS, 1)}) == 1


def test_each_item_in_its_place_earns_its_share(transfer):
    swapped_middle = {STEPS[0]: "1", STEPS[1]: "3", STEPS[2]: "2", STEPS[3]: "4"}
    assert share(transfer, swapped_middle) == Fraction(1, 2)
    reversed_order = {step: str(5 - place) for place, step in enumerate(STEPS, 1)}
    assert share(transfer, reversed_order) == 0
    assert share(transfer, {STEPS[0]: "1"}) == Fraction(1, 4)


def test_three_items_reversed_keep_only_the_middle_one():
    question = parse_one(
        """
        ## Ba bước
        type: ordering

        Sắp xếp.

        - [1] Một
        - [2] Hai
        - [3] Ba
        """
    )
    assert share(question, {"Một": "3", "Hai": "2", "Ba": "1"}) == Fraction(1, 3)


def test_the_same_place_for_every_item_counts_once(transfer):
    assert share(transfer, dict.fromkeys(STEPS, "1")) == Fraction(1, 4)


@pytest.mark.parametrize("value", ["0", "5", "hai", "-1", ""])
def test_a_place_outside_one_to_n_is_ignored(transfer, value):
    response = ORDERING.read_response(transfer, form(transfer, {STEPS[0]: value, STEPS[1]: "2"}))
    assert response == {option_id(STEPS[1]): 2}


def test_two_places_for_one_item_are_ignored(transfer):
    response = ORDERING.read_response(transfer, form(transfer, {STEPS[0]: ["1", "2"]}))
    assert response == {}


def test_nothing_numbered_earns_nothing(transfer):
    assert share(transfer, {}) == 0
    assert ORDERING.grade(transfer, None).earned == 0


def test_the_view_shuffles_items_by_seed_and_offers_places_one_to_n(transfer):
    view = ORDERING.render(transfer, seed=8)
    assert view == ORDERING.render(transfer, seed=8)
    assert sorted(p.id for p in view.prompts) == sorted(option_id(s) for s in STEPS)
    assert [(c.id, c.html) for c in view.choices] == [("1", "1"), ("2", "2"), ("3", "3"), ("4", "4")]
    orders = {tuple(p.id for p in ORDERING.render(transfer, seed=s).prompts) for s in range(30)}
    assert len(orders) > 1


def test_the_right_answer_is_the_items_in_order(transfer):
    assert ORDERING.answer_html(transfer) == " → ".join(STEPS)


# -------------------------------------------------------------------- numbering mistakes, with lines


def steps(options: str) -> str:
    return f"""
        ## Các bước
        type: ordering

        Sắp xếp.

        {options}
    """


def test_the_same_place_twice_is_an_error_at_the_second_item():
    error = parse_error(
        steps("- [1] Mở máy.\n        - [2] Mở ứng dụng.\n        - [2] Quét mã."), first_line=9
    )
    assert (error.line, error.message) == (16, "two items are marked [2]")


@pytest.mark.parametrize("marker", ["x", " ", "0", "50%", "a"])
def test_a_marker_that_is_not_a_place_is_an_error(marker):
    error = parse_error(steps(f"- [1] Mở máy.\n        - [{marker}] Quét mã."))
    assert (error.line, error.message) == (7, "mark each item with its place: [1], [2], [3] …")


def test_a_gap_in_the_numbers_is_an_error_at_the_heading():
    error = parse_error(steps("- [1] Mở máy.\n        - [3] Quét mã."), first_line=12)
    assert (error.line, error.message) == (12, "number the items 1 to 2 with no gap")


def test_one_item_is_not_an_ordering_question():
    error = parse_error(steps("- [1] Mở máy."))
    assert error.message == "an ordering question needs at least two items"


def test_the_same_item_twice_is_an_error():
    error = parse_error(steps("- [1] Mở máy.\n        - [2] Mở máy."))
    assert error.message == "the same item appears twice"
