"""Sign-up, sign-in, sign-out, profile and password pages."""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from mooc.db import get_session
from mooc.services import accounts, catalog, identity
from mooc.services.accounts import AccountError, Profile
from mooc.timefmt import format_date, parse_date
from mooc.web import csrf, ratelimit
from mooc.web.access import public, signed_in
from mooc.web.auth import bp
from mooc.web.auth.forms import (
    EmptyForm,
    LoginForm,
    PasswordForm,
    ProfileForm,
    RegisterForm,
    StaffProfileForm,
)
from mooc.web.ratelimit import REGISTER, limiter
from mooc.web.safe_redirect import is_safe_next
from mooc.web.templating import localized


def _fill_choices(form: ProfileForm) -> None:
    db = get_session()
    groups = catalog.groups(db)
    form.target_group_code.choices = [(g.code, localized(g)) for g in groups]
    form.band_code.choices = [("", _("— Không phải học sinh —"))] + [
        (b.code, f"{b.code}: {localized(b)}") for g in groups for b in g.bands
    ]
    form.residential_group.choices = (
        [("", _("— Chọn tổ dân phố —"))]
        + [(name, name) for name in catalog.residential_groups(db)]
        + [("Khác", _("Không thuộc tổ nào trong danh sách"))]
    )


def _profile(form: ProfileForm) -> Profile:
    """Read the form into a Profile; wrong phone or e-mail formats raise AccountError."""
    return Profile(
        full_name=form.full_name.data,
        date_of_birth=parse_date(form.date_of_birth.data),
        email=accounts.normalize_email(form.email.data or ""),
        phone=accounts.normalize_phone(form.phone.data or ""),
        target_group_code=form.target_group_code.data,
        residential_group=form.residential_group.data or None,
        band_code=form.band_code.data or "",
    )


def _field_error(form, error: AccountError) -> None:
    getattr(form, error.field).errors.append(_(error.message, **error.params))


def _next_url(default: str) -> str:
    target = request.args.get("next") or request.form.get("next")
    return target if is_safe_next(target) else default


def _landing(user) -> str:
    """Where each role starts: learners on their path, officials on the records."""
    if user.is_learner:
        return url_for("learn.my_path")
    if user.has_role("official", "admin"):
        return url_for("certify.record_list")
    return url_for("learn.home")


def _sign_in(user, remember: bool = False) -> None:
    session.clear()  # a fresh session at sign-in: nothing from before carries over
    login_user(user, remember=remember)


@bp.route("/register", methods=["GET", "POST"])
@public
@limiter.limit(REGISTER, methods=["POST"])
@csrf.exempt  # the form checks its own token and re-shows what was typed
def register():
    form = RegisterForm()
    _fill_choices(form)
    if form.validate_on_submit():
        db = get_session()
        try:
            user = accounts.register(db, _profile(form), form.password.data)
        except AccountError as error:
            _field_error(form, error)
        else:
            db.commit()
            _sign_in(user)
            flash(_("Chào mừng %(name)s! Tài khoản đã được tạo.", name=user.full_name), "success")
            return redirect(url_for("learn.my_path"))
    return render_template("auth/register.html", form=form)


@bp.route("/login", methods=["GET", "POST"])
@public
@limiter.limit(ratelimit.sign_in_limit, methods=["POST"])
@limiter.shared_limit(
    ratelimit.SIGN_IN_PER_ACCOUNT,
    scope=ratelimit.SIGN_IN_PER_ACCOUNT_SCOPE,
    key_func=ratelimit.login_key,
    methods=["POST"],
    deduct_when=ratelimit.counted_by_the_view,  # failures only, counted below
)
@csrf.exempt  # the form checks its own token and re-shows what was typed
def login():
    form = LoginForm()
    if form.validate_on_submit():
        db = get_session()
        user = accounts.authenticate(db, form.login.data, form.password.data)
        db.commit()  # nothing written: ends the read so the rate-limit counters are free to write
        if user is None:
            ratelimit.count_failed_sign_in(form.login.data)
            form.password.errors.append(_("Số điện thoại, e-mail hoặc mật khẩu chưa đúng."))
        else:
            ratelimit.forget_failed_sign_ins(form.login.data, user.phone, user.email)
            _sign_in(user, remember=form.remember.data)
            if user.must_change_password:
                flash(_("Bạn đang dùng mật khẩu tạm. Hãy đặt mật khẩu mới của riêng bạn."), "info")
                return redirect(url_for("auth.password"))
            return redirect(_next_url(_landing(user)))
    return render_template("auth/login.html", form=form, next=_next_url(""))


@bp.route("/logout", methods=["POST"])
@public
def logout():
    if EmptyForm().validate_on_submit():
        if current_user.is_authenticated:
            # A copied cookie must not outlive the logout: this ends every session of the account.
            accounts.end_sessions(current_user)
            get_session().commit()
        logout_user()
        session.clear()
        flash(_("Bạn đã đăng xuất."), "info")
    return redirect(url_for("learn.home"))


@bp.route("/profile", methods=["GET", "POST"])
@signed_in
@csrf.exempt  # the form checks its own token and re-shows what was typed
def profile():
    user = current_user._get_current_object()
    form_class = ProfileForm if user.is_learner else StaffProfileForm
    form = form_class(obj=None if request.method == "POST" else user)
    _fill_choices(form)
    if request.method == "GET":
        form.date_of_birth.data = format_date(user.date_of_birth)
    if form.validate_on_submit():
        db = get_session()
        db.add(user)
        try:
            changes = _profile(form)
            # A stored ID number carries the birth year: a new date of birth must agree with it.
            key = current_app.config["ID_KEY"]
            problem = identity.date_of_birth_problem(db, key, user, changes.date_of_birth)
            if problem:
                raise AccountError("date_of_birth", problem)
            accounts.update_profile(db, user, changes)
        except AccountError as error:
            db.rollback()
            _field_error(form, error)
        else:
            db.commit()
            flash(_("Đã lưu thông tin của bạn."), "success")
            return redirect(url_for("auth.profile"))
    return render_template("auth/profile.html", form=form)


@bp.route("/password", methods=["GET", "POST"])
@signed_in
@csrf.exempt  # the form checks its own token and re-shows what was typed
def password():
    form = PasswordForm()
    if form.validate_on_submit():
        db = get_session()
        user = current_user._get_current_object()
        if not accounts.check_password(user, form.current.data):
            form.current.errors.append(_("Mật khẩu hiện tại chưa đúng."))
        else:
            try:
                accounts.set_password(user, form.password.data)
            except AccountError as error:
                _field_error(form, error)
            else:
                db.commit()
                _sign_in(user)  # every other session (and "remember me") has now ended
                flash(_("Đã đổi mật khẩu. Các máy khác đã được đăng xuất."), "success")
                return redirect(_landing(user))
    return render_template("auth/password.html", form=form)
