"""Broadcasts: who is under a sender's unit (or a unit under it), queuing one message per
reachable member in one transaction, how far the sending has gone, and each recipient's
outcome (the console's delivery report)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Select, case, func, insert, select, update

from campaign.catalogs import spoken
from campaign.collation import person_key, vietnamese_key
from campaign.localized import Language
from campaign.roles import AUDIENCES
from handlers.channels import mailboxes
from handlers.messages import Outgoing
from services.ports import (
    Audience,
    Audited,
    BroadcastFollowStore,
    BroadcastRepeatStore,
    BroadcastStore,
    BroadcastUnit,
    Delivery,
    FollowedBroadcast,
    MemberView,
    NewBroadcast,
    ScheduledBroadcast,
    StoppedBroadcast,
    Tally,
)
from storage import outbox
from storage.attachments import SHARED
from storage.members import MEMBER_COLUMNS, member_view
from storage.schema import broadcasts, files, members, units
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
    scope_unit_id = _scope_of(broadcast)
    broadcast_id = int(
        conn.execute(
            insert(broadcasts)
            .values(
                sender_id=sender.id,
                scope_unit_id=scope_unit_id,
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
    reached = _queue(conn, broadcast_id, scope_unit_id, broadcast, now)
    return broadcast_id, reached


def _scope_of(broadcast: NewBroadcast) -> int:
    scope = broadcast.scope_unit_id
    return broadcast.sender.unit_id if scope is None else scope


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
    conn: Connection,
    broadcast_id: int,
    sender_id: int,
    now: datetime,
    under_unit: int | None = None,
) -> StoppedBroadcast | None:
    """Stop a broadcast of this sender (or, with `under_unit`, anyone's going to a unit under
    that one: an admin's) still sending: its messages not yet claimed never go (the few a
    sender holds, seconds' worth, still do). Its tally then; None if there is no such
    broadcast (finished meanwhile, or another sender's)."""
    whose = broadcasts.c.sender_id == sender_id
    if under_unit is not None:
        whose = whose | broadcasts.c.scope_unit_id.in_(subtree(conn, under_unit))
    row = conn.execute(
        select(broadcasts.c.unreached, broadcasts.c.sender_id).where(
            broadcasts.c.id == broadcast_id, whose, broadcasts.c.status == "sending"
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
        tally(conn, broadcast_id, int(row.sender_id), int(row.unreached)).sent, cancelled
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
                scope_unit_id=_scope_of(broadcast),
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
        later.sender,
        later.audience,
        later.text,
        later.image_token,
        messages,
        now,
        later.scope_unit_id,
    )
    return _queue(conn, later.number, later.scope_unit_id, letter, now)


# --- the console: the units a sender may address, the broadcasts followed, delivery ---
def unit_under(conn: Connection, sender: MemberView, unit_id: int) -> str | None:
    """The unit's name if it is the sender's or an open one under it."""
    if unit_id != sender.unit_id and unit_id not in subtree(conn, sender.unit_id, open_only=True):
        return None
    name = conn.execute(select(units.c.name).where(units.c.id == unit_id)).scalar()
    return None if name is None else str(name)


def units_under(conn: Connection, sender: MemberView) -> list[BroadcastUnit]:
    """The sender's unit, then each open unit under it after its parent, names in order."""
    found = set(subtree(conn, sender.unit_id, open_only=True))
    rows = conn.execute(
        select(units.c.id, units.c.name, units.c.parent_id).where(units.c.id.in_(found))
    ).all()
    children: dict[int, list[tuple[int, str]]] = {}
    names = {int(r.id): str(r.name) for r in rows}
    for r in rows:
        if int(r.id) != sender.unit_id and r.parent_id is not None:
            children.setdefault(int(r.parent_id), []).append((int(r.id), str(r.name)))
    ordered: list[BroadcastUnit] = []

    def walk(unit_id: int, depth: int) -> None:
        ordered.append(BroadcastUnit(unit_id, names[unit_id], depth))
        for child, _ in sorted(children.get(unit_id, []), key=lambda c: vietnamese_key(c[1])):
            walk(child, depth + 1)

    if sender.unit_id in names:
        walk(sender.unit_id, 0)
    return ordered


def _followed_query(conn: Connection, viewer: MemberView, under: bool) -> Select[Any]:
    scope = units.alias("scope")
    mine = broadcasts.c.sender_id == viewer.id
    if under:
        mine = mine | broadcasts.c.scope_unit_id.in_(subtree(conn, viewer.unit_id))
    return (
        select(
            broadcasts,
            members.c.full_name.label("sender_name"),
            scope.c.name.label("scope_name"),
        )
        .select_from(
            broadcasts.join(members, members.c.id == broadcasts.c.sender_id).join(
                scope, scope.c.id == broadcasts.c.scope_unit_id
            )
        )
        .where(mine)
    )


def _followed(conn: Connection, row: Any) -> FollowedBroadcast:
    return FollowedBroadcast(
        number=int(row.id),
        sender_name=str(row.sender_name),
        scope_name=str(row.scope_name),
        audience=row.role or "all",
        text=str(row.text),
        image_token=row.image_token,
        status=str(row.status),
        created_at=row.created_at,
        send_at=row.send_at,
        finished_at=row.finished_at,
        tally=tally(conn, int(row.id), int(row.sender_id), int(row.unreached)),
    )


def followed(
    conn: Connection, viewer: MemberView, under: bool, limit: int
) -> list[FollowedBroadcast]:
    """The viewer's latest broadcasts that went or are going (with `under`, those going to a
    unit under the viewer's too), newest first."""
    query = (
        _followed_query(conn, viewer, under)
        .where(broadcasts.c.status.in_(["sending", "done", "stopped"]))
        .order_by(broadcasts.c.id.desc())
        .limit(limit)
    )
    return [_followed(conn, row) for row in conn.execute(query).all()]


def followed_one(
    conn: Connection, viewer: MemberView, under: bool, number: int
) -> FollowedBroadcast | None:
    row = conn.execute(
        _followed_query(conn, viewer, under).where(broadcasts.c.id == number)
    ).first()
    return None if row is None else _followed(conn, row)


def _outcome(status: str, channel: str, in_mailbox: set[str]) -> str:
    if status == "sent" or (channel in in_mailbox and status in ("pending", "sending")):
        return "sent"  # a page's mailbox holds it: arrived (as the tally counts it)
    if status in ("blocked", "failed"):
        return "failed"
    if status == "cancelled":
        return "stopped"
    return "pending"


def deliveries(conn: Connection, viewer: MemberView, under: bool, number: int) -> list[Delivery]:
    """Each recipient of a broadcast the viewer follows and how it went for them, by unit and
    name. Members the bot had no chat of have no message: they are those in its audience
    now, already on the roll when it went, with no message of it (a member moved or made
    inactive since is missing; the count taken when it went stays on the broadcast)."""
    found = followed_one(conn, viewer, under, number)
    if found is None:
        return []
    row = conn.execute(select(broadcasts).where(broadcasts.c.id == number)).one()
    in_mailbox = set(mailboxes())
    letters = conn.execute(
        select(
            outbox_table.c.member_id,
            outbox_table.c.channel,
            outbox_table.c.status,
            outbox_table.c.sent_at,
            outbox_table.c.created_at,
            members.c.full_name,
            units.c.name.label("unit_name"),
        )
        .select_from(
            outbox_table.join(members, members.c.id == outbox_table.c.member_id).join(
                units, units.c.id == members.c.unit_id
            )
        )
        .where(
            outbox_table.c.broadcast_id == number,
            outbox_table.c.status != "rerouted",  # its copy to the member's other chat counts
        )
        .order_by(outbox_table.c.id)
    ).all()
    report: dict[int, Delivery] = {}
    for letter in letters:
        outcome = _outcome(str(letter.status), str(letter.channel), in_mailbox)
        at = letter.sent_at if outcome != "sent" or letter.sent_at else letter.created_at
        report[int(letter.member_id)] = Delivery(
            int(letter.member_id),
            str(letter.full_name),
            str(letter.unit_name),
            str(letter.channel),
            outcome,
            at if outcome in ("sent", "stopped") else None,
        )
    if row.status in ("sending", "done", "stopped") and row.unreached:
        went_at = row.send_at or row.created_at
        audience = row.role or "all"
        people = {
            member_id
            for member_id, _ in recipients(conn, int(row.scope_unit_id), audience, row.sender_id)
        }
        missing = sorted(people - set(report))
        for start in range(0, len(missing), 1000):
            for person in conn.execute(
                select(members.c.id, members.c.full_name, units.c.name.label("unit_name"))
                .select_from(members.join(units, units.c.id == members.c.unit_id))
                .where(
                    members.c.id.in_(missing[start : start + 1000]),
                    members.c.created_at <= went_at,
                )
            ).all():
                report[int(person.id)] = Delivery(
                    int(person.id),
                    str(person.full_name),
                    str(person.unit_name),
                    None,
                    "unreached",
                    None,
                )
    return sorted(
        report.values(),
        key=lambda d: (vietnamese_key(d.unit_name), person_key(d.name), d.member_id),
    )


def shared_photo(conn: Connection, token: str) -> tuple[str, bytes] | None:
    row = conn.execute(
        select(files.c.content_type, files.c.data).where(
            files.c.token == token, files.c.channel == SHARED, files.c.chat_id == SHARED
        )
    ).first()
    if row is None or row.data is None:
        return None
    return str(row.content_type), bytes(row.data)


def made_since(
    conn: Connection,
    sender: MemberView,
    audience: str,
    text: str,
    image_token: str | None,
    scope_unit_id: int,
    since: datetime,
) -> tuple[int, str] | None:
    # The sender's row, locked (PostgreSQL; SQLite has one writer): a second send of the same
    # form waits for the first to commit, then finds its broadcast.
    conn.execute(select(members.c.id).where(members.c.id == sender.id).with_for_update())
    image = (
        broadcasts.c.image_token.is_(None)
        if image_token is None
        else broadcasts.c.image_token == image_token
    )
    row = conn.execute(
        select(broadcasts.c.id, broadcasts.c.status)
        .where(
            broadcasts.c.sender_id == sender.id,
            broadcasts.c.scope_unit_id == scope_unit_id,
            broadcasts.c.role.is_(None) if audience == "all" else broadcasts.c.role == audience,
            broadcasts.c.text == text,
            image,
            broadcasts.c.created_at >= since,
        )
        .order_by(broadcasts.c.id.desc())
        .limit(1)
    ).first()
    return None if row is None else (int(row.id), str(row.status))


_audience = audience  # the port's parameter of that name hides the function in the method


class BroadcastRepository(
    FeatureRepository, BroadcastStore, BroadcastFollowStore, BroadcastRepeatStore
):
    """Broadcasts started, followed and stopped (`services.ports.BroadcastStore`), and what
    the console reads of them (`BroadcastFollowStore`)."""

    def broadcast_audience(
        self, sender: MemberView, audience: str, scope_unit_id: int | None = None
    ) -> Audience:
        scope = sender.unit_id if scope_unit_id is None else scope_unit_id
        return _audience(self.db, scope, audience, sender.id)

    def broadcast_unit(self, sender: MemberView, unit_id: int) -> str | None:
        return unit_under(self.db, sender, unit_id)

    def broadcast_units(self, sender: MemberView) -> list[BroadcastUnit]:
        return units_under(self.db, sender)

    def followed_broadcasts(
        self, viewer: MemberView, under: bool, limit: int
    ) -> list[FollowedBroadcast]:
        return followed(self.db, viewer, under, limit)

    def followed_broadcast(
        self, viewer: MemberView, under: bool, number: int
    ) -> FollowedBroadcast | None:
        return followed_one(self.db, viewer, under, number)

    def broadcast_deliveries(self, viewer: MemberView, under: bool, number: int) -> list[Delivery]:
        return deliveries(self.db, viewer, under, number)

    def shared_photo(self, token: str) -> tuple[str, bytes] | None:
        return shared_photo(self.db, token)

    def broadcast_made_since(
        self,
        sender: MemberView,
        audience: str,
        text: str,
        image_token: str | None,
        scope_unit_id: int,
        since: datetime,
    ) -> tuple[int, str] | None:
        return made_since(self.db, sender, audience, text, image_token, scope_unit_id, since)

    def start_broadcast(self, broadcast: NewBroadcast) -> tuple[int, Audience]:
        started = start(self.db, broadcast)
        details = {
            "audience": broadcast.audience,
            "unit_id": _scope_of(broadcast),
            "recipients": started[1].total,
        }
        number, sender = str(started[0]), broadcast.sender.id
        self.audit(Audited("broadcast.sent", "broadcast", number, broadcast.now, sender, details))
        return started

    def broadcasts_running(self, sender: MemberView) -> list[Tally]:
        return [run.tally for run in running(self.db, sender.id)]

    def stop_broadcast(
        self, sender: MemberView, number: int, now: datetime, under: bool = False
    ) -> StoppedBroadcast | None:
        stopped = stop(self.db, number, sender.id, now, sender.unit_id if under else None)
        if stopped is not None:
            details = {"sent": stopped.sent, "not_sent": stopped.not_sent}
            self.audit(
                Audited("broadcast.stopped", "broadcast", str(number), now, sender.id, details)
            )
        return stopped

    def schedule_broadcast(self, broadcast: NewBroadcast, send_at: datetime) -> int:
        number = schedule(self.db, broadcast, send_at)
        details = {
            "audience": broadcast.audience,
            "unit_id": _scope_of(broadcast),
            "send_at": send_at.isoformat(),
        }
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
