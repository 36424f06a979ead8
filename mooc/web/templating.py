"""Template filters and globals: Vietnamese dates, percent, group names."""

from __future__ import annotations

from flask import Flask, request
from flask_babel import get_locale
from flask_login import current_user

from mooc.domain.certificates import mask_name
from mooc.domain.grading import percent_shown
from mooc.timefmt import format_date, format_datetime


def init_app(app: Flask) -> None:
    app.add_template_filter(format_date, "date_vn")
    app.add_template_filter(format_datetime, "datetime_vn")
    app.add_template_filter(lambda ppm: percent_shown(ppm or 0), "percent")
    app.add_template_filter(mask_name, "mask_name")
    app.add_template_filter(localized, "localized")
    app.jinja_env.globals["current_locale"] = lambda: str(get_locale() or "vi")
    app.jinja_env.globals["ward"] = _ward
    app.jinja_env.globals["text_large"] = lambda: request.cookies.get("text") == "large"
    app.jinja_env.globals["you"] = you
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True


PUPILS = "hoc_sinh"  # addressed as "em", as their lessons speak to them


def you(capital: bool = False) -> str:
    """How system messages address the learner: "em" for pupils, "bạn" for everyone else, "you" in English.

    Pass it into a message, `_("%(you)s đã học bài này", you=you(True))`; `capital` at the
    start of a sentence.
    """
    if str(get_locale() or "vi") == "en":
        return "You" if capital else "you"
    pupil = current_user.is_authenticated and getattr(current_user, "target_group_code", None) == PUPILS
    word = "em" if pupil else "bạn"
    return word.capitalize() if capital else word


def _ward():
    """The ward's name for the page header, looked up once per request."""
    from flask import g
    from sqlalchemy import select

    from mooc.db import get_session
    from mooc.models import Ward

    if "ward" not in g:
        try:
            g.ward = get_session().scalar(select(Ward))
        except Exception:  # an error page must still render when the database is down
            g.ward = None
    return g.ward


def localized(obj: object, attribute: str = "name") -> str:
    """`obj.name_en` for English visitors when the data has one, else the Vietnamese `obj.name`."""
    if str(get_locale() or "vi") == "en":
        english = getattr(obj, f"{attribute}_en", None)
        if english:
            return english
    return getattr(obj, attribute)
