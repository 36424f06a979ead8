"""Filters for the officials' record list and the public verification form."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import PasswordField, RadioField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from mooc.timefmt import looks_like_a_date, parse_date
from mooc.web.forms import Form, listed

SEARCH_TOO_LONG = _l("Nội dung tìm tối đa 120 ký tự.")
CODE_MISTYPED = _l(
    "Mã chưa đúng: mã có 16 chữ và số, ví dụ ABCD-EFGH-JKMN-PQRS. Hãy kiểm tra lại từng ký tự."
)


def _date(form, field) -> None:
    if field.data and parse_date(field.data) is None:
        if looks_like_a_date(field.data):  # 31/02: the shape is right, the day does not exist
            raise ValidationError(_l("Ngày này không có trên lịch. Hãy kiểm tra lại ngày và tháng."))
        raise ValidationError(_l("Viết ngày theo dạng ngày/tháng/năm."))


class RecordFilterForm(Form):
    class Meta:
        csrf = False  # a GET filter: nothing changes, and links to a filtered list must work

    group = SelectField(_l("Nhóm"), validators=[Optional(), listed], validate_choice=False)
    residential_group = SelectField(_l("Tổ dân phố"), validators=[Optional(), listed], validate_choice=False)
    issued_from = StringField(_l("Cấp từ ngày"), validators=[Optional(), _date])
    issued_to = StringField(_l("Đến ngày"), validators=[Optional(), _date])
    name = StringField(
        _l("Tên (gõ có dấu hoặc không dấu)"),
        validators=[Optional(), Length(max=120, message=SEARCH_TOO_LONG)],
    )

    def validate_issued_to(self, field) -> None:
        start, end = parse_date(self.issued_from.data or ""), parse_date(field.data or "")
        if start and end and end < start:
            raise ValidationError(_l("Ngày kết thúc đứng trước ngày bắt đầu."))


class VerifyForm(Form):
    class Meta:
        csrf = False  # looking a code up changes nothing

    code = StringField(
        _l("Mã xác minh trên giấy chứng nhận"),
        validators=[
            DataRequired(_l("Vui lòng nhập mã.")),
            Length(max=40, message=CODE_MISTYPED),
        ],
    )


class LearnerSearchForm(Form):
    class Meta:
        csrf = False  # searching changes nothing

    q = StringField(
        _l("Số điện thoại, e-mail hoặc họ tên của người học"),
        validators=[
            DataRequired(_l("Vui lòng nhập nội dung cần tìm.")),
            Length(max=120, message=SEARCH_TOO_LONG),
        ],
    )


class CardCheckForm(Form):
    # A password field: the number read from the card is never sent back in a page.
    number = PasswordField(
        _l("Số định danh in trên thẻ căn cước (12 chữ số)"),
        validators=[DataRequired(_l("Vui lòng nhập số định danh đọc trên thẻ căn cước."))],
    )


class ExportForm(Form):
    mode = RadioField(
        _l("Xuất những hồ sơ nào"),
        choices=[
            ("delta", _l("Chỉ hồ sơ mới hoặc thay đổi từ lô gần nhất đã gửi")),
            ("full", _l("Toàn bộ hồ sơ")),
        ],
        default="delta",
        validators=[DataRequired(_l("Hãy chọn một mục trong danh sách.")), listed],
        validate_choice=False,
    )
    group = SelectField(_l("Nhóm"), validators=[Optional(), listed], validate_choice=False)
