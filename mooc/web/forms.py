"""The base form: every string a person types is NFC-normalized before anyone reads it."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField, TextAreaField
from wtforms.csrf.core import CSRFTokenField
from wtforms.validators import ValidationError
from wtforms.widgets import HiddenInput

from mooc.domain.text import clean, clean_multiline, nfc


def _nfc_strip(value: str | None) -> str | None:
    return clean_multiline(value) if isinstance(value, str) else value


def _nfc(value: str | None) -> str | None:
    return nfc(value) if isinstance(value, str) else value


class _HiddenWithoutId(HiddenInput):
    """The CSRF token's hidden input carries no id: a page with several forms would repeat it."""

    def __call__(self, field, **kwargs):
        kwargs.setdefault("id", False)  # False leaves the attribute out; an explicit id still wins
        return super().__call__(field, **kwargs)


class Form(FlaskForm):
    class Meta:
        def bind_field(self, form, unbound_field, options):
            filters = list(unbound_field.kwargs.get("filters", ()))
            field_class = unbound_field.field_class
            if issubclass(field_class, CSRFTokenField):
                options["widget"] = _HiddenWithoutId()
            if issubclass(field_class, PasswordField):
                filters.append(_nfc)  # the same password typed on another keyboard still matches
            elif issubclass(field_class, TextAreaField):
                filters.append(_nfc_strip)
            elif issubclass(field_class, StringField):
                filters.append(lambda value: clean(value) if isinstance(value, str) else value)
            options["filters"] = filters
            return unbound_field.bind(form=form, **options)


def listed(form, field) -> None:
    """A choice from the field's own list, said in Vietnamese (WTForms' "Not a valid choice" is English).

    Use with `validate_choice=False`.
    """
    if field.data and field.data not in {str(value) for value, _label in field.choices or ()}:
        raise ValidationError(_l("Hãy chọn một mục trong danh sách."))
