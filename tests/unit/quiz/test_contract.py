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
from mooc.quiz.types.matching import right_id

PATH = "quizzes/mau/kiem-tra.md"
BAD_BLOCK_FIRST_LINE = 21  # parse the bad block further down a file, so line offsets are checked too


@dataclass(frozen=True)
class Example:
    block: str
    # The form a learner who knows the answer submits: field-name suffix → values ("" is the
    # question's own field, q-<key>; "-<id>" a per-item field of matching and ordering).
    right: dict[str, list[str]]
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
        right={"": [option_id("Từ chối và cúp máy.")]},
        bad_block="""
            ## Mã OTP
            type: single_choice

            Bạn nên làm gì?

            - [x] Từ chối và cúp máy.
            - [x] Hỏi lại tên người gọi.
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
        right={"": [option_id("Dùng mật khẩu dài."), option_id("Bật xác thực hai bước.")]},
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
        right={"": [option_id("Sai")]},
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
        right={"": ["hà nội"]},
        bad_block="""
            ## Thủ đô
            type: short_answer

            Thủ đô của nước ta là thành phố nào?

            - [x] Hà Nội
            - [ ] Huế
            - [ ] HÀ NỘI
        """,
        bad_line=8,  # the same answer as line 6 with another mark (the same mark is only a warning)
    ),
    "numerical": Example(
        block="""
            ## Số pi
            type: numerical

            Số pi bằng khoảng bao nhiêu (hai chữ số thập phân)?

            - [x] 3.14:0.005
              > Chính xác.
            - [50%] 3..3.3
              > Gần đúng; hãy viết thêm chữ số thập phân.
            - [ ] *
              > Số pi lớn hơn 3 một chút.

            > Pi là tỉ số giữa chu vi và đường kính.
        """,
        right={"": ["3,14"]},
        bad_block="""
            ## Số pi
            type: numerical

            Số pi bằng khoảng bao nhiêu?

            - [x] 3.14:0.01
            - [x] ba phẩy mười bốn
        """,
        bad_line=7,
    ),
    "matching": Example(
        block="""
            ## Ứng dụng
            type: matching

            Ghép mỗi ứng dụng với việc nó làm.

            - [x] VNeID -> Định danh điện tử
            - [x] Cổng Dịch vụ công -> Nộp hồ sơ trực tuyến
            - [ ] -> Xem phim

            > VNeID do Bộ Công an quản lý.
        """,
        right={
            "-" + option_id("VNeID"): [right_id("Định danh điện tử")],
            "-" + option_id("Cổng Dịch vụ công"): [right_id("Nộp hồ sơ trực tuyến")],
        },
        bad_block="""
            ## Ứng dụng
            type: matching

            Ghép mỗi ứng dụng với việc nó làm.

            - [x] VNeID -> Định danh điện tử
            - [x] Zalo Nhắn tin
        """,
        bad_line=7,
    ),
    "ordering": Example(
        block="""
            ## Chuyển tiền
            type: ordering

            Sắp xếp các bước chuyển tiền bằng mã QR.

            - [2] Quét mã QR.
            - [1] Mở ứng dụng ngân hàng.
            - [3] Đọc kỹ tên người nhận rồi xác nhận.

            > Luôn đọc tên người nhận trước khi xác nhận.
        """,
        right={
            "-" + option_id("Mở ứng dụng ngân hàng."): ["1"],
            "-" + option_id("Quét mã QR."): ["2"],
            "-" + option_id("Đọc kỹ tên người nhận rồi xác nhận."): ["3"],
        },
        bad_block="""
            ## Chuyển tiền
            type: ordering

            Sắp xếp các bước.

            - [1] Mở ứng dụng.
            - [1] Quét mã QR.
        """,
        bad_line=7,
    ),
    "missing_word": Example(
        block="""
            ## Số cấp cứu
            type: missing_word

            Khi cần xe cấp cứu, hãy gọi số [___] ngay.

            - [x] 115
              > Chính xác.
            - [ ] 113
              > 113 là số của công an.
            - [ ] Tất cả các số trên {pin}
              > Chỉ một số là đúng.

            > Ghi nhớ: 113 công an, 114 cứu hỏa, 115 cấp cứu.
        """,
        right={"": [option_id("115")]},
        bad_block="""
            ## Số cấp cứu
            type: missing_word

            Khi cần xe cấp cứu, hãy gọi ngay.

            - [x] 115
            - [ ] 113
        """,
        bad_line=4,
    ),
}


def form_for(question: Question, answer: dict[str, list[str]]) -> dict[str, list[str]]:
    return {f"q-{question.key}{suffix}": values for suffix, values in answer.items()}


def parse(block: str, first_line: int = 1):
    return parse_questions(dedent(block).lstrip("\n"), PATH, first_line, render_markdown)


def leaves(value) -> list:
    """Every plain value inside a view (dataclasses and tuples opened up)."""
    if dataclasses.is_dataclass(value):
        return [leaf for f in dataclasses.fields(value) for leaf in leaves(getattr(value, f.name))]
    if isinstance(value, tuple | list):
        return [leaf for item in value for leaf in leaves(item)]
    return [value]


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
    right = form_for(question, example.right)
    score = question_type.grade(question, question_type.read_response(question, right))
    assert score.possible == question.points
    assert score.earned == score.possible
    assert question_type.grade(question, question_type.read_response(question, {})).earned == 0
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
    shown_stem = view.stem_html + ("[___]" + view.stem_after_html if view.stem_after_html else "")
    assert shown_stem == question.stem_html
    shown = repr(view)
    for word in ("weight", "feedback", "explanation", "Fraction"):
        assert word not in shown
    weights = {o.weight for o in question.options} | {o.fraction for o in question.options}
    assert weights.isdisjoint(leaves(view))
    secrets = [o.feedback_html for o in question.options if o.feedback_html]
    secrets += [question.explanation_html]
    if not view.choices:  # a typed answer: the accepted and known wrong answers stay hidden
        secrets += [o.text for o in question.options]
    assert len(secrets) >= 1
    texts = [leaf for leaf in leaves(view) if isinstance(leaf, str)]
    assert [secret for secret in secrets if secret in shown or any(secret in text for text in texts)] == []

    # Options: the same seed gives the same order, and grading follows ids, not positions.
    assert question_type.render(question, seed=1) == view
    other = question_type.render(question, seed=2)
    assert sorted(c.id for c in other.choices) == sorted(c.id for c in view.choices)
    assert sorted(p.id for p in other.prompts) == sorted(p.id for p in view.prompts)
    again = question_type.grade(question, question_type.read_response(question, right))
    assert again == score  # the same ids earn the same score whatever order they were shown in

    # The spec survives storage as JSON.
    stored = json.loads(json.dumps(question.to_dict()))
    assert Question.from_dict(stored) == question
    assert Question.from_dict(stored).options[0].fraction == Fraction(question.options[0].weight) / 100
