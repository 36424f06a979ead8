"""What a learner does in the browser, written once for every browser test."""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import select

from mooc.models import QuizAttempt
from mooc.quiz.base import Question
from mooc.quiz.types.matching import right_id
from mooc.services.attempts import served_questions
from mooc.timefmt import today_local
from tests.browser.conftest import PASSWORD

AGE_IN_BAND = {"CB1": 8, "CB2": 10, "TC1": 12, "TC2": 14, "NC1": 16}  # within each band's ages


def register(page, base: str, *, name: str, phone: str, group: str = "nguoi_dan", band: str = "") -> None:
    page.goto(f"{base}/register")
    page.fill("#full_name", name)
    born = date(today_local().year - AGE_IN_BAND[band], 1, 1) if band else date(1958, 4, 12)
    page.fill("#date_of_birth", born.strftime("%d/%m/%Y"))
    page.fill("#phone", phone)
    page.check(f"input[name=target_group_code][value={group}]")
    if band:
        page.select_option("#band_code", band)
    page.select_option("#residential_group", index=1)
    page.fill("#password", PASSWORD)
    page.fill("#password_again", PASSWORD)
    page.check("#agree")
    page.click("button:has-text('Tạo tài khoản')")
    page.wait_for_url(re.compile(r"/path$"))


def log_in(page, base: str, login: str) -> None:
    page.goto(f"{base}/login")
    page.fill("#login", login)
    page.fill("#password", PASSWORD)
    page.click("main button:has-text('Đăng nhập')")


def answers_for(db, attempt_id: int) -> list[Question]:
    with db.reader() as session:
        attempt = session.scalar(select(QuizAttempt).where(QuizAttempt.id == attempt_id))
        return [q for _, q in served_questions(session, attempt)]


def fill_right_answers(page, questions: list[Question]) -> None:
    """Answer every question right, the way a person does: click, type, choose."""
    for question in questions:
        field = f"q-{question.key}"
        right = [o for o in question.options if o.fraction > 0]
        if question.kind in ("single_choice", "true_false"):
            page.check(f"#{field}-{next(o for o in question.options if o.fraction == 1).id}")
        elif question.kind == "multiple_choice":
            for option in right:
                page.check(f"#{field}-{option.id}")
        elif question.kind == "missing_word":
            page.select_option(f"#{field}-blank", next(o.id for o in question.options if o.fraction == 1))
        elif question.kind in ("short_answer", "numerical"):
            text = next(o.text for o in question.options if o.fraction == 1)
            page.fill(f"#{field}-input", text.split(":")[0].split("..")[0].replace(".", ","))
        elif question.kind == "matching":
            for option in (o for o in question.options if o.text):
                page.select_option(f"#{field}-{option.id}", right_id(option.match))
        elif question.kind == "ordering":
            for place, option in enumerate(question.options, start=1):
                page.select_option(f"#{field}-{option.id}", str(place))


def attempt_id(page) -> int:
    return int(re.search(r"/attempt/(\d+)", page.url).group(1))
