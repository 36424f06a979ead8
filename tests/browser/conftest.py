"""A real browser (Debian's Chromium, driven by Playwright) against a real server.

The server runs in a thread on a free port with its own SQLite database,
migrated and loaded with the shipped content. Set MOOC_REQUIRE_BROWSER=1 (CI
does) to make a missing Chromium a failure instead of a skip.
"""

from __future__ import annotations

import json
import os
import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from mooc import create_app
from tests.conftest import PROJECT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = PROJECT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
PASSWORD = "mat-khau-dai-1"

pytestmark = pytest.mark.browser


def pytest_collection_modifyitems(config, items):
    missing = [
        what for what, path in (("Chromium", CHROMIUM), ("axe-core", str(AXE))) if not Path(path).exists()
    ]
    if not missing:
        return
    message = f"{' and '.join(missing)} not installed (apt-get install chromium; npm install)"
    if os.environ.get("MOOC_REQUIRE_BROWSER") == "1":
        raise pytest.UsageError(message)
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.skip(reason=message))


@pytest.fixture(scope="session")
def live_server(tmp_path_factory):
    """The site at a base URL, with the shipped content and one staff account per role."""
    from alembic import command

    from mooc.cli.db import alembic_config
    from mooc.content.importer import import_content
    from mooc.content.sources import read_tree
    from mooc.services import accounts
    from mooc.services.accounts import Profile

    folder = tmp_path_factory.mktemp("live")
    url = f"sqlite:///{folder / 'live.sqlite3'}"
    command.upgrade(alembic_config(url), "head")
    previous = Path.cwd()
    os.chdir(folder)  # instance/ (the dev secret) goes here
    try:
        app = create_app({"DATABASE_URL": url, "CONTENT_DIR": str(PROJECT)})
    finally:
        os.chdir(previous)
    db = app.extensions["mooc.db"]
    with db.writer() as session, session.begin():
        import_content(session, read_tree(PROJECT))
        for role, login in (("official", "canbo@example.test"), ("teacher", "giaovien@example.test")):
            user = accounts.register(
                session, Profile(f"Cán Bộ {role}", None, login, None, None, None), PASSWORD
            )
            user.role = role
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield type("Live", (), {"url": f"http://127.0.0.1:{server.server_port}", "app": app, "db": db})
    server.shutdown()
    db.engine.dispose()


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_page(chromium):
    """open_page(viewport=PHONE, javascript=True) → a fresh page in its own context."""
    contexts = []

    def make(viewport=PHONE, javascript: bool = True, **options):
        context = chromium.new_context(
            viewport=viewport, java_script_enabled=javascript, locale="vi-VN", **options
        )
        contexts.append(context)
        page = context.new_page()
        page.mooc_options = {"viewport": viewport, "javascript": javascript, "browser": chromium}
        return page

    yield make
    for context in contexts:
        context.close()


def axe_violations(page, impacts=("serious", "critical")) -> list[dict]:
    """Run axe-core (WCAG 2.x A and AA rules) on the page; the violations of the given impacts."""
    page.evaluate(AXE.read_text(encoding="utf-8"))  # evaluate is not subject to the page's CSP
    result = page.evaluate(
        "() => axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
        if v["impact"] in impacts
    ]


def assert_accessible(page) -> None:
    """No serious or critical axe violation on the page as it is now.

    axe needs JavaScript: for a page opened with JavaScript off, the same URL is
    checked in a twin context with the same cookies and screen size.
    """
    options = getattr(page, "mooc_options", {"javascript": True})
    if options["javascript"]:
        violations = axe_violations(page)
    else:
        twin = options["browser"].new_context(
            viewport=options["viewport"], storage_state=page.context.storage_state(), locale="vi-VN"
        )
        try:
            twin_page = twin.new_page()
            twin_page.goto(page.url)
            violations = axe_violations(twin_page)
        finally:
            twin.close()
    assert violations == [], f"{page.url}: {json.dumps(violations, ensure_ascii=False, indent=1)}"
