"""Every route in the URL map, called by every kind of visitor: deny by default holds."""

from __future__ import annotations

import re

import pytest

from mooc.web.access import PUBLIC, SIGNED_IN, rule_of

# Sample values for URL variables, so every rule can be called for real.
SAMPLES = {
    "slug": "alpha",
    "lesson_slug": "bai-mot",
    "attempt_id": "1",
    "code": "ABCD-EFGH-JKMN-PQRS",
    "name": "0" * 32 + ".svg",
    "fmt": "csv",
    "filename": "site.css",
    "user_id": "1",
    "record_id": "1",
    "request_id": "1",
    "batch_id": "bdhvs_00000_20260101_000000",
    "key": "otp",
    "number": "1",
}
# Who may use each staff endpoint; every other endpoint is public or for any signed-in account.
STAFF_ONLY = {
    "certify.record_list": {"official", "admin"},
    "certify.record_download": {"official", "admin"},
    "certify.learners": {"official", "admin"},
    "certify.reset_password": {"official", "admin"},
    "author.quizzes": {"teacher", "admin"},
    "author.quiz_stats": {"teacher", "admin"},
    "author.courses": {"teacher", "admin"},
    "author.new_course": {"teacher", "admin"},
    "author.course": {"teacher", "admin"},
    "author.start_draft": {"teacher", "admin"},
    "author.add_lesson": {"teacher", "admin"},
    "author.upload_image": {"teacher", "admin"},
    "author.remove_file": {"teacher", "admin"},
    "author.submit": {"teacher", "admin"},
    "author.edit_file": {"teacher", "admin"},
    "author.preview": {"teacher", "admin"},
    "author.autosave": {"teacher", "admin"},
    "author.quiz_editor": {"teacher", "admin"},
    "author.quiz_create": {"teacher", "admin"},
    "author.question_new": {"teacher", "admin"},
    "author.question_edit": {"teacher", "admin"},
    "author.question_paste": {"teacher", "admin"},
    "author.question_move": {"teacher", "admin"},
    "author.question_remove": {"teacher", "admin"},
    "author.review_queue": {"official", "admin"},
    "author.review": {"official", "admin"},
    "author.review_preview": {"official", "admin"},
    "author.publish": {"official", "admin"},
    "author.return_draft": {"official", "admin"},
    "author.versions": {"teacher", "official", "admin"},
    "author.version": {"teacher", "official", "admin"},
    "author.diff": {"teacher", "official", "admin"},
    "author.rollback": {"official", "admin"},
    "certify.record_detail": {"official", "admin"},
    "certify.revoke": {"official", "admin"},
    "certify.correct": {"official", "admin"},
    "certify.identity_checked": {"official", "admin"},
    "certify.exports": {"official", "admin"},
    "certify.create_export": {"official", "admin"},
    "certify.mark_delivered": {"official", "admin"},
    "admin.requests": {"admin"},
    "admin.answer": {"admin"},
    "admin.users": {"admin"},
    "admin.user_detail": {"admin"},
    "admin.set_role": {"admin"},
    "admin.grant_course": {"admin"},
    "admin.revoke_course": {"admin"},
    "admin.audit": {"admin"},
    "mydata.certification": {"learner"},
    "mydata.withdraw": {"learner"},
}


def routes(app):
    for rule in app.url_map.iter_rules():
        url = re.sub(r"<(?:[^:<>]+:)?([a-z_]+)>", lambda m: SAMPLES[m.group(1)], rule.rule)
        yield rule.endpoint, url, rule.methods - {"HEAD", "OPTIONS"}


def test_every_endpoint_declares_who_may_use_it(app):
    with app.test_request_context():
        missing = [endpoint for endpoint, _url, _methods in routes(app) if rule_of(endpoint) is None]
    assert missing == []


def test_staff_pages_are_exactly_the_ones_expected(app):
    with app.test_request_context():
        staff = {e for e, _u, _m in routes(app) if rule_of(e) not in (None, (PUBLIC,), (SIGNED_IN,))}
    assert staff == set(STAFF_ONLY)
    with app.test_request_context():
        assert {e: set(rule_of(e)) for e in STAFF_ONLY} == STAFF_ONLY


@pytest.mark.parametrize("who", ["anonymous", "learner", "teacher", "official", "admin"])
def test_each_role_reaches_only_what_it_may(app, browser, make_user, who):
    if who != "anonymous":
        make_user(role=who, login="0900000001")
        assert browser.login("0900000001", "mat-khau-dai-1").status_code == 302
    for endpoint, url, methods in routes(app):
        if "GET" not in methods:
            continue
        response = browser.get(url)
        with app.test_request_context():
            rule = rule_of(endpoint)
        if endpoint in STAFF_ONLY:
            expected = 302 if who == "anonymous" else 403 if who not in STAFF_ONLY[endpoint] else None
            if expected is None:  # allowed: the page answers (a sample slug may not exist)
                assert response.status_code in {200, 404}, (who, url, response.status_code)
            else:
                assert response.status_code == expected, (who, url, response.status_code)
        elif rule == (SIGNED_IN,) and who == "anonymous":
            assert response.status_code == 302 and "/login?next=" in response.headers["Location"], url
        else:
            assert response.status_code in {200, 302, 404}, (who, url, response.status_code)


FORM_VIEWS = {  # re-shown, nothing done
    "auth.register",
    "auth.login",
    "auth.profile",
    "auth.password",
    "mydata.certification",
    "mydata.my_data",
}


# Staff forms that check their own token (to re-show what was typed): this test's learner is refused
# before any token is read. tests/web/test_author_quiz_editor.py checks their tokens for teachers.
STAFF_FORM_VIEWS = {"author.question_new", "author.question_edit", "author.question_paste"}


def test_every_state_changing_route_refuses_a_request_without_a_token(app, browser, session, make_user):
    from sqlalchemy import select

    from mooc.models import Quiz
    from mooc.services import attempts
    from tests.integration.helpers import read_lessons

    user = make_user(login="0900000001")
    quiz = session.scalar(select(Quiz).where(Quiz.slug == "kiem-tra-alpha"))
    read_lessons(session, user, quiz.course_id)
    attempt = attempts.start_attempt(session, user, quiz)
    session.commit()
    SAMPLES["attempt_id"] = str(attempt.id)
    browser.login("0900000001", "mat-khau-dai-1")
    try:
        for endpoint, url, methods in routes(app):
            if "POST" not in methods:
                continue
            response = browser.client.post(url, data={})
            expected = 200 if endpoint in FORM_VIEWS else 403 if endpoint in STAFF_FORM_VIEWS else 400
            assert response.status_code == expected, (endpoint, response.status_code)
    finally:
        SAMPLES["attempt_id"] = "1"
    session.refresh(attempt)
    assert attempt.status == "in_progress"


def test_an_unknown_endpoint_without_a_rule_is_refused(app, client):
    @app.route("/forgotten")
    def forgotten():  # no access decorator: must be closed, not open
        return "secret"

    assert client.get("/forgotten").status_code == 403
