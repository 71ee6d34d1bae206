"""The outbox: every message the bot sends outside a conversation's own answer (notices,
scheduled jobs, broadcasts), as the paced sender (scheduler/outbox_sender.py) sees it.

A row is `pending`, then `sending` while the one sender holds it, then `sent`, `blocked` (the
person blocked the bot), `rerouted` (blocked, and a copy queued for their other chat) or
`failed`. A message split into pieces (a messenger's text limit)
records each piece sent, so a restart goes on from the next piece. Rows a stopped sender held
are given back by `recover` when the next sender starts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, delete, func, insert, or_, select, update

from handlers.messages import Outgoing, Sent
from storage.schema import broadcasts, identities, outbox

NOTICE, BULK = 0, 1  # priorities: a conversation's notice goes before any bulk message
MAX_ATTEMPTS = 20  # failures (network, 5xx) before a row is given up: hours of outage
MAX_BACKOFF = timedelta(minutes=10)


@dataclass(frozen=True)
class OutboxRow:
    id: int
    channel: str
    chat_id: str
    payload: dict[str, Any]
    attempts: int
    pieces_sent: int = 0


@dataclass(frozen=True)
class Letter:
    """One message for one chat (of a member, when the chat is theirs)."""

    channel: str
    chat_id: str
    message: Outgoing
    member_id: int | None = None


def queue(
    conn: Connection,
    channel: str,
    chat_id: str,
    messages: list[Outgoing],
    now: datetime,
) -> None:
    post(conn, [Letter(channel, chat_id, m) for m in messages], now)


def post(
    conn: Connection,
    letters: list[Letter],
    now: datetime,
    *,
    priority: int = NOTICE,
    broadcast_id: int | None = None,
) -> None:
    if not letters:
        return
    conn.execute(
        insert(outbox),
        [
            {
                "channel": letter.channel,
                "chat_id": letter.chat_id,
                "payload": letter.message.to_dict(),
                "status": "pending",
                "created_at": now,
                "attempts": 0,
                "priority": priority,
                "member_id": letter.member_id,
                "broadcast_id": broadcast_id,
            }
            for letter in letters
        ],
    )


def claim(conn: Connection, channel: str, limit: int, now: datetime) -> list[OutboxRow]:
    """The next rows to send on `channel` (`_ready`), notices first, then in the order queued."""
    query = (
        select(
            outbox.c.id,
            outbox.c.channel,
            outbox.c.chat_id,
            outbox.c.payload,
            outbox.c.attempts,
            outbox.c.pieces_sent,
        )
        .where(outbox.c.channel == channel, _ready(now))
        .order_by(outbox.c.priority, outbox.c.id)
        .limit(limit)
    )
    if conn.dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    rows = conn.execute(query).all()
    if rows:
        conn.execute(
            update(outbox)
            .where(outbox.c.id.in_([r.id for r in rows]))
            .values(status="sending", claimed_at=now)
        )
    return [
        OutboxRow(r.id, r.channel, r.chat_id, dict(r.payload), r.attempts, r.pieces_sent)
        for r in rows
    ]


def _ready(now: datetime) -> ColumnElement[bool]:
    """A pending row that may go now, at most one a chat: it waits while another of the chat's
    rows is being sent or one that goes before it (a notice, or an earlier row of its kind) is
    pending, so a chat's messages arrive in order even when one of them waits for a retry."""
    other = outbox.alias("other")
    goes_before = or_(
        other.c.priority < outbox.c.priority,
        and_(other.c.priority == outbox.c.priority, other.c.id < outbox.c.id),
    )
    waits_for_another = (
        select(other.c.id)
        .where(
            other.c.channel == outbox.c.channel,
            other.c.chat_id == outbox.c.chat_id,
            other.c.id != outbox.c.id,
            or_(other.c.status == "sending", and_(other.c.status == "pending", goes_before)),
        )
        .exists()
    )
    return and_(
        outbox.c.status == "pending",
        or_(outbox.c.not_before.is_(None), outbox.c.not_before <= now),
        ~waits_for_another,
    )


def recover(conn: Connection, channels: list[str]) -> int:
    """Give back the rows a stopped sender held (called by the one sender as it starts).

    A row whose request was on the wire when the process died cannot be told apart from one
    that never left: it is sent again, since a lost notice costs more than a repeated one. The
    sender keeps that window to the few requests in flight."""
    return conn.execute(
        update(outbox)
        .where(outbox.c.status == "sending", outbox.c.channel.in_(channels))
        .values(status="pending")
    ).rowcount


def held(conn: Connection, channels: list[str]) -> bool:
    """Whether a sender holds rows on these channels (it may still be sending them)."""
    found = conn.execute(
        select(outbox.c.id)
        .where(outbox.c.status == "sending", outbox.c.channel.in_(channels))
        .limit(1)
    ).first()
    return found is not None


def release(conn: Connection, row_ids: list[int]) -> None:
    """Rows claimed but not sent (the sender is stopping): pending again, untouched."""
    if row_ids:
        conn.execute(
            update(outbox)
            .where(outbox.c.id.in_(row_ids), outbox.c.status == "sending")
            .values(status="pending")
        )


def piece_sent(conn: Connection, row_id: int, pieces: int) -> None:
    conn.execute(update(outbox).where(outbox.c.id == row_id).values(pieces_sent=pieces))


def settle(conn: Connection, row: OutboxRow, kind: Sent, now: datetime) -> None:
    """Record how sending `row` ended (a 429 is waited out by the sender, never recorded)."""
    if kind is Sent.OK:
        values: dict[str, Any] = {"status": "sent", "sent_at": now}
    elif kind is Sent.LATER and row.attempts + 1 < MAX_ATTEMPTS:
        wait = min(timedelta(seconds=2 ** min(row.attempts, 10)), MAX_BACKOFF)
        values = {"status": "pending", "not_before": now + wait, "attempts": row.attempts + 1}
    elif kind is Sent.BLOCKED:
        mark_unreachable(conn, row.channel, row.chat_id)
        rerouted = _reroute(conn, row.id, now)
        values = {"status": "rerouted" if rerouted else "blocked", "sent_at": now}
    else:  # refused, or failing for too long
        values = {"status": "failed", "sent_at": now, "attempts": row.attempts + 1}
    conn.execute(update(outbox).where(outbox.c.id == row.id).values(**values))


def prune(conn: Connection, before: datetime) -> int:
    """Forget the messages settled (sent, blocked, re-routed, failed, cancelled) before then;
    how many. The web chat's history goes the same way (it holds what members typed). Kept:
    a broadcast's messages while it is still sending, whose progress and report count its
    rows (the report of a finished one has been given). A message that settled without a
    sending time (a notice read on the web page, a cancelled one) counts from its queuing."""
    still_counted = select(broadcasts.c.id).where(broadcasts.c.status == "sending")
    return conn.execute(
        delete(outbox).where(
            outbox.c.status.in_(["sent", "blocked", "rerouted", "failed", "cancelled"]),
            func.coalesce(outbox.c.sent_at, outbox.c.created_at) < before,
            or_(outbox.c.broadcast_id.is_(None), outbox.c.broadcast_id.not_in(still_counted)),
        )
    ).rowcount


def busy(conn: Connection, channels: list[str], now: datetime) -> bool:
    """Whether a message on these channels is being sent or ready to be."""
    found = conn.execute(
        select(outbox.c.id)
        .where(outbox.c.channel.in_(channels), or_(outbox.c.status == "sending", _ready(now)))
        .limit(1)
    ).first()
    return found is not None


def reroute_unserved(conn: Connection, served: list[str], now: datetime) -> int:
    """Rows waiting for a channel this bot no longer serves (its token taken away): each goes
    to the member's chat on a channel it serves, or fails, so a broadcast still ends with its
    report. How many were moved or failed."""
    rows = conn.execute(
        select(outbox.c.id).where(outbox.c.status == "pending", outbox.c.channel.not_in(served))
    ).scalars()
    moved = 0
    for row_id in list(rows):
        rerouted = _reroute(conn, row_id, now, served)
        status = "rerouted" if rerouted else "failed"
        conn.execute(update(outbox).where(outbox.c.id == row_id).values(status=status, sent_at=now))
        moved += 1
    return moved


def _reroute(
    conn: Connection, row_id: int, now: datetime, channels: list[str] | None = None
) -> bool:
    """The member cannot be reached on this chat: their other chat gets the message."""
    row = conn.execute(
        select(
            outbox.c.member_id, outbox.c.payload, outbox.c.priority, outbox.c.broadcast_id
        ).where(outbox.c.id == row_id)
    ).one()
    chat = None if row.member_id is None else reach(conn, row.member_id, channels)
    if chat is None:
        return False
    conn.execute(
        insert(outbox).values(
            channel=chat[0],
            chat_id=chat[1],
            payload=row.payload,
            status="pending",
            created_at=now,
            priority=row.priority,
            member_id=row.member_id,
            broadcast_id=row.broadcast_id,
        )
    )
    return True


def reach(
    conn: Connection, member_id: int, channels: list[str] | None = None
) -> tuple[str, str] | None:
    """The chat a notice to this member goes to (the one they used last)."""
    return reach_many(conn, [member_id], channels).get(member_id)


def reach_many(
    conn: Connection, member_ids: list[int], channels: list[str] | None = None
) -> dict[int, tuple[str, str]]:
    """Each member's chat for notices (the one used last, on one of `channels` if given), for
    those the bot can reach."""
    found: dict[int, tuple[str, str]] = {}
    unique = sorted(set(member_ids))
    for start in range(0, len(unique), 1000):  # SQLite caps the parameters of one statement
        query = (
            select(identities.c.member_id, identities.c.channel, identities.c.chat_id)
            .where(
                identities.c.member_id.in_(unique[start : start + 1000]),
                identities.c.unreachable.is_(False),
            )
            .order_by(identities.c.member_id, identities.c.last_used_at.desc())
        )
        if channels is not None:
            query = query.where(identities.c.channel.in_(channels))
        rows = conn.execute(query).all()
        for row in rows:
            found.setdefault(int(row.member_id), (str(row.channel), str(row.chat_id)))
    return found


def mark_unreachable(conn: Connection, channel: str, chat_id: str) -> None:
    """The person blocked the bot: notices go to their other channels from now on."""
    conn.execute(
        update(identities)
        .where(identities.c.channel == channel, identities.c.chat_id == chat_id)
        .values(unreachable=True)
    )
