"""Forms of the course editor: a new course, a lesson, an image.

The edited file's text is read from the request as typed, not through a form: the base form's
text-area filter trims and drops characters that Markdown needs (tabs, leading spaces).
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import SelectField, StringField, ValidationError
from wtforms.validators import DataRequired, Length, Regexp

from mooc.web.forms import Form

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


class NewCourseForm(Form):
    title = StringField(
        _l("Tên học phần (có dấu)"),
        validators=[
            DataRequired(_l("Hãy đặt tên cho học phần.")),
            Length(max=200, message=_l("Tên học phần tối đa 200 ký tự.")),
        ],
    )
    slug = StringField(
        _l("Mã học phần (slug)"),
        validators=[
            DataRequired(_l("Hãy đặt mã cho học phần, ví dụ an-toan-mang.")),
            Length(max=80, message=_l("Mã học phần tối đa 80 ký tự.")),
            Regexp(
                SLUG_PATTERN,
                message=_l(
                    "Mã học phần chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang, ví dụ an-toan-mang."
                ),
            ),
        ],
    )


class LessonForm(Form):
    title = StringField(
        _l("Tên bài học mới"),
        validators=[
            DataRequired(_l("Hãy đặt tên cho bài học.")),
            Length(max=200, message=_l("Tên bài học tối đa 200 ký tự.")),
        ],
    )


class ImageForm(Form):
    image = FileField(_l("Ảnh (PNG, JPEG, GIF hoặc WebP, tối đa 2 MB)"))
    alt = StringField(
        _l("Mô tả ảnh cho người không xem được ảnh"),
        validators=[
            DataRequired(_l("Hãy viết lời mô tả ảnh (ảnh cho thấy gì) cho người không xem được ảnh.")),
            Length(max=300, message=_l("Lời mô tả ảnh tối đa 300 ký tự.")),
        ],
    )
    # validate_choice=False: WTForms' own "Not a valid choice" is English; the view checks the value.
    lesson = SelectField(_l("Chèn vào bài"), validate_choice=False)

    def __init__(self, *args, lessons: list[tuple[str, str]] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.lesson.choices = [*lessons, ("", _l("Không chèn: chỉ hiện dòng Markdown để tôi tự dán"))]

    def validate_image(self, field) -> None:
        if not field.data or not getattr(field.data, "filename", ""):
            raise ValidationError(_l("Hãy chọn một tệp ảnh."))
