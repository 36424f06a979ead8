"""The quiz editor in the browser: questions by form and by pasting GIFT, previewed before saving."""

from __future__ import annotations

from textwrap import dedent

import pytest

from mooc.content.frontmatter import split_front_matter
from mooc.content.markdown import render_markdown
from mooc.content.sources import read_tree
from mooc.models import CourseAccess
from mooc.quiz import registry
from mooc.quiz.builder import question_form_data
from mooc.quiz.parse import parse_questions
from mooc.services import authoring, course_versions
from tests.conftest import TEST_CONTENT, Browser
from tests.unit.quiz.test_builder import CASES

PASSWORD = "mat-khau-dai-1"
QUIZ = "quizzes/alpha/kiem-tra.md"
EDITOR = "/teach/courses/alpha/quiz"
ORIGINAL_KEYS = ["thu-do", "otp", "dung-sai", "thoi-quen"]

THREE_GIFT = """\
// [id:mat-khau]
::Mật khẩu::Mật khẩu nào mạnh nhất? {
  =Một câu dài dễ nhớ #Đúng.
  ~123456 #Quá dễ đoán.
}

::Wi-Fi::Wi-Fi công cộng an toàn để chuyển tiền. {FALSE}

::Số khẩn cấp::Gọi số nào khi cần cứu hỏa? {#114}
"""


@pytest.fixture
def teacher(session, content, make_user, browser):
    """A teacher of course alpha, signed in, with alpha's draft open (copied from version 1)."""
    course_versions.record_file_versions(session, read_tree(TEST_CONTENT))
    user = make_user(role="teacher", name="Cô Giáo Lan", login="0900000001")
    session.add(CourseAccess(course_slug="alpha", user_id=user.id))
    authoring.open_draft(session, "alpha", user)
    session.commit()
    assert browser.login("0900000001", PASSWORD).status_code == 302
    return user


def quiz_text(session) -> str:
    session.expire_all()
    return authoring.draft_for(session, "alpha").files[QUIZ]


def saved_questions(session):
    _meta, body, first = split_front_matter(quiz_text(session), QUIZ)
    parsed = parse_questions(body, QUIZ, first, render_markdown)
    assert [str(e) for e in parsed.errors] == []
    return parsed.questions


def keys(session) -> list[str]:
    return [q.key for q in saved_questions(session)]  # parsed: the file also reads without errors


def page(browser, url: str) -> str:
    response = browser.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.get_data(as_text=True)


def post_form(browser, url: str, data: dict, action: str):
    return browser.post(url, {**data, "action": action}, page=EDITOR)


def test_the_list_shows_every_question_in_order_with_its_kind_and_key(teacher, browser):
    html = page(browser, EDITOR)
    positions = [html.index(f'id="cau-{key}"') for key in ORIGINAL_KEYS]
    assert positions == sorted(positions)
    for label in ("Trả lời ngắn", "Chọn một đáp án", "Đúng / Sai", "Chọn nhiều đáp án"):
        assert label in html
    assert 'href="/teach/courses/alpha/quiz/otp/edit"' in html
    assert 'action="/teach/courses/alpha/quiz/otp/move"' in html
    assert 'href="/teach/courses/alpha/edit?path=quizzes/alpha/kiem-tra.md"' in html


def test_without_a_draft_the_page_says_so_and_links_to_the_course(session, content, make_user, browser):
    course_versions.record_file_versions(session, read_tree(TEST_CONTENT))
    user = make_user(role="teacher", login="0900000001")
    session.add(CourseAccess(course_slug="alpha", user_id=user.id))
    session.commit()
    browser.login("0900000001", PASSWORD)
    html = page(browser, EDITOR)
    assert "chưa có bản nháp" in html and 'href="/teach/courses/alpha"' in html
    assert browser.get(f"{EDITOR}/new?kind=single_choice").headers["Location"] == EDITOR


def test_a_course_without_a_quiz_file_gets_one_with_its_title_and_competences(session, teacher, browser):
    draft = authoring.draft_for(session, "alpha")
    authoring.remove_file(session, draft, QUIZ, teacher)
    session.commit()
    html = page(browser, EDITOR)
    assert "chưa có bài kiểm tra" in html and 'action="/teach/courses/alpha/quiz/create"' in html

    assert browser.post(f"{EDITOR}/create", page=EDITOR).headers["Location"] == EDITOR

    meta, body, _line = split_front_matter(quiz_text(session), QUIZ)
    assert (meta["slug"], meta["course"], meta["competences"]) == ("kiem-tra-alpha", "alpha", ["4.1"])
    assert meta["title"].startswith("Kiểm tra — ") and "## " not in body
    assert "chưa có câu hỏi nào" in page(browser, EDITOR)


def test_the_kind_is_chosen_first_from_every_kind_of_the_engine(teacher, browser):
    html = page(browser, f"{EDITOR}/new")
    for kind in registry.kinds():
        assert f'href="/teach/courses/alpha/quiz/new?kind={kind}"' in html


@pytest.mark.parametrize("kind", sorted(CASES))
def test_each_kind_built_by_form_is_saved_and_reads_back_with_its_answer(session, teacher, browser, kind):
    data, expected_markdown = CASES[kind]
    expected = parse_questions(dedent(expected_markdown), "x.md", 1, render_markdown).questions[0]
    assert 'name="text"' in page(browser, f"{EDITOR}/new?kind={kind}")

    response = post_form(browser, f"{EDITOR}/new?kind={kind}", data, "save")

    assert response.status_code == 302, response.get_data(as_text=True)
    key = response.headers["Location"].rsplit("#cau-", 1)[1]
    assert key == ("thu-do-2" if kind == "short_answer" else expected.key)  # alpha has a thu-do
    assert keys(session) == [*ORIGINAL_KEYS, key]
    saved = saved_questions(session)[-1]
    assert (saved.kind, saved.title, saved.options) == (kind, expected.title, expected.options)
    assert registry.get(kind).answer_html(saved) == registry.get(kind).answer_html(expected)


def test_a_draft_with_a_question_of_every_kind_added_passes_the_checker(session, teacher, browser):
    for kind, (data, _markdown) in CASES.items():
        assert post_form(browser, f"{EDITOR}/new?kind={kind}", data, "save").status_code == 302
    problems = authoring.check_draft(session, authoring.draft_for(session, "alpha"), TEST_CONTENT)
    assert [str(p) for p in problems if p.is_error] == []
    assert len(keys(session)) == len(ORIGINAL_KEYS) + len(CASES)


def test_preview_shows_what_a_learner_sees_and_the_markdown_and_saves_nothing(session, teacher, browser):
    before = quiz_text(session)
    response = post_form(browser, f"{EDITOR}/new?kind=single_choice", CASES["single_choice"][0], "preview")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'type="radio" name="q-ma-otp"' in html  # the learner's own template
    assert "Đáp án đúng:" in html and "- [x] Từ chối và cúp máy." in html
    assert 'value="Từ chối và cúp máy."' in html  # the form is still there, filled in
    assert quiz_text(session) == before


def test_field_errors_are_shown_on_their_field_and_everything_typed_is_kept(session, teacher, browser):
    before = quiz_text(session)
    data = {
        "title": "Câu chưa xong",
        "text": "Chọn đáp án đúng.",
        "option-0-text": "Một",
        "option-0-correct": "on",
        "option-0-weight": "50",
        "option-1-feedback": "Phản hồi đã gõ nhưng quên đáp án.",
        "rows-option": "4",
    }
    response = post_form(browser, f"{EDITOR}/new?kind=single_choice", data, "save")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="f-option-1-text-error">Nhập nội dung đáp án (hoặc xóa cả dòng).</p>' in html
    assert 'aria-describedby="f-option-1-text-error" aria-invalid="true"' in html
    assert "Đáp án đúng được trọn điểm" in html  # the ticked row that also has a weight
    assert 'value="Câu chưa xong"' in html and "Phản hồi đã gõ nhưng quên đáp án.</textarea>" in html
    assert 'name="option-0-correct" id="f-option-0-correct" value="on" checked' in html
    assert quiz_text(session) == before


def test_more_rows_are_added_without_script_keeping_what_was_typed(session, teacher, browser):
    data = {"text": "Sắp xếp.", "item-0-text": "Bước một", "item-1-text": "Bước hai", "rows-item": "2"}
    html = post_form(browser, f"{EDITOR}/new?kind=ordering", data, "more-item").get_data(as_text=True)
    assert 'name="item-4-text"' in html and 'name="item-5-text"' not in html
    assert 'value="Bước hai"' in html and "Sắp xếp.</textarea>" in html


def test_a_stale_token_brings_the_form_back_with_everything_typed(session, teacher, browser):
    before = quiz_text(session)
    data = {**CASES["matching"][0], "action": "save", "csrf_token": "stale"}
    response = browser.client.post(f"{EDITOR}/new?kind=matching", data=data)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Trang đã mở quá lâu" in html and 'value="Định danh điện tử"' in html
    assert quiz_text(session) == before
    pasted = browser.client.post(f"{EDITOR}/paste", data={"text": THREE_GIFT, "action": "save"})
    assert pasted.status_code == 400 and "Mật khẩu nào mạnh nhất?" in pasted.get_data(as_text=True)
    assert quiz_text(session) == before  # nothing saved either way


def test_the_edit_form_is_filled_in_and_saving_it_unchanged_keeps_the_question(session, teacher, browser):
    original = {q.key: q for q in saved_questions(session)}
    html = page(browser, f"{EDITOR}/otp/edit")
    assert "Có nên đọc mã OTP cho người gọi điện không?</textarea>" in html
    assert 'value="Không"' in html and 'value="otp"' in html

    for key, question in original.items():
        url = f"{EDITOR}/{key}/edit"
        response = post_form(browser, url, question_form_data(question), "save")
        assert response.headers["Location"] == f"{EDITOR}#cau-{key}"
    after = {q.key: q for q in saved_questions(session)}
    assert list(after) == ORIGINAL_KEYS
    assert {k: q.content_hash() for k, q in after.items()} == {
        k: q.content_hash() for k, q in original.items()
    }


def test_editing_changes_only_that_question(session, teacher, browser):
    question = next(q for q in saved_questions(session) if q.key == "otp")
    data = {**question_form_data(question), "text": "Có nên đọc mã OTP cho người lạ không?"}
    assert post_form(browser, f"{EDITOR}/otp/edit", data, "save").status_code == 302
    after = {q.key: q for q in saved_questions(session)}
    assert list(after) == ORIGINAL_KEYS
    assert after["otp"].stem_md == "Có nên đọc mã OTP cho người lạ không?"
    assert after["otp"].options == question.options


def test_a_question_the_form_cannot_open_links_to_the_text_editor(session, teacher, browser):
    draft = authoring.draft_for(session, "alpha")
    broken = quiz_text(session) + "\n## Hỏng\ntype: single_choice\n\nCâu?\n\n- [ ] A\n- [ ] B\n"
    authoring.save_file(session, draft, QUIZ, broken, teacher)
    session.commit()
    html = page(browser, f"{EDITOR}/hong/edit")
    assert "có lỗi" in html and 'href="/teach/courses/alpha/edit?path=quizzes/alpha/kiem-tra.md"' in html
    assert browser.get(f"{EDITOR}/khong-co/edit").status_code == 404


def test_moving_and_removing_change_the_order(session, teacher, browser):
    response = browser.post(f"{EDITOR}/otp/move", {"direction": "up"}, page=EDITOR)
    assert response.headers["Location"] == f"{EDITOR}#cau-otp"
    assert keys(session) == ["otp", "thu-do", "dung-sai", "thoi-quen"]
    browser.post(f"{EDITOR}/thu-do/move", {"direction": "down"}, page=EDITOR)
    assert keys(session) == ["otp", "dung-sai", "thu-do", "thoi-quen"]

    asked = browser.post(f"{EDITOR}/dung-sai/remove", page=EDITOR)
    assert asked.status_code == 200 and "Xóa câu hỏi “Đúng sai” khỏi bản nháp?" in asked.get_data(
        as_text=True
    )
    assert keys(session) == ["otp", "dung-sai", "thu-do", "thoi-quen"]
    browser.post(f"{EDITOR}/dung-sai/remove", {"confirm": "yes"}, page=EDITOR)
    assert keys(session) == ["otp", "thu-do", "thoi-quen"]
    assert browser.post(f"{EDITOR}/dung-sai/remove", page=EDITOR).status_code == 404


def test_pasting_three_gift_questions_previews_three_then_saves_three(session, teacher, browser):
    before = quiz_text(session)
    preview = browser.post(f"{EDITOR}/paste", {"text": THREE_GIFT, "action": "preview"}, page=EDITOR)
    html = preview.get_data(as_text=True)
    assert "Đọc được 3 câu hỏi" in html
    assert 'name="q-mat-khau"' in html and 'name="q-wi-fi"' in html and 'name="q-so-khan-cap"' in html
    assert quiz_text(session) == before

    saved = browser.post(f"{EDITOR}/paste", {"text": THREE_GIFT, "action": "save"}, page=EDITOR)

    assert saved.headers["Location"] == EDITOR
    assert keys(session) == [*ORIGINAL_KEYS, "mat-khau", "wi-fi", "so-khan-cap"]
    kinds = [q.kind for q in saved_questions(session)[-3:]]
    assert kinds == ["single_choice", "true_false", "numerical"]
    problems = authoring.check_draft(session, authoring.draft_for(session, "alpha"), TEST_CONTENT)
    assert [str(p) for p in problems if p.is_error] == []


def test_pasted_text_with_a_mistake_shows_its_line_and_saves_nothing(session, teacher, browser):
    before = quiz_text(session)
    text = THREE_GIFT + "\n::Hỏng::Câu này thiếu dấu đóng {\n  =A\n  ~B\n"
    for action in ("preview", "save"):
        response = browser.post(f"{EDITOR}/paste", {"text": text, "action": action}, page=EDITOR)
        html = response.get_data(as_text=True)
        assert response.status_code == 200
        assert (
            "<li>Dòng 11: Phần đáp án cần có cả" in html and "Câu này thiếu dấu đóng {" in html
        )  # the text is kept
        assert 'value="save"' not in html
    assert "Chưa lưu gì" in html
    assert quiz_text(session) == before


def test_another_teacher_and_a_learner_are_refused(session, teacher, make_user, app):
    make_user(role="teacher", login="0900000002")
    make_user(role="learner", login="0900000003")
    before = quiz_text(session)
    for login in ("0900000002", "0900000003"):
        other = Browser(app.test_client())
        other.login(login, PASSWORD)
        for url in (EDITOR, f"{EDITOR}/new?kind=true_false", f"{EDITOR}/otp/edit", f"{EDITOR}/paste"):
            assert other.get(url).status_code == 403, (login, url)
        assert other.post(f"{EDITOR}/otp/move", {"direction": "up"}).status_code == 403
        assert other.post(f"{EDITOR}/otp/remove", {"confirm": "yes"}).status_code == 403
        assert other.post(f"{EDITOR}/paste", {"text": THREE_GIFT, "action": "save"}).status_code == 403
    assert quiz_text(session) == before
