"""Filters for the officials' record list and the public verification form."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from mooc.timefmt import parse_date
from mooc.web.forms import Form


def _date(form, field) -> None:
    if field.data and parse_date(field.data) is None:
        raise ValidationError(_l("Viết ngày theo dạng ngày/tháng/năm."))


class RecordFilterForm(Form):
    class Meta:
        csrf = False  # a GET filter: nothing changes, and links to a filtered list must work

    group = SelectField(_l("Nhóm"), validators=[Optional()])
    residential_group = SelectField(_l("Tổ dân phố"), validators=[Optional()])
    issued_from = StringField(_l("Cấp từ ngày"), validators=[Optional(), _date])
    issued_to = StringField(_l("Đến ngày"), validators=[Optional(), _date])
    name = StringField(_l("Tên (gõ có dấu hoặc không dấu)"), validators=[Optional(), Length(max=120)])

    def validate_issued_to(self, field) -> None:
        start, end = parse_date(self.issued_from.data or ""), parse_date(field.data or "")
        if start and end and end < start:
            raise ValidationError(_l("Ngày kết thúc đứng trước ngày bắt đầu."))


class VerifyForm(Form):
    class Meta:
        csrf = False  # looking a code up changes nothing

    code = StringField(
        _l("Mã xác minh trên giấy chứng nhận"),
        validators=[DataRequired(_l("Vui lòng nhập mã.")), Length(max=40)],
    )


class LearnerSearchForm(Form):
    class Meta:
        csrf = False  # searching changes nothing

    q = StringField(
        _l("Số điện thoại, e-mail hoặc họ tên của người học"),
        validators=[DataRequired(_l("Vui lòng nhập nội dung cần tìm.")), Length(max=120)],
    )


class ExportForm(Form):
    mode = RadioField(
        _l("Xuất những hồ sơ nào"),
        choices=[
            ("delta", _l("Chỉ hồ sơ mới hoặc thay đổi từ lô gần nhất đã gửi")),
            ("full", _l("Toàn bộ hồ sơ")),
        ],
        default="delta",
    )
    group = SelectField(_l("Nhóm"), validators=[Optional()])
