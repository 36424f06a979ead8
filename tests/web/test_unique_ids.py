"""Pages with several forms keep every HTML id unique (labels and fragment links need it)."""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser

from mooc.content.sources import read_tree
from mooc.models import CourseAccess
from mooc.services import course_versions, privacy
from tests.conftest import TEST_CONTENT
from tests.web.test_certify import issue
from tests.web.test_resident_path import read_course


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: Counter[str] = Counter()
        self.label_for: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if values.get("id"):
            self.ids[values["id"]] += 1
        if tag == "label" and values.get("for"):
            self.label_for.append(values["for"])


def parsed(browser, url: str) -> _Ids:
    response = browser.get(url)
    assert response.status_code == 200, url
    parser = _Ids()
    parser.feed(response.get_data(as_text=True))
    return parser


def assert_unique_ids(browser, url: str) -> _Ids:
    found = parsed(browser, url)
    assert [i for i, n in found.ids.items() if n > 1] == [], url
    return found


def test_staff_pages_with_several_forms_have_unique_ids(app, browser, session, make_user):
    record = issue(session, make_user, "Trần Thị Bình")
    learner = make_user(name="Lê Thị Hỏi", login="0911000222")
    for kind in ("correction", "deletion"):
        privacy.file_request(session, learner, kind, "x")
    session.commit()
    admin = make_user(role="admin", login="admin@example.test")
    browser.login("admin@example.test", "mat-khau-dai-1")
    user_page = assert_unique_ids(browser, f"/admin/users/{learner.id}")
    assert "role" in user_page.label_for and user_page.ids["role"] == 1
    assert_unique_ids(browser, f"/admin/users/{admin.id}")
    assert_unique_ids(browser, "/admin/requests")
    assert_unique_ids(browser, f"/official/records/{record.id}")
    assert_unique_ids(browser, "/official/exports")


def test_the_author_course_page_has_unique_ids(app, browser, session, content, make_user):
    app.config["CONTENT_DIR"] = str(TEST_CONTENT)
    course_versions.record_file_versions(session, read_tree(TEST_CONTENT))
    teacher = make_user(role="teacher", login="0900000001")
    session.add(CourseAccess(course_slug="alpha", user_id=teacher.id))
    session.commit()
    browser.login("0900000001", "mat-khau-dai-1")
    assert_unique_ids(browser, "/teach/courses/alpha")
    browser.post("/teach/courses/alpha/draft", page="/teach/courses/alpha")
    assert_unique_ids(browser, "/teach/courses/alpha")


def test_the_quiz_and_lesson_pages_have_unique_ids(browser, session, content):
    browser.register()
    assert_unique_ids(browser, "/learn/alpha/bai-mot")
    read_course(browser, session, "kiem-tra-alpha")
    assert_unique_ids(browser, "/quiz/kiem-tra-alpha")
