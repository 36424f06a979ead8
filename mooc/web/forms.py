"""The base form: every string a person types is NFC-normalized before anyone reads it."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField, TextAreaField

from mooc.domain.text import clean, clean_multiline, nfc


def _nfc_strip(value: str | None) -> str | None:
    return clean_multiline(value) if isinstance(value, str) else value


def _nfc(value: str | None) -> str | None:
    return nfc(value) if isinstance(value, str) else value


class Form(FlaskForm):
    class Meta:
        def bind_field(self, form, unbound_field, options):
            filters = list(unbound_field.kwargs.get("filters", ()))
            field_class = unbound_field.field_class
            if issubclass(field_class, PasswordField):
                filters.append(_nfc)  # the same password typed on another keyboard still matches
            elif issubclass(field_class, TextAreaField):
                filters.append(_nfc_strip)
            elif issubclass(field_class, StringField):
                filters.append(lambda value: clean(value) if isinstance(value, str) else value)
            options["filters"] = filters
            return unbound_field.bind(form=form, **options)
