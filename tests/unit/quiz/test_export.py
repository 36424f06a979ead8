"""Export: our Markdown ⇄ GIFT without losing what both formats hold, and saying what GIFT cannot."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from textwrap import dedent
from typing import Any

import pytest

from mooc.content.frontmatter import split_front_matter
from mooc.content.markdown import render_markdown
from mooc.quiz.base import Question
from mooc.quiz.export import to_gift, to_markdown
from mooc.quiz.gift import parse_gift
from mooc.quiz.parse import parse_questions

PROJECT = Path(__file__).parents[3]
QUIZ_FILES = sorted((PROJECT / "quizzes").glob("*/*.md"))
MOODLE_EXPORT = PROJECT / "tests" / "data" / "gift" / "moodle_export.gift"
FRONT = "title: Kiểm tra\nslug: kiem-tra\ncourse: mau\ncompetences: ['4.1']"


def read_md(path: Path) -> list[Question]:
    _meta, body, first = split_front_matter(path.read_text(encoding="utf-8"), str(path))
    parsed = parse_questions(body, str(path), first, render_markdown)
    assert [str(e) for e in parsed.errors] == []
    return parsed.questions


def md_questions(text: str) -> list[Question]:
    """The questions of a whole Markdown quiz file given as text."""
    _meta, body, first = split_front_matter(text, "kiem-tra.md")
    parsed = parse_questions(body, "kiem-tra.md", first, render_markdown)
    assert [str(e) for e in parsed.errors] == []
    return parsed.questions


def gift_questions(text: str) -> list[Question]:
    parsed = parse_gift(text, "kiem-tra.gift", 1, render_markdown)
    assert [str(e) for e in parsed.errors] == []
    return parsed.questions


def comparable(question: Question) -> dict[str, Any]:
    data = question.to_dict()
    data.pop("line")
    return data


def without_what_gift_loses(question: Question) -> dict[str, Any]:
    """The question as GIFT can carry it: no hint, 1 point, no ignore_tones, no pins."""
    data = comparable(question)
    data.update(hint="", points=1)
    if "ignore_tones" in data["settings"]:
        data["settings"] = {**data["settings"], "ignore_tones": False}
    data["options"] = [{**o, "pinned": False} for o in data["options"]]
    return data


def expected_losses(question: Question) -> list[str]:
    if question.kind == "ordering":
        return [f"{question.key}: GIFT has no ordering questions: left out"]
    lost = []
    if question.hint:
        lost.append(f"{question.key}: the hint (GIFT has none)")
    if question.points != 1:
        lost.append(f"{question.key}: points: {question.points} (GIFT questions weigh 1)")
    if question.settings.get("ignore_tones"):
        lost.append(f"{question.key}: ignore_tones (accept the tone-less spellings as extra answers instead)")
    if any(o.pinned for o in question.options):
        lost.append(f"{question.key}: {{pin}} on an option (GIFT cannot keep an option in place)")
    return lost


def through_gift(questions: list[Question]) -> tuple[list[Question], list[str]]:
    """Markdown questions → GIFT → Markdown → questions, and the losses GIFT reported."""
    gift_text, losses = to_gift(questions)
    markdown = to_markdown(FRONT, "", gift_questions(gift_text))
    return md_questions(markdown), losses


def test_there_are_quiz_files_to_check():
    assert len(QUIZ_FILES) >= 1


@pytest.mark.parametrize("path", QUIZ_FILES, ids=lambda p: p.parent.name)
def test_each_quiz_file_goes_to_gift_and_back_with_the_same_questions(path):
    questions = read_md(path)
    back, losses = through_gift(questions)
    assert losses == [line for q in questions for line in expected_losses(q)]
    kept = [q for q in questions if q.kind != "ordering"]
    assert [without_what_gift_loses(q) for q in back] == [without_what_gift_loses(q) for q in kept]


@pytest.mark.parametrize("path", QUIZ_FILES, ids=lambda p: p.parent.name)
def test_each_quiz_file_written_again_as_markdown_gives_the_same_questions(path):
    questions = read_md(path)
    markdown = to_markdown(FRONT, "Lời giới thiệu.", questions)
    assert [comparable(q) for q in md_questions(markdown)] == [comparable(q) for q in questions]


EVERY_KIND = dedent(
    """\
    ---
    title: Mọi loại câu
    slug: moi-loai-cau
    course: mau
    competences: ["4.1"]
    ---

    ## Mã OTP
    type: single_choice
    hint: Nghĩ đến ngân hàng.

    Ngân hàng có hỏi mã OTP không?

    - [x] Không bao giờ
      > Đúng.
    - [ ] Có
    - [ ] Tùy ngân hàng {pin}

    > Không đưa mã OTP cho ai.

    ## Ba thói quen
    type: multiple_choice
    points: 3

    Chọn thói quen an toàn.

    - [x] Mật khẩu dài
    - [x] Xác thực hai bước
    - [x] Cập nhật phần mềm
    - [ ] Dùng chung mật khẩu

    ## Thủ đô
    type: short_answer
    ignore_tones: yes

    Thủ đô của nước ta?

    - [x] Hà Nội
    - [50%] Thăng Long

    ## Cấp cứu
    type: numerical

    Số gọi xe cấp cứu?

    - [x] 115
    - [ ] *
      > Hãy nhớ 115.

    ## Ứng dụng
    type: matching

    Ghép mỗi ứng dụng với việc nó làm.

    - [x] VNeID -> Định danh
    - [x] Zalo -> Nhắn tin
    - [ ] -> Xem phim

    ## Chuyển tiền
    type: ordering

    Sắp xếp các bước.

    - [1] Mở ứng dụng.
    - [2] Quét mã.

    ## Gọi số
    type: missing_word

    Khi cần xe cấp cứu, hãy gọi [___] ngay.

    - [x] 115
    - [ ] 113

    ## Tin nhắn
    type: true_false

    Ngân hàng gửi link qua SMS.

    - [ ] Đúng
      > Đó là lừa đảo.
    - [x] Sai
    """
)


@pytest.fixture
def every_kind() -> list[Question]:
    return md_questions(EVERY_KIND)


def test_gift_reports_exactly_what_it_cannot_hold(every_kind):
    _text, losses = to_gift(every_kind)
    assert losses == [
        "ma-otp: the hint (GIFT has none)",
        "ma-otp: {pin} on an option (GIFT cannot keep an option in place)",
        "ba-thoi-quen: points: 3 (GIFT questions weigh 1)",
        "thu-do: ignore_tones (accept the tone-less spellings as extra answers instead)",
        "chuyen-tien: GIFT has no ordering questions: left out",
    ]


def test_every_kind_but_ordering_comes_back_from_gift_the_same(every_kind):
    back, _losses = through_gift(every_kind)
    assert [q.key for q in back] == [q.key for q in every_kind if q.kind != "ordering"]
    assert [without_what_gift_loses(q) for q in back] == [
        without_what_gift_loses(q) for q in every_kind if q.kind != "ordering"
    ]


def test_every_kind_comes_back_from_markdown_exactly(every_kind):
    again = md_questions(to_markdown(FRONT, "", every_kind))
    assert [comparable(q) for q in again] == [comparable(q) for q in every_kind]


def test_three_right_options_keep_exact_thirds_through_gift(every_kind):
    habits = next(q for q in every_kind if q.key == "ba-thoi-quen")
    back, _ = through_gift([habits])
    assert [o.fraction for o in back[0].options] == [Fraction(1, 3)] * 3 + [Fraction(-1, 3)]
    assert "~%33.33333%Mật khẩu dài" in to_gift([habits])[0]


def test_the_moodle_export_goes_to_markdown_and_back_with_the_same_questions():
    questions = gift_questions(MOODLE_EXPORT.read_text(encoding="utf-8"))
    again = md_questions(to_markdown(FRONT, "", questions))
    assert len(again) == 7
    assert [comparable(q) for q in again] == [comparable(q) for q in questions]


def test_a_gift_file_with_signs_and_blanks_goes_to_markdown_and_back_unchanged():
    questions = gift_questions(
        dedent(
            r"""
            ::Cấp cứu::Khi cần xe cấp cứu, gọi {=115#Đúng ~113#Công an ~114} ngay.

            ::Pi::Số pi? {#=3.14:0.01#Tốt =%50%3..3.3#Gần ~#Sai}

            ::Ghép::Ghép. {=a -> 1 =b -> 2 = -> 3 ####Chung}

            ::Sai::Ngân hàng hỏi mã OTP. {FALSE#Sai rồi#Đúng rồi}

            ::Thủ đô::1. Thủ đô *là* _x_ {=Hà Nội =%50%Thăng Long#Cũ}

            ::Trừ::Chọn {~%50%a#fa ~%50%b ~%-33.33333%c ~%-66.66667%d}

            ::Đậm::[markdown]Chữ **đậm** và `mã` {=**A** ~B}

            ::Dấu::Dấu \{ \} \~ \= \# \: và \\ và - 3 {=x ~y}
            """
        )
    )
    assert len(questions) == 8
    again = md_questions(to_markdown(FRONT, "", questions))
    assert [comparable(q) for q in again] == [comparable(q) for q in questions]
    back = gift_questions(to_gift(questions)[0])
    assert [comparable(q) for q in back] == [comparable(q) for q in questions]
