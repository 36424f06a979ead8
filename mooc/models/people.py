"""People: learners and staff accounts."""

from __future__ import annotations

import secrets
from datetime import date, datetime

from flask_login import UserMixin
from sqlalchemy import Date, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from mooc.db import Base
from mooc.models._types import UTCDateTime, utcnow

ROLES = ("learner", "teacher", "official", "admin")


def new_session_token() -> str:
    return secrets.token_urlsafe(24)


class User(UserMixin, Base):
    __tablename__ = "user"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str | None] = mapped_column(String(254), unique=True)
    phone: Mapped[str | None] = mapped_column(String(20), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    full_name: Mapped[str] = mapped_column(String(120))
    # Lower-case, tone-free copy of the name, so a search for "nguyen van an" finds "Nguyễn Văn An".
    name_folded: Mapped[str] = mapped_column(String(120), index=True)
    date_of_birth: Mapped[date | None] = mapped_column(Date)
    target_group_code: Mapped[str | None] = mapped_column(ForeignKey("target_group.code"))
    band_code: Mapped[str] = mapped_column(String(8), default="")  # pupils' grade band; "" otherwise
    residential_group: Mapped[str | None] = mapped_column(String(80))
    role: Mapped[str] = mapped_column(String(16), default="learner")
    locale: Mapped[str] = mapped_column(String(8), default="vi")
    # What flask-login keeps in the session cookie instead of the id: replacing it
    # (password change, "log out everywhere") ends every existing session.
    session_token: Mapped[str] = mapped_column(String(64), unique=True, default=new_session_token)
    is_active_account: Mapped[bool] = mapped_column(default=True)
    # Set when staff hand out a temporary password: the next sign-in must choose a new one.
    must_change_password: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    def get_id(self) -> str:
        return self.session_token

    @property
    def is_active(self) -> bool:  # flask-login refuses inactive accounts
        return self.is_active_account

    @property
    def is_learner(self) -> bool:
        return self.role == "learner"

    def has_role(self, *roles: str) -> bool:
        return self.role in roles
