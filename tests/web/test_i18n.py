"""The English catalogue covers every UI string, and English pages show no Vietnamese chrome.

The msgids are extracted from the sources exactly as `pybabel extract` does (same
babel.cfg, plus the `_l` and `lazy_gettext` keywords), so a string added to a
template or view without an English translation fails here with its text.
"""

from __future__ import annotations

import html

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from tests.conftest import PROJECT

ENGLISH_PO = PROJECT / "mooc" / "translations" / "en" / "LC_MESSAGES" / "messages.po"
KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None, "N_": None}


def source_msgids() -> dict[str, str]:
    """Every msgid (the singular one for plurals) found in the sources, with where it was found."""
    with open(PROJECT / "babel.cfg", encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    found: dict[str, str] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        PROJECT, method_map, options_map, keywords=KEYWORDS
    ):
        msgid = message[0] if isinstance(message, tuple) else message
        if msgid:
            found.setdefault(msgid, f"{filename}:{lineno}")
    return found


def english_catalog():
    with open(ENGLISH_PO, "rb") as po:
        return read_po(po, locale="en")


def test_the_sources_have_strings_to_translate():
    found = source_msgids()
    assert "Đăng nhập" in found and "%(num)d câu hỏi" in found and "Vui lòng nhập mật khẩu." in found


def test_every_ui_string_has_an_english_translation():
    catalog = english_catalog()
    problems = []
    for msgid, where in sorted(source_msgids().items()):
        entry = catalog.get(msgid)
        if entry is None:
            problems.append(f"missing from the .po: {msgid!r} ({where})")
            continue
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        if entry.fuzzy:
            problems.append(f"marked fuzzy: {msgid!r} ({where})")
        elif not all(s and s.strip() for s in strings):
            problems.append(f"empty translation: {msgid!r} ({where})")
    assert not problems, (
        "Untranslated strings; run the extract/update commands and translate them in "
        f"{ENGLISH_PO.relative_to(PROJECT)}:\n" + "\n".join(problems)
    )


def test_english_translations_keep_their_placeholders():
    problems = [
        f"{message.id!r}: {error}" for message, errors in english_catalog().check() for error in errors
    ]
    assert not problems, "\n".join(problems)


# Phrases of the site's own chrome; the imported test content stays Vietnamese and is cut out first.
VIETNAMESE_UI = [
    "Đăng nhập",
    "Đăng ký",
    "Học phần",
    "học phần",
    "Tài khoản",
    "Mật khẩu",
    "Trang chủ",
    "Xác minh giấy chứng nhận",
    "Thông tin cá nhân của bạn",
    "Dành cho ai?",
    "Họ và tên",
    "Tổ dân phố",
    "phút",
]

ENGLISH_PAGES = {
    "/": [
        "Digital Literacy for All",
        "Learn digital skills, one step at a time",
        "Register to start",
        "Who is it for?",
        "2 required modules",
        "Modules are being prepared",
        "Verify a certificate",
        "Your personal information",
    ],
    "/login": [
        "<h1>Log in</h1>",
        "Phone number or email",
        "Password",
        "Keep me logged in on this device",
        "No account yet?",
        "Forgotten your password?",
    ],
    "/register": [
        "Create a learning account",
        "Full name",
        "Date of birth (day/month/year)",
        "Which group are you in?",
        "— Choose your residential group —",
        "My group is not on the list",
        "I have read and agree to how the ward uses my information",
        "Already have an account?",
    ],
    "/learn": ["<h1>All modules</h1>", "About 10 min", "Modules"],
}


def content_strings(tree) -> list[str]:
    """The Vietnamese text the test content puts on pages, longest first."""
    strings = [tree.ward.name, tree.ward.city, *tree.ward.residential_groups]
    for group in tree.framework.groups:
        strings += [group.name, group.description]
    for course in tree.courses:
        strings += [course.title, course.summary]
    return sorted((s for s in strings if s), key=len, reverse=True)


@pytest.mark.parametrize("url", list(ENGLISH_PAGES))
def test_pages_are_in_english_once_chosen(browser, content, url):
    browser.post("/language", {"lang": "en", "next": url})
    response = browser.get(url)
    assert response.status_code == 200
    page = html.unescape(response.get_data(as_text=True))
    assert '<html lang="en">' in page
    missing = [text for text in ENGLISH_PAGES[url] if text not in page]
    assert not missing, f"English text missing on {url}: {missing}"
    for text in content_strings(content):
        page = page.replace(text, "")
    left = [phrase for phrase in VIETNAMESE_UI if phrase in page]
    assert not left, f"Vietnamese UI text on the English {url}: {left}"
