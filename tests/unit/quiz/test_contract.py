"""The contract every question type keeps, checked for each kind in the registry.

A new type registered in mooc/quiz/types/ fails here until it has an entry in
EXAMPLES: a valid block, the form values that earn full marks, and a block with
one mistake plus the file line its error must name.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from fractions import Fraction
from textwrap import dedent

import pytest

from mooc.content.markdown import render_markdown
from mooc.quiz import registry
from mooc.quiz.base import Question, QuestionView, option_id
from mooc.quiz.parse import parse_questions

PATH = "quizzes/mau/kiem-tra.md"
BAD_BLOCK_FIRST_LINE = 21  # parse the bad block further down a file, so line offsets are checked too


@dataclass(frozen=True)
class Example:
    block: str
    right: list[str]  # the form values a learner who knows the answer submits
    bad_block: str
    bad_line: int  # the line the error must name, counting the bad block's first line as 1


EXAMPLES: dict[str, Example] = {
    "single_choice": Example(
        block="""
            ## Mã OTP
            type: single_choice

            Ngân hàng gọi điện và hỏi mã OTP. Bạn nên làm gì?

            - [x] Từ chối và cúp máy.
              > Chính xác, ngân hàng không bao giờ hỏi mã này.
            - [ ] Đọc mã cho họ để xác minh.
              > Kẻ gian sẽ rút tiền trong tài khoản.
            - [ ] Gửi mã qua Zalo.
              > Cũng là đưa mã cho kẻ gian.

            > Mã OTP là mật khẩu dùng một lần.
        """,
        right=[option_id("Từ chối và cúp máy.")],
        bad_block="""
            ## Mã OTP
            type: single_choice

            Bạn nên làm gì?

            - [x] Từ chối và cúp máy.
            - [50%] Hỏi lại tên người gọi.
        """,
        bad_line=7,
    ),
    "multiple_choice": Example(
        block="""
            ## Mật khẩu an toàn
            type: multiple_choice
            points: 2

            Thói quen nào giữ tài khoản an toàn?

            - [60%] Dùng mật khẩu dài.
              > Mật khẩu dài khó đoán.
            - [40%] Bật xác thực hai bước.
              > Kẻ gian cần cả điện thoại của bạn.
            - [-70%] Viết mật khẩu lên vỏ máy.
              > Ai cầm máy cũng đọc được.

            > Dùng cả hai cách cùng lúc.
        """,
        right=[option_id("Dùng mật khẩu dài."), option_id("Bật xác thực hai bước.")],
        bad_block="""
            ## Mật khẩu an toàn
            type: multiple_choice

            Thói quen nào giữ tài khoản an toàn?

            - [50%] Dùng mật khẩu dài.
            - [150%] Bật xác thực hai bước.
            - [ ] Viết mật khẩu lên vỏ máy.
        """,
        bad_line=7,
    ),
    "true_false": Example(
        block="""
            ## Tin nhắn ngân hàng
            type: true_false

            Ngân hàng gửi đường link đăng nhập qua tin nhắn SMS.

            - [ ] Đúng
              > Ngân hàng không gửi link qua SMS; đó là lừa đảo.
            - [x] Sai
              > Chính xác, hãy xóa tin nhắn đó.

            > Chỉ đăng nhập bằng ứng dụng chính thức.
        """,
        right=[option_id("Sai")],
        bad_block="""
            ## Tin nhắn ngân hàng
            type: true_false

            Ngân hàng gửi đường link qua tin nhắn SMS.

            - [x] Đúng
            - [25%] Sai
        """,
        bad_line=7,
    ),
    "short_answer": Example(
        block="""
            ## Thủ đô
            type: short_answer

            Thủ đô của nước ta là thành phố nào?

            - [x] Hà Nội
              > Chính xác, từ năm 1010.
            - [50%] Thăng Long
              > Tên cũ; hãy viết tên ngày nay.
            - [ ] Huế
              > Đó là cố đô thời Nguyễn.

            > Hà Nội là thủ đô từ năm 1976.
        """,
        right=["hà nội"],
        bad_block="""
            ## Thủ đô
            type: short_answer

            Thủ đô của nước ta là thành phố nào?

            - [x] Hà Nội
            - [ ] Huế
            - [x] HÀ NỘI
        """,
        bad_line=8,
    ),
}


def parse(block: str, first_line: int = 1):
    return parse_questions(dedent(block).lstrip("\n"), PATH, first_line, render_markdown)


def leaves(value) -> list:
    """Every plain value inside a view (dataclasses and tuples opened up)."""
    if dataclasses.is_dataclass(value):
        return [leaf for f in dataclasses.fields(value) for leaf in leaves(getattr(value, f.name))]
    if isinstance(value, tuple | list):
        return [leaf for item in value for leaf in leaves(item)]
    return [value]


def in_shown_order(view: QuestionView, values: list[str]) -> list[str]:
    position = {choice.id: i for i, choice in enumerate(view.choices)}
    return sorted(values, key=lambda value: position.get(value, -1))


def test_every_example_is_a_registered_kind():
    assert sorted(EXAMPLES) == sorted(registry.kinds())


@pytest.mark.parametrize("kind", registry.kinds())
def test_question_type_keeps_the_contract(kind):
    assert kind in EXAMPLES, f"add an example for {kind!r} to EXAMPLES in {__file__}"
    example, question_type = EXAMPLES[kind], registry.get(kind)

    # The example parses into one question of this kind.
    parsed = parse(example.block)
    assert [str(e) for e in parsed.errors] == []
    [question] = parsed.questions
    assert (question.kind, question.line) == (kind, 1)

    # The right answer earns full marks; an empty or missing response earns nothing.
    score = question_type.grade(question, question_type.read_response(question, example.right))
    assert score.possible == question.points
    assert score.earned == score.possible
    assert question_type.grade(question, question_type.read_response(question, [])).earned == 0
    assert question_type.grade(question, None).earned == 0

    # A mistake is reported at its line of the file.
    bad = parse(example.bad_block, BAD_BLOCK_FIRST_LINE)
    assert bad.questions == []
    assert [e.line for e in bad.errors] == [example.bad_line + BAD_BLOCK_FIRST_LINE - 1]
    assert bad.errors[0].path == PATH

    # The view has what the template needs and never the answer key.
    view = question_type.render(question, seed=1)
    assert isinstance(view, QuestionView)
    assert (view.kind, view.key, view.field_name) == (kind, question.key, f"q-{question.key}")
    assert view.stem_html == question.stem_html
    shown = repr(view)
    for word in ("weight", "feedback", "explanation", "Fraction"):
        assert word not in shown
    weights = {o.weight for o in question.options} | {o.fraction for o in question.options}
    assert weights.isdisjoint(leaves(view))
    secrets = [o.feedback_html for o in question.options if o.feedback_html]
    secrets += [question.explanation_html]
    if not view.choices:  # a typed answer: the accepted and known wrong answers stay hidden
        secrets += [o.text for o in question.options]
    assert len(secrets) >= 2
    texts = [leaf for leaf in leaves(view) if isinstance(leaf, str)]
    assert [secret for secret in secrets if secret in shown or any(secret in text for text in texts)] == []

    # Options: the same seed gives the same order, and grading follows ids, not positions.
    assert question_type.render(question, seed=1) == view
    other = question_type.render(question, seed=2)
    assert sorted(c.id for c in other.choices) == sorted(c.id for c in view.choices)
    first = question_type.grade(
        question, question_type.read_response(question, in_shown_order(view, example.right))
    )
    second = question_type.grade(
        question, question_type.read_response(question, in_shown_order(other, example.right))
    )
    assert first == second == score

    # The spec survives storage as JSON.
    stored = json.loads(json.dumps(question.to_dict()))
    assert Question.from_dict(stored) == question
    assert Question.from_dict(stored).options[0].fraction == Fraction(question.options[0].weight) / 100
