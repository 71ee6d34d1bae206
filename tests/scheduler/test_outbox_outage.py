"""The outbox through a long database outage: a message the messenger took while the database
was away is recorded once it is back, and never goes twice."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

import pytest
from sqlalchemy import Connection, select
from sqlalchemy.exc import OperationalError

from handlers.messages import Outgoing, Piece, SendResult, Sent
from scheduler import outbox_sender
from scheduler.outbox_sender import OutboxSender, Pace
from storage import outbox
from storage.database import Database
from storage.schema import outbox as outbox_table
from tests.conftest import _admin_execute

T = TypeVar("T")
CHAT = "700001"


class Outage:
    """The database goes away and comes back when the test says so. PostgreSQL: the server
    ends every session of the database and refuses new ones. SQLite (one file, no server):
    every unit of work fails as a database locked by another writer would."""

    def __init__(self, database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
        self.database = database
        self.name = database.url.database or ""
        self.down = False
        self.refused = 0  # units of work refused while down (SQLite)
        if database.is_sqlite:
            real_run = database.run

            async def run(work: Callable[[Connection], T]) -> T:
                if self.down:
                    self.refused += 1
                    raise OperationalError("BEGIN IMMEDIATE", None, Exception("database is locked"))
                return await real_run(work)

            monkeypatch.setattr(database, "run", run)

    async def begin(self) -> None:
        self.down = True
        if not self.database.is_sqlite:
            await _admin_execute(f'ALTER DATABASE "{self.name}" ALLOW_CONNECTIONS false')
            await _admin_execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                f"WHERE datname = '{self.name}' AND pid <> pg_backend_pid()"
            )

    async def end(self) -> None:
        if self.down and not self.database.is_sqlite:
            await _admin_execute(f'ALTER DATABASE "{self.name}" ALLOW_CONNECTIONS true')
        self.down = False


async def until(condition: Callable[[], Awaitable[bool]], what: str, timeout: float = 30) -> None:
    """Wait for a condition (the timeout only ends a hung test; nothing is timed)."""
    deadline = time.monotonic() + timeout
    while not await condition():
        assert time.monotonic() < deadline, f"still waiting for {what}"
        await asyncio.sleep(0.01)


async def test_a_send_recorded_during_a_long_outage_is_never_sent_twice(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The messenger takes a notice, then the database goes away for 40 s (the clock is
    driven): the lead's connection goes with it (PostgreSQL), the sender stops and later
    leads again. The notice is recorded as sent once the database is back, is not sent
    again, and the chat's next notice goes after it."""
    monkeypatch.setattr(outbox_sender, "LEAD_CHECK", 0.02)
    monkeypatch.setattr(outbox_sender, "LEADER_RETRY", 0.02)
    monkeypatch.setattr(outbox_sender, "STOP_GRACE", 0.1)
    monkeypatch.setattr(outbox_sender, "HANDOVER", 0.2)
    monkeypatch.setattr(outbox_sender, "RECORD_RETRY", 0.01, raising=False)
    start = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    clock = [start]
    notes = [Outgoing(text="Khẩn 1"), Outgoing(text="Khẩn 2")]
    await database.run(lambda c: outbox.queue(c, "telegram", CHAT, notes, start))
    outage = Outage(database, monkeypatch)
    delivered: list[str] = []

    def courier(chat_id: str, payload: dict[str, Any]) -> list[Piece]:
        async def piece() -> SendResult:
            delivered.append(payload["text"])
            if len(delivered) == 1:  # taken by the messenger; then the database goes
                await outage.begin()
            return SendResult(Sent.OK)

        return [piece]

    def sender() -> OutboxSender:
        return OutboxSender(
            database, {"telegram": courier}, {"telegram": Pace(100, 0)}, lambda: clock[0]
        )

    async def statuses() -> list[str] | None:
        try:
            rows = await database.run(
                lambda c: list(
                    c.execute(select(outbox_table.c.status).order_by(outbox_table.c.id)).scalars()
                )
            )
        except Exception:  # the database is still coming back
            return None
        return [str(status) for status in rows]

    first = sender()
    try:
        await first.start()

        async def outage_felt() -> bool:
            if not outage.down:
                return False
            if database.is_sqlite:  # the lock is a file's: only the writes fail
                return outage.refused >= 3
            # The lead went with its connection and the sending stopped.
            return not first.leadership.held and not any(first._rows.values())

        await until(outage_felt, "the sender to feel the outage")
        clock[0] += timedelta(seconds=40)
        await outage.end()

        async def all_sent() -> bool:
            return await statuses() == ["sent", "sent"]

        await until(all_sent, "both notices to be recorded")
    finally:
        await outage.end()
        await first.stop()
    await sender().send_pending(timeout=10)  # a restart: nothing goes again
    assert delivered == ["Khẩn 1", "Khẩn 2"]
    assert await statuses() == ["sent", "sent"]
