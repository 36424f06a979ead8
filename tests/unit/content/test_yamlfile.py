"""Safe YAML that remembers the line of every key and reports errors at file lines."""

from __future__ import annotations

import pytest

from mooc.content.problems import ContentError, Problem
from mooc.content.yamlfile import LineDict, load_yaml

PATH = "framework/framework.yaml"

NESTED = """\
version: "1"
groups:
  - code: nguoi_dan
    pass_mark: 80
  - code: can_bo

    pass_mark: 90
"""


def problem(text: str, first_line: int = 1) -> Problem:
    with pytest.raises(ContentError) as caught:
        load_yaml(text, PATH, first_line)
    return caught.value.problem


def test_mappings_are_line_dicts_with_the_line_of_each_key():
    data = load_yaml(NESTED, PATH)
    assert isinstance(data, LineDict)
    assert (data.line, data.line_of("version"), data.line_of("groups")) == (1, 1, 2)
    second = data["groups"][1]
    assert (second.line, second.line_of("code"), second.line_of("pass_mark")) == (5, 5, 7)


def test_an_unknown_key_falls_back_to_the_mapping_line():
    assert load_yaml(NESTED, PATH)["groups"][0].line_of("modules") == 3


def test_lines_are_offset_by_the_first_line():
    data = load_yaml(NESTED, PATH, first_line=2)
    assert data["groups"][1].line_of("pass_mark") == 8


def test_quoted_codes_stay_text():
    assert load_yaml('codes: ["4.1", 4.2]\n', PATH) == {"codes": ["4.1", 4.2]}


def test_empty_text_is_none():
    assert load_yaml("", PATH) is None


def test_a_duplicate_key_is_reported_at_its_second_line():
    assert problem("a: 1\nb:\n  c: 1\n  c: 2\n") == Problem(PATH, 4, "key 'c' given twice")


def test_a_duplicate_key_line_is_offset_by_the_first_line():
    assert problem("a: 1\na: 2\n", first_line=2) == Problem(PATH, 3, "key 'a' given twice")


def test_a_syntax_error_is_reported_at_its_line():
    assert problem('a: 1\nb: "open\n', first_line=2) == Problem(
        PATH, 4, "YAML: found unexpected end of stream"
    )


def test_python_tags_are_refused():
    assert problem("a: !!python/object/apply:os.system ['true']\n") == Problem(
        PATH,
        1,
        "YAML: could not determine a constructor for the tag "
        "'tag:yaml.org,2002:python/object/apply:os.system'",
    )
