"""Pages that depend on the learner's group: the home page's counts, the catalogue by group, "em"
for pupils, and addresses typed with a trailing slash."""

from __future__ import annotations

import html
import re

import pytest
from sqlalchemy import update

from mooc.models import Course, User
from tests.integration.test_progress import count_queries

PUPIL = {"date_of_birth": "03/09/2017", "target_group_code": "hoc_sinh", "band_code": "CB1"}


def text(response) -> str:
    return response.get_data(as_text=True)


def card(page: str, heading: str) -> str:
    return re.search(rf"<h3>{heading}</h3>(.*?)</li>", page, re.S).group(1)


def flashes(page: str) -> list[str]:
    return [html.unescape(m) for m in re.findall(r'<p class="flash flash-\w+">(.*?)</p>', page)]


# ------------------------------------------------------------------------------ the home page


def test_the_pupils_card_counts_the_modules_of_one_grade_band_not_of_all(client, pupil_content):
    page = text(client.get("/"))
    assert '<p class="hint">1–2 học phần, tùy khối lớp</p>' in card(page, "Học sinh")
    assert '<p class="hint">2 học phần bắt buộc</p>' in card(page, "Người dân")
    assert '<p class="hint">Học phần đang được biên soạn</p>' in card(page, "Cán bộ")


# ------------------------------------------------------------------------------ the catalogue


def sections(page: str) -> list[tuple[str, list[str]]]:
    """(group heading, module titles) of each section of the catalogue, in order."""
    found = re.findall(
        r'<section class="catalogue-group"[^>]*>\s*<h2[^>]*>(.*?)</h2>(.*?)</section>', page, re.S
    )
    return [(heading, re.findall(r"<h3><a [^>]*>(.*?)</a></h3>", body)) for heading, body in found]


def test_the_catalogue_is_grouped_by_target_group_and_shared_modules_appear_under_each(client, pupil_content):
    assert sections(text(client.get("/learn"))) == [
        ("Người dân", ["Học phần Alpha", "Học phần Beta"]),
        ("Học sinh", ["Học phần Alpha", "Học phần Beta"]),
    ]


def test_a_signed_in_learner_sees_their_own_group_first(browser, pupil_content):
    assert browser.register(**PUPIL).status_code == 302
    page = text(browser.get("/learn"))
    assert [heading for heading, _ in sections(page)] == ["Học sinh (nhóm của em)", "Người dân"]


def test_the_catalogue_needs_the_same_queries_however_many_modules(client, session, pupil_content):
    with count_queries(session) as few:
        assert client.get("/learn").status_code == 200
    for n in range(6):
        session.add(
            Course(
                slug=f"them-{n}",
                title=f"Thêm {n}",
                summary="Thêm.",
                description_html="",
                position=10 + n,
                level=1,
                estimated_minutes=5,
                competences=["4.1"],
                target_groups=["nguoi_dan", "can_bo"] if n % 2 else ["hoc_sinh"],
            )
        )
    session.commit()
    with count_queries(session) as many:
        page = text(client.get("/learn"))
    assert [len(titles) for _, titles in sections(page)] == [5, 3, 5]
    assert len(many) == len(few) == 3


# ------------------------------------------------------------------------------ "em" for pupils


def test_pupils_are_called_em_after_a_lesson_and_on_their_path(browser, pupil_content):
    assert browser.register(**PUPIL).status_code == 302
    done = browser.post("/learn/alpha/bai-mot/done", page="/learn/alpha/bai-mot")
    assert "Đã ghi nhận: em học xong bài “Bài một”." in flashes(text(browser.get(done.headers["Location"])))
    path = text(browser.get("/path"))
    assert (
        "Nhóm: Học sinh · Lớp 1–3. Để được cấp giấy chứng nhận, "
        "em cần đạt bài kiểm tra của 1 học phần dưới đây." in html.unescape(path)
    )
    assert "bạn" not in html.unescape(path[path.index("<main") : path.index("</main>")]).lower()


def test_adults_are_still_called_ban(browser, pupil_content):
    assert browser.register().status_code == 302
    done = browser.post("/learn/alpha/bai-mot/done", page="/learn/alpha/bai-mot")
    assert "Đã ghi nhận: bạn học xong bài “Bài một”." in flashes(text(browser.get(done.headers["Location"])))
    path = html.unescape(text(browser.get("/path")))
    assert "Để được cấp giấy chứng nhận, bạn cần đạt bài kiểm tra của cả 2 học phần dưới đây." in path


def test_a_pupil_without_a_group_yet_is_asked_with_a_capital_em(browser, session, pupil_content):
    assert browser.register(**PUPIL).status_code == 302
    session.execute(update(User).values(band_code=""))
    session.commit()
    path = html.unescape(text(browser.get("/path")))
    assert "Em chưa chọn nhóm đối tượng (học sinh chọn cả khối lớp)." in path


# ------------------------------------------------------------------------------ trailing slashes


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        ("/learn/alpha/", "/learn/alpha"),
        ("/learn/alpha/bai-mot/", "/learn/alpha/bai-mot"),
        ("/learn/", "/learn"),
        ("/path/", "/path"),
        ("/learn/alpha//?tu=zalo", "/learn/alpha?tu=zalo"),
    ],
)
def test_an_address_typed_with_a_trailing_slash_goes_to_the_page(client, content, typed, canonical):
    response = client.get(typed)
    assert (response.status_code, response.headers["Location"]) == (308, canonical)


@pytest.mark.parametrize(
    ("typed", "status", "location"),
    [
        ("/khong-co-trang-nay/", 404, None),
        ("//learn/", 308, "/learn"),  # on this site, never the address "//learn" (another host)
        ("//learn//alpha/", 308, "/learn/alpha"),
        ("/learn/khong-co/", 308, "/learn/khong-co"),  # which then answers 404 itself
    ],
)
def test_a_trailing_slash_never_leads_off_the_site(client, content, typed, status, location):
    response = client.get("/", environ_overrides={"PATH_INFO": typed})  # the path exactly as sent
    assert (response.status_code, response.headers.get("Location")) == (status, location)
