"""Split a Markdown file into its YAML front matter and body, keeping line numbers."""

from __future__ import annotations

from mooc.content.problems import ContentError
from mooc.content.yamlfile import LineDict, load_yaml


def split_front_matter(text: str, path: str) -> tuple[LineDict, str, int]:
    """Return (meta, body, line where the body starts). The file must open with `---`."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise ContentError(path, 1, "the file must start with front matter between two '---' lines")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise ContentError(path, 1, "front matter is not closed by a '---' line") from None
    meta = load_yaml("\n".join(lines[1:end]), path, first_line=2)
    if meta is None:
        meta = LineDict()
        meta.line, meta.key_lines = 2, {}
    if not isinstance(meta, LineDict):
        raise ContentError(path, 2, "front matter must be 'key: value' lines")
    return meta, "\n".join(lines[end + 1 :]), end + 2


def front_matter_value(text: str, key: str) -> str:
    """One value of a file's front matter as text; "" when absent or the front matter cannot be read."""
    try:
        meta, _body, _line = split_front_matter(text, "")
    except ContentError:
        return ""
    value = meta.get(key) if hasattr(meta, "get") else None
    return str(value) if value else ""
