"""The ward's signing key and public address, as the web and the CLI need them."""

from __future__ import annotations

from pathlib import Path

from flask import current_app, has_request_context, request

from mooc.credentials.keys import SigningKey, load_signing_key


def signing_key() -> SigningKey:
    """MOOC_SIGNING_KEY, or in development a key made once in the instance folder."""
    production = current_app.config["MOOC_ENV"] == "production"
    return load_signing_key(Path(current_app.instance_path), production=production)


def base_url() -> str:
    """MOOC_BASE_URL; else the address this request came to; else (the CLI) the development server's."""
    configured = current_app.config["BASE_URL"]
    if configured:
        return configured
    if has_request_context():
        return request.url_root.rstrip("/")
    return "http://localhost:5000"
