"""The framework as imported from framework/framework.yaml, plus the ward's tổ dân phố."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mooc.db import Base
from mooc.models._types import UTCDateTime, utcnow


class FrameworkVersion(Base):
    """Every framework version ever imported, kept whole: records name one of these."""

    __tablename__ = "framework_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[str] = mapped_column(String(40), unique=True)
    framework_id: Mapped[str] = mapped_column(String(40))
    data: Mapped[dict[str, Any]]
    is_current: Mapped[bool] = mapped_column(default=False)
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Competency(Base):
    __tablename__ = "competency"

    code: Mapped[str] = mapped_column(String(8), primary_key=True)
    domain_code: Mapped[str] = mapped_column(String(4))
    domain_name: Mapped[str] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))


class TargetGroup(Base):
    __tablename__ = "target_group"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(String(500), default="")
    pass_mark: Mapped[int]
    target_level: Mapped[int]
    position: Mapped[int] = mapped_column(default=0)
    modules: Mapped[list[GroupModule]] = relationship(
        order_by="GroupModule.position", cascade="all, delete-orphan"
    )
    bands: Mapped[list[GroupBand]] = relationship(order_by="GroupBand.position", cascade="all, delete-orphan")


class GroupBand(Base):
    """A grade band of a group (pupils: CB1 … NC1), with its own required modules."""

    __tablename__ = "group_band"

    group_code: Mapped[str] = mapped_column(
        ForeignKey("target_group.code", ondelete="CASCADE"), primary_key=True
    )
    code: Mapped[str] = mapped_column(String(8), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    name_en: Mapped[str] = mapped_column(String(100))
    target_level: Mapped[int]
    position: Mapped[int] = mapped_column(default=0)


class GroupModule(Base):
    """One module a group (or one band of it) must pass."""

    __tablename__ = "group_module"

    group_code: Mapped[str] = mapped_column(
        ForeignKey("target_group.code", ondelete="CASCADE"), primary_key=True
    )
    band_code: Mapped[str] = mapped_column(String(8), primary_key=True, default="")  # "": the whole group
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id"), primary_key=True)
    position: Mapped[int] = mapped_column(default=0)


class ResidentialGroup(Base):
    """A tổ dân phố of the ward: the unit officials report by."""

    __tablename__ = "residential_group"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    position: Mapped[int] = mapped_column(default=0)
    is_active: Mapped[bool] = mapped_column(default=True)


class Ward(Base):
    """The ward this site serves (one row), from framework/ward.yaml."""

    __tablename__ = "ward"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    city: Mapped[str] = mapped_column(String(200))
    plan: Mapped[str] = mapped_column(String(500), default="")
