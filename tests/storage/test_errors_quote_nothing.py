"""A database error's text (what reaches a log line) never quotes the values of a statement:
they can be what a member typed about a third party."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import Connection, insert
from sqlalchemy.exc import IntegrityError

from storage.database import Database
from storage.schema import units


async def test_a_failed_statement_does_not_show_its_values(database: Database) -> None:
    when = datetime(2026, 12, 1, 8, 0).astimezone()
    row = {
        "code": "TRÙNG-MÃ",
        "name": "Nhà bà Nguyễn Thị Bí Mật, số 12 ngõ 4",
        "kind": "team",
        "valid_from": date(2026, 1, 1),
        "created_at": when,
    }

    def twice(conn: Connection) -> None:
        conn.execute(insert(units), [row, {**row, "created_at": when + timedelta(seconds=1)}])

    with pytest.raises(IntegrityError) as raised:
        await database.run(twice)
    assert "Bí Mật" not in str(raised.value) and "TRÙNG-MÃ" not in str(raised.value)
