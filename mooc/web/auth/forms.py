"""Forms for accounts. Labels and messages are Vietnamese msgids, translated by Flask-Babel.

Every validator carries its own message: WTForms has no Vietnamese catalogue,
so a default message would appear in English.
"""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, PasswordField, RadioField, SelectField, StringField
from wtforms.validators import DataRequired, EqualTo, Length, Optional, ValidationError

from mooc.db import get_session
from mooc.models import TargetGroup
from mooc.services import accounts
from mooc.timefmt import EARLIEST_YEAR, looks_like_a_date, parse_date, today_local
from mooc.web.forms import Form

PASSWORD_MIN, PASSWORD_MAX = accounts.MIN_PASSWORD_LENGTH, 200


def _date_of_birth(form, field) -> None:
    if not field.data:
        return
    born = parse_date(field.data, any_year=True)
    if born is None:
        if looks_like_a_date(field.data):
            raise ValidationError(_l("Ngày này không có trên lịch. Hãy kiểm tra lại ngày và tháng."))
        raise ValidationError(_l("Ngày sinh viết theo dạng ngày/tháng/năm, ví dụ 05/09/1960."))
    if born > today_local() or born.year < EARLIEST_YEAR:
        raise ValidationError(_l("Ngày sinh chưa đúng: hãy kiểm tra lại năm sinh."))


def _phone(form, field) -> None:
    try:
        accounts.normalize_phone(field.data or "")
    except accounts.AccountError as error:
        raise ValidationError(_l(error.message)) from None


def _email(form, field) -> None:
    try:
        accounts.normalize_email(field.data or "")
    except accounts.AccountError as error:
        raise ValidationError(_l(error.message)) from None


def _password_length() -> Length:
    return Length(
        min=PASSWORD_MIN,
        max=PASSWORD_MAX,
        message=_l("Mật khẩu cần từ %(min)d đến %(max)d ký tự.", min=PASSWORD_MIN, max=PASSWORD_MAX),
    )


class ProfileForm(Form):
    full_name = StringField(
        _l("Họ và tên"),
        validators=[
            DataRequired(_l("Vui lòng nhập họ và tên.")),
            Length(min=2, max=120, message=_l("Họ và tên cần từ 2 đến 120 ký tự.")),
        ],
    )
    date_of_birth = StringField(
        _l("Ngày sinh (ngày/tháng/năm)"),
        validators=[
            DataRequired(_l("Vui lòng nhập ngày sinh.")),
            _date_of_birth,
        ],
    )
    phone = StringField(_l("Số điện thoại"), validators=[Optional(), _phone])
    email = StringField(_l("E-mail (nếu có)"), validators=[Optional(), _email])
    target_group_code = RadioField(
        _l("Bạn thuộc nhóm nào?"),
        validators=[
            DataRequired(_l("Vui lòng chọn nhóm của bạn.")),
        ],
        validate_choice=False,
    )  # the service checks the group exists, with a message of ours
    band_code = SelectField(
        _l("Khối lớp (chỉ học sinh chọn)"), validators=[Optional()], validate_choice=False
    )
    residential_group = SelectField(_l("Tổ dân phố"), validators=[Optional()], validate_choice=False)

    def validate_residential_group(self, field) -> None:
        if field.data and field.data not in {value for value, _label in field.choices}:
            raise ValidationError(_l("Vui lòng chọn một tổ dân phố trong danh sách."))

    def validate_date_of_birth(self, field) -> None:
        """The age must fit the chosen group or grade band: shown with the other mistakes, at once."""
        born = parse_date(field.data) if field.data and not field.errors else None
        if born is None or not self.target_group_code.data:
            return
        db = get_session()
        group = db.get(TargetGroup, self.target_group_code.data)
        problem = accounts.age_problem(db, group, self.band_code.data or "", born) if group else None
        if problem is not None:
            raise ValidationError(_(problem.message, **problem.params))


class StaffProfileForm(ProfileForm):
    """Staff accounts have no target group and need no date of birth."""

    date_of_birth = StringField(_l("Ngày sinh (ngày/tháng/năm)"), validators=[Optional(), _date_of_birth])
    target_group_code = RadioField(_l("Bạn thuộc nhóm nào?"), validators=[Optional()], validate_choice=False)


class RegisterForm(ProfileForm):
    password = PasswordField(
        _l("Mật khẩu (ít nhất 8 ký tự)"),
        validators=[
            DataRequired(_l("Vui lòng đặt mật khẩu.")),
            _password_length(),
        ],
    )
    password_again = PasswordField(
        _l("Nhập lại mật khẩu"),
        validators=[
            EqualTo("password", _l("Hai lần nhập mật khẩu chưa giống nhau.")),
        ],
    )
    agree = BooleanField(
        _l("Tôi đã đọc và đồng ý với cách phường sử dụng thông tin của tôi"),
        validators=[
            DataRequired(_l("Cần bạn đồng ý để tạo tài khoản.")),
        ],
    )


class LoginForm(Form):
    login = StringField(
        _l("Số điện thoại hoặc e-mail"),
        validators=[
            DataRequired(_l("Vui lòng nhập số điện thoại hoặc e-mail.")),
        ],
    )
    password = PasswordField(_l("Mật khẩu"), validators=[DataRequired(_l("Vui lòng nhập mật khẩu."))])
    remember = BooleanField(_l("Ghi nhớ đăng nhập trên máy này"))


class PasswordForm(Form):
    current = PasswordField(
        _l("Mật khẩu hiện tại"),
        validators=[
            DataRequired(_l("Vui lòng nhập mật khẩu hiện tại.")),
        ],
    )
    password = PasswordField(
        _l("Mật khẩu mới (ít nhất 8 ký tự)"),
        validators=[
            DataRequired(_l("Vui lòng đặt mật khẩu mới.")),
            _password_length(),
        ],
    )
    password_again = PasswordField(
        _l("Nhập lại mật khẩu mới"),
        validators=[
            EqualTo("password", _l("Hai lần nhập mật khẩu chưa giống nhau.")),
        ],
    )

    def validate_password(self, field) -> None:
        if field.data and field.data == self.current.data:
            raise ValidationError(_l("Mật khẩu mới cần khác mật khẩu hiện tại."))


class EmptyForm(Form):
    """Only the CSRF token: for buttons that change something (log out, mark a lesson read)."""
