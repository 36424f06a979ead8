"""Database glue: the declarative Base, the engine, and one session per app context."""

from __future__ import annotations

from typing import Any, ClassVar

from flask import Flask, current_app, g, has_request_context, request
from sqlalchemy import JSON, Engine, MetaData, create_engine, event
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
_SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar = {dict[str, Any]: JSON, list[Any]: JSON}


def make_engine(url: str, echo: bool = False) -> Engine:
    """An engine; SQLite gets WAL, a busy timeout, foreign keys and real transactions."""
    if not url.startswith("sqlite"):
        return create_engine(url, echo=echo, pool_pre_ping=True)
    engine = create_engine(url, echo=echo)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        # Let SQLAlchemy emit BEGIN itself (pysqlite's own transaction handling
        # breaks SAVEPOINTs), as the SQLAlchemy pysqlite docs advise.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")  # readers never wait for the writer
        cursor.execute("PRAGMA busy_timeout=10000")  # a writer waits its turn instead of failing
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")  # safe with WAL, much faster commits
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        # A writing request takes the write lock up front: a read that later turns
        # into a write could otherwise fail at once with "database is locked".
        mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")

    return engine


class Database:
    """The engine and the two session factories (reading, writing) of one app."""

    def __init__(self, url: str, echo: bool = False) -> None:
        self.url = url
        self.engine = make_engine(url, echo)
        writer = self.engine.execution_options(sqlite_begin="IMMEDIATE") if self.is_sqlite else self.engine
        self.reader = sessionmaker(self.engine, expire_on_commit=False)
        self.writer = sessionmaker(writer, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")


def init_app(app: Flask) -> None:
    app.extensions["mooc.db"] = Database(app.config["DATABASE_URL"], app.config["SQL_ECHO"])
    app.teardown_appcontext(_close_session)


def database() -> Database:
    return current_app.extensions["mooc.db"]


def get_session() -> Session:
    """The session of this app context; writing requests and commands get a writer."""
    if "db_session" not in g:
        db = database()
        reading = has_request_context() and request.method in _SAFE_METHODS
        g.db_session = (db.reader if reading else db.writer)()
    return g.db_session


def _close_session(_exc: BaseException | None) -> None:
    session = g.pop("db_session", None)
    if session is not None:
        session.close()
