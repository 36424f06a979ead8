"""Forms for the national ID (typed twice, consent unticked) and for data requests."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, PasswordField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from mooc.web.forms import Form, listed


class NationalIdForm(Form):
    # Password fields: the number is never sent back in a page, not even after a mistake.
    number = PasswordField(
        _l("Số định danh cá nhân (12 chữ số trên thẻ căn cước)"),
        validators=[DataRequired(_l("Vui lòng nhập số định danh."))],
    )
    number_again = PasswordField(
        _l("Nhập lại số định danh"), validators=[DataRequired(_l("Vui lòng nhập lại số định danh."))]
    )
    agree = BooleanField(_l("Tôi đã đọc và đồng ý cung cấp số định danh cho mục đích trên"))
    # Shown only for children and pupils: their parent or guardian consents with them.
    guardian_name = StringField(
        _l("Họ và tên cha, mẹ hoặc người giám hộ"), validators=[Optional(), Length(max=120)]
    )
    guardian_agree = BooleanField(
        _l("Tôi là cha, mẹ hoặc người giám hộ của em, đã đọc nội dung trên và đồng ý thay cho em")
    )


class DataRequestForm(Form):
    kind = SelectField(
        _l("Bạn muốn"),
        validators=[DataRequired(_l("Hãy chọn một mục trong danh sách.")), listed],
        validate_choice=False,
    )
    message = TextAreaField(
        _l("Nội dung (ví dụ: thông tin nào cần sửa)"),
        validators=[Length(max=2000, message=_l("Tối đa 2000 ký tự."))],
    )
