"""The course editor in the browser: courses, the draft overview, editing a file, images, submitting."""

from __future__ import annotations

import html
import io
import re
import shutil
import unicodedata

import pytest
from click.testing import CliRunner
from PIL import Image
from sqlalchemy import select

from mooc.cli import cli
from mooc.content.sources import read_tree
from mooc.models import CourseAccess, CourseDraft
from mooc.services import course_versions
from tests.conftest import TEST_CONTENT, Browser

PASSWORD = "mat-khau-dai-1"
LESSON = "courses/alpha/01-mot.md"
COURSE = "courses/alpha/course.md"
EDIT = "/teach/courses/alpha/edit"
ORIGINAL_LESSON = (TEST_CONTENT / LESSON).read_text(encoding="utf-8")  # as version 1 and the draft hold it


@pytest.fixture
def teacher(app, session, content, make_user, browser):
    """A teacher given course alpha (published as version 1), signed in with `browser`."""
    app.config["CONTENT_DIR"] = str(TEST_CONTENT)  # the framework/ the checker reads
    course_versions.record_file_versions(session, read_tree(TEST_CONTENT))
    user = make_user(role="teacher", name="Cô Giáo Lan", login="0900000001")
    session.add(CourseAccess(course_slug="alpha", user_id=user.id))
    session.commit()
    assert browser.login("0900000001", PASSWORD).status_code == 302
    return user


@pytest.fixture
def draft(teacher, browser, session):
    """Course alpha's draft, opened with "Bắt đầu sửa"."""
    response = browser.post("/teach/courses/alpha/draft", page="/teach/courses/alpha")
    assert response.status_code == 302
    return current_draft(session)


def current_draft(session, slug: str = "alpha") -> CourseDraft | None:
    session.expire_all()
    return session.scalar(select(CourseDraft).filter_by(course_slug=slug))


def page_of(response) -> str:
    return response.get_data(as_text=True)


def textarea(response) -> str:
    match = re.search(r'<textarea id="van-ban"[^>]*>\n(.*?)</textarea>', page_of(response), re.DOTALL)
    assert match, "no textarea on the page"
    return html.unescape(match.group(1))


def png(colour=(200, 30, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), colour).save(buffer, "PNG")
    return buffer.getvalue()


def test_a_teacher_creates_a_course_and_sees_it_in_the_list(teacher, browser, session):
    response = browser.post("/teach/courses/new", {"title": "An toàn mạng", "slug": "an-toan-mang"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/an-toan-mang")
    new = current_draft(session, "an-toan-mang")
    assert sorted(new.files) == [
        "courses/an-toan-mang/01-bai-dau-tien.md",
        "courses/an-toan-mang/course.md",
        "quizzes/an-toan-mang/kiem-tra.md",
    ]
    overview = page_of(browser.get("/teach/courses/an-toan-mang"))
    assert "Không có lỗi nào" in overview and "Bắt đầu sửa" not in overview
    listing = page_of(browser.get("/teach/courses"))
    assert "An toàn mạng" in listing and "Chưa xuất bản" in listing and "Đang soạn" in listing
    assert "Học phần Alpha" in listing and "Phiên bản 1" in listing


def test_a_new_course_with_a_bad_slug_keeps_what_was_typed(teacher, browser, session):
    response = browser.post("/teach/courses/new", {"title": "Bài Có Dấu", "slug": "Không Dấu"})
    page = page_of(response)
    assert response.status_code == 200 and 'value="Bài Có Dấu"' in page and 'value="Không Dấu"' in page
    assert 'aria-describedby="slug-hint slug-error"' in page and "chữ thường không dấu" in page
    taken = browser.post("/teach/courses/new", {"title": "Trùng", "slug": "beta"})
    assert "Mã beta đã có học phần dùng" in page_of(taken)
    assert current_draft(session, "beta") is None


def test_the_overview_without_a_draft_creates_nothing(teacher, browser, session):
    page = page_of(browser.get("/teach/courses/alpha"))
    assert "Bắt đầu sửa" in page and "Giới thiệu học phần **Alpha**." in page
    assert current_draft(session) is None
    assert browser.get(f"{EDIT}?path={LESSON}").status_code == 302  # back to the overview
    assert current_draft(session) is None


def test_editing_a_lesson_saves_nfc_text(draft, browser, session):
    page = browser.get(f"{EDIT}?path={LESSON}")
    assert textarea(page) == draft.files[LESSON]
    typed = draft.files[LESSON].replace("## Phần đầu", unicodedata.normalize("NFD", "## Phần mở đầu"))
    response = browser.post(
        f"{EDIT}?path={LESSON}", {"text": typed, "action": "save"}, page=f"{EDIT}?path={LESSON}"
    )
    assert response.status_code == 302
    saved = current_draft(session).files[LESSON]
    assert "## Phần mở đầu" in saved and saved == unicodedata.normalize("NFC", typed)
    assert textarea(browser.get(f"{EDIT}?path={LESSON}")) == saved


def test_a_missing_or_unknown_path_is_refused_cleanly(draft, browser):
    assert browser.get(EDIT).status_code == 400
    assert browser.get(f"{EDIT}?path=courses/alpha/09-khong-co.md").status_code == 404
    response = browser.post(f"{EDIT}?path=../../etc/passwd", {"text": "x", "action": "save"})
    assert response.status_code == 400 and textarea(response) == "x"


def test_the_preview_is_sanitized_and_the_same_html_as_the_command(draft, browser, session, tmp_path):
    text = draft.files[LESSON] + '\nChữ **đậm** <script>alert(1)</script> <b onclick="x()">b</b>\n'
    response = browser.post(f"{EDIT}?path={LESSON}", {"text": text, "action": "preview"})
    page = page_of(response).split('<section class="editor-preview"', 1)[1]  # not the textarea
    assert response.status_code == 200 and "<strong>đậm</strong>" in page
    assert "alert(1)" not in page and "onclick" not in page and "<script" not in page
    root = tmp_path / "content"
    shutil.copytree(TEST_CONTENT, root)
    (root / LESSON).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["content", "preview", str(root / LESSON)])
    assert result.exit_code == 0, result.output
    learner_html = result.stdout.split("\n", 1)[1].strip()
    assert learner_html and learner_html in page
    assert 'src="/media/' in learner_html and 'href="/learn/alpha/bai-hai"' in learner_html
    assert current_draft(session).files[LESSON] == ORIGINAL_LESSON


def nodes_of(tree) -> list:
    """Every element node of a preview tree, depth first."""
    found = []
    for node in tree:
        if isinstance(node, list):
            found += [node, *nodes_of(node[2])]
    return found


def test_the_live_preview_sends_the_same_sanitized_page_as_a_tree(draft, browser, session):
    text = draft.files[LESSON] + '\nChữ **đậm** <script>alert(1)</script> <b onclick="x()">b</b>\n'
    response = browser.post("/teach/courses/alpha/preview", {"path": LESSON, "text": text})
    tree = response.get_json()["nodes"]
    no_script = page_of(browser.post(f"{EDIT}?path={LESSON}", {"text": text, "action": "preview"}))
    assert ["strong", {}, ["đậm"]] in nodes_of(tree)
    assert "alert(1)" not in response.get_data(as_text=True) and "onclick" not in response.get_data(
        as_text=True
    )
    assert {node[0] for node in nodes_of(tree)} >= {"p", "h2", "table", "img", "a", "strong"}
    image = next(node for node in nodes_of(tree) if node[0] == "img")
    assert f'src="{image[1]["src"]}"' in no_script  # the same image address as the no-script page
    assert current_draft(session).files[LESSON] == ORIGINAL_LESSON


def test_the_no_script_preview_button_shows_the_typed_text_and_saves_nothing(draft, browser, session):
    typed = draft.files[LESSON].replace("## Phần đầu", "## Tiêu đề xem thử")
    response = browser.post(f"{EDIT}?path={LESSON}", {"text": typed, "action": "preview"})
    page = page_of(response)
    assert response.status_code == 200 and "Xem trước (chưa lưu)" in page
    assert "<h2>Tiêu đề xem thử</h2>" in page and textarea(response) == typed
    assert current_draft(session).files[LESSON] == ORIGINAL_LESSON


def test_problems_are_listed_with_their_line_numbers(draft, browser):
    broken = draft.files[LESSON].replace("images/dot.svg", "images/khong-co.png")
    response = browser.post(f"{EDIT}?path={LESSON}", {"text": broken, "action": "preview"})
    page = page_of(response)
    line = next(i for i, text in enumerate(broken.splitlines(), 1) if "khong-co.png" in text)
    assert f'data-line="{line}">dòng {line}</a>: image &#39;images/khong-co.png&#39; not found' in page
    assert page.count('class="problem-error"') == 1
    unreadable = draft.files[LESSON].replace("estimated_minutes: 5", "estimated_minutes: 500")
    page = page_of(browser.post(f"{EDIT}?path={LESSON}", {"text": unreadable, "action": "preview"}))
    assert 'data-line="4">dòng 4</a>: &#39;estimated_minutes&#39; must be between 1 and 15, not 500' in page


def test_an_expired_token_keeps_the_text(draft, browser, session):
    typed = draft.files[LESSON] + "\nĐoạn đang gõ dở, chưa kịp lưu.\n"
    response = browser.client.post(
        f"{EDIT}?path={LESSON}", data={"csrf_token": "het-han", "text": typed, "action": "save"}
    )
    assert response.status_code == 400 and textarea(response) == typed
    assert "Trang đã mở quá lâu" in page_of(response)
    assert current_draft(session).files[LESSON] == ORIGINAL_LESSON
    again = browser.post(f"{EDIT}?path={LESSON}", {"text": textarea(response), "action": "save"})
    assert again.status_code == 302 and "Đoạn đang gõ dở" in current_draft(session).files[LESSON]


def test_a_session_that_ended_keeps_the_text(draft, browser):
    stale = browser.token(f"{EDIT}?path={LESSON}")
    browser.logout()
    response = browser.client.post(
        f"{EDIT}?path={LESSON}", data={"csrf_token": stale, "text": "Bài đang viết"}
    )
    page = page_of(response)
    assert response.status_code == 400 and textarea(response) == "Bài đang viết"
    assert "Phiên đăng nhập đã kết thúc" in page and "Học phần Alpha" not in page


def test_autosave_saves_the_draft(draft, browser, session):
    token = browser.token(f"{EDIT}?path={LESSON}")
    typed = draft.files[LESSON] + "\nLưu tự động.\n"
    response = browser.client.post(
        "/teach/courses/alpha/autosave", data={"path": LESSON, "text": typed}, headers={"X-CSRFToken": token}
    )
    assert response.status_code == 200
    assert re.fullmatch(r"Đã lưu lúc \d\d:\d\d", response.get_json()["message"])
    assert current_draft(session).files[LESSON] == typed
    no_token = browser.client.post("/teach/courses/alpha/autosave", data={"path": LESSON, "text": "x"})
    assert no_token.status_code == 400 and "Trang đã mở quá lâu" in no_token.get_json()["message"]


def test_an_image_with_alt_text_is_inserted_at_the_end_of_the_lesson(draft, browser, session):
    data = {"image": (io.BytesIO(png()), "anh.png"), "alt": "Một chấm đỏ", "lesson": LESSON}
    response = browser.post("/teach/courses/alpha/images", data, page="/teach/courses/alpha")
    assert response.status_code == 302
    saved = current_draft(session)
    (path,) = [p for p in saved.images if p.endswith(".png")]
    assert re.fullmatch(r"courses/alpha/images/[0-9a-f]{32}\.png", path)
    assert saved.files[LESSON].endswith(f"\n\n![Một chấm đỏ](images/{path.rsplit('/', 1)[1]})\n")


def test_an_image_without_a_lesson_shows_its_markdown_to_copy(draft, browser, session):
    data = {"image": (io.BytesIO(png((0, 90, 0))), "xanh.png"), "alt": "Chấm xanh", "lesson": ""}
    page = page_of(browser.post("/teach/courses/alpha/images", data, page="/teach/courses/alpha"))
    assert re.search(r'value="!\[Chấm xanh\]\(images/[0-9a-f]{32}\.png\)"', page)
    assert current_draft(session).files[LESSON] == ORIGINAL_LESSON


def test_an_upload_that_is_not_an_image_or_has_no_alt_is_refused(draft, browser, session):
    fake = {"image": (io.BytesIO(b"MZ\x90\x00 not a picture"), "anh.png"), "alt": "Ảnh", "lesson": LESSON}
    page = page_of(browser.post("/teach/courses/alpha/images", fake, page="/teach/courses/alpha"))
    assert "Tệp anh.png không phải ảnh PNG, JPEG, GIF hoặc WebP." in page
    no_alt = {"image": (io.BytesIO(png()), "anh.png"), "alt": "  ", "lesson": LESSON}
    page = page_of(browser.post("/teach/courses/alpha/images", no_alt, page="/teach/courses/alpha"))
    assert 'id="alt-error"' in page and "Hãy viết lời mô tả ảnh" in page
    assert list(current_draft(session).images) == ["courses/alpha/images/dot.svg"]
    assert current_draft(session).files[LESSON] == ORIGINAL_LESSON


def test_submit_is_refused_while_errors_remain_and_accepted_when_clean(draft, browser, session):
    original = draft.files[COURSE]
    broken = original.replace('["4.1"]', '["9.9"]')
    browser.post(f"{EDIT}?path={COURSE}", {"text": broken, "action": "save"})
    refused = page_of(browser.post("/teach/courses/alpha/submit", page="/teach/courses/alpha"))
    assert "Chưa gửi duyệt được: bản nháp còn 1 lỗi" in refused
    assert "courses/alpha/course.md:6</span>: unknown competence code &#39;9.9&#39;" in refused
    assert current_draft(session).status == "draft"
    browser.post(f"{EDIT}?path={COURSE}", {"text": original, "action": "save"})
    accepted = browser.post("/teach/courses/alpha/submit", page="/teach/courses/alpha")
    assert accepted.status_code == 302 and current_draft(session).status == "in_review"
    assert "Đang chờ duyệt" in page_of(browser.get("/teach/courses/alpha"))


def test_a_lesson_is_added_and_removed(draft, browser, session):
    response = browser.post(
        "/teach/courses/alpha/lessons", {"title": "Bài ba: mật khẩu"}, page="/teach/courses/alpha"
    )
    assert (
        response.status_code == 302
        and "path=courses/alpha/03-bai-ba-mat-khau.md" in response.headers["Location"]
    )
    assert "courses/alpha/03-bai-ba-mat-khau.md" in current_draft(session).files
    removed = browser.post("/teach/courses/alpha/remove", {"path": "courses/alpha/03-bai-ba-mat-khau.md"})
    assert (
        removed.status_code == 302
        and "courses/alpha/03-bai-ba-mat-khau.md" not in current_draft(session).files
    )
    kept = browser.post("/teach/courses/alpha/remove", {"path": COURSE})
    assert kept.status_code == 400 and "Không xóa được course.md" in page_of(kept)


def test_another_teacher_a_learner_and_an_anonymous_visitor_are_kept_out(draft, app, make_user, session):
    urls = ["/teach/courses/alpha", f"{EDIT}?path={LESSON}"]
    posts = ["/teach/courses/alpha/autosave", "/teach/courses/alpha/submit", f"{EDIT}?path={LESSON}"]
    for role in ("teacher", "learner"):
        login = {"teacher": "0911111101", "learner": "0911111102"}[role]
        make_user(role=role, login=login)
        other = Browser(app.test_client())
        assert other.login(login, PASSWORD).status_code == 302
        for url in urls:
            assert other.get(url).status_code == 403, (role, url)
        for url in posts:
            assert other.post(url, {"path": LESSON, "text": "x"}).status_code == 403, (role, url)
        assert other.get("/teach/courses").status_code == (200 if role == "teacher" else 403)
    anonymous = app.test_client()
    for url in [*urls, "/teach/courses"]:
        response = anonymous.get(url)
        assert response.status_code == 302 and "/login?next=" in response.headers["Location"]
    assert current_draft(session).files[LESSON] == ORIGINAL_LESSON
