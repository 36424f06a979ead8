"""Fixtures shared by the web tests."""

from __future__ import annotations

import pytest

from mooc.web.ratelimit import limiter


@pytest.fixture
def limited(app):
    """The app with rate limits on, counting in memory so tests do not see each other's counts."""
    app.config.update(RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI="memory://")
    app.extensions.pop("limiter", None)
    limiter.init_app(app)
    yield app
    limiter.reset()
    app.config["RATELIMIT_ENABLED"] = False
    app.extensions.pop("limiter", None)
    limiter.init_app(app)
