"""Small SQL helpers that differ by database."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def insert_ignoring_duplicates(session: Session, model: type, values: dict[str, Any]) -> bool:
    """INSERT … ON CONFLICT DO NOTHING; True when a row was written (a double click writes once).

    Told by RETURNING, not by rowcount: psycopg reports -1 for this statement on PostgreSQL.
    """
    dialect = session.get_bind().dialect.name
    module = postgresql if dialect == "postgresql" else sqlite
    key = list(model.__table__.primary_key.columns)
    statement = module.insert(model).values(**values).on_conflict_do_nothing().returning(*key)
    return session.execute(statement).first() is not None
