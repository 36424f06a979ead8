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


def action_labels() -> dict[str, str]:
    """The kinds of audit event the filter offers, by action prefix."""
    return {
        "course.": _l("Học phần (soạn, xuất bản, giao quyền)"),
        "user.": _l("Tài khoản và vai trò"),
        "record.": _l("Hồ sơ hoàn thành"),
        "export.": _l("Gửi thành phố"),
        "identity.": _l("Số định danh"),
        "privacy.": _l("Yêu cầu về dữ liệu cá nhân"),
    }


def action_names() -> dict[str, str]:
    """What each recorded action means, for people who do not read `course.grant`."""
    return {
        "user.role": _l("Đổi vai trò"),
        "course.grant": _l("Giao quyền soạn học phần"),
        "course.revoke": _l("Thu hồi quyền soạn học phần"),
        "course.create": _l("Tạo học phần mới"),
        "course.access.grant": _l("Giao quyền soạn học phần"),
        "course.draft.create": _l("Mở bản nháp học phần"),
        "course.draft.save": _l("Sửa tệp trong bản nháp"),
        "course.draft.add_lesson": _l("Thêm bài học vào bản nháp"),
        "course.draft.remove": _l("Xóa tệp khỏi bản nháp"),
        "course.draft.image": _l("Thêm hình ảnh vào bản nháp"),
        "course.submit": _l("Gửi bản nháp để duyệt"),
        "course.return": _l("Trả bản nháp cho giáo viên"),
        "course.publish": _l("Xuất bản học phần"),
        "course.import": _l("Nạp học phần từ tệp"),
        "course.rollback": _l("Quay lại phiên bản cũ của học phần"),
        "record.revoke": _l("Thu hồi giấy chứng nhận"),
        "record.supersede": _l("Cấp lại giấy chứng nhận khi sửa thông tin"),
        "export.bundle": _l("Lập lô hồ sơ gửi thành phố"),
        "export.delivered": _l("Thành phố đã nhận lô hồ sơ"),
        "export.download": _l("Tải danh sách hồ sơ hoàn thành"),
        "identity.give": _l("Người học cung cấp số định danh"),
        "identity.withdraw": _l("Người học rút lại số định danh"),
        "identity.check": _l("Đối chiếu số định danh với thẻ căn cước"),
        "privacy.request": _l("Yêu cầu về dữ liệu cá nhân"),
        "privacy.answer": _l("Trả lời yêu cầu về dữ liệu"),
        "privacy.delete": _l("Xóa tài khoản theo yêu cầu"),
    }


class AuditFilterForm(Form):
    class Meta:
        csrf = False  # a GET filter

    action = SelectField(_l("Loại việc"), validators=[Optional()], validate_choice=False)
    actor = SelectField(_l("Người thực hiện"), validators=[Optional()], validate_choice=False)
    course = StringField(
        _l("Mã học phần (ví dụ: an-toan-mang)"),
        validators=[Optional(), Length(max=80, message=_l("Mã học phần tối đa 80 ký tự."))],
    )
