"""Answer bias: can a learner pass a quiz without knowing anything, from the look of the answers?

Three warnings per quiz, in Vietnamese for the teachers who fix them:

- the right option of a single-choice question is strictly the longest too often;
- most true/false questions share the same key ("Sai" or "Đúng");
- the blind strategy "pick the longest option, always give the majority true/false answer,
  leave every other question blank" reaches the pass mark, graded by the quiz engine itself.

Each needs at least MIN_QUESTIONS questions showing it, so a two-question sample quiz stays quiet.

Pure: plain quiz sources in, Problems out.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction

from mooc.content.problems import Problem
from mooc.content.quiz_sources import QuizSource
from mooc.content.sources import ContentTree
from mooc.domain.grading import effective_pass_mark, passes, percent_shown, to_ppm
from mooc.quiz import registry
from mooc.quiz.base import Option, Question

CHOICE_KINDS = ("single_choice", "missing_word")  # "câu chọn một": one option is picked
LONGEST_SHARE = Fraction(40, 100)  # warn above this share of single-choice questions…
TRUE_FALSE_SHARE = Fraction(75, 100)  # …or of true/false questions with the same key
MIN_QUESTIONS = 4  # …and only when at least this many questions show the pattern (or are in the quiz)
TRUE_LABELS = {"đúng", "true"}

_TAG = re.compile(r"<[^>]+>")
_MARKDOWN = re.compile(r"!?\[([^\]]*)\]\([^)]*\)|[*_`~]+")
_SPACE = re.compile(r"\s+")


def plain_length(option: Option) -> int:
    """Characters a learner sees: Markdown and HTML stripped, spaces collapsed, Vietnamese in NFC."""
    if option.html:
        text = html.unescape(_TAG.sub("", option.html))
    else:
        text = _MARKDOWN.sub(lambda m: m.group(1) or "", option.text)
    return len(unicodedata.normalize("NFC", _SPACE.sub(" ", text).strip()))


def longest_options(question: Question) -> list[Option]:
    """Every option tied for the greatest length."""
    lengths = [plain_length(o) for o in question.options]
    top = max(lengths, default=0)
    return [o for o, n in zip(question.options, lengths, strict=True) if n == top]


def right_is_strictly_longest(question: Question) -> bool:
    longest = longest_options(question)
    return len(longest) == 1 and longest[0].fraction == 1


def true_false_key(question: Question) -> str:
    """'Đúng' or 'Sai': the label of the right option."""
    return _label(next(o for o in question.options if o.fraction == 1))


def _label(option: Option) -> str:
    return "Đúng" if option.text.strip().casefold() in TRUE_LABELS else "Sai"


@dataclass(frozen=True)
class Strategy:
    """The score of answering blind: longest option, one true/false answer, blanks elsewhere."""

    true_false_answer: str  # the answer given to every true/false question
    earned: Fraction
    possible: Fraction
    pass_mark: int

    @property
    def score_ppm(self) -> int:
        return to_ppm(self.earned, self.possible)

    @property
    def percent(self) -> int:
        return percent_shown(self.score_ppm)

    @property
    def passes(self) -> bool:
        return passes(self.score_ppm, self.pass_mark)


def majority_true_false(questions: Sequence[Question]) -> tuple[str, int, int]:
    """(the more common key, how many have it, how many true/false questions); 'Sai' on a tie."""
    keys = [true_false_key(q) for q in questions if q.kind == "true_false"]
    right = keys.count("Đúng")
    wrong = len(keys) - right
    return ("Đúng", right, len(keys)) if right > wrong else ("Sai", wrong, len(keys))


def blind_strategy(questions: Sequence[Question], pass_mark: int) -> Strategy:
    """Grade the blind strategy with each question type's own grading.

    A single-choice question earns the average of its longest options (the learner cannot
    tell tied options apart); a true/false question gets the quiz's majority answer; every
    other question is left blank. Over the whole pool, so `draw` does not matter.
    """
    answer, _, _ = majority_true_false(questions)
    earned = possible = Fraction(0)
    for question in questions:
        kind = registry.get(question.kind)
        if question.kind in CHOICE_KINDS:
            picks = longest_options(question)
            scores = [kind.grade(question, [o.id]) for o in picks]
            earned += sum((s.earned for s in scores), Fraction(0)) / len(scores)
            possible += scores[0].possible
            continue
        if question.kind == "true_false":
            pick = next(o for o in question.options if _label(o) == answer)
            score = kind.grade(question, [pick.id])
        else:
            score = kind.grade(question, None)
        earned += score.earned
        possible += score.possible
    return Strategy(answer, earned, possible, pass_mark)


def answer_bias_problems(tree: ContentTree, quiz: QuizSource) -> Iterator[Problem]:
    """The answer-bias warnings of one quiz of a tree, at the pass mark that applies to it."""
    return quiz_warnings(quiz, pass_mark_for(tree, quiz))


def pass_mark_for(tree: ContentTree, quiz: QuizSource) -> int:
    """The most lenient mark any learner of the quiz's module faces: the blind strategy must fail it."""
    course = tree.course(quiz.course)
    groups = tree.framework.groups if tree.framework else ()
    marks = [g.pass_mark for g in groups if course and g.code in course.target_groups]
    return effective_pass_mark(quiz.pass_mark, min(marks) if marks else None)


def quiz_warnings(quiz: QuizSource, pass_mark: int) -> Iterator[Problem]:
    """The three answer-bias warnings for one quiz, at the quiz file's first line."""
    questions = quiz.questions
    choice = [q for q in questions if q.kind in CHOICE_KINDS]
    longest = [q for q in choice if right_is_strictly_longest(q)]
    if len(longest) >= MIN_QUESTIONS and Fraction(len(longest), len(choice)) > LONGEST_SHARE:
        lines = ", ".join(str(q.line) for q in longest)
        yield _warning(
            quiz,
            f"đáp án đúng là phương án dài nhất ở {len(longest)}/{len(choice)} câu chọn một "
            f"(dòng {lines}): người học đoán được; hãy viết phương án sai dài tương đương",
        )
    answer, count, total = majority_true_false(questions)
    if count >= MIN_QUESTIONS and Fraction(count, total) > TRUE_FALSE_SHARE:
        yield _warning(
            quiz,
            f"{count}/{total} câu đúng/sai có đáp án “{answer}”: người học đoán được; "
            "hãy đổi vài câu thành nhận định ngược lại (vẫn có nguồn) để đáp án cân bằng",
        )
    if len(questions) >= MIN_QUESTIONS:
        strategy = blind_strategy(questions, pass_mark)
        if strategy.passes:
            yield _warning(
                quiz,
                f"chọn phương án dài nhất, trả lời “{strategy.true_false_answer}” mọi câu đúng/sai "
                f"và bỏ trống các câu còn lại được {strategy.percent}% "
                f"(điểm đạt {strategy.pass_mark}%): không cần biết bài vẫn đạt; "
                "hãy sửa phương án sai và cân bằng đáp án Đúng/Sai",
            )


def _warning(quiz: QuizSource, message: str) -> Problem:
    return Problem(quiz.shown, 1, message, "warning")
