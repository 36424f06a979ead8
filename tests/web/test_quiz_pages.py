"""Quiz pages through a browser-like client: every question type, review options, saving, time, stats."""

from __future__ import annotations

import html
import re
import shutil
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from mooc.models import Quiz, QuizAttempt, User
from mooc.models._types import utcnow
from mooc.quiz.base import Question
from mooc.quiz.settings import GRACE_SECONDS
from mooc.quiz.types.matching import right_id
from mooc.services import attempts
from mooc.services.attempts import served_questions
from tests.conftest import DATA, TEST_CONTENT, csrf_from, import_tree
from tests.integration.helpers import read_lessons, take
from tests.web.test_resident_path import read_course

QUIZ_PAGES = DATA / "quiz_pages"  # two more modules: gamma (every type) and delta (a GIFT file)


@pytest.fixture
def quiz_content(session, content, tmp_path):
    """The test content plus the modules of tests/data/quiz_pages, imported."""
    root = tmp_path / "content"
    shutil.copytree(TEST_CONTENT, root)
    shutil.copytree(QUIZ_PAGES, root, dirs_exist_ok=True)
    return import_tree(session, root)


@pytest.fixture
def learner(browser, quiz_content):
    assert browser.register().status_code == 302
    return browser


def right_form(question: Question) -> dict[str, list[str]]:
    """What a learner who knows every answer sends, field by field, for any kind of question."""
    name = f"q-{question.key}"
    if question.kind == "short_answer":
        return {name: ["ha noi"]}  # ignore_tones: typed without tone marks
    if question.kind == "numerical":
        return {name: ["3,14"]}  # a decimal comma
    if question.kind == "matching":
        return {f"{name}-{o.id}": [right_id(o.match)] for o in question.options if o.text}
    if question.kind == "ordering":
        return {f"{name}-{o.id}": [str(place)] for place, o in enumerate(question.options, 1)}
    return {name: [o.id for o in question.options if o.fraction > 0]}


def delta_right(question: Question) -> dict[str, list[str]]:
    return {f"q-{question.key}": ["115"]} if question.kind == "numerical" else right_form(question)


def wrong_form(question: Question) -> dict[str, list[str]]:
    name = f"q-{question.key}"
    if question.kind == "short_answer":
        return {name: ["Huế"]}
    if question.kind == "numerical":
        return {name: ["4"]}
    if question.kind in ("matching", "ordering"):
        return {}
    return {name: [next(o.id for o in question.options if o.fraction <= 0)]}


def start(browser, session, slug: str) -> tuple[str, int, str]:
    """Read the module's lessons, press start: (attempt URL, attempt id, attempt page)."""
    read_course(browser, session, slug)
    response = browser.post(f"/quiz/{slug}/start", page=f"/quiz/{slug}")
    assert response.status_code == 302, response.get_data(as_text=True)[-800:]
    url = response.headers["Location"]
    return url, int(re.search(r"/attempt/(\d+)", url).group(1)), browser.get(url).get_data(as_text=True)


def questions_of(session, attempt_id: int) -> list[Question]:
    return [q for _, q in served_questions(session, session.get(QuizAttempt, attempt_id))]


def form_for(session, attempt_id: int, make=right_form) -> dict[str, list[str]]:
    form: dict[str, list[str]] = {}
    for question in questions_of(session, attempt_id):
        form.update(make(question))
    return form


def post(browser, url: str, page: str, form: dict, **extra) -> object:
    return browser.client.post(url, data={**form, "csrf_token": csrf_from(page), **extra})


def page_of(response) -> str:
    return response.get_data(as_text=True)


# ------------------------------------------------------------------------------ every question type


def test_every_question_type_answered_right_through_the_pages_scores_100(learner, session):
    url, attempt_id, page = start(learner, session, "kiem-tra-gamma")
    questions = questions_of(session, attempt_id)
    assert sorted(q.kind for q in questions) == sorted(
        [
            "single_choice",
            "multiple_choice",
            "true_false",
            "short_answer",
            "numerical",
            "matching",
            "ordering",
            "missing_word",
        ]
    )
    assert "Gợi ý:</p>" not in page and "Gõ không dấu cũng được." in page  # the hint is shown
    form = form_for(session, attempt_id)
    for name, values in form.items():  # the page offers exactly these fields and values
        assert f'name="{name}"' in page, name
        for value in values:
            if not name.startswith(("q-thu-do", "q-so-pi")):
                assert f'value="{value}"' in page, (name, value)
    response = post(learner, url, page, form)
    assert response.status_code == 302 and response.headers["Location"].endswith("/result")
    result = page_of(learner.get(response.headers["Location"]))
    assert "Bạn được 100%" in result and "Đạt!" in result
    assert result.count("✔ Đúng") == 8 and "Chưa đúng" not in result


def test_wrong_answers_show_feedback_the_explanation_and_the_right_answers(learner, session):
    url, attempt_id, page = start(learner, session, "kiem-tra-gamma")
    # Matching and ordering are left blank: "Nộp bài luôn" on the confirmation grades them as they are.
    response = post(learner, url, page, form_for(session, attempt_id, wrong_form), action="confirm")
    result = page_of(learner.get(response.headers["Location"]))
    assert "Bạn được 0%" in result and result.count("✘ Chưa đúng") == 6
    assert result.count("Bạn chưa trả lời câu này.") == 2  # matching and ordering were left blank
    assert "Huế là cố đô." in result and "Số pi lớn hơn 3 một chút." in result
    assert "Ghi nhớ: 113 công an, 114 cứu hỏa, 115 cấp cứu." in result
    assert result.count("Đáp án đúng:") == 8
    assert "3,135 – 3,145" in result  # the numerical answer with a decimal comma
    assert "VNeID → Định danh điện tử" in result and "(bỏ trống)" in result


def test_the_gift_quiz_with_its_yaml_sidecar_is_served_like_any_quiz(learner, session):
    quiz = session.scalar(select(Quiz).where(Quiz.slug == "kiem-tra-delta"))
    assert (quiz.title, quiz.max_attempts, quiz.review) == ("Kiểm tra Delta", 1, ["score"])
    url, attempt_id, page = start(learner, session, "kiem-tra-delta")
    assert [q.kind for q in questions_of(session, attempt_id)] in (
        ["single_choice", "numerical"],
        ["numerical", "single_choice"],
    )
    assert "Số gọi xe cấp cứu là _____." in page
    response = post(learner, url, page, form_for(session, attempt_id, delta_right))
    assert "Bạn được 100%" in page_of(learner.get(response.headers["Location"]))


# ------------------------------------------------------------------------------ review options


def test_a_review_of_score_only_shows_no_question_by_question_section(learner, session):
    url, attempt_id, page = start(learner, session, "kiem-tra-delta")
    response = post(learner, url, page, form_for(session, attempt_id, wrong_form))
    result = page_of(learner.get(response.headers["Location"]))
    assert "Bạn được 0%" in result
    assert "Xem lại từng câu" not in result and "Chưa đúng" not in result
    assert "Kẻ gian sẽ lấy tiền." not in result and "Đáp án đúng" not in result


def test_a_review_of_correctness_only_hides_the_score_feedback_and_answers(learner, session):
    quiz = session.scalar(select(Quiz).where(Quiz.slug == "kiem-tra-gamma"))
    quiz.review = ["correctness"]
    session.commit()
    url, attempt_id, page = start(learner, session, "kiem-tra-gamma")
    response = post(learner, url, page, form_for(session, attempt_id, wrong_form), action="confirm")
    result = page_of(learner.get(response.headers["Location"]))
    assert "Xem lại từng câu" in result and result.count("✘ Chưa đúng") == 6
    assert result.count("Bạn chưa trả lời câu này.") == 2  # matching and ordering were left blank
    assert "Bạn được" not in result and "Huế là cố đô." not in result and "Đáp án đúng" not in result
    overview = page_of(learner.get("/quiz/kiem-tra-gamma"))
    assert "Lần 1</a>:" in overview and "% —" not in overview and "Điểm cao nhất" not in overview


def test_a_review_with_answers_shows_the_right_answer_only_where_the_learner_was_wrong(learner, session):
    url, attempt_id, page = start(learner, session, "kiem-tra-gamma")
    form = form_for(session, attempt_id)
    form["q-thu-do"] = ["Huế"]
    response = post(learner, url, page, form)
    result = page_of(learner.get(response.headers["Location"]))
    assert result.count("Đáp án đúng:") == 1 and "<strong>Đáp án đúng:</strong> Hà Nội" in result


# ------------------------------------------------------------------------------ saving


def test_the_save_button_keeps_the_answers_and_a_reload_shows_them(learner, session):
    url, attempt_id, page = start(learner, session, "kiem-tra-gamma")
    form = form_for(session, attempt_id)
    saved = post(learner, url, page, form, action="save")
    last = f"q-{questions_of(session, attempt_id)[-1].key}"  # every answer changed: back to the last one
    assert saved.status_code == 302 and saved.headers["Location"] == f"{url}?saved={last}#{last}"
    assert "Đã lưu câu trả lời" in page_of(learner.get(saved.headers["Location"]))
    attempt = session.get(QuizAttempt, attempt_id)
    session.refresh(attempt)
    assert attempt.status == "in_progress" and attempt.draft == form
    again = page_of(learner.get(url))
    assert 'value="ha noi"' in again and 'value="3,14"' in again
    for question in questions_of(session, attempt_id):
        if question.kind in ("single_choice", "multiple_choice", "true_false"):
            for value in form[f"q-{question.key}"]:
                assert f'value="{value}" checked' in again
        if question.kind in ("matching", "ordering", "missing_word"):
            for value in right_form(question).values():
                assert f'value="{value[0]}" selected' in again


def test_saving_in_the_background_needs_the_csrf_header(learner, session):
    url, attempt_id, page = start(learner, session, "kiem-tra-gamma")
    form = {"q-thu-do": ["Hà Nội"], "q-so-pi": ["3,14"]}
    refused = learner.client.post(f"{url}/save", data=form)
    assert refused.status_code == 400
    saved = learner.client.post(f"{url}/save", data=form, headers={"X-CSRFToken": csrf_from(page)})
    assert saved.status_code == 204 and saved.get_data() == b""
    attempt = session.get(QuizAttempt, attempt_id)
    session.refresh(attempt)
    assert attempt.draft == form
    assert 'value="Hà Nội"' in page_of(learner.get(url))


def test_a_stale_token_on_save_keeps_every_answer_on_the_page(learner, session):
    url, attempt_id, _page = start(learner, session, "kiem-tra-gamma")
    response = learner.client.post(url, data={"q-thu-do": ["Hà Nội"], "csrf_token": "cu", "action": "save"})
    assert response.status_code == 400 and 'value="Hà Nội"' in page_of(response)
    assert session.get(QuizAttempt, attempt_id).draft is None


# ------------------------------------------------------------------------------ time and attempts


def expire(session, attempt_id: int, seconds_ago: int = GRACE_SECONDS + 30) -> None:
    attempt = session.get(QuizAttempt, attempt_id)
    attempt.deadline_at = utcnow() - timedelta(seconds=seconds_ago)
    session.commit()


def test_a_late_submit_is_refused_kindly_and_the_late_answers_appear_on_the_result(learner, session):
    url, attempt_id, page = start(learner, session, "kiem-tra-gamma")
    saved_in_time = {"q-thu-do": ["Hà Nội"]}
    post(learner, url, page, saved_in_time, action="save")
    expire(session, attempt_id)
    late = form_for(session, attempt_id)
    late["q-thu-do"] = ["Hà Nội (gửi muộn)"]
    response = post(learner, url, page, late)
    assert response.status_code == 302 and response.headers["Location"].endswith("/result")
    result = page_of(learner.get(response.headers["Location"]))
    assert "Đã hết giờ làm bài." in result
    assert "Câu trả lời gửi sau giờ hết hạn (không được chấm)" in result
    assert "Hà Nội (gửi muộn)" in result and "Từ chối và cúp máy." in result
    attempt = session.get(QuizAttempt, attempt_id)
    session.refresh(attempt)
    assert attempt.status == "submitted" and attempt.late_answers == late
    assert attempt.score_ppm == 125_000  # only the answer saved in time: 1 of 8 questions


def test_a_late_save_button_press_is_a_late_submit_and_loses_nothing(learner, session):
    url, attempt_id, page = start(learner, session, "kiem-tra-gamma")
    expire(session, attempt_id)
    response = post(learner, url, page, {"q-thu-do": ["Hà Nội"]}, action="save")
    assert response.status_code == 302
    result = page_of(learner.get(response.headers["Location"]))
    assert "Đã hết giờ làm bài." in result and "Hà Nội" in result and "Bạn được 0%" in result


def test_a_background_save_after_the_time_keeps_the_answers_for_the_result(learner, session):
    url, attempt_id, page = start(learner, session, "kiem-tra-gamma")
    expire(session, attempt_id)
    late = learner.client.post(
        f"{url}/save", data={"q-thu-do": ["Hà Nội"]}, headers={"X-CSRFToken": csrf_from(page)}
    )
    assert late.status_code == 409
    assert learner.get(url).headers["Location"].endswith("/result")  # the next visit closes it
    result = page_of(learner.get(f"{url}/result"))
    assert "Câu trả lời gửi sau giờ hết hạn" in result and "Hà Nội" in result


def test_a_client_ignoring_the_script_gets_no_extra_time(learner, session):
    url, attempt_id, page = start(learner, session, "kiem-tra-gamma")
    expire(session, attempt_id)
    assert learner.get(url).headers["Location"].endswith("/result")
    response = post(learner, url, page, form_for(session, attempt_id))
    assert response.headers["Location"].endswith("/result")
    attempt = session.get(QuizAttempt, attempt_id)
    session.refresh(attempt)
    assert (attempt.status, attempt.score_ppm) == ("submitted", 0)


def test_a_client_ignoring_the_script_gets_no_extra_attempts(learner, session):
    url, attempt_id, page = start(learner, session, "kiem-tra-delta")  # max_attempts: 1
    first = post(learner, url, page, form_for(session, attempt_id, delta_right))
    assert first.status_code == 302
    again = post(learner, url, page, form_for(session, attempt_id, wrong_form))
    assert again.headers["Location"].endswith("/result")  # a second submit changes nothing
    assert session.get(QuizAttempt, attempt_id).score_ppm == 1_000_000
    refused = learner.post("/quiz/kiem-tra-delta/start", page="/quiz/kiem-tra-delta")
    assert refused.headers["Location"] == "/quiz/kiem-tra-delta"
    assert "Bạn đã dùng hết số lần làm bài kiểm tra này." in page_of(learner.get("/quiz/kiem-tra-delta"))
    count = session.scalar(
        select(func.count()).select_from(QuizAttempt).where(QuizAttempt.quiz_id == _id(session))
    )
    assert count == 1


def _id(session) -> int:
    return session.scalar(select(Quiz.id).where(Quiz.slug == "kiem-tra-delta"))


def test_pressing_start_twice_opens_one_attempt(learner, session):
    url, _attempt_id, _page = start(learner, session, "kiem-tra-gamma")
    again = learner.post("/quiz/kiem-tra-gamma/start", page="/quiz/kiem-tra-gamma")
    assert again.headers["Location"] == url


# ------------------------------------------------------------------------------ statistics


@pytest.fixture
def answered(session, make_user, content):
    """Three learners took kiem-tra-alpha; two answered everything wrong (typing "không biết")."""
    take(session, make_user(), "kiem-tra-alpha")
    for _ in range(2):
        outcome, _ = take(session, make_user(), "kiem-tra-alpha", right=0)
        assert outcome.attempt.score_ppm == 0


def stats_row(page: str, key: str) -> list[str]:
    row = re.search(rf"<tr>\s*<td>[^<]*<span class=\"hint code\">{key}</span></td>(.*?)</tr>", page, re.S)
    assert row, key
    return [html.unescape(cell).strip() for cell in re.findall(r"<td>(.*?)</td>", row.group(1), re.S)]


def test_a_teacher_sees_the_facility_and_the_common_wrong_answer(browser, session, make_user, answered):
    make_user(role="teacher", login="0900000009")
    assert browser.login("0900000009", "mat-khau-dai-1").status_code == 302
    response = browser.get("/teach/quizzes/kiem-tra-alpha/stats")
    page = page_of(response)
    assert response.status_code == 200 and "Thống kê: Kiểm tra Alpha" in page
    assert stats_row(page, "thu-do") == ["3", "0", "33%", "1", "không biết (2)"]
    assert stats_row(page, "otp") == ["3", "0", "33%", "1", "Có (2)"]


def test_a_learner_cannot_see_quiz_statistics(learner):
    assert learner.get("/teach/quizzes/kiem-tra-alpha/stats").status_code == 403
    assert learner.get("/teach/quizzes").status_code == 403


# ------------------------------------------------------------------------------ a fresh user's faults


def teacher_page(browser, make_user, url: str) -> str:
    make_user(role="teacher", login="0900000009")
    assert browser.login("0900000009", "mat-khau-dai-1").status_code == 302
    return page_of(browser.get(url))


def test_statistics_count_learners_once_and_blank_answers_apart(browser, session, make_user, content):
    again = make_user()
    take(session, again, "kiem-tra-alpha", right=0)  # a first try, all wrong...
    take(session, again, "kiem-tra-alpha")  # ...then all right: the latest attempt counts
    take(session, make_user(), "kiem-tra-alpha")
    skipper = make_user()
    alpha = session.scalar(select(Quiz).where(Quiz.slug == "kiem-tra-alpha"))
    read_lessons(session, skipper, alpha.course_id)
    attempt = attempts.start_attempt(session, skipper, alpha)
    attempts.submit_attempt(session, skipper, attempt, {})  # every question left blank
    session.commit()
    page = teacher_page(browser, make_user, "/teach/quizzes/kiem-tra-alpha/stats")
    assert '<th scope="col">Số người trả lời</th>' in page and '<th scope="col">Bỏ trống</th>' in page
    assert "Mỗi người học tính một lần, theo lần nộp bài gần nhất có câu đó." in page
    assert stats_row(page, "thu-do") == ["2", "1", "100%", "2", "—"]


def test_select_all_appears_once_though_the_question_text_ends_with_it(browser, session, content, tmp_path):
    root = tmp_path / "content"
    shutil.copytree(TEST_CONTENT, root)
    shutil.copytree(QUIZ_PAGES, root, dirs_exist_ok=True)
    quiz_file = root / "quizzes" / "gamma" / "kiem-tra.md"
    text = quiz_file.read_text("utf-8")
    old = "Thói quen nào giữ tài khoản an toàn?"
    quiz_file.write_text(text.replace(old, old + " Chọn tất cả các ý đúng."), "utf-8")
    import_tree(session, root)
    assert browser.register().status_code == 302
    _url, _attempt_id, page = start(browser, session, "kiem-tra-gamma")
    assert page.count("Chọn tất cả các ý đúng.") == 1
    assert "<p>Thói quen nào giữ tài khoản an toàn?</p>" in page


def submit_directly(session, attempt_id: int, form: dict[str, list[str]]) -> None:
    """Submit through the service (the page's own checks for blanks are another test's business)."""
    attempt = session.get(QuizAttempt, attempt_id)
    attempts.submit_attempt(session, session.get(User, attempt.user_id), attempt, form)
    session.commit()


def test_a_question_left_blank_says_so_on_the_result_page(learner, session):
    url, attempt_id, _page = start(learner, session, "kiem-tra-gamma")
    form = form_for(session, attempt_id)
    blank = [name for name in form if name.startswith(("q-thu-do", "q-ung-dung"))]
    for name in blank:
        del form[name]
    submit_directly(session, attempt_id, form)
    result = page_of(learner.get(f"{url}/result"))
    assert result.count("Bạn chưa trả lời câu này.") == 2
    assert result.count("✔ Đúng") == 6 and "✘ Chưa đúng" not in result


def test_a_number_typed_in_words_asks_for_digits_on_the_result_page(learner, session):
    url, attempt_id, _page = start(learner, session, "kiem-tra-gamma")
    form = form_for(session, attempt_id)
    form["q-so-pi"] = ["ba phẩy mười bốn"]
    submit_directly(session, attempt_id, form)
    result = page_of(learner.get(f"{url}/result"))
    assert result.count("Hãy gõ bằng chữ số, ví dụ 12.") == 1
    assert "<strong>Bạn trả lời:</strong> ba phẩy mười bốn" in result
    assert result.count("✔ Đúng") == 7 and "✘ Chưa đúng" not in result
    assert "Bạn chưa trả lời câu này." not in result


def test_a_submit_from_a_second_stale_tab_says_the_attempt_was_already_submitted(learner, session):
    url, attempt_id, first_tab = start(learner, session, "kiem-tra-gamma")
    second_tab = page_of(learner.get(url))
    first = post(learner, url, first_tab, form_for(session, attempt_id))
    assert first.status_code == 302
    assert "đã được nộp trước đó" not in page_of(learner.get(first.headers["Location"]))
    again = post(learner, url, second_tab, form_for(session, attempt_id, wrong_form), action="submit")
    assert again.status_code == 302 and again.headers["Location"].endswith("/result")
    result = page_of(learner.get(again.headers["Location"]))
    assert "Bài này đã được nộp trước đó; kết quả dưới đây là của lần nộp đó." in result
    assert "Bạn được 100%" in result
    attempt = session.get(QuizAttempt, attempt_id)
    session.refresh(attempt)
    assert attempt.score_ppm == 1_000_000
