"""Learners keep the course version they started: its lessons, its questions and their results."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from mooc.content.sources import read_tree
from mooc.models import AnswerRecord, CourseVersion, Enrollment, QuizAttempt
from mooc.services import course_versions
from mooc.services.attempts import served_questions
from tests.conftest import TEST_CONTENT, Browser, csrf_from
from tests.integration.test_progress import count_queries

NOTICE = "Học phần đã có bản mới. Bạn đang học bản bạn đã bắt đầu."
OLD_TEXT, NEW_TEXT = "Một bài học ngắn.", "Bài học đã viết lại cho bản mới."
NEW_LESSON = "---\ntitle: Bài bốn\nslug: bai-bon\nestimated_minutes: 5\n---\n\n## Nội dung\n\nBài thêm.\n"


@pytest.fixture
def v1(session, content):
    """The test tree imported, each course with its version 1."""
    versions = course_versions.record_file_versions(session, read_tree(TEST_CONTENT))
    session.commit()
    return {v.course_slug: v for v in versions}


def publish(
    session, slug: str, files: dict[str, str], images: dict[str, bytes] | None = None
) -> CourseVersion:
    version = course_versions.publish_version(
        session, slug, files, images or {}, origin="browser", actor=None, content_root=TEST_CONTENT
    )
    session.commit()
    return version


def publish_beta_v2(session, v1) -> CourseVersion:
    """A teacher rewrites the lesson, adds "Bài bốn" and makes "Sai rồi" the right answer."""
    files = dict(v1["beta"].files)
    files["courses/beta/01-ba.md"] = files["courses/beta/01-ba.md"].replace(OLD_TEXT, NEW_TEXT)
    files["courses/beta/02-bon.md"] = NEW_LESSON
    quiz = files["quizzes/beta/kiem-tra.md"]
    files["quizzes/beta/kiem-tra.md"] = quiz.replace(
        "- [x] Đúng rồi\n- [ ] Sai rồi", "- [ ] Đúng rồi\n- [x] Sai rồi"
    )
    assert files["quizzes/beta/kiem-tra.md"] != quiz
    return publish(session, "beta", files)


@pytest.fixture
def learner(app, make_user):
    """A signed-in learner's browser: learner("0911111111")."""

    def sign_in(login: str) -> Browser:
        make_user(login=login)
        browser = Browser(app.test_client())
        assert browser.login(login, "mat-khau-dai-1").status_code == 302
        return browser

    return sign_in


def page(browser, url: str, status: int = 200) -> str:
    response = browser.get(url)
    assert response.status_code == status, response.get_data(as_text=True)[-800:]
    return response.get_data(as_text=True)


def read(browser, course: str, *lessons: str) -> None:
    for lesson in lessons:
        url = f"/learn/{course}/{lesson}"
        assert browser.post(f"{url}/done", page=url).status_code == 302


def start(browser, quiz: str = "kiem-tra-beta") -> int:
    response = browser.post(f"/quiz/{quiz}/start", page=f"/quiz/{quiz}")
    assert response.status_code == 302 and "/attempt/" in response.headers["Location"], response.headers
    return int(re.search(r"/attempt/(\d+)", response.headers["Location"]).group(1))


def answer(browser, session, attempt_id: int, choice: str) -> str:
    """Submit the beta question with the option whose text is `choice`; the result page."""
    session.expire_all()
    ((_, question),) = served_questions(session, session.get(QuizAttempt, attempt_id))
    option = next(o.id for o in question.options if o.text == choice)
    url = f"/attempt/{attempt_id}"
    token = csrf_from(page(browser, url))
    response = browser.client.post(url, data={f"q-{question.key}": [option], "csrf_token": token})
    assert response.headers["Location"] == f"/attempt/{attempt_id}/result"
    return page(browser, response.headers["Location"])


def attempt(session, attempt_id: int) -> QuizAttempt:
    session.expire_all()
    return session.get(QuizAttempt, attempt_id)


def pinned(session, user_login: str) -> int:
    """The version number the learner with this login is pinned to in beta."""
    from mooc.models import Course, User

    session.expire_all()
    user = session.scalar(select(User).where(User.phone == user_login))
    course = session.scalar(select(Course).where(Course.slug == "beta"))
    enrollment = session.get(Enrollment, (user.id, course.id))
    return session.get(CourseVersion, enrollment.version_id).number


def test_a_new_version_changes_a_question_without_changing_the_first_learners_result(session, v1, learner):
    a = learner("0911111111")
    assert OLD_TEXT in page(a, "/learn/beta/bai-ba") and pinned(session, "0911111111") == 1
    read(a, "beta", "bai-ba")
    first = start(a)
    assert attempt(session, first).course_version_id == v1["beta"].id
    result = answer(a, session, first, "Sai rồi")  # wrong in version 1
    assert "Bạn được 0%" in result and "✘ Chưa đúng" in result

    v2 = publish_beta_v2(session, v1)

    # The done-when: "Sai rồi" is right in version 2, yet the first result stays as graded.
    again = page(a, f"/attempt/{first}/result")
    assert "Bạn được 0%" in again and "✘ Chưa đúng" in again and "✔ Đúng" not in again
    assert attempt(session, first).score_ppm == 0
    assert [r.score_ppm for r in session.scalars(select(AnswerRecord).filter_by(attempt_id=first))] == [0]
    # Still on version 1: its lesson text, no "Bài bốn", a notice offering the new version.
    lesson = page(a, "/learn/beta/bai-ba")
    assert OLD_TEXT in lesson and NEW_TEXT not in lesson and NOTICE in lesson
    course = page(a, "/learn/beta")
    assert "Bài bốn" not in course and NOTICE in course and 'action="/learn/beta/move-to-latest"' in course
    page(a, "/learn/beta/bai-bon", status=404)
    # The next attempt draws version 1's question: "Đúng rồi" is still right for this learner.
    second = start(a)
    served = attempt(session, second)
    assert served.course_version_id == v1["beta"].id and v2.id != v1["beta"].id
    assert served.served == list(v1["beta"].rendered["quiz"]["question_versions"].values())
    assert "Bạn được 100%" in answer(a, session, second, "Đúng rồi")


def test_an_attempt_open_when_a_version_is_published_is_graded_on_the_question_it_showed(
    session, v1, learner
):
    a = learner("0911111111")
    read(a, "beta", "bai-ba")
    open_attempt = start(a)
    publish_beta_v2(session, v1)
    assert "Bạn được 100%" in answer(a, session, open_attempt, "Đúng rồi")
    assert attempt(session, open_attempt).course_version_id == v1["beta"].id


def test_a_learner_who_starts_after_the_new_version_gets_it(session, v1, learner):
    v2 = publish_beta_v2(session, v1)
    b = learner("0922222222")
    lesson = page(b, "/learn/beta/bai-ba")
    assert NEW_TEXT in lesson and OLD_TEXT not in lesson and NOTICE not in lesson
    assert "Bài bốn" in page(b, "/learn/beta") and pinned(session, "0922222222") == 2
    read(b, "beta", "bai-ba", "bai-bon")
    started = start(b)
    assert attempt(session, started).course_version_id == v2.id
    assert attempt(session, started).served == list(v2.rendered["quiz"]["question_versions"].values())
    assert "Bạn được 0%" in answer(b, session, started, "Đúng rồi")  # wrong in version 2


def test_moving_to_the_new_version_shows_it_and_keeps_what_was_done(session, v1, learner):
    a = learner("0911111111")
    read(a, "beta", "bai-ba")
    first = start(a)
    answer(a, session, first, "Sai rồi")
    v2 = publish_beta_v2(session, v1)
    response = a.post("/learn/beta/move-to-latest", page="/learn/beta")
    assert response.status_code == 302 and response.headers["Location"] == "/learn/beta"
    course = page(a, "/learn/beta")
    assert "Bài bốn" in course and NOTICE not in course and pinned(session, "0911111111") == 2
    assert "đang học bản mới của học phần" in course
    assert course.count("Đã học</span>") == 1  # "Bài ba", read under version 1, stays read
    assert NEW_TEXT in page(a, "/learn/beta/bai-ba")
    # The quiz now waits for the lesson version 2 added; the first attempt keeps its score.
    assert 'href="/learn/beta/bai-bon">Bài bốn</a>' in page(a, "/quiz/kiem-tra-beta")
    assert (
        attempt(session, first).score_ppm == 0 and attempt(session, first).course_version_id == v1["beta"].id
    )
    read(a, "beta", "bai-bon")
    second = start(a)
    assert attempt(session, second).course_version_id == v2.id
    assert "Bạn được 100%" in answer(a, session, second, "Sai rồi")


def test_moving_needs_the_form_token(session, v1, learner):
    a = learner("0911111111")
    page(a, "/learn/beta/bai-ba")
    publish_beta_v2(session, v1)
    a.client.post("/learn/beta/move-to-latest", data={})
    assert pinned(session, "0911111111") == 1


def test_a_learner_who_passed_moves_to_the_new_version_on_the_next_visit(session, v1, learner):
    a = learner("0911111111")
    read(a, "beta", "bai-ba")
    first = start(a)
    assert "Bạn được 100%" in answer(a, session, first, "Đúng rồi")
    publish_beta_v2(session, v1)
    course = page(a, "/learn/beta")
    assert "Bài bốn" in course and NOTICE not in course and pinned(session, "0911111111") == 2
    assert NEW_TEXT in page(a, "/learn/beta/bai-ba")
    result = page(a, f"/attempt/{first}/result")  # graded on version 1's question, as served
    assert "Bạn được 100%" in result and "✔ Đúng" in result
    assert attempt(session, first).is_passed is True


def test_a_lesson_the_new_version_removed_stays_readable_for_learners_of_the_old_one(session, v1, learner):
    a = learner("0911111111")
    page(a, "/learn/alpha/bai-mot")  # pinned to alpha version 1
    files = dict(v1["alpha"].files)
    del files["courses/alpha/02-hai.md"]
    files["courses/alpha/01-mot.md"] = files["courses/alpha/01-mot.md"].replace(
        "Xem [bài hai](02-hai.md) và", "Xem"
    )
    publish(session, "alpha", files, course_versions.image_bytes(session, v1["alpha"].images))

    course = page(a, "/learn/alpha")
    assert 'href="/learn/alpha/bai-hai"' in course and NOTICE in course
    assert "<h1>Bài hai</h1>" in page(a, "/learn/alpha/bai-hai")
    assert 'href="/learn/alpha/bai-hai">Bài hai</a>' in page(a, "/quiz/kiem-tra-alpha")  # still to read
    read(a, "alpha", "bai-mot", "bai-hai")
    assert attempt(session, start(a, "kiem-tra-alpha")).course_version_id == v1["alpha"].id

    b = learner("0922222222")
    assert 'href="/learn/alpha/bai-hai"' not in page(b, "/learn/alpha")
    page(b, "/learn/alpha/bai-hai", status=404)


def test_a_lesson_page_needs_the_same_queries_however_many_lessons_the_version_has(session, v1, learner):
    a = learner("0911111111")
    page(a, "/learn/beta/bai-ba")
    with count_queries(session) as few:
        page(a, "/learn/beta/bai-ba")
    files = dict(v1["beta"].files)
    for n in range(4):
        files[f"courses/beta/0{n + 2}-them.md"] = NEW_LESSON.replace("bai-bon", f"bai-them-{n}")
    publish(session, "beta", files)
    a.post("/learn/beta/move-to-latest", page="/learn/beta")
    with count_queries(session) as many:
        lesson = page(a, "/learn/beta/bai-ba")
    assert "Bài 1/5" in lesson and NOTICE not in lesson
    assert len(many) == len(few)


def test_a_course_with_no_version_is_served_from_its_lessons_as_before(session, content, learner):
    a = learner("0911111111")
    lesson = page(a, "/learn/beta/bai-ba")
    assert OLD_TEXT in lesson and NOTICE not in lesson
    read(a, "beta", "bai-ba")
    first = start(a)
    assert "Bạn được 100%" in answer(a, session, first, "Đúng rồi")
    assert attempt(session, first).course_version_id is None
    assert session.scalars(select(Enrollment)).all() == []


def test_my_path_counts_the_lessons_of_the_version_the_learner_studies(session, v1, learner):
    a = learner("0911111111")
    read(a, "beta", "bai-ba")  # pinned to version 1, which has one lesson
    publish_beta_v2(session, v1)  # version 2 adds "Bài bốn"

    shown = page(a, "/path")
    beta = shown[shown.index('href="/learn/beta"') :]
    assert "Bài học: 1/1" in beta[: beta.index("</li>")]  # honest: nothing is missing from their version
    assert "bai-bon" not in shown  # "continue" never sends them to a lesson of a version they don't study

    b = learner("0922222222")
    read(b, "beta", "bai-ba")  # starts after version 2: two lessons
    shown = page(b, "/path")
    beta = shown[shown.index('href="/learn/beta"') :]
    assert "Bài học: 1/2" in beta[: beta.index("</li>")]
