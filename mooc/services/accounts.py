"""Registering, signing in and editing a profile."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from mooc.domain.age_rules import ages_in, check_age
from mooc.domain.text import clean, fold
from mooc.i18n import N_
from mooc.models import FrameworkVersion, TargetGroup, User
from mooc.models.people import new_session_token
from mooc.timefmt import today_local

MIN_PASSWORD_LENGTH = 8
# Checked against when the login is unknown, so both answers take the same time.
_DUMMY_HASH = generate_password_hash("not-a-real-password")


class AccountError(Exception):
    """A problem with what was typed, tied to the form field it concerns.

    `message` is a translatable msgid (marked with N_); `params` fill its placeholders.
    """

    def __init__(self, field: str, message: str, **params: object):
        super().__init__(message % params if params else message)
        self.field, self.message, self.params = field, message, params


@dataclass(frozen=True)
class Profile:
    full_name: str
    date_of_birth: date | None
    email: str | None
    phone: str | None
    target_group_code: str | None
    residential_group: str | None
    band_code: str = ""  # pupils' grade band (CB1 … NC1)


def normalize_phone(value: str) -> str | None:
    """A Vietnamese mobile number as 10 digits starting with 0 ("+84 912…" → "0912…")."""
    digits = re.sub(r"[\s.\-()]", "", value or "")
    if not digits:
        return None
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    if not re.fullmatch(r"0\d{9}", digits):
        raise AccountError("phone", N_("Số điện thoại gồm 10 chữ số, bắt đầu bằng 0."))
    return digits


def normalize_email(value: str) -> str | None:
    value = clean(value).lower()
    if not value:
        return None
    if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value):
        raise AccountError("email", N_("Địa chỉ e-mail chưa đúng."))
    return value


def normalize_login(value: str) -> str:
    """A login typed as an e-mail or a phone number, in the stored form."""
    value = clean(value)
    if "@" in value:
        return value.lower()
    try:
        return normalize_phone(value) or ""
    except AccountError:
        return value


def _check_unique(session: Session, profile: Profile, user_id: int | None) -> None:
    for field, value in (("email", profile.email), ("phone", profile.phone)):
        if value is None:
            continue
        other = session.scalar(select(User.id).where(getattr(User, field) == value))
        if other is not None and other != user_id:
            message = (
                N_("E-mail này đã được dùng cho một tài khoản khác.")
                if field == "email"
                else N_("Số điện thoại này đã được dùng cho một tài khoản khác.")
            )
            raise AccountError(field, message)


def _check_profile(session: Session, profile: Profile) -> None:
    if not profile.email and not profile.phone:
        raise AccountError("phone", N_("Cần có số điện thoại hoặc e-mail để đăng nhập."))
    if len(profile.full_name) < 2:
        raise AccountError("full_name", N_("Vui lòng nhập họ và tên."))
    group = session.get(TargetGroup, profile.target_group_code) if profile.target_group_code else None
    if profile.target_group_code and group is None:
        raise AccountError("target_group_code", N_("Nhóm đối tượng không hợp lệ."))
    bands = {b.code for b in group.bands} if group else set()
    if bands and profile.band_code not in bands:
        raise AccountError("band_code", N_("Học sinh cần chọn khối lớp."))
    if not bands and profile.band_code:
        raise AccountError("band_code", N_("Chỉ học sinh mới chọn khối lớp."))
    if bands and profile.date_of_birth is None:
        raise AccountError("date_of_birth", N_("Học sinh cần nhập ngày sinh."))
    if group is not None and profile.date_of_birth is not None:
        problem = age_problem(session, group, profile.band_code, profile.date_of_birth)
        if problem is not None:
            raise problem


def age_problem(session: Session, group: TargetGroup, band_code: str, born: date) -> AccountError | None:
    """An error for the date of birth when the age (today, in Vietnam) does not fit the group or band.

    The ranges are the current framework's `ages` (framework/framework.yaml).
    """
    framework = session.scalar(select(FrameworkVersion.data).where(FrameworkVersion.is_current))
    mismatch = check_age(born, ages_in(framework or {}, group.code, band_code), today_local())
    if mismatch is None:
        return None
    band = next((b for b in group.bands if b.code == band_code), None)
    name = f"{group.name} khối {band.name[:1].lower()}{band.name[1:]}" if band else group.name
    low, high = mismatch.ages.low, mismatch.ages.high
    if high is None:
        message = N_(
            "Theo ngày sinh, bạn %(age)d tuổi: nhóm %(group)s dành cho người từ %(low)d tuổi trở lên. "
            "Hãy kiểm tra ngày sinh hoặc chọn nhóm khác."
        )
    elif band is not None:
        message = N_(
            "Theo ngày sinh, bạn %(age)d tuổi: nhóm %(group)s dành cho các em %(low)d–%(high)d tuổi. "
            "Hãy kiểm tra ngày sinh hoặc chọn nhóm khác."
        )
    else:
        message = N_(
            "Theo ngày sinh, bạn %(age)d tuổi: nhóm %(group)s dành cho người từ %(low)d đến %(high)d tuổi. "
            "Hãy kiểm tra ngày sinh hoặc chọn nhóm khác."
        )
    return AccountError("date_of_birth", message, age=mismatch.age, group=name, low=low, high=high or 0)


def register(session: Session, profile: Profile, password: str) -> User:
    """Create a learner account; raises AccountError for the field that is wrong."""
    _check_profile(session, profile)
    _check_unique(session, profile, None)
    user = User(role="learner", password_hash="")
    _apply(user, profile)
    set_password(user, password)
    session.add(user)
    session.flush()
    return user


def update_profile(session: Session, user: User, profile: Profile) -> None:
    _check_profile(session, profile)
    _check_unique(session, profile, user.id)
    _apply(user, profile)


def _apply(user: User, profile: Profile) -> None:
    user.full_name = profile.full_name
    user.name_folded = fold(profile.full_name)
    user.date_of_birth = profile.date_of_birth
    user.email, user.phone = profile.email, profile.phone
    user.target_group_code = profile.target_group_code
    user.band_code = profile.band_code or ""
    user.residential_group = profile.residential_group


def set_password(user: User, password: str) -> None:
    """Hash (scrypt) and store; a new session token ends every other open session."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError("password", N_("Mật khẩu cần ít nhất %(count)d ký tự."), count=MIN_PASSWORD_LENGTH)
    user.password_hash = generate_password_hash(password)
    user.must_change_password = False
    end_sessions(user)


_TEMPORARY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # nothing that reads as another letter


def reset_password(user: User) -> str:
    """Give the account a temporary password, to be read out by staff; it must be changed at sign-in."""
    temporary = "".join(secrets.choice(_TEMPORARY_ALPHABET) for _ in range(10))
    set_password(user, temporary)
    user.must_change_password = True
    return temporary


def end_sessions(user: User) -> None:
    """Sign the account out everywhere: every cookie and "remember me" token stops working."""
    user.session_token = new_session_token()


def find_learners(session: Session, text: str, limit: int = 20) -> list[User]:
    """Learner accounts whose phone, e-mail or name (typed with or without marks) match."""
    text = clean(text)
    if len(text) < 2:
        return []
    try:
        phone = normalize_phone(text)
    except AccountError:
        phone = None
    conditions = [User.email == text.lower(), User.name_folded.contains(fold(text), autoescape=True)]
    if phone:
        conditions.append(User.phone == phone)
    query = select(User).where(User.role == "learner", or_(*conditions)).order_by(User.id).limit(limit)
    return list(session.scalars(query))


def authenticate(session: Session, login: str, password: str) -> User | None:
    """The user whose login and password match; the same work is done when nobody matches."""
    login = normalize_login(login)
    user = (
        session.scalar(select(User).where(or_(User.email == login, User.phone == login))) if login else None
    )
    if user is None:
        check_password_hash(_DUMMY_HASH, password)
        return None
    if not check_password_hash(user.password_hash, password) or not user.is_active_account:
        return None
    return user


def check_password(user: User, password: str) -> bool:
    return check_password_hash(user.password_hash, password)


def user_by_session_token(session: Session, token: str) -> User | None:
    return session.scalar(select(User).where(User.session_token == token))
