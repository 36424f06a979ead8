"""Light pages for cheap phones: bytes on the wire, and first render on a slow network (reported)."""

from __future__ import annotations

from tests.browser.conftest import PHONE

BUDGET_BYTES = 60 * 1024  # a lesson page, without its images
SLOW_3G = {
    "offline": False,
    "latency": 400,
    "downloadThroughput": 500 * 1024 // 8,
    "uploadThroughput": 500 * 1024 // 8,
}


def test_a_lesson_page_weighs_under_60_kb_without_images(live_server, open_page):
    page = open_page(viewport=PHONE)
    sizes: dict[str, int] = {}
    page.on("response", lambda r: sizes.__setitem__(r.url, len(r.body()) if r.ok else 0))
    page.goto(f"{live_server.url}/learn/thanh-toan-so/quet-ma-qr", wait_until="load")
    not_images = {url: size for url, size in sizes.items() if "/media/" not in url and "favicon" not in url}
    total = sum(not_images.values())
    assert total < BUDGET_BYTES, not_images
    scripts = [url for url in not_images if url.endswith(".js")]
    assert all("/static/" in url for url in scripts)  # our own small scripts, no framework
    fonts = page.evaluate("[...document.fonts].length")
    assert fonts == 0  # the device's own fonts


def test_first_render_on_slow_3g_is_measured_and_reported(live_server, open_page, capsys):
    page = open_page(viewport=PHONE)
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_3G)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    page.goto(f"{live_server.url}/learn/thanh-toan-so/quet-ma-qr", wait_until="load")
    # The paint entry is recorded a little after it happens: wait for it rather than race it.
    page.wait_for_function("performance.getEntriesByName('first-contentful-paint').length > 0")
    paint = page.evaluate("performance.getEntriesByName('first-contentful-paint')[0].startTime")
    assert paint > 0
    with capsys.disabled():
        print(
            f"\n[report] lesson page on slow 3G (400 ms, 500 kbit/s, CPU ÷4): first contentful paint "
            f"{paint:.0f} ms"
        )
