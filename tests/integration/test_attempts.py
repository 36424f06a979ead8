"""Attempts and records: graded once, limits enforced, best score kept, records immutable."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from mooc.models import AnswerRecord, CompletionRecord, Quiz, QuizAttempt
from mooc.services import attempts, records
from mooc.services.accounts import Profile, update_profile
from mooc.services.attempts import AttemptError
from tests.integration.helpers import read_lessons, take


def test_a_perfect_attempt_scores_full_marks_and_passes(session, make_user):
    user = make_user()
    outcome, _record = take(session, user, "kiem-tra-alpha")
    assert outcome.result.score_ppm == 1_000_000 and outcome.attempt.is_passed is True
    assert outcome.attempt.pass_mark == 80


def test_three_of_four_right_is_75_percent_and_fails_an_80_percent_mark(session, make_user):
    user = make_user()
    outcome, _ = take(session, user, "kiem-tra-alpha", right=3)
    assert outcome.attempt.score_ppm == 750_000 and outcome.attempt.is_passed is False


def test_submitting_the_same_attempt_twice_grades_once(session, make_user):
    user = make_user()
    quiz = session.scalar(select(Quiz).where(Quiz.slug == "kiem-tra-beta"))
    read_lessons(session, user, quiz.course_id)
    attempt = attempts.start_attempt(session, user, quiz)
    ((_, question),) = attempts.served_questions(session, attempt)
    right = [o.id for o in question.options if o.fraction > 0]
    first = attempts.submit_attempt(session, user, attempt, {"q-mot": right})
    second = attempts.submit_attempt(session, user, attempt, {"q-mot": []})
    session.commit()
    assert first.result is not None and second.result is None
    assert second.attempt.score_ppm == 1_000_000
    answers = session.scalar(
        select(func.count()).select_from(AnswerRecord).where(AnswerRecord.attempt_id == attempt.id)
    )
    assert answers == 1


def test_starting_twice_returns_the_open_attempt(session, make_user):
    user = make_user()
    quiz = session.scalar(select(Quiz).where(Quiz.slug == "kiem-tra-alpha"))
    read_lessons(session, user, quiz.course_id)
    first = attempts.start_attempt(session, user, quiz)
    again = attempts.start_attempt(session, user, quiz)
    assert first.id == again.id and first.number == 1


def test_the_attempt_limit_is_enforced_on_the_server(session, make_user):
    user = make_user()
    for _ in range(3):
        take(session, user, "kiem-tra-alpha", right=0)
    quiz = session.scalar(select(Quiz).where(Quiz.slug == "kiem-tra-alpha"))
    with pytest.raises(AttemptError):
        attempts.start_attempt(session, user, quiz)
    assert attempts.quiz_state(session, user, quiz).attempts_left == 0


def test_question_and_option_order_is_fixed_for_the_attempt(session, make_user):
    user = make_user()
    quiz = session.scalar(select(Quiz).where(Quiz.slug == "kiem-tra-alpha"))
    read_lessons(session, user, quiz.course_id)
    attempt = attempts.start_attempt(session, user, quiz)
    first = attempts.views(attempts.served_questions(session, attempt), attempt)
    again = attempts.views(attempts.served_questions(session, attempt), attempt)
    assert [(v.key, [c.id for c in v.choices]) for v in first] == [
        (v.key, [c.id for c in v.choices]) for v in again
    ]


def test_a_record_is_issued_only_when_every_required_module_is_passed(session, make_user):
    user = make_user()
    _, record = take(session, user, "kiem-tra-alpha")
    assert record is None
    _, record = take(session, user, "kiem-tra-beta")
    assert record is not None and record.status == "issued"
    assert [m["score_percent"] for m in record.modules] == [100, 100]


def test_a_retake_after_passing_never_lowers_the_pass_or_changes_the_record(session, make_user):
    user = make_user()
    take(session, user, "kiem-tra-alpha")
    _, record = take(session, user, "kiem-tra-beta")
    code, modules = record.code, list(record.modules)
    outcome, again = take(session, user, "kiem-tra-alpha", right=0)
    assert outcome.attempt.score_ppm == 0
    assert again.id == record.id and again.code == code and again.modules == modules
    quiz = session.scalar(select(Quiz).where(Quiz.slug == "kiem-tra-alpha"))
    assert attempts.quiz_state(session, user, quiz).best.score_ppm == 1_000_000
    assert session.scalar(select(func.count()).select_from(CompletionRecord)) == 1


def test_a_staff_account_never_gets_a_record(session, make_user):
    official = make_user(role="official")
    assert records.issue_if_eligible(session, official) is None
    take(session, official, "kiem-tra-alpha")
    _, record = take(session, official, "kiem-tra-beta")
    assert record is None


def test_a_learner_of_a_group_without_modules_never_gets_a_record(session, make_user):
    user = make_user(group="can_bo")
    assert records.issue_if_eligible(session, user) is None


def test_changing_the_profile_name_after_issue_leaves_the_record_as_issued(session, make_user):
    user = make_user(name="Lê Văn Học")
    take(session, user, "kiem-tra-alpha")
    _, record = take(session, user, "kiem-tra-beta")
    update_profile(session, user, Profile("Lê Văn Học Đổi Tên", None, None, user.phone, "nguoi_dan", "Tổ 1"))
    session.commit()
    session.refresh(record)
    assert record.full_name == "Lê Văn Học"


def test_eight_of_ten_equal_questions_passes_an_80_percent_mark(session, make_user):
    """No float rounding below the mark: the decision is exact."""
    from fractions import Fraction

    from mooc.domain.grading import passes, percent_shown, to_ppm

    ppm = to_ppm(Fraction(8), Fraction(10))
    assert passes(ppm, 80) and percent_shown(ppm) == 80


def test_the_attempt_records_the_question_versions_it_served(session, make_user):
    user = make_user()
    outcome, _ = take(session, user, "kiem-tra-beta")
    served = session.scalar(select(QuizAttempt.served).where(QuizAttempt.id == outcome.attempt.id))
    stored = session.scalars(
        select(AnswerRecord.question_version_id).where(AnswerRecord.attempt_id == outcome.attempt.id)
    ).all()
    assert served == list(stored) and len(served) == 1


def test_the_quiz_opens_only_after_every_lesson_of_the_module_is_read(session, make_user):
    from mooc.models import Lesson
    from mooc.services import progress

    user = make_user()
    quiz = session.scalar(select(Quiz).where(Quiz.slug == "kiem-tra-alpha"))
    state = attempts.quiz_state(session, user, quiz)
    assert [lesson.slug for lesson in state.lessons_left] == ["bai-mot", "bai-hai"] and not state.can_start
    with pytest.raises(AttemptError, match="học hết các bài"):
        attempts.start_attempt(session, user, quiz)
    progress.complete_lesson(session, user, session.scalar(select(Lesson).where(Lesson.slug == "bai-mot")))
    assert [lesson.slug for lesson in attempts.quiz_state(session, user, quiz).lessons_left] == ["bai-hai"]
    read_lessons(session, user, quiz.course_id)
    assert attempts.start_attempt(session, user, quiz).number == 1
