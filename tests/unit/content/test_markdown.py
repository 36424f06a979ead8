"""Markdown → safe HTML: harmful markup removed, lesson formatting kept, links resolved."""

from __future__ import annotations

import pytest

from mooc.content.markdown import is_relative, render_markdown


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("[x](JaVaScRiPt:alert(1))", "<p><a>x</a></p>"),
        ("[x](javascript&#58;alert(1))", "<p><a>x</a></p>"),
        ('<a href="jav&#x09;ascript:alert(1)">x</a>', "<p><a>x</a></p>"),
        ("<img src=x onerror=alert(1)>", '<p><img src="x"></p>'),
        ("<svg onload=alert(1)>", "<p></p>"),
        ("<script>alert(1)</script>", ""),
        ("<SCRIPT type='text/javascript'>alert(1)</SCRIPT>", ""),
        ("[b](data:text/html,xx)", "<p><a>b</a></p>"),
        (
            "![Ảnh](data:image/svg+xml;base64,PHN2Zz4=)",
            '<p><img alt="Ảnh" decoding="async" loading="lazy"></p>',
        ),
        ('<p style="color:red" onclick="alert(1)">Chữ</p>', "<p>Chữ</p>"),
        ("<iframe src=https://example.org></iframe>", ""),
    ],
    ids=[
        "mixed-case-javascript-link",
        "entity-javascript-link",
        "tab-in-javascript-link",
        "img-onerror",
        "svg-onload",
        "script",
        "upper-case-script",
        "data-link",
        "data-image",
        "style-and-handler",
        "iframe",
    ],
)
def test_harmful_markup_renders_harmless(source, expected):
    assert render_markdown(source) == expected


def test_a_script_leaves_no_text_behind():
    html = render_markdown("Trước\n\n<script>alert(1)</script>\n\nSau")
    assert html == "<p>Trước</p>\n\n\n<p>Sau</p>"
    assert "alert(1)" not in html


def test_html_comments_are_removed():
    assert render_markdown("Chữ <!-- ghi chú --> tiếp") == "<p>Chữ  tiếp</p>"


def test_a_table_keeps_its_column_alignment():
    assert render_markdown("| Cột A | Cột B |\n|:------|------:|\n| 1 | 2 |") == (
        "<table>\n<thead>\n<tr>\n"
        '<th align="left">Cột A</th>\n<th align="right">Cột B</th>\n'
        "</tr>\n</thead>\n<tbody>\n<tr>\n"
        '<td align="left">1</td>\n<td align="right">2</td>\n'
        "</tr>\n</tbody>\n</table>"
    )


def test_fenced_code_keeps_its_language_class():
    assert render_markdown("```python\nprint('xin chào')\n```") == (
        "<pre><code class=\"language-python\">print('xin chào')\n</code></pre>"
    )


def test_other_classes_are_removed():
    assert render_markdown('<div class="danger">Chú ý</div>') == "<div>Chú ý</div>"


def test_body_headings_and_emphasis_survive():
    assert render_markdown("## Màn hình chính\n\n### Biểu tượng\n\n**Đậm** và *nghiêng*") == (
        "<h2>Màn hình chính</h2>\n<h3>Biểu tượng</h3>\n<p><strong>Đậm</strong> và <em>nghiêng</em></p>"
    )


def test_a_top_level_heading_loses_its_tag_but_keeps_its_text():
    assert render_markdown("# Tiêu đề") == "Tiêu đề"


def test_lists_survive():
    assert render_markdown("- một\n- hai\n\n1. ba\n2. bốn") == (
        "<ul>\n<li>một</li>\n<li>hai</li>\n</ul>\n<ol>\n<li>ba</li>\n<li>bốn</li>\n</ol>"
    )


def test_an_image_keeps_its_alt_text_and_loads_lazily():
    assert render_markdown("![Biểu tượng Cài đặt hình bánh răng](https://example.org/cai-dat.png)") == (
        '<p><img alt="Biểu tượng Cài đặt hình bánh răng" decoding="async" loading="lazy" '
        'src="https://example.org/cai-dat.png"></p>'
    )


def test_relative_links_and_images_go_through_the_resolvers():
    seen: list[str] = []

    def link(href: str) -> str:
        seen.append(href)
        return "/learn/mau/bai-hai#phan-1"

    def image(src: str) -> str:
        seen.append(src)
        return "/media/abc.svg"

    html = render_markdown(
        "[bài tiếp](02-bai-hai.md#phan-1) ![Bánh răng](images/cai-dat.svg)",
        resolve_link=link,
        resolve_image=image,
    )
    assert seen == ["02-bai-hai.md#phan-1", "images/cai-dat.svg"]
    assert html == (
        '<p><a href="/learn/mau/bai-hai#phan-1">bài tiếp</a> '
        '<img alt="Bánh răng" decoding="async" loading="lazy" src="/media/abc.svg"></p>'
    )


def test_an_unresolved_relative_link_is_left_as_written():
    assert render_markdown("[bài](03-khong-co.md)", resolve_link=lambda href: None) == (
        '<p><a href="03-khong-co.md">bài</a></p>'
    )


def test_site_paths_and_anchors_are_not_sent_to_the_resolver():
    def refuse(href: str) -> str:
        raise AssertionError(f"resolver called for {href}")

    assert render_markdown("[a](/learn/x) [b](#muc)", resolve_link=refuse) == (
        '<p><a href="/learn/x">a</a> <a href="#muc">b</a></p>'
    )


def test_external_links_open_without_the_referrer():
    assert render_markdown("[Cổng dịch vụ công](https://dichvucong.gov.vn)") == (
        '<p><a href="https://dichvucong.gov.vn" rel="noopener noreferrer">Cổng dịch vụ công</a></p>'
    )


def test_mail_and_phone_links_are_kept():
    assert render_markdown("[Gọi](tel:113) [Thư](mailto:a@b.vn)") == (
        '<p><a href="tel:113">Gọi</a> <a href="mailto:a@b.vn">Thư</a></p>'
    )


def test_footnotes_keep_their_ids_and_classes():
    html = render_markdown("Câu[^1].\n\n[^1]: Chú thích.")
    assert '<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>' in html
    assert '<div class="footnote">' in html
    assert '<li id="fn:1">' in html


@pytest.mark.parametrize(
    ("url", "relative"),
    [
        ("02-bai.md", True),
        ("../khac/01-bai.md#a", True),
        ("images/a.png", True),
        ("https://example.org", False),
        ("javascript&#58;alert(1)", False),
        ("JavaScript:alert(1)", False),
        ("#muc", False),
        ("/learn/a", False),
        ("", False),
    ],
)
def test_is_relative_means_a_file_in_the_content_tree(url, relative):
    assert is_relative(url) is relative
