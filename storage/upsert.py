"""INSERT ... ON CONFLICT for the database in use (PostgreSQL and SQLite spell it alike)."""

from __future__ import annotations

from sqlalchemy import Connection, Table
from sqlalchemy.dialects import postgresql, sqlite


def insert_for(conn: Connection, table: Table) -> postgresql.Insert | sqlite.Insert:
    """An insert into `table` that offers on_conflict_do_nothing / on_conflict_do_update."""
    if conn.dialect.name == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)
