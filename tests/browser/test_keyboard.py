"""The learner path with only a keyboard: Tab to move, Space and arrows to choose, Enter to go."""

from __future__ import annotations

import re

from tests.browser.conftest import DESKTOP, PASSWORD
from tests.browser.helpers import answers_for, attempt_id

MAX_TABS = 200  # more than this to reach something means the page traps or hides it


def focus(page, selector: str, text: str = "") -> None:
    """Press Tab until an element matching the CSS `selector` (and containing `text`) has the focus."""
    check = (
        "([s, t]) => !!document.activeElement && document.activeElement.matches(s)"
        " && document.activeElement.textContent.includes(t)"
    )
    for _ in range(MAX_TABS):
        if page.evaluate(check, [selector, text]):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} {text!r} cannot be reached with the Tab key on {page.url}")


def type_into(page, selector: str, text: str) -> None:
    focus(page, selector)
    page.keyboard.type(text)


def press_button(page, text: str) -> None:
    focus(page, "button", text)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def follow_link(page, text: str) -> None:
    focus(page, "a", text)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def pick_radio(page, name: str, value: str) -> None:
    """Tab into the radio group, then arrow keys until the wanted one is checked."""
    focus(page, f"input[type=radio][name='{name}']")
    for _ in range(12):
        if page.evaluate("s => document.activeElement.value === s", value):
            page.keyboard.press("Space")
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"radio {name}={value} not reachable with arrow keys")


def choose_in_select(page, selector: str, label: str) -> None:
    focus(page, selector)
    for _ in range(30):
        if page.evaluate("s => document.activeElement.selectedOptions[0].textContent.trim() === s", label):
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{label!r} not reachable in {selector}")


def test_a_pupil_finishes_the_whole_path_with_only_a_keyboard(live_server, open_page):
    page = open_page(viewport=DESKTOP)
    base = live_server.url
    page.goto(f"{base}/register")
    type_into(page, "#full_name", "Cao Văn Bàn Phím")
    type_into(page, "#date_of_birth", "03/09/2017")
    type_into(page, "#phone", "0955000001")
    pick_radio(page, "target_group_code", "hoc_sinh")
    choose_in_select(page, "#band_code", "CB1: Lớp 1–3")
    choose_in_select(page, "#residential_group", "Tổ dân phố số 3")
    type_into(page, "#password", PASSWORD)
    type_into(page, "#password_again", PASSWORD)
    focus(page, "#agree")
    page.keyboard.press("Space")
    press_button(page, "Tạo tài khoản")
    assert page.url.endswith("/path")
    while True:
        resume = page.locator("a.button:has-text('Học tiếp')")
        if resume.count() == 0:
            break
        follow_link(page, "Học tiếp")
        while "/learn/" in page.url:
            press_button(page, "Đã học xong")
        press_button(page, "Bắt đầu làm bài")
        for question in answers_for(live_server.db, attempt_id(page)):
            field = f"q-{question.key}"
            if question.kind in ("single_choice", "true_false"):
                pick_radio(page, field, next(o.id for o in question.options if o.fraction == 1))
            elif question.kind == "multiple_choice":
                for option in (o for o in question.options if o.fraction > 0):
                    focus(page, f"#{field}-{option.id}")
                    page.keyboard.press("Space")
            else:
                raise AssertionError(f"extend this test for {question.kind}")
        press_button(page, "Nộp bài")
        assert re.search(r"/result$", page.url) and "Đạt!" in page.inner_text("main")
        follow_link(page, "Về lộ trình của tôi")
    assert "Em đã hoàn thành lộ trình." in page.inner_text("main")  # pupils are "em", as in their lessons
