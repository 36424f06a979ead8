"""Typed reading of front-matter and YAML fields, with file:line errors."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from mooc.content.problems import ContentError
from mooc.content.yamlfile import LineDict
from mooc.domain.text import nfc

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
COMPETENCE_CODE = re.compile(r"^\d+\.\d+$")


class Fields:
    """Reads keys from one mapping; every mistake names the file and the key's line."""

    def __init__(self, data: Any, path: str, line: int, allowed: Iterable[str]):
        if not isinstance(data, LineDict):
            raise ContentError(path, line, "expected 'key: value' entries here")
        self.data, self.path = data, path
        unknown = [key for key in data if key not in set(allowed)]
        if unknown:
            key = unknown[0]
            raise ContentError(
                path,
                data.line_of(key),
                f"unknown key {key!r} (allowed: {', '.join(sorted(allowed))})",
            )

    def line(self, key: str) -> int:
        return self.data.line_of(key)

    def error(self, key: str, message: str) -> ContentError:
        return ContentError(self.path, self.line(key), message)

    def _get(self, key: str, required: bool) -> Any:
        if key not in self.data or self.data[key] is None:
            if required:
                raise ContentError(self.path, self.data.line, f"missing required key {key!r}")
            return None
        return self.data[key]

    def text(self, key: str, *, required: bool = True, default: str = "") -> str:
        value = self._get(key, required)
        if value is None:
            return default
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            raise self.error(key, f"{key!r} must be text")
        value = nfc(str(value)).strip()
        if required and not value:
            raise self.error(key, f"{key!r} must not be empty")
        return value

    def slug(self, key: str = "slug") -> str:
        value = self.text(key)
        if not SLUG.match(value):
            raise self.error(key, f"{key} {value!r} must be lowercase ASCII letters, digits and '-'")
        return value

    def integer(
        self, key: str, *, low: int, high: int, required: bool = True, default: int | None = None
    ) -> int | None:
        value = self._get(key, required)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.error(key, f"{key!r} must be a whole number")
        if not low <= value <= high:
            raise self.error(key, f"{key!r} must be between {low} and {high}, not {value}")
        return value

    def boolean(self, key: str, *, default: bool) -> bool:
        value = self._get(key, False)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise self.error(key, f"{key!r} is true or false")
        return value

    def text_list(self, key: str, *, required: bool = True) -> list[str]:
        value = self._get(key, required)
        if value is None:
            return []
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            value = [value]
        if not isinstance(value, list):
            raise self.error(key, f"{key!r} must be a list, e.g. [a, b]")
        result = []
        for item in value:
            if isinstance(item, bool) or not isinstance(item, str | int | float):
                raise self.error(key, f"{key!r} must list plain values")
            result.append(nfc(str(item)).strip())
        return result

    def competence_codes(self, key: str = "competences") -> list[str]:
        raw = self.data.get(key)
        if any(
            isinstance(item, float | int) and not isinstance(item, bool)
            for item in (raw if isinstance(raw, list) else [raw])
        ):  # YAML reads 4.10 as the number 4.1: a code must be written as text
            raise self.error(key, 'write competence codes in quotes, like ["4.2", "4.10"]')
        codes = self.text_list(key)
        for code in codes:
            if not COMPETENCE_CODE.match(code):
                raise self.error(key, f'competence code {code!r} must look like "4.2" (quote it)')
        return codes
