"""JSON-LD canonicalisation (RDFC-1.0) with the contexts shipped in this package, never the network."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from functools import cache
from importlib import resources
from typing import Any

from cachetools import LRUCache
from pyld import jsonld
from pyld.context_resolver import ContextResolver

VC_V2 = "https://www.w3.org/ns/credentials/v2"
OB_V3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
# URL → file under contexts/ (see contexts/README.md for where each copy comes from).
CONTEXT_FILES = {
    VC_V2: "credentials-v2.jsonld",
    OB_V3: "ob-v3p0-context-3.0.3.json",
}

DocumentLoader = Callable[[str, Any], dict]


class CanonicalizationError(ValueError):
    """The document cannot be turned into canonical N-Quads (unknown context, bad JSON-LD)."""


@cache
def _context(url: str) -> dict:
    text = resources.files(__package__).joinpath("contexts", CONTEXT_FILES[url]).read_text("utf-8")
    return json.loads(text)


def local_contexts() -> dict[str, dict]:
    return {url: _context(url) for url in CONTEXT_FILES}


def document_loader(extra: Mapping[str, dict] | None = None) -> DocumentLoader:
    """A pyld document loader serving our local contexts (plus `extra`) and refusing every other URL."""
    documents = {**local_contexts(), **(extra or {})}

    def load(url: str, _options: Any = None) -> dict:
        if url not in documents:
            raise jsonld.JsonLdError(
                f"context {url} is not one of the contexts this site knows (nothing is fetched)",
                "jsonld.LoadDocumentError",
                code="loading document failed",
            )
        return {"contextUrl": None, "documentUrl": url, "document": documents[url]}

    return load


_DEFAULT_LOADER = document_loader()


def canonicalize(document: Mapping[str, Any], loader: DocumentLoader | None = None) -> str:
    """The RDFC-1.0 canonical N-Quads of a JSON-LD document."""
    loader = loader or _DEFAULT_LOADER
    options = {
        "algorithm": "URDNA2015",  # RDFC-1.0 is URDNA2015 under its W3C name
        "format": "application/n-quads",
        "documentLoader": loader,
        # A private cache: contexts resolved through another loader are never reused here.
        "contextResolver": ContextResolver(LRUCache(maxsize=16), loader),
    }
    try:
        return jsonld.normalize(dict(document), options)
    except jsonld.JsonLdError as error:
        raise CanonicalizationError(_reason(error)) from None
    except (TypeError, ValueError, KeyError, RecursionError) as error:
        raise CanonicalizationError(f"not valid JSON-LD: {error}") from None


def _reason(error: Exception) -> str:
    """The innermost message of pyld's chained errors (the useful one)."""
    while isinstance(error.__cause__, Exception):
        error = error.__cause__
    return str(error.args[0] if error.args else error).splitlines()[0]
