"""Quiz rules kept on the server: pools, order, time, waiting, attempts, versions, regrade, statistics."""

from __future__ import annotations

import shutil
from datetime import timedelta

import pytest
from sqlalchemy import select

from mooc.models import AnswerRecord, CompletionRecord, Question, QuestionVersion, Quiz, QuizAttempt
from mooc.models._types import utcnow
from mooc.quiz.settings import GRACE_SECONDS
from mooc.services import attempts, progress, records
from mooc.services.attempts import AttemptError
from mooc.services.quiz_results import regrade, statistics
from mooc.services.review import review
from tests.conftest import TEST_CONTENT, import_tree
from tests.integration.helpers import read_lessons, right_values, take, wrong_values

AUTHORED = ["thu-do", "otp", "dung-sai", "thoi-quen"]  # the order of kiem-tra-alpha's questions
GRACE = timedelta(seconds=GRACE_SECONDS)


@pytest.fixture
def alpha(session, content) -> Quiz:
    return session.scalar(select(Quiz).where(Quiz.slug == "kiem-tra-alpha"))


@pytest.fixture
def learner(session, make_user, alpha):
    user = make_user()
    read_lessons(session, user, alpha.course_id)
    session.commit()
    return user


def served_keys(session, attempt: QuizAttempt) -> list[str]:
    return [q.key for _, q in attempts.served_questions(session, attempt)]


def answers(session, attempt: QuizAttempt, **overrides: list[str]) -> dict[str, list[str]]:
    """The right form for every served question, with some questions answered as given (by key)."""
    form = {}
    for _, question in attempts.served_questions(session, attempt):
        values = overrides.get(question.key.replace("-", "_"))
        form[f"q-{question.key}"] = values if values is not None else right_values(question)
    return form


def wrong_form(session, attempt: QuizAttempt) -> dict[str, list[str]]:
    return {f"q-{q.key}": wrong_values(q) for _, q in attempts.served_questions(session, attempt)}


def submit(session, user, quiz, now=None, **overrides: list[str]):
    """Start an attempt and submit it at `now`, right except for the `overrides`."""
    attempt = attempts.start_attempt(session, user, quiz, now=now)
    outcome = attempts.submit_attempt(session, user, attempt, answers(session, attempt, **overrides), now=now)
    session.commit()
    return outcome


# ------------------------------------------------------------------------------ pool and order


def test_draw_serves_n_questions_and_unseen_ones_first_until_all_are_seen(session, alpha, learner):
    alpha.draw = 3
    first = attempts.start_attempt(session, learner, alpha)
    assert len(served_keys(session, first)) == 3
    attempts.submit_attempt(session, learner, first, wrong_form(session, first))
    second = attempts.start_attempt(session, learner, alpha)
    left_out = set(AUTHORED) - set(served_keys(session, first))
    assert len(served_keys(session, second)) == 3
    assert left_out <= set(served_keys(session, second))  # the one not seen yet is served first


def test_draw_two_of_four_serves_the_other_two_next_time(session, alpha, learner):
    alpha.draw = 2
    seen = []
    for _ in range(2):
        attempt = attempts.start_attempt(session, learner, alpha)
        seen.append(set(served_keys(session, attempt)))
        attempts.submit_attempt(session, learner, attempt, wrong_form(session, attempt))
    assert [len(keys) for keys in seen] == [2, 2]
    assert seen[0] | seen[1] == set(AUTHORED)
    third = attempts.start_attempt(session, learner, alpha)  # all seen: any two
    assert len(set(served_keys(session, third))) == 2


def test_a_draw_larger_than_the_pool_serves_the_whole_pool(session, alpha, learner):
    alpha.draw = 10
    assert sorted(served_keys(session, attempts.start_attempt(session, learner, alpha))) == sorted(AUTHORED)


def test_shuffle_questions_false_keeps_the_authored_order_in_every_attempt(session, alpha, learner):
    alpha.shuffle_questions, alpha.max_attempts = False, 0
    for _ in range(6):
        attempt = attempts.start_attempt(session, learner, alpha)
        assert served_keys(session, attempt) == AUTHORED
        attempts.submit_attempt(session, learner, attempt, wrong_form(session, attempt))


def test_shuffled_questions_come_in_more_than_one_order(session, alpha, learner):
    alpha.max_attempts = 0
    orders = set()
    for _ in range(8):
        attempt = attempts.start_attempt(session, learner, alpha)
        orders.add(tuple(served_keys(session, attempt)))
        attempts.submit_attempt(session, learner, attempt, wrong_form(session, attempt))
    assert len(orders) > 1 and all(sorted(order) == sorted(AUTHORED) for order in orders)


def test_the_same_attempt_shows_the_same_order_after_a_reload(session, alpha, learner):
    attempt = attempts.start_attempt(session, learner, alpha)
    session.commit()

    def shown():
        views = attempts.views(attempts.served_questions(session, attempt), attempt)
        return [(v.key, [c.id for c in v.choices]) for v in views]

    first = shown()
    session.expire_all()
    assert shown() == first
    assert attempts.start_attempt(session, learner, alpha).id == attempt.id  # reopening keeps it


def test_shuffle_options_false_keeps_the_authored_option_order(session, alpha, learner):
    alpha.shuffle_options = False
    attempt = attempts.start_attempt(session, learner, alpha)
    for (_, question), view in zip(
        attempts.served_questions(session, attempt),
        attempts.views(attempts.served_questions(session, attempt), attempt),
        strict=True,
    ):
        assert [c.id for c in view.choices] == ([o.id for o in question.options] if view.choices else [])


# ------------------------------------------------------------------------------ time limit


@pytest.fixture
def timed(session, alpha):
    alpha.time_limit_minutes = 10
    session.commit()
    return alpha


def test_the_deadline_is_the_start_plus_the_time_limit(session, timed, learner):
    start = utcnow()
    attempt = attempts.start_attempt(session, learner, timed, now=start)
    assert attempt.deadline_at == start + timedelta(minutes=10)


def test_a_submit_after_the_grace_grades_the_draft_and_keeps_the_late_answers(session, timed, learner):
    start = utcnow()
    attempt = attempts.start_attempt(session, learner, timed, now=start)
    saved_in_time = answers(session, attempt)
    assert attempts.save_draft(session, attempt, saved_in_time, now=start + timedelta(minutes=9)) is True
    late_form = wrong_form(session, attempt)
    too_late = start + timedelta(minutes=10) + GRACE + timedelta(seconds=1)
    outcome = attempts.submit_attempt(session, learner, attempt, late_form, now=too_late)
    session.commit()
    assert outcome.late is True
    assert outcome.attempt.score_ppm == 1_000_000  # the draft, all right, is what counts
    assert outcome.attempt.late_answers == late_form  # kept to show the learner, never graded
    assert outcome.attempt.submitted_at == attempt.deadline_at


def test_a_submit_just_inside_the_grace_counts_normally(session, timed, learner):
    start = utcnow()
    attempt = attempts.start_attempt(session, learner, timed, now=start)
    attempts.save_draft(session, attempt, wrong_form(session, attempt), now=start + timedelta(minutes=1))
    just_in = start + timedelta(minutes=10) + GRACE
    outcome = attempts.submit_attempt(session, learner, attempt, answers(session, attempt), now=just_in)
    assert outcome.late is False and outcome.attempt.late_answers is None
    assert outcome.attempt.score_ppm == 1_000_000 and outcome.attempt.submitted_at == just_in


def test_a_late_submit_with_nothing_saved_scores_zero_but_keeps_the_answers(session, timed, learner):
    start = utcnow()
    attempt = attempts.start_attempt(session, learner, timed, now=start)
    form = answers(session, attempt)
    outcome = attempts.submit_attempt(session, learner, attempt, form, now=start + timedelta(hours=1))
    assert (outcome.late, outcome.attempt.score_ppm, outcome.attempt.late_answers) == (True, 0, form)


def test_saving_after_the_grace_saves_nothing_but_keeps_the_answers_as_late(session, timed, learner):
    start = utcnow()
    attempt = attempts.start_attempt(session, learner, timed, now=start)
    draft = wrong_form(session, attempt)
    attempts.save_draft(session, attempt, draft, now=start + timedelta(minutes=2))
    later = answers(session, attempt)
    assert attempts.save_draft(session, attempt, later, now=start + timedelta(minutes=12)) is False
    assert (attempt.draft, attempt.late_answers, attempt.status) == (draft, later, "in_progress")


def test_an_expired_attempt_is_finished_when_the_learner_next_loads_the_quiz(session, timed, learner):
    start = utcnow()
    attempt = attempts.start_attempt(session, learner, timed, now=start)
    attempts.save_draft(session, attempt, answers(session, attempt), now=start + timedelta(minutes=3))
    session.commit()
    still_open = attempts.quiz_state(session, learner, timed, now=start + timedelta(minutes=10) + GRACE)
    assert still_open.in_progress is not None
    state = attempts.quiz_state(session, learner, timed, now=start + timedelta(minutes=30))
    assert state.in_progress is None
    assert [(a.status, a.score_ppm, a.submitted_at) for a in state.submitted] == [
        ("submitted", 1_000_000, attempt.deadline_at)
    ]
    assert (
        session.scalar(select(AnswerRecord.score_ppm).where(AnswerRecord.attempt_id == attempt.id))
        is not None
    )


# ------------------------------------------------------------------------------ attempts


def test_wait_minutes_refuses_a_new_start_with_the_minutes_left(session, alpha, learner):
    alpha.wait_minutes = 10
    start = utcnow()
    submit(session, learner, alpha, now=start, thu_do=["Huế"])
    with pytest.raises(AttemptError) as refused:
        attempts.start_attempt(session, learner, alpha, now=start + timedelta(minutes=4))
    assert refused.value.message == "Bạn cần chờ thêm %(minutes)d phút nữa mới được làm lại."
    assert refused.value.params == {"minutes": 6}
    with pytest.raises(AttemptError) as rounded_up:
        attempts.start_attempt(session, learner, alpha, now=start + timedelta(minutes=9, seconds=30))
    assert rounded_up.value.params == {"minutes": 1}
    state = attempts.quiz_state(session, learner, alpha, now=start + timedelta(minutes=4))
    assert state.wait_until == start + timedelta(minutes=10) and state.can_start is False
    again = attempts.start_attempt(session, learner, alpha, now=start + timedelta(minutes=10))
    assert again.number == 2


def test_max_attempts_refuses_the_next_start(session, alpha, learner):
    alpha.max_attempts = 2
    for _ in range(2):
        submit(session, learner, alpha, thu_do=["Huế"])
    with pytest.raises(AttemptError) as refused:
        attempts.start_attempt(session, learner, alpha)
    assert refused.value.message == "Bạn đã dùng hết số lần làm bài kiểm tra này."
    state = attempts.quiz_state(session, learner, alpha)
    assert (state.attempts_left, state.can_start, len(state.attempts)) == (0, False, 2)


def test_the_best_attempt_counts_not_the_last(session, alpha, learner):
    first = submit(session, learner, alpha)
    second = submit(session, learner, alpha, thu_do=["Huế"], otp=wrong_values_of(session, "otp"))
    assert (first.attempt.score_ppm, second.attempt.score_ppm) == (1_000_000, 500_000)
    state = attempts.quiz_state(session, learner, alpha)
    assert state.best.id == first.attempt.id
    assert progress.best_scores(session, learner.id, [alpha.id]) == {alpha.id: 1_000_000}


def wrong_values_of(session, key: str) -> list[str]:
    question = session.scalar(select(Question).where(Question.key == key))
    return wrong_values(current_spec(session, question))


def current_spec(session, question: Question):
    from mooc.quiz.base import Question as Spec

    return Spec.from_dict(session.get(QuestionVersion, question.current_version_id).spec)


# ------------------------------------------------------------------------------ versions and regrade


def edited_tree(tmp_path, old: str, new: str):
    """A copy of the test content with one change in kiem-tra-alpha's file."""
    root = tmp_path / "content"
    shutil.copytree(TEST_CONTENT, root)
    quiz_file = root / "quizzes" / "alpha" / "kiem-tra.md"
    text = quiz_file.read_text(encoding="utf-8")
    assert old in text
    quiz_file.write_text(text.replace(old, new), encoding="utf-8")
    return root


ACCEPT_HUE = ("- [ ] Huế\n  > Huế là cố đô.", "- [x] Huế\n  > Huế cũng được chấp nhận.")


def test_a_new_question_version_changes_neither_a_past_score_nor_its_review(
    session, alpha, learner, tmp_path
):
    outcome = submit(session, learner, alpha, thu_do=["Huế"])
    assert outcome.attempt.score_ppm == 750_000
    import_tree(session, edited_tree(tmp_path, "Thủ đô của Việt Nam là thành phố nào?", "Thủ đô ở đâu?"))
    import_tree(session, edited_tree(tmp_path / "2", *ACCEPT_HUE))
    session.expire_all()
    attempt = session.get(QuizAttempt, outcome.attempt.id)
    assert (attempt.score_ppm, attempt.is_passed) == (750_000, False)
    item = next(i for i in review(session, attempt, alpha).items if i.question.key == "thu-do")
    assert item.question.stem_html == "<p>Thủ đô của Việt Nam là thành phố nào?</p>"
    assert item.feedback == ("<p>Huế là cố đô.</p>",) and item.score_ppm == 0
    versions = session.scalars(
        select(QuestionVersion.id)
        .join(Question, Question.id == QuestionVersion.question_id)
        .where(Question.key == "thu-do", Question.quiz_id == alpha.id)
    ).all()
    assert len(versions) == 3


def test_regrade_rescores_with_the_current_version_and_reports_the_change(session, alpha, learner, tmp_path):
    outcome = submit(session, learner, alpha, thu_do=["Huế"])
    import_tree(session, edited_tree(tmp_path, *ACCEPT_HUE))
    report = regrade(session, alpha)
    session.commit()
    assert (report.attempts, report.answers_regraded) == (1, 1)  # only thu-do has a new version
    [change] = report.changes
    assert (change.attempt_id, change.user_id, change.number) == (outcome.attempt.id, learner.id, 1)
    assert (change.old_ppm, change.new_ppm, change.old_passed, change.new_passed) == (
        750_000,
        1_000_000,
        False,
        True,
    )
    session.expire_all()
    attempt = session.get(QuizAttempt, outcome.attempt.id)
    assert (attempt.score_ppm, attempt.is_passed) == (1_000_000, True)
    again = regrade(session, alpha)
    assert (again.answers_regraded, again.changes) == (0, [])  # nothing left to do


def test_a_dry_run_regrade_reports_but_changes_nothing(session, alpha, learner, tmp_path):
    outcome = submit(session, learner, alpha, thu_do=["Huế"])
    import_tree(session, edited_tree(tmp_path, *ACCEPT_HUE))
    report = regrade(session, alpha, dry_run=True)
    assert [(c.old_ppm, c.new_ppm) for c in report.changes] == [(750_000, 1_000_000)]
    session.expire_all()
    attempt = session.get(QuizAttempt, outcome.attempt.id)
    assert (attempt.score_ppm, attempt.is_passed) == (750_000, False)
    graded = session.scalars(
        select(AnswerRecord.graded_version_id).where(AnswerRecord.attempt_id == attempt.id)
    )
    assert sorted(graded) == sorted(attempt.served)
    assert report.records_issued == []


def test_regrade_issues_a_record_when_a_learner_now_passes_every_module(session, alpha, learner, tmp_path):
    submit(session, learner, alpha, thu_do=["Huế"])
    take(session, learner, "kiem-tra-beta")
    assert records.current_record(session, learner) is None
    import_tree(session, edited_tree(tmp_path, *ACCEPT_HUE))
    report = regrade(session, alpha)
    session.commit()
    record = session.scalar(select(CompletionRecord).where(CompletionRecord.user_id == learner.id))
    assert record is not None and report.records_issued == [record.code]


def test_regrade_never_takes_back_an_issued_record(session, alpha, learner, tmp_path):
    submit(session, learner, alpha)
    _, record = take(session, learner, "kiem-tra-beta")
    assert record is not None
    import_tree(session, edited_tree(tmp_path, "- [x] Hà Nội\n  > Đúng.", "- [x] Hà Đông\n  > Đúng."))
    report = regrade(session, alpha)
    assert [(c.new_ppm, c.new_passed) for c in report.changes] == [(750_000, False)]
    assert records.current_record(session, learner).code == record.code


# ------------------------------------------------------------------------------ statistics


def test_statistics_give_the_facility_and_the_most_common_wrong_answers(session, alpha, make_user):
    otp_wrong = wrong_values_of(session, "otp")
    given = [
        {},
        {"thu_do": ["Huế"], "otp": otp_wrong},
        {"thu_do": ["  huế "]},
        {"thu_do": ["Đà Nẵng"], "otp": otp_wrong},
    ]
    for overrides in given:
        user = make_user()
        read_lessons(session, user, alpha.course_id)
        submit(session, user, alpha, **overrides)
    stats = {row.key: row for row in statistics(session, alpha)}
    assert [row.key for row in statistics(session, alpha)] == AUTHORED
    thu_do = stats["thu-do"]
    assert (thu_do.answered, thu_do.facility_percent, thu_do.fully_right) == (4, 25, 1)
    assert (thu_do.common_wrong, thu_do.common_wrong_count) == ("huế", 2)
    otp = stats["otp"]
    assert (otp.answered, otp.facility_percent, otp.fully_right) == (4, 50, 2)
    assert (otp.common_wrong, otp.common_wrong_count) == ("Có", 2)
    assert (stats["thoi-quen"].facility_percent, stats["thoi-quen"].common_wrong) == (100, "")


def test_statistics_of_a_quiz_nobody_took_have_no_facility(session, alpha):
    rows = statistics(session, alpha)
    assert [(r.key, r.answered, r.facility_percent, r.common_wrong) for r in rows] == [
        (key, 0, None, "") for key in AUTHORED
    ]


def test_statistics_count_a_wrong_tick_in_a_multiple_choice_question(session, alpha, learner):
    question = session.scalar(select(Question).where(Question.key == "thoi-quen"))
    spec = current_spec(session, question)
    ticks = {o.text: o.id for o in spec.options}
    submit(session, learner, alpha, thoi_quen=[ticks["Mật khẩu dài"], ticks["Viết mật khẩu lên vỏ máy"]])
    row = next(r for r in statistics(session, alpha) if r.key == "thoi-quen")
    assert (row.facility_percent, row.common_wrong, row.common_wrong_count) == (
        0,
        "Viết mật khẩu lên vỏ máy",
        1,
    )
