"""The preview sent to editor.js as a tree of plain data (no markup for the script to parse)."""

from __future__ import annotations

from mooc.web.author.fragments import html_tree


def test_html_tree_keeps_text_attributes_and_empty_elements():
    markup = '<p class="x">a &amp; b<br>c <a href="/learn/x?a=1&amp;b=2">d</a></p><hr>'
    assert html_tree(markup) == [
        ["p", {"class": "x"}, ["a & b", ["br", {}, []], "c ", ["a", {"href": "/learn/x?a=1&b=2"}, ["d"]]]],
        ["hr", {}, []],
    ]
