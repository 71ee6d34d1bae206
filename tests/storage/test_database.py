"""The database runner: one unit of work, one transaction; an error undoes all of it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import Connection, func, insert, select

from storage.database import Database, DatabaseUrlError, normalize_url
from storage.schema import units


def add_unit(code: str) -> object:
    def work(conn: Connection) -> None:
        conn.execute(
            insert(units).values(
                code=code,
                name=code,
                kind="team",
                valid_from=datetime.now(UTC).date(),
                created_at=datetime.now(UTC),
            )
        )

    return work


def count(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(units)).scalar_one())


@pytest.mark.parametrize("how", ["run", "run_long"])
async def test_commit_on_return_and_rollback_on_error(database: Database, how: str) -> None:
    run = getattr(database, how)
    await run(add_unit("A"))

    def half_done(conn: Connection) -> None:
        add_unit("B")(conn)  # type: ignore[operator]
        raise RuntimeError("the turn failed after its first write")

    with pytest.raises(RuntimeError):
        await run(half_done)
    assert await run(count) == 1  # B was never committed


def test_database_urls_are_checked() -> None:
    assert normalize_url("postgres://u@h/db").drivername == "postgresql+asyncpg"
    assert normalize_url("sqlite:///x.db").drivername == "sqlite+pysqlite"
    with pytest.raises(DatabaseUrlError):
        normalize_url("mysql://u@h/db")
    with pytest.raises(DatabaseUrlError):
        normalize_url("not a url at all")
