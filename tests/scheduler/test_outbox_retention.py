"""Settled outbox messages are pruned by the nightly housekeeping after the retention period
(ANTT_OUTBOX_RETENTION_DAYS), without changing what a broadcast still sending reports."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from sqlalchemy import Connection, select, update

from bot.app import create_app
from bot.settings import Settings, SettingsError, load_settings
from handlers.messages import Outgoing, Piece, SendResult, Sent
from scheduler import progress
from services.demo import DemoInvites
from services.ports import Tally
from storage import broadcasts, outbox
from storage.database import Database
from storage.schema import broadcasts as broadcasts_table
from storage.schema import outbox as outbox_table
from tests.sending import queue_broadcast, seed_recipients, send_outbox

FIRST_CHAT = 600_000
WEB_CHAT = "web-lich-su"


def test_the_retention_is_30_days_unless_set(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert settings.outbox_retention_days == 30
    monkeypatch.setenv("ANTT_OUTBOX_RETENTION_DAYS", "0")
    with pytest.raises(SettingsError):
        load_settings(data_dir=settings.data_dir, secret_key=settings.secret_key)


async def test_settled_messages_are_pruned_after_the_retention_but_not_a_running_broadcasts(
    settings: Settings,
    database: Database,
    demo: DemoInvites,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ANTT_OUTBOX_RETENTION_DAYS", "10")
    configured = load_settings(
        data_dir=settings.data_dir,
        database_url=settings.database_url,
        secret_key=settings.secret_key,
    )
    jobs = create_app(configured, database).state.jobs
    day = datetime.combine(date(2027, 1, 4), time(10, 0), tzinfo=settings.zone)
    clock = [day]
    officer, _ = await seed_recipients(database, 2, day, FIRST_CHAT)
    second = str(FIRST_CHAT + 1)
    holding_back: set[str] = set()  # texts the messenger cannot take for the second chat yet

    def courier(chat_id: str, payload: dict[str, Any]) -> list[Piece]:
        async def piece() -> SendResult:
            if chat_id == second and payload["text"] in holding_back:
                return SendResult(Sent.LATER)
            return SendResult(Sent.OK)

        return [piece]

    async def send() -> None:
        await send_outbox(database, {"telegram": courier}, lambda: clock[0])
        await database.run(lambda c: progress.tell_senders(c, clock[0], 60))

    async def queue_notice(chat_id: str, text: str) -> None:
        notice = [Outgoing(text=text)]
        await database.run(lambda c: outbox.queue(c, "telegram", chat_id, notice, clock[0]))

    # On the 4th: a notice, a broadcast that finishes, one stopped before it went, one whose
    # second message waits for a retry, and the web chat's history.
    await queue_notice(str(FIRST_CHAT), "Nhắc lịch trực")
    await queue_broadcast(database, officer, "Họp tổ", day)
    await send()
    stopped, _ = await queue_broadcast(database, officer, "Thông báo nhầm", day)
    await database.run(lambda c: broadcasts.stop(c, stopped, officer.id, day))
    holding_back.add("Lịch tuần tra")
    running, _ = await queue_broadcast(database, officer, "Lịch tuần tra", day)
    await send()
    history = [Outgoing(text="Bạn đã gửi tin báo")]
    await database.run(lambda c: outbox.queue(c, "web", WEB_CHAT, history, day))
    await database.run(
        lambda c: c.execute(
            update(outbox_table)
            .where(outbox_table.c.chat_id == WEB_CHAT)
            .values(status="sent")  # read on the page: no sending time
        )
    )
    # On the 12th, a notice to the second chat.
    clock[0] = day + timedelta(days=8)
    await queue_notice(second, "Nhắc nộp báo cáo")
    await send()

    def left(conn: Connection) -> list[tuple[str, str, str]]:
        rows = conn.execute(
            select(outbox_table.c.chat_id, outbox_table.c.payload, outbox_table.c.status)
            .where(outbox_table.c.chat_id != str(officer.id))
            .order_by(outbox_table.c.id)
        ).all()
        return [(str(r.chat_id), str(r.payload["text"]), str(r.status)) for r in rows]

    def figures(conn: Connection) -> Tally:
        unreached = conn.execute(
            select(broadcasts_table.c.unreached).where(broadcasts_table.c.id == running)
        ).scalar_one()
        return broadcasts.tally(conn, running, officer.id, int(unreached))

    before = await database.run(figures)
    assert (before.sent, before.left) == (1, 1)
    # The 15th at 03:15 is eleven days on: what was settled on the 4th goes, except the
    # broadcast still sending; the web chat's history too.
    assert await jobs.run_due("housekeeping", day + timedelta(days=11)) == 0
    first = str(FIRST_CHAT)
    assert await database.run(left) == [
        (first, "Lịch tuần tra", "sent"),
        (second, "Lịch tuần tra", "pending"),
        (second, "Nhắc nộp báo cáo", "sent"),
    ]
    assert await database.run(figures) == before  # its progress still counts the same
    # The retry goes on the 16th and the broadcast ends with its report; on the 25th the
    # night's housekeeping keeps only what was settled after the 15th at 03:15.
    holding_back.clear()
    clock[0] = day + timedelta(days=12)
    await send()
    done = await database.run(figures)
    assert (done.sent, done.left) == (2, 0)
    await jobs.run_due("housekeeping", day + timedelta(days=21))
    assert await database.run(left) == [
        (second, "Lịch tuần tra", "sent"),
    ]
