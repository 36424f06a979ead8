"""Safe YAML that remembers on which line each mapping key was written."""

from __future__ import annotations

from typing import Any

import yaml

from mooc.content.problems import ContentError


class LineDict(dict):
    """A mapping from YAML; `line_of(key)` gives the 1-based line of the key."""

    line: int = 0
    key_lines: dict[Any, int]

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)


class _Loader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1 + loader.line_offset
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            raise ContentError(
                loader.source_path,
                key_node.start_mark.line + 1 + loader.line_offset,
                f"key {key!r} given twice",
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1 + loader.line_offset
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def load_yaml(text: str, path: str, first_line: int = 1) -> Any:
    """Parse YAML; errors become ContentError at the right line of the file."""
    loader = _Loader(text)
    loader.line_offset = first_line - 1
    loader.source_path = path
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line + 1 if mark else 1) + first_line - 1
        raise ContentError(path, line, f"YAML: {error.problem or error}") from error
    finally:
        loader.dispose()
