"""Helpers shared by the types whose answers are a list of options."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from mooc.quiz.base import (
    ChoiceView,
    Form,
    Option,
    Question,
    QuestionBlock,
    QuestionView,
    Render,
    field_name,
    option_id,
    shuffled_options,
)

_WEIGHT = re.compile(r"^(-?\d+(?:\.\d+)?)%$")


def marker_weight(block: QuestionBlock, marker: str, line: int) -> Fraction | None:
    """`[x]` → None (weight decided by the type), `[ ]` → 0, `[50%]` → 50."""
    if marker.lower() == "x":
        return None
    if marker == " ":
        return Fraction(0)
    match = _WEIGHT.match(marker)
    if not match:
        raise block.error(f"unknown answer marker [{marker}]; use [x], [ ] or a weight like [50%]", line)
    try:
        value = Fraction(Decimal(match.group(1)))
    except InvalidOperation as exc:  # pragma: no cover - the regex already guards this
        raise block.error(f"bad weight [{marker}]", line) from exc
    if not -100 <= value <= 100:
        raise block.error(f"weight [{marker}] must be between -100% and 100%", line)
    return _recurring(value)


def _recurring(value: Fraction) -> Fraction:
    """A third, sixth, seventh or ninth written to five decimals (Moodle's 33.33333) means exactly that.

    Without this, three right answers exported as 33.33333% each would add up to
    99.99999% and the question could not be read back.
    """
    exact = (value / 100).limit_denominator(12) * 100
    return exact if abs(exact - value) < Fraction(1, 10**5) else value


def weight_text(value: Fraction) -> str:
    """Exact text for a weight: "50", "-25" or "100/3" (a decimal would lose the third)."""
    return str(value)


def weight_display(value: Fraction) -> str:
    """A weight as a person reads it: "50", "33.33"."""
    return str(value) if value.denominator == 1 else f"{float(value):.2f}"


def points(block: QuestionBlock) -> int:
    raw = block.setting("points", "1") or "1"
    if not raw.isdigit() or int(raw) < 1:
        raise block.error(f"points must be a whole number of at least 1, not {raw!r}")
    return int(raw)


def build_question(
    block: QuestionBlock,
    kind: str,
    render: Render,
    weights: Sequence[Fraction],
    settings: dict | None = None,
) -> Question:
    """Assemble the Question; option ids come from the option text and must be unique."""
    options = []
    seen: dict[str, int] = {}
    for option, weight in zip(block.options, weights, strict=True):
        oid = option_id(option.text)
        if oid in seen:
            raise block.error(f"the same answer appears twice (first on line {seen[oid]})", option.line)
        seen[oid] = option.line
        options.append(
            Option(
                id=oid,
                text=option.text,
                html=_inline(render(option.text)),
                weight=weight_text(weight),
                feedback_html=render(option.feedback) if option.feedback else "",
                feedback_md=option.feedback,
                pinned=option.pinned,
            )
        )
    if not block.stem.strip():
        raise block.error("the question has no text")
    return Question(
        kind=kind,
        key=block_key(block),
        title=block.title,
        points=points(block),
        stem_md=block.stem,
        stem_html=render(block.stem),
        options=tuple(options),
        explanation_html=render(block.explanation) if block.explanation else "",
        explanation_md=block.explanation,
        hint=block.setting("hint", "") or "",
        settings=settings or {},
        line=block.line,
    )


def block_key(block: QuestionBlock) -> str:
    from mooc.domain.text import slugify

    return block.setting("id") or slugify(block.title)


def _inline(html: str) -> str:
    """An option is one line: drop the paragraph wrapper Markdown puts around it."""
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        return html[3:-4]
    return html


def choice_view(question: Question, seed: int | None, *, shuffle: bool = True) -> QuestionView:
    options = shuffled_options(question.options, seed, question.key) if shuffle else question.options
    return QuestionView(
        kind=question.kind,
        key=question.key,
        field_name=field_name(question),
        stem_html=question.stem_html,
        hint=question.hint,
        choices=tuple(ChoiceView(id=o.id, html=o.html) for o in options),
    )


def values(question: Question, form: Form) -> list[str]:
    """The values submitted under this question's field name."""
    return list(form.get(field_name(question), ()))


def one_id(question: Question, form: Form) -> list[str]:
    """The one option picked, or nothing: a forged form sending several picks earns nothing."""
    submitted = values(question, form)
    ids = known_ids(question, form)
    return ids if len(ids) == 1 and len(set(submitted)) == 1 else []


def known_ids(question: Question, form: Form) -> list[str]:
    """Submitted option ids that belong to the question, each once, in the question's order."""
    wanted = set(values(question, form))
    return [o.id for o in question.options if o.id in wanted]


def right_options_html(question: Question) -> str:
    """The right answers, for a review page allowed to show them: the fully right ones when one
    answer is picked, every option that earns credit when several are ticked."""
    if question.kind == "multiple_choice":
        return "; ".join(o.html for o in question.options if o.fraction > 0)
    return "; ".join(o.html for o in question.options if o.fraction == 1)


def chosen_feedback(question: Question, response: Sequence[str] | None) -> tuple[str, ...]:
    """Feedback of every option the learner chose, in the question's order."""
    chosen = set(response or ())
    return tuple(o.feedback_html for o in question.options if o.id in chosen and o.feedback_html)
