"""Broadcasts: who is under a sender's unit, queuing one message per reachable member in one
transaction, and how far the sending has gone."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, case, func, insert, select, update

from campaign.catalogs import spoken
from campaign.localized import Language
from campaign.roles import AUDIENCES
from handlers.channels import mailboxes
from services.ports import (
    Audience,
    Audited,
    BroadcastStore,
    MemberView,
    NewBroadcast,
    StoppedBroadcast,
    Tally,
)
from storage import outbox
from storage.schema import broadcasts, members
from storage.schema import outbox as outbox_table
from storage.tree import subtree
from storage.unit_of_work import FeatureRepository


def recipients(
    conn: Connection, scope_unit_id: int, audience: str, sender_id: int
) -> list[tuple[int, Language]]:
    """Active members under the unit (the sender aside) in the audience: (id, language)."""
    roles = sorted(AUDIENCES[audience])
    units = subtree(conn, scope_unit_id)
    found: list[tuple[int, Language]] = []
    for start in range(0, len(units), 1000):  # SQLite caps the parameters of one statement
        rows = conn.execute(
            select(members.c.id, members.c.language).where(
                members.c.unit_id.in_(units[start : start + 1000]),
                members.c.active.is_(True),
                members.c.role.in_(roles),
                members.c.id != sender_id,
            )
        ).all()
        found += [(int(r.id), spoken(r.language)) for r in rows]
    return found


def audience(conn: Connection, scope_unit_id: int, audience: str, sender_id: int) -> Audience:
    people = recipients(conn, scope_unit_id, audience, sender_id)
    chats = outbox.reach_many(conn, [member_id for member_id, _ in people])
    return Audience(
        dict(Counter(channel for channel, _ in chats.values())), len(people) - len(chats)
    )


def start(conn: Connection, broadcast: NewBroadcast) -> tuple[int, Audience]:
    """Queue the broadcast for everyone it reaches, all or nothing."""
    sender, now = broadcast.sender, broadcast.now
    people = recipients(conn, sender.unit_id, broadcast.audience, sender.id)
    chats = outbox.reach_many(conn, [member_id for member_id, _ in people])
    letters = [
        outbox.Letter(*chats[member_id], broadcast.messages[language], member_id)
        for member_id, language in people
        if member_id in chats
    ]
    broadcast_id = int(
        conn.execute(
            insert(broadcasts)
            .values(
                sender_id=sender.id,
                scope_unit_id=sender.unit_id,
                role=None if broadcast.audience == "all" else broadcast.audience,
                text=broadcast.text,
                image_token=broadcast.image_token,
                status="sending",
                recipients=len(letters),
                unreached=len(people) - len(letters),
                created_at=now,
                progress_at=now,
            )
            .returning(broadcasts.c.id)
        ).scalar_one()
    )
    outbox.post(conn, letters, now, priority=outbox.BULK, broadcast_id=broadcast_id)
    reached = Audience(
        dict(Counter(letter.channel for letter in letters)), len(people) - len(letters)
    )
    return broadcast_id, reached


@dataclass(frozen=True)
class Running:
    tally: Tally
    told_at: datetime | None  # when the sender was last told how far it has gone
    sender_language: Language
    told_left: int | None = None  # the messages left as they were told then


def running(conn: Connection, sender_id: int | None = None) -> list[Running]:
    """How far each broadcast still sending has gone (of one sender, or all)."""
    query = (
        select(
            broadcasts.c.id,
            broadcasts.c.sender_id,
            broadcasts.c.unreached,
            broadcasts.c.progress_at,
            broadcasts.c.progress_left,
            members.c.language,
        )
        .join(members, members.c.id == broadcasts.c.sender_id)
        .where(broadcasts.c.status == "sending")
        .order_by(broadcasts.c.id)
    )
    if sender_id is not None:
        query = query.where(broadcasts.c.sender_id == sender_id)
    return [
        Running(
            tally(conn, row.id, row.sender_id, row.unreached),
            row.progress_at,
            spoken(row.language),
            row.progress_left,
        )
        for row in conn.execute(query).all()
    ]


def tally(conn: Connection, broadcast_id: int, sender_id: int, unreached: int) -> Tally:
    status = outbox_table.c.status
    # A mailbox channel's page reads its rows itself (the web chat): a message in it has arrived.
    in_mailbox = outbox_table.c.channel.in_(mailboxes())
    arrived = (status == "sent") | (in_mailbox & (status == "pending"))
    row = conn.execute(
        select(
            func.coalesce(func.sum(case((arrived, 1), else_=0)), 0).label("sent"),
            func.coalesce(func.sum(case((status.in_(["blocked", "failed"]), 1), else_=0)), 0).label(
                "failed"
            ),
            func.count().label("all"),
        ).where(
            outbox_table.c.broadcast_id == broadcast_id,
            status != "rerouted",  # counted as the copy sent to the member's other chat
        )
    ).one()
    sent, failed = int(row.sent), int(row.failed)
    return Tally(broadcast_id, sender_id, sent, failed, int(row.all) - sent - failed, unreached)


def told(conn: Connection, tally: Tally, now: datetime, *, finished: bool) -> bool:
    """Record that the sender was told (the report once: False if already done)."""
    query = update(broadcasts).where(
        broadcasts.c.id == tally.broadcast_id, broadcasts.c.status == "sending"
    )
    values: dict[str, object] = {"progress_at": now, "progress_left": tally.left}
    if finished:
        values |= {"status": "done", "finished_at": now}
    return conn.execute(query.values(**values)).rowcount == 1


def stop(
    conn: Connection, broadcast_id: int, sender_id: int, now: datetime
) -> StoppedBroadcast | None:
    """Stop a broadcast of this sender still sending: its messages not yet claimed never go
    (the few a sender holds, seconds' worth, still do). Its tally then; None if there is no
    such broadcast (finished meanwhile, or another sender's)."""
    row = conn.execute(
        select(broadcasts.c.unreached).where(
            broadcasts.c.id == broadcast_id,
            broadcasts.c.sender_id == sender_id,
            broadcasts.c.status == "sending",
        )
    ).first()
    if row is None:
        return None
    cancelled = conn.execute(
        update(outbox_table)
        .where(
            outbox_table.c.broadcast_id == broadcast_id,
            outbox_table.c.status == "pending",
            outbox_table.c.channel.not_in(mailboxes()),  # in a page's mailbox: arrived already
        )
        .values(status="cancelled", sent_at=now)
    ).rowcount
    conn.execute(
        update(broadcasts)
        .where(broadcasts.c.id == broadcast_id)
        .values(status="stopped", finished_at=now)
    )
    return StoppedBroadcast(
        tally(conn, broadcast_id, sender_id, int(row.unreached)).sent, cancelled
    )


_audience = audience  # the port's parameter of that name hides the function in the method


class BroadcastRepository(FeatureRepository, BroadcastStore):
    """Broadcasts started, followed and stopped (`services.ports.BroadcastStore`)."""

    def broadcast_audience(self, sender: MemberView, audience: str) -> Audience:
        return _audience(self.db, sender.unit_id, audience, sender.id)

    def start_broadcast(self, broadcast: NewBroadcast) -> tuple[int, Audience]:
        started = start(self.db, broadcast)
        details = {"audience": broadcast.audience, "recipients": started[1].total}
        number, sender = str(started[0]), broadcast.sender.id
        self.audit(Audited("broadcast.sent", "broadcast", number, broadcast.now, sender, details))
        return started

    def broadcasts_running(self, sender: MemberView) -> list[Tally]:
        return [run.tally for run in running(self.db, sender.id)]

    def stop_broadcast(
        self, sender: MemberView, number: int, now: datetime
    ) -> StoppedBroadcast | None:
        stopped = stop(self.db, number, sender.id, now)
        if stopped is not None:
            details = {"sent": stopped.sent, "not_sent": stopped.not_sent}
            self.audit(
                Audited("broadcast.stopped", "broadcast", str(number), now, sender.id, details)
            )
        return stopped
