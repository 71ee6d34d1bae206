"""The database runner: one unit of work, one transaction; an error undoes all of it."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import cast

import pytest
from sqlalchemy import Connection, func, insert, select

from storage import database as storage_database
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


async def test_sqlite_wal_starts_over_while_turns_keep_coming(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The WAL is copied into the database file by a thread of its own, yet it does not grow
    without bound under a steady stream of turns, and nothing committed is lost on the way."""
    if not database.is_sqlite:
        pytest.skip("SQLite's write-ahead log")
    monkeypatch.setattr(storage_database, "CHECKPOINT_EVERY", 4)
    monkeypatch.setattr(storage_database, "WAL_PAGES", 40)
    assert database.url.database is not None
    wal = Path(database.url.database + "-wal")
    largest = 0
    for n in range(300):
        await database.run(cast(Callable[[Connection], None], add_unit(f"U{n}")))
        largest = max(largest, wal.stat().st_size)
    page = 4096
    assert largest < 200 * page  # started over near 40 pages (each commit adds a few)
    assert await database.run(count) == 300
    await database.dispose()
    with contextlib.closing(sqlite3.connect(database.url.database)) as alone:
        assert alone.execute("SELECT count(*) FROM units").fetchone() == (300,)
