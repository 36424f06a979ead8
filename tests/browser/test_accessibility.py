"""WCAG 2.2 AA checks in a real browser: axe on every page, focus, targets, text size, language."""

from __future__ import annotations

import pytest

from tests.browser.conftest import DESKTOP, PHONE, assert_accessible
from tests.browser.helpers import log_in, register

PUBLIC_PAGES = [
    "/",
    "/learn",
    "/learn/thanh-toan-so",
    "/learn/thanh-toan-so/quet-ma-qr",
    "/login",
    "/register",
    "/verify",
    "/v/ABCD-EFGH-JKMN-PQRS",
    "/privacy",
    "/khong-co-trang-nay",
    "/learn/hs-nhi-an-toan-tu-te/hoi-bo-me-giu-kin-thong-tin",
]
LEARNER_PAGES = ["/path", "/profile", "/password", "/certificate", "/quiz/kiem-tra-thanh-toan-so"]
OFFICIAL_PAGES = [
    "/official/records",
    "/official/records?name=nguyen",
    "/official/learners?q=09",
    "/official/records?issued_from=31/02/2026",
]
TEACHER_PAGES = ["/teach/quizzes", "/teach/quizzes/kiem-tra-thanh-toan-so/stats"]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_every_page_has_no_serious_or_critical_axe_violation(live_server, open_page, viewport):
    base = live_server.url
    page = open_page(viewport=viewport)
    for path in PUBLIC_PAGES:
        page.goto(base + path)
        assert_accessible(page)
    register(page, base, name="Phan Thị Kiểm Tra", phone="0944000001" if viewport is PHONE else "0944000002")
    for path in LEARNER_PAGES:
        page.goto(base + path)
        assert_accessible(page)
    for login, pages in (("canbo@example.test", OFFICIAL_PAGES), ("giaovien@example.test", TEACHER_PAGES)):
        staff = open_page(viewport=viewport)
        log_in(staff, base, login)
        for path in pages:
            staff.goto(base + path)
            assert_accessible(staff)


def test_forms_with_errors_tie_each_message_to_its_field(live_server, open_page):
    page = open_page(viewport=PHONE)
    page.goto(f"{live_server.url}/register")
    page.fill("#phone", "0911")
    page.fill("#date_of_birth", "31/02/2000")
    page.click("button:has-text('Tạo tài khoản')")
    assert page.locator("[role=alert]").count() == 1
    for field in ("phone", "date_of_birth", "full_name"):
        assert page.get_attribute(f"#{field}", "aria-invalid") == "true"
        described = page.get_attribute(f"#{field}", "aria-describedby")
        assert f"{field}-error" in described.split()
        assert page.locator(f"#{field}-error").inner_text().strip()
    assert page.input_value("#phone") == "0911"
    assert_accessible(page)


def test_focus_is_always_visible(live_server, open_page):
    page = open_page(viewport=DESKTOP)
    page.goto(f"{live_server.url}/login")
    for _ in range(8):
        page.keyboard.press("Tab")
        style = page.evaluate(
            "() => { const s = getComputedStyle(document.activeElement);"
            " return [s.outlineStyle, s.outlineWidth, document.activeElement.tagName]; }"
        )
        assert style[0] != "none" and style[1] != "0px", style


def test_touch_targets_are_at_least_44_pixels_on_a_phone(live_server, open_page):
    page = open_page(viewport=PHONE)
    base = live_server.url
    register(page, base, name="Lý Thị Ngón Tay", phone="0944000003")
    for path in ("/path", "/learn/thanh-toan-so/quet-ma-qr", "/register", "/quiz/kiem-tra-thanh-toan-so"):
        page.goto(base + path)
        small = page.evaluate(
            """() => [...document.querySelectorAll(
                'button, nav a, .pager a, select, .choice, a.button,'
                + 'input:not([type=hidden]):not([type=radio]):not([type=checkbox])')]
              .filter(e => e.offsetParent !== null)
              .map(e => [e.tagName + (e.id ? '#' + e.id : ''), e.getBoundingClientRect().height])
              .filter(([, h]) => h < 44 && h > 0)"""
        )
        # Radios and check boxes count through their row (.choice): the click target with the label.
        assert small == [], (path, small)


def test_text_enlarged_to_200_percent_loses_nothing(live_server, open_page):
    page = open_page(viewport=DESKTOP)
    for path in ("/", "/learn/thanh-toan-so/quet-ma-qr", "/register"):
        page.goto(live_server.url + path)
        page.evaluate("document.documentElement.style.fontSize = '200%'")
        assert page.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"], path
        clipped = page.evaluate(
            """() => [...document.querySelectorAll('main *')].filter(e => {
                 const s = getComputedStyle(e);
                 const hides = s.overflow === 'hidden' || s.overflowX === 'hidden';
                 return hides && e.scrollWidth > e.clientWidth + 1;
               }).map(e => e.tagName)"""
        )
        assert clipped == [], (path, clipped)


def test_the_larger_text_setting_persists(live_server, open_page):
    page = open_page(viewport=PHONE, javascript=False)
    page.goto(f"{live_server.url}/learn")
    assert page.get_attribute("html", "class") is None
    page.click("button:has-text('Chữ to hơn')")
    assert page.get_attribute("html", "class") == "text-large"
    page.goto(f"{live_server.url}/privacy")
    assert page.get_attribute("html", "class") == "text-large"
    page.click("button:has-text('Chữ cỡ thường')")
    assert page.get_attribute("html", "class") is None


def test_the_page_language_follows_the_visitor_choice(live_server, open_page):
    page = open_page(viewport=PHONE, javascript=False)
    page.goto(live_server.url)
    assert page.get_attribute("html", "lang") == "vi"
    page.click("button:has-text('English')")
    assert page.get_attribute("html", "lang") == "en"
    assert "Log in" in page.inner_text("header")
