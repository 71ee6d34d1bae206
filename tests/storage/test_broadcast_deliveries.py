"""A broadcast's delivery report from its outbox rows: each recipient's outcome (received,
failed, stopped before it went, still waiting) by name and unit, the members it could not
reach, only for those who follow it, and never a chat id."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from sqlalchemy import Connection, select, update

from campaign.roles import Role
from services.demo import DemoInvites
from storage import broadcasts
from storage.database import Database
from storage.schema import outbox
from tests.sending import queue_broadcast, seed_recipients

__all__ = ["DemoInvites"]


async def test_each_recipient_has_an_outcome_and_the_unreached_are_named(
    database: Database, demo: DemoInvites
) -> None:
    now = datetime.now(UTC)
    officer, ids = await seed_recipients(database, 4, now, first_chat=700_000)
    number, queued = await queue_broadcast(database, officer, "Họp tổ", now)
    assert queued == 4
    first, second, third, _ = ids

    def settle(conn: Connection) -> None:
        for member_id, status in ((first, "sent"), (second, "blocked"), (third, "sending")):
            conn.execute(
                update(outbox)
                .where(outbox.c.broadcast_id == number, outbox.c.member_id == member_id)
                .values(status=status, sent_at=now if status == "sent" else None)
            )
        broadcasts.stop(conn, number, officer.id, now)

    await database.run(settle)
    report = await database.run(lambda c: broadcasts.deliveries(c, officer, False, number))
    outcome = {row.member_id: (row.outcome, row.channel) for row in report}
    assert outcome[first] == ("sent", "telegram")
    assert outcome[second] == ("failed", "telegram")
    assert outcome[third] == ("pending", "telegram")  # a sender held it: it may still go
    assert outcome[ids[3]] == ("stopped", "telegram")
    unreached = [row for row in report if row.outcome == "unreached"]
    assert unreached and all(row.channel is None for row in unreached)  # the demo's roster
    named = {row.member_id: (row.name, row.unit_name) for row in report}
    assert named[first] == ("Thành Viên 0", "Tổ bảo vệ ANTT thôn Đông")
    assert "700000" not in repr(report)  # names and units, never a chat

    stranger = replace(officer, id=officer.id + 10_000)
    assert await database.run(lambda c: broadcasts.deliveries(c, stranger, False, number)) == []
    admin = replace(stranger, role=Role.ADMIN)
    seen = await database.run(lambda c: broadcasts.deliveries(c, admin, True, number))
    assert [row.member_id for row in seen] == [row.member_id for row in report]
    left = await database.run(
        lambda c: (
            c.execute(select(outbox.c.status).where(outbox.c.broadcast_id == number))
            .scalars()
            .all()
        )
    )
    assert sorted(left) == ["blocked", "cancelled", "sending", "sent"]
