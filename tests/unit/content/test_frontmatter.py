"""Splitting front matter from the body, with errors at the right line of the file."""

from __future__ import annotations

import pytest

from mooc.content.frontmatter import split_front_matter
from mooc.content.problems import ContentError, Problem

PATH = "courses/mau/01-bai.md"


def problem(text: str) -> Problem:
    with pytest.raises(ContentError) as caught:
        split_front_matter(text, PATH)
    return caught.value.problem


def test_returns_meta_body_and_the_line_where_the_body_starts():
    meta, body, body_line = split_front_matter("---\ntitle: Bài một\nslug: bai-mot\n---\n\nNội dung.\n", PATH)
    assert meta == {"title": "Bài một", "slug": "bai-mot"}
    assert body == "\nNội dung.\n"
    assert body_line == 5


def test_key_lines_are_file_lines():
    meta, _, _ = split_front_matter("---\ntitle: Bài một\n\nslug: bai-mot\n---\n", PATH)
    assert (meta.line_of("title"), meta.line_of("slug")) == (2, 4)


def test_empty_front_matter_is_an_empty_mapping():
    meta, body, body_line = split_front_matter("---\n---\nNội dung.", PATH)
    assert (meta, meta.line, body, body_line) == ({}, 2, "Nội dung.", 3)


def test_missing_opening_line_is_reported_at_line_1():
    assert problem("title: Bài một\n---\n") == Problem(
        PATH, 1, "the file must start with front matter between two '---' lines"
    )


def test_missing_closing_line_is_reported_at_line_1():
    assert problem("---\ntitle: Bài một\n\nNội dung.\n") == Problem(
        PATH, 1, "front matter is not closed by a '---' line"
    )


def test_a_yaml_syntax_error_is_reported_at_its_file_line():
    assert problem('---\ntitle: Bài một\nslug: bai-mot\ncompetences: ["4.1"\nlevel: 1\n---\n') == Problem(
        PATH, 5, "YAML: expected ',' or ']', but got '<scalar>'"
    )


def test_a_bad_indent_is_reported_at_its_file_line():
    assert problem("---\ntitle: Bài một\n  slug: bai-mot\n---\n") == Problem(
        PATH, 3, "YAML: mapping values are not allowed here"
    )


def test_a_duplicate_key_is_reported_at_its_second_line():
    assert problem("---\ntitle: Bài một\nslug: bai-mot\ntitle: Bài hai\n---\n") == Problem(
        PATH, 4, "key 'title' given twice"
    )


def test_front_matter_that_is_not_a_mapping_is_rejected_at_line_2():
    assert problem("---\n- title\n- slug\n---\n") == Problem(
        PATH, 2, "front matter must be 'key: value' lines"
    )


def test_a_file_with_a_byte_order_mark_and_windows_line_ends_is_accepted():
    text = "\ufeff---\r\ntitle: Bài một\r\nslug: bai-mot\r\n---\r\nDòng một\r\nDòng hai\r\n"
    meta, body, body_line = split_front_matter(text, PATH)
    assert meta == {"title": "Bài một", "slug": "bai-mot"}
    assert (body, body_line) == ("Dòng một\nDòng hai\n", 5)


def test_old_mac_line_ends_are_accepted():
    meta, body, body_line = split_front_matter("---\rtitle: A\r---\rB", PATH)
    assert (meta, body, body_line) == ({"title": "A"}, "B", 4)
