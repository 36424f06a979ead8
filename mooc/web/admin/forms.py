"""Forms of the admin pages: finding accounts, roles, course access, the audit filter."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional

from mooc.web.forms import Form


def role_labels() -> dict[str, str]:
    """Each role as the people who hold it call it (evaluated per request, in its language)."""
    return {
        "learner": _l("Người học"),
        "teacher": _l("Giáo viên (soạn bài)"),
        "official": _l("Cán bộ phường"),
        "admin": _l("Quản trị viên"),
    }


class UserSearchForm(Form):
    class Meta:
        csrf = False  # searching changes nothing, and a link to a search must work

    q = StringField(
        _l("Họ tên, số điện thoại hoặc e-mail (gõ có dấu hoặc không dấu)"),
        validators=[Optional(), Length(max=120, message=_l("Nội dung tìm tối đa 120 ký tự."))],
    )
    # validate_choice=False: WTForms' own "Not a valid choice" is English; views check the value.
    role = SelectField(_l("Vai trò"), validators=[Optional()], validate_choice=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.role.choices = [("", _l("Mọi vai trò")), *role_labels().items()]


class RoleForm(Form):
    role = SelectField(
        _l("Vai trò mới"), validators=[DataRequired(_l("Vui lòng chọn vai trò."))], validate_choice=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.role.choices = list(role_labels().items())


class GrantForm(Form):
    """A course from the list, or the slug of one still being written."""

    course = SelectField(_l("Học phần đã có"), validators=[Optional()], validate_choice=False)
    slug = StringField(
        _l("Hoặc mã của học phần đang soạn"),
        validators=[Optional(), Length(max=80, message=_l("Mã học phần tối đa 80 ký tự."))],
    )

    def chosen(self) -> str:
        return (self.slug.data or "").strip() or (self.course.data or "")


class AuditFilterForm(Form):
    class Meta:
        csrf = False  # a GET filter

    action = SelectField(_l("Loại việc"), validators=[Optional()], validate_choice=False)
    actor = SelectField(_l("Người thực hiện"), validators=[Optional()], validate_choice=False)
