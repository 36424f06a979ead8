"""Forms for accounts. Labels are Vietnamese msgids, translated by Flask-Babel."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, PasswordField, RadioField, SelectField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, Optional, ValidationError

from mooc.timefmt import parse_date
from mooc.web.forms import Form


def _valid_date(form, field) -> None:
    if field.data and parse_date(field.data) is None:
        raise ValidationError(_l("Ngày sinh viết theo dạng ngày/tháng/năm, ví dụ 05/09/1960."))


class ProfileForm(Form):
    full_name = StringField(
        _l("Họ và tên"), validators=[DataRequired(_l("Vui lòng nhập họ và tên.")), Length(max=120)]
    )
    date_of_birth = StringField(
        _l("Ngày sinh (ngày/tháng/năm)"),
        validators=[DataRequired(_l("Vui lòng nhập ngày sinh.")), _valid_date],
    )
    phone = StringField(_l("Số điện thoại"), validators=[Optional(), Length(max=20)])
    email = StringField(_l("E-mail (nếu có)"), validators=[Optional(), Length(max=254)])
    target_group_code = RadioField(
        _l("Bạn thuộc nhóm nào?"), validators=[DataRequired(_l("Vui lòng chọn nhóm của bạn."))]
    )
    residential_group = SelectField(_l("Tổ dân phố"), validators=[Optional()])


class RegisterForm(ProfileForm):
    password = PasswordField(
        _l("Mật khẩu (ít nhất 8 ký tự)"),
        validators=[DataRequired(_l("Vui lòng đặt mật khẩu.")), Length(min=8, max=200)],
    )
    password_again = PasswordField(
        _l("Nhập lại mật khẩu"),
        validators=[EqualTo("password", _l("Hai lần nhập mật khẩu chưa giống nhau."))],
    )
    agree = BooleanField(
        _l("Tôi đã đọc và đồng ý với cách phường sử dụng thông tin của tôi"),
        validators=[DataRequired(_l("Cần bạn đồng ý để tạo tài khoản."))],
    )


class LoginForm(Form):
    login = StringField(
        _l("Số điện thoại hoặc e-mail"),
        validators=[DataRequired(_l("Vui lòng nhập số điện thoại hoặc e-mail."))],
    )
    password = PasswordField(_l("Mật khẩu"), validators=[DataRequired(_l("Vui lòng nhập mật khẩu."))])
    remember = BooleanField(_l("Ghi nhớ đăng nhập trên máy này"))


class PasswordForm(Form):
    current = PasswordField(_l("Mật khẩu hiện tại"), validators=[DataRequired()])
    password = PasswordField(
        _l("Mật khẩu mới (ít nhất 8 ký tự)"), validators=[DataRequired(), Length(min=8, max=200)]
    )
    password_again = PasswordField(
        _l("Nhập lại mật khẩu mới"),
        validators=[EqualTo("password", _l("Hai lần nhập mật khẩu chưa giống nhau."))],
    )


class EmptyForm(Form):
    """Only the CSRF token: for buttons that change something (log out, mark a lesson read)."""
