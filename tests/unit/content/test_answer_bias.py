"""Answer bias: can a learner pass by picking the longest option and always saying "Sai"?

Small hand-made quizzes, each with exact warnings and exact blind-strategy scores; then the
same check through `find_problems` on a copy of the test tree, and on the shipped content.
"""

from __future__ import annotations

import shutil
import unicodedata
from fractions import Fraction
from pathlib import Path

import pytest

from mooc.content.answer_bias import (
    answer_bias_problems,
    blind_strategy,
    pass_mark_for,
    plain_length,
    quiz_warnings,
    right_is_strictly_longest,
)
from mooc.content.check import find_problems
from mooc.content.markdown import render_markdown
from mooc.content.quiz_sources import QuizSource
from mooc.content.sources import read_tree
from mooc.quiz.base import Option
from mooc.quiz.parse import parse_questions
from mooc.quiz.settings import QuizSettings

PROJECT = Path(__file__).resolve().parents[3]
SHOWN = "quizzes/x/kiem-tra.md"
FIRST_LINE = 8  # the body starts after seven lines of front matter
LONGEST_ADVICE = "người học đoán được; hãy viết phương án sai dài tương đương"
BALANCE_ADVICE = (
    "người học đoán được; hãy đổi vài câu thành nhận định ngược lại (vẫn có nguồn) để đáp án cân bằng"
)
STRATEGY_ADVICE = "không cần biết bài vẫn đạt; hãy sửa phương án sai và cân bằng đáp án Đúng/Sai"


def block(key: str, kind: str, options: list[str], *settings: str) -> str:
    """One question: heading, settings, a blank line, the text, the answers, a blank line."""
    head = [f"## {key}", f"type: {kind}", f"id: {key}", *settings]
    return "\n".join([*head, "", "Câu hỏi?", "", *options, "", ""])


def single(key: str, right: str, *wrong: str, points: int = 1) -> str:
    """Eight lines plus one per answer, with `points:` set."""
    options = [f"- [x] {right}", *(f"- [ ] {w}" for w in wrong)]
    return block(key, "single_choice", options, f"points: {points}")


def true_false(key: str, answer: str) -> str:
    right, wrong = ("x", " ") if answer == "Đúng" else (" ", "x")
    return block(key, "true_false", [f"- [{right}] Đúng", f"- [{wrong}] Sai"])


def short(key: str, answer: str) -> str:
    return block(key, "short_answer", [f"- [x] {answer}"])


def multiple(key: str) -> str:
    return block(key, "multiple_choice", ["- [x] Một", "- [x] Hai", "- [ ] Ba"])


def quiz(*blocks: str, pass_mark: int | None = None) -> QuizSource:
    body = "".join(blocks)
    parsed = parse_questions(body, SHOWN, FIRST_LINE, render_markdown)
    assert parsed.errors == []
    return QuizSource(
        path=Path(SHOWN),
        shown=SHOWN,
        slug="kiem-tra-x",
        title="Kiểm tra X",
        course="x",
        competences=["4.1"],
        settings=QuizSettings(pass_mark=pass_mark),
        body=body,
        body_line=FIRST_LINE,
        meta_lines={},
        questions=parsed.questions,
    )


def warnings(source: QuizSource, pass_mark: int = 80) -> list[str]:
    return [str(p) for p in quiz_warnings(source, pass_mark)]


# A right option that is clearly the longest, and one hidden among longer wrong ones.
GIVEAWAY = ("Cúp máy rồi gọi lại bằng số đã lưu từ trước.", "Chuyển tiền ngay.", "Đọc mã OTP.")
HIDDEN = ("Cúp máy.", "Chuyển ngay, vì giọng nói đúng là của người thân.", "Đọc mã OTP cho họ để xác minh.")


def test_the_length_a_learner_sees_ignores_markdown_and_unicode_form():
    option = Option(id="a", text="**Khóa** màn hình `ngay`", html="", weight="100")
    assert plain_length(option) == len("Khóa màn hình ngay")
    decomposed = Option(id="b", text=unicodedata.normalize("NFD", "Khóa máy"), html="", weight="0")
    assert plain_length(decomposed) == len("Khóa máy")  # NFD would count each tone mark as a letter
    rendered = quiz(single("a", "**Khóa** màn hình", "Không khóa gì")).questions[0].options[0]
    assert plain_length(rendered) == len("Khóa màn hình")


def test_a_right_option_tied_for_longest_is_not_strictly_the_longest():
    tied, longest, shorter = quiz(
        single("a", "Cúp máy ngay", "Chuyển ngay!"),
        single("b", "Cúp máy ngay", "Chuyển"),
        single("c", "Cúp", "Chuyển ngay"),
    ).questions
    assert [right_is_strictly_longest(q) for q in (tied, longest, shorter)] == [False, True, False]


def test_the_longest_right_option_in_four_of_five_questions_is_reported_with_its_lines():
    source = quiz(*(single(f"q{i}", *GIVEAWAY) for i in range(4)), single("q4", *HIDDEN))
    assert [q.line for q in source.questions] == [8, 19, 30, 41, 52]
    assert warnings(source) == [
        f"{SHOWN}:1: warning: đáp án đúng là phương án dài nhất ở 4/5 câu chọn một "
        f"(dòng 8, 19, 30, 41): {LONGEST_ADVICE}",
        f"{SHOWN}:1: warning: chọn phương án dài nhất, trả lời “Sai” mọi câu đúng/sai và bỏ trống "
        f"các câu còn lại được 80% (điểm đạt 80%): {STRATEGY_ADVICE}",
    ]


def test_forty_percent_is_not_more_than_forty_percent():
    source = quiz(
        *(single(f"g{i}", *GIVEAWAY) for i in range(4)), *(single(f"h{i}", *HIDDEN) for i in range(6))
    )
    assert warnings(source) == []
    assert blind_strategy(source.questions, 80).score_ppm == 400_000


def test_fewer_than_four_questions_say_nothing_even_when_every_key_shows():
    source = quiz(*(single(f"q{i}", *GIVEAWAY) for i in range(3)))
    assert blind_strategy(source.questions, 80).score_ppm == 1_000_000
    assert warnings(source) == []


def test_most_true_false_keys_alike_is_reported_with_the_answer():
    source = quiz(*(true_false(f"s{i}", "Sai") for i in range(4)), true_false("d", "Đúng"))
    assert warnings(source) == [
        f"{SHOWN}:1: warning: 4/5 câu đúng/sai có đáp án “Sai”: {BALANCE_ADVICE}",
        f"{SHOWN}:1: warning: chọn phương án dài nhất, trả lời “Sai” mọi câu đúng/sai và bỏ trống "
        f"các câu còn lại được 80% (điểm đạt 80%): {STRATEGY_ADVICE}",
    ]


def test_a_majority_of_đúng_is_reported_as_đúng():
    source = quiz(
        *(true_false(f"d{i}", "Đúng") for i in range(5)), *(short(f"a{i}", "156") for i in range(2))
    )
    strategy = blind_strategy(source.questions, 80)
    assert (strategy.true_false_answer, strategy.earned, strategy.possible) == ("Đúng", 5, 7)
    assert warnings(source) == [f"{SHOWN}:1: warning: 5/5 câu đúng/sai có đáp án “Đúng”: {BALANCE_ADVICE}"]


def test_three_of_four_alike_is_balanced_enough():
    source = quiz(*(true_false(f"s{i}", "Sai") for i in range(3)), true_false("d", "Đúng"))
    assert warnings(source) == []
    assert blind_strategy(source.questions, 80).score_ppm == 750_000


def test_the_strategy_leaves_short_answers_and_check_boxes_blank_and_weighs_points():
    source = quiz(
        single("a", *GIVEAWAY, points=2),
        single("b", *HIDDEN),
        true_false("c", "Đúng"),
        true_false("d", "Sai"),
        true_false("e", "Sai"),
        short("f", "156"),
        multiple("g"),
    )
    strategy = blind_strategy(source.questions, 80)
    # 2 points for the giveaway, 0 for the hidden key, "Sai" twice, nothing typed or ticked.
    assert (strategy.true_false_answer, strategy.earned, strategy.possible) == ("Sai", 4, 8)
    assert (strategy.score_ppm, strategy.percent, strategy.passes) == (500_000, 50, False)
    assert warnings(source) == []


def test_tied_longest_options_earn_the_average_of_the_ties():
    source = quiz(
        single("a", "Cúp máy ngay", "Chuyển ngay!", "Đọc mã"),
        single("b", "Cúp máy ngay", "Chuyển ngay!", "Đọc mã OTP!!"),
        short("c", "156"),
        short("d", "111"),
    )
    strategy = blind_strategy(source.questions, 80)
    assert strategy.earned == Fraction(1, 2) + Fraction(1, 3)
    assert strategy.score_ppm == 208_333  # 5/24, rounded down like every score


def test_a_stricter_pass_mark_silences_the_strategy_warning_but_not_the_others():
    source = quiz(*(single(f"q{i}", *GIVEAWAY) for i in range(4)), single("q4", *HIDDEN), pass_mark=90)
    assert blind_strategy(source.questions, 90).passes is False
    assert warnings(source, pass_mark=90) == [
        f"{SHOWN}:1: warning: đáp án đúng là phương án dài nhất ở 4/5 câu chọn một "
        f"(dòng 8, 19, 30, 41): {LONGEST_ADVICE}",
    ]


BIASED_BETA = (
    """---
title: Kiểm tra Beta
slug: kiem-tra-beta
course: beta
competences: ["4.2"]
---

"""
    + "".join(single(f"q{i}", *GIVEAWAY) for i in range(4))
    + "".join(true_false(f"t{i}", "Sai") for i in range(4))
)


@pytest.fixture
def root(tmp_path, monkeypatch) -> Path:
    shutil.copytree(PROJECT / "tests" / "data" / "content", tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    return Path("content")


def test_the_checker_reports_answer_bias_as_warnings_at_the_quiz(root):
    (root / "quizzes/beta/kiem-tra.md").write_text(BIASED_BETA, encoding="utf-8")
    problems = find_problems(read_tree(root))
    shown = "content/quizzes/beta/kiem-tra.md"
    assert [str(p) for p in problems] == [
        f"{shown}:1: warning: 4/4 câu đúng/sai có đáp án “Sai”: {BALANCE_ADVICE}",
        f"{shown}:1: warning: chọn phương án dài nhất, trả lời “Sai” mọi câu đúng/sai và bỏ trống "
        f"các câu còn lại được 100% (điểm đạt 80%): {STRATEGY_ADVICE}",
        f"{shown}:1: warning: đáp án đúng là phương án dài nhất ở 4/4 câu chọn một "
        f"(dòng 8, 19, 30, 41): {LONGEST_ADVICE}",
    ]
    assert not any(p.is_error for p in problems)


def test_the_pass_mark_is_the_most_lenient_one_a_learner_of_the_module_faces(root):
    tree = read_tree(root)
    beta = next(q for q in tree.quizzes if q.course == "beta")
    assert pass_mark_for(tree, beta) == 80  # the group's mark; the quiz sets none


@pytest.mark.slow
def test_the_shipped_quizzes_do_not_give_the_key_away(monkeypatch):
    monkeypatch.chdir(PROJECT)
    tree = read_tree(Path("."))
    assert len(tree.quizzes) >= 20
    assert [str(p) for q in tree.quizzes for p in answer_bias_problems(tree, q)] == []
    for source in tree.quizzes:
        choice = [q for q in source.questions if q.kind in ("single_choice", "missing_word")]
        longest = [q.key for q in choice if right_is_strictly_longest(q)]
        assert len(longest) * 4 <= len(choice), f"{source.shown}: the key is the longest option in {longest}"
        strategy = blind_strategy(source.questions, pass_mark_for(tree, source))
        assert strategy.score_ppm < 500_000, f"{source.shown}: blind guessing scores {strategy.percent}%"
