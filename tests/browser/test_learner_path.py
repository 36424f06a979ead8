"""A resident's whole path in a real browser: phone with JavaScript off, and desktop with it on."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import DESKTOP, PHONE, assert_accessible
from tests.browser.helpers import answers_for, attempt_id, fill_right_answers, register


@pytest.mark.parametrize(
    ("viewport", "javascript", "phone"),
    [(PHONE, False, "0933000001"), (DESKTOP, True, "0933000002")],
    ids=["phone-360-no-js", "desktop-1280-js"],
)
def test_a_resident_finishes_every_module_and_verifies_the_certificate(
    live_server, open_page, viewport, javascript, phone
):
    base, page = live_server.url, open_page(viewport=viewport, javascript=javascript)
    register(page, base, name="Đặng Thị Thử Nghiệm", phone=phone)
    assert page.locator("h1").inner_text() == "Lộ trình của tôi"
    assert_accessible(page)
    checked_pages = set()
    while True:
        page.goto(f"{base}/path")
        resume = page.locator("a.button:has-text('Học tiếp')")
        if resume.count() == 0:
            break
        resume.click()
        # Read every lesson of the module, pressing "Đã học xong" each time.
        while "/learn/" in page.url:
            if "lesson" not in checked_pages:
                assert_accessible(page)
                checked_pages.add("lesson")
            page.click("button:has-text('Đã học xong')")
        assert "/quiz/" in page.url
        page.click("button:has-text('Bắt đầu làm bài')")
        fill_right_answers(page, answers_for(live_server.db, attempt_id(page)))
        if "attempt" not in checked_pages:
            assert_accessible(page)
            checked_pages.add("attempt")
        page.click("button:has-text('Nộp bài')")
        page.wait_for_url(re.compile(r"/result$"))
        assert "Đạt!" in page.inner_text("main")
    page.goto(f"{base}/certificate")
    assert_accessible(page)
    code = page.locator(".certificate strong.code").inner_text()
    assert re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){3}", code)
    # No horizontal scrolling on a small phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    page.click("button:has-text('Đăng xuất')")
    page.goto(f"{base}/verify")
    page.fill("#code", code.lower().replace("-", " "))
    page.click("main button:has-text('Kiểm tra')")
    assert "Giấy chứng nhận hợp lệ" in page.inner_text("main")
    assert "Đặng Thị Thử Nghiệm" not in page.content() and "Đ. T. T. Nghiệm" in page.inner_text("main")
    assert_accessible(page)
