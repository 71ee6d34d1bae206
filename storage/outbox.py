"""The outbox as the messenger senders see it: claim, mark sent, mark failed.

Rows are claimed before sending so that two processes never send the same row; a claim left
by a process that died is released after CLAIM_TIMEOUT (at-least-once: the scheduler issue's
paced outbox makes it exactly-once).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, insert, or_, select, update

from handlers.messages import Outgoing
from storage.schema import identities, outbox

CLAIM_TIMEOUT = timedelta(minutes=5)
RETRY_AFTER = timedelta(seconds=30)  # a failed row waits this long before the next attempt
MAX_ATTEMPTS = 20  # about ten minutes of outage


@dataclass(frozen=True)
class OutboxRow:
    id: int
    channel: str
    chat_id: str
    payload: dict[str, Any]
    attempts: int


def claim(conn: Connection, channels: list[str], limit: int, now: datetime) -> list[OutboxRow]:
    conn.execute(
        update(outbox)
        .where(outbox.c.status == "sending", outbox.c.claimed_at < now - CLAIM_TIMEOUT)
        .values(status="pending")
    )
    query = (
        select(outbox.c.id, outbox.c.channel, outbox.c.chat_id, outbox.c.payload, outbox.c.attempts)
        .where(
            outbox.c.status == "pending",
            outbox.c.channel.in_(channels),
            or_(outbox.c.claimed_at.is_(None), outbox.c.claimed_at < now - RETRY_AFTER),
        )
        .order_by(outbox.c.id)
        .limit(limit)
    )
    if conn.dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    rows = conn.execute(query).all()
    if rows:
        conn.execute(
            update(outbox)
            .where(outbox.c.id.in_([r.id for r in rows]))
            .values(status="sending", claimed_at=now, attempts=outbox.c.attempts + 1)
        )
    return [OutboxRow(r.id, r.channel, r.chat_id, dict(r.payload), r.attempts + 1) for r in rows]


def queue(
    conn: Connection, channel: str, chat_id: str, messages: list[Outgoing], now: datetime
) -> None:
    conn.execute(
        insert(outbox),
        [
            {
                "channel": channel,
                "chat_id": chat_id,
                "payload": m.to_dict(),
                "status": "pending",
                "created_at": now,
                "attempts": 0,
            }
            for m in messages
        ],
    )


def mark_sent(conn: Connection, row_id: int, now: datetime) -> None:
    conn.execute(update(outbox).where(outbox.c.id == row_id).values(status="sent", sent_at=now))


def release(conn: Connection, row_id: int, *, give_up: bool) -> None:
    """A send failed: try again later, or stop trying."""
    conn.execute(
        update(outbox)
        .where(outbox.c.id == row_id)
        .values(status="failed" if give_up else "pending")
    )


def reach(conn: Connection, member_id: int) -> tuple[str, str] | None:
    """The chat a notice to this member goes to (the one they used last)."""
    row = conn.execute(
        select(identities.c.channel, identities.c.chat_id)
        .where(identities.c.member_id == member_id, identities.c.unreachable.is_(False))
        .order_by(identities.c.last_used_at.desc())
        .limit(1)
    ).first()
    return None if row is None else (str(row.channel), str(row.chat_id))


def mark_unreachable(conn: Connection, channel: str, chat_id: str) -> None:
    """The person blocked the bot: notices go to their other channels from now on."""
    conn.execute(
        update(identities)
        .where(identities.c.channel == channel, identities.c.chat_id == chat_id)
        .values(unreachable=True)
    )
