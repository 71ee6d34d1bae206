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
from handlers.messages import Outgoing
from services.ports import (
    Audience,
    Audited,
    BroadcastStore,
    MemberView,
    NewBroadcast,
    ScheduledBroadcast,
    StoppedBroadcast,
    Tally,
)
from storage import outbox
from storage.members import MEMBER_COLUMNS, member_view
from storage.schema import broadcasts, members, units
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
                recipients=0,
                unreached=0,
                created_at=now,
                progress_at=now,
            )
            .returning(broadcasts.c.id)
        ).scalar_one()
    )
    reached = _queue(conn, broadcast_id, sender.unit_id, broadcast, now)
    return broadcast_id, reached


def _queue(
    conn: Connection, broadcast_id: int, scope_unit_id: int, broadcast: NewBroadcast, now: datetime
) -> Audience:
    """One outbox row per member the broadcast reaches now, counted on its row."""
    people = recipients(conn, scope_unit_id, broadcast.audience, broadcast.sender.id)
    chats = outbox.reach_many(conn, [member_id for member_id, _ in people])
    letters = [
        outbox.Letter(*chats[member_id], broadcast.messages[language], member_id)
        for member_id, language in people
        if member_id in chats
    ]
    conn.execute(
        update(broadcasts)
        .where(broadcasts.c.id == broadcast_id)
        .values(recipients=len(letters), unreached=len(people) - len(letters))
    )
    outbox.post(conn, letters, now, priority=outbox.BULK, broadcast_id=broadcast_id)
    return Audience(dict(Counter(letter.channel for letter in letters)), len(people) - len(letters))


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


# --- calendar: broadcasts set to go later ---
def schedule(conn: Connection, broadcast: NewBroadcast, send_at: datetime) -> int:
    """Keep a broadcast to go at `send_at`: nobody is counted or queued until then."""
    sender = broadcast.sender
    return int(
        conn.execute(
            insert(broadcasts)
            .values(
                sender_id=sender.id,
                scope_unit_id=sender.unit_id,
                role=None if broadcast.audience == "all" else broadcast.audience,
                text=broadcast.text,
                image_token=broadcast.image_token,
                status="scheduled",
                recipients=0,
                unreached=0,
                created_at=broadcast.now,
                send_at=send_at,
            )
            .returning(broadcasts.c.id)
        ).scalar_one()
    )


def scheduled(
    conn: Connection, viewer: MemberView | None, under: bool, due_by: datetime | None = None
) -> list[ScheduledBroadcast]:
    """Broadcasts still to go, soonest first: the viewer's, those under the viewer's unit
    (`under`), or all (no viewer); only those due by `due_by` if given."""
    scope = units.alias("scope")
    query = (
        select(
            broadcasts.c.id.label("number"),
            broadcasts.c.scope_unit_id,
            scope.c.name.label("scope_name"),
            broadcasts.c.role.label("audience"),
            broadcasts.c.text,
            broadcasts.c.image_token,
            broadcasts.c.send_at,
            members.c.active,
            *MEMBER_COLUMNS,
        )
        .select_from(
            broadcasts.join(members, members.c.id == broadcasts.c.sender_id)
            .join(units, members.c.unit_id == units.c.id)
            .join(scope, scope.c.id == broadcasts.c.scope_unit_id)
        )
        .where(broadcasts.c.status == "scheduled")
        .order_by(broadcasts.c.send_at, broadcasts.c.id)
    )
    if due_by is not None:
        query = query.where(broadcasts.c.send_at <= due_by)
    if viewer is not None:
        mine = broadcasts.c.sender_id == viewer.id
        if under:
            mine = mine | broadcasts.c.scope_unit_id.in_(subtree(conn, viewer.unit_id))
        query = query.where(mine)
    return [
        ScheduledBroadcast(
            number=int(row.number),
            sender=member_view(row),
            sender_active=bool(row.active),
            scope_unit_id=int(row.scope_unit_id),
            scope_name=str(row.scope_name),
            audience=row.audience or "all",
            text=str(row.text),
            image_token=row.image_token,
            send_at=row.send_at,
        )
        for row in conn.execute(query).all()
    ]


def settle_scheduled(conn: Connection, number: int, status: str, now: datetime) -> bool:
    """Move a broadcast still to go on (to "sending" or "cancelled"): True for the one caller
    that did, so that it goes once and is never both sent and cancelled."""
    values: dict[str, object] = {"status": status}
    values |= {"progress_at": now} if status == "sending" else {"finished_at": now}
    moved = conn.execute(
        update(broadcasts)
        .where(broadcasts.c.id == number, broadcasts.c.status == "scheduled")
        .values(**values)
    )
    return moved.rowcount == 1


def release(
    conn: Connection, later: ScheduledBroadcast, messages: dict[Language, Outgoing], now: datetime
) -> Audience | None:
    """A broadcast whose time has come, queued for whoever it reaches now; None if it went
    or was cancelled meanwhile."""
    if not settle_scheduled(conn, later.number, "sending", now):
        return None
    letter = NewBroadcast(
        later.sender, later.audience, later.text, later.image_token, messages, now
    )
    return _queue(conn, later.number, later.scope_unit_id, letter, now)


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

    def schedule_broadcast(self, broadcast: NewBroadcast, send_at: datetime) -> int:
        number = schedule(self.db, broadcast, send_at)
        details = {"audience": broadcast.audience, "send_at": send_at.isoformat()}
        self.audit(
            Audited(
                "broadcast.scheduled",
                "broadcast",
                str(number),
                broadcast.now,
                broadcast.sender.id,
                details,
            )
        )
        return number

    def scheduled_broadcasts(
        self, viewer: MemberView | None, under: bool
    ) -> list[ScheduledBroadcast]:
        return scheduled(self.db, viewer, under)

    def cancel_scheduled_broadcast(
        self,
        viewer: MemberView | None,
        under: bool,
        number: int,
        now: datetime,
        actor: str = "cli",
    ) -> ScheduledBroadcast | None:
        found = next((b for b in scheduled(self.db, viewer, under) if b.number == number), None)
        if found is None or not settle_scheduled(self.db, number, "cancelled", now):
            return None
        who = viewer.id if viewer is not None else None
        details = {"sender": found.sender.id, "send_at": found.send_at.isoformat()}
        self.audit(
            Audited(
                "broadcast.cancelled",
                "broadcast",
                str(number),
                now,
                who,
                details,
                actor=None if viewer is not None else actor,
            )
        )
        return found

    def release_scheduled_broadcast(
        self, later: ScheduledBroadcast, messages: dict[Language, Outgoing], now: datetime
    ) -> Audience | None:
        return release(self.db, later, messages, now)
