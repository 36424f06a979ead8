"""mooc: the learning platform of the "Bình dân học vụ số" movement."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask


def create_app(overrides: Mapping[str, Any] | None = None) -> Flask:
    """Build the app: settings, database, sign-in, languages, pages, commands."""
    app = Flask(__name__, instance_path=str(Path.cwd() / "instance"), instance_relative_config=True)

    from mooc import config

    app.config.from_mapping(config.load(Path(app.instance_path)))
    if overrides:
        app.config.update(overrides)

    from mooc import db

    db.init_app(app)

    from mooc.web import init_app as init_web

    init_web(app)
    return app
