"""What the weekly board reads and keeps: last week's ranks, who logged this week, where to
reach a commander (files are made for one chat)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from campaign.catalogs import spoken
from campaign.localized import Language
from storage import outbox as outbox_rows
from storage.schema import entries, entry_participants, file_jobs, leaderboard_ranks, members
from storage.upsert import insert_for

BOARD_FILES = "weekly_board"  # file_jobs.kind of a weekly board's chart and workbook
# Their status until drawn: not "queued", which the drawer's sweep takes over; the job runner
# draws these itself, once per commune and language (scheduler/runner.py).
WAITING = "waiting"


def last_ranks(
    conn: Connection, plan_code: str, phase_code: str, level: str, subject_ids: list[int]
) -> dict[int, int]:
    if not subject_ids:
        return {}
    rows = conn.execute(
        select(leaderboard_ranks.c.subject_id, leaderboard_ranks.c.rank).where(
            leaderboard_ranks.c.plan_code == plan_code,
            leaderboard_ranks.c.phase_code == phase_code,
            leaderboard_ranks.c.level == level,
            leaderboard_ranks.c.subject_id.in_(subject_ids),
        )
    ).all()
    return {int(s): int(r) for s, r in rows}


def keep_ranks(
    conn: Connection, plan_code: str, phase_code: str, level: str, ranks: dict[int, int], week: str
) -> None:
    if not ranks:
        return
    statement = insert_for(conn, leaderboard_ranks)
    conn.execute(
        statement.on_conflict_do_update(
            index_elements=["plan_code", "phase_code", "level", "subject_id"],
            set_={"rank": statement.excluded.rank, "week": statement.excluded.week},
        ),
        [
            {
                "plan_code": plan_code,
                "phase_code": phase_code,
                "level": level,
                "subject_id": subject,
                "rank": rank,
                "week": week,
            }
            for subject, rank in ranks.items()
        ],
    )


def logged_since(conn: Connection, member_ids: list[int], since: datetime) -> set[int]:
    """Who logged something since then, or was credited on an entry logged since then (a
    teammate named on a patrol took part, whoever typed it in)."""
    if not member_ids:
        return set()
    logged = select(entries.c.member_id).where(
        entries.c.member_id.in_(member_ids), entries.c.created_at >= since
    )
    credited = (
        select(entry_participants.c.member_id)
        .join(entries, entries.c.id == entry_participants.c.entry_id)
        .where(entry_participants.c.member_id.in_(member_ids), entries.c.created_at >= since)
    )
    return {int(m) for m in conn.execute(logged.union(credited)).scalars()}


def teams_of(conn: Connection, team_ids: list[int]) -> dict[int, int]:
    """Every active member of those teams (registered or not yet), with their team."""
    if not team_ids:
        return {}
    rows = conn.execute(
        select(members.c.id, members.c.unit_id).where(
            members.c.unit_id.in_(team_ids), members.c.active.is_(True)
        )
    ).all()
    return {int(m): int(u) for m, u in rows}


@dataclass(frozen=True)
class Member:
    unit_id: int
    language: Language
    nudges: bool  # wants the weekly nudge when they logged nothing


def roster(conn: Connection, unit_ids: list[int]) -> dict[int, Member]:
    """Registered active members of those units, by id."""
    rows = conn.execute(
        select(members.c.id, members.c.unit_id, members.c.language, members.c.nudges).where(
            members.c.unit_id.in_(unit_ids),
            members.c.active.is_(True),
            members.c.joined_at.is_not(None),
        )
    ).all()
    return {int(r.id): Member(int(r.unit_id), spoken(r.language), bool(r.nudges)) for r in rows}


def crew(conn: Connection, team_ids: list[int]) -> tuple[dict[int, int], dict[int, Member]]:
    """`teams_of` and `roster` of those teams in one query (the weekly board reads both)."""
    if not team_ids:
        return {}, {}
    rows = conn.execute(
        select(
            members.c.id,
            members.c.unit_id,
            members.c.language,
            members.c.nudges,
            members.c.joined_at,
        ).where(members.c.unit_id.in_(team_ids), members.c.active.is_(True))
    ).all()
    teams = {int(r.id): int(r.unit_id) for r in rows}
    registered = {
        int(r.id): Member(int(r.unit_id), spoken(r.language), bool(r.nudges))
        for r in rows
        if r.joined_at is not None
    }
    return teams, registered


def set_nudges(conn: Connection, member_id: int, wanted: bool) -> None:
    conn.execute(update(members).where(members.c.id == member_id).values(nudges=wanted))


# --- the weekly board's charts: drawn after the part's transaction, in the render pool ---
@dataclass(frozen=True)
class Waiting:
    """A chat waiting for a board's chart and workbook (a `file_jobs` row)."""

    id: int
    channel: str
    chat_id: str
    member_id: int | None
    language: Language
    payload: dict[str, Any]


def queue_drawing(
    conn: Connection,
    chats: list[tuple[int, tuple[str, str]]],
    language: Language,
    payload: dict[str, Any],
    now: datetime,
) -> tuple[int, ...]:
    """A `file_jobs` row per (member, chat) waiting for one drawing; their ids."""
    if not chats:
        return ()
    rows = [
        {
            "channel": channel,
            "chat_id": chat_id,
            "member_id": member_id,
            "kind": BOARD_FILES,
            "language": language,
            "payload": payload,
            "status": WAITING,
            "attempts": 0,
            "created_at": now,
        }
        for member_id, (channel, chat_id) in chats
    ]
    return tuple(
        int(i) for i in conn.execute(insert(file_jobs).returning(file_jobs.c.id), rows).scalars()
    )


def _waiting(conn: Connection, *where: Any) -> list[Waiting]:
    query = (
        select(
            file_jobs.c.id,
            file_jobs.c.channel,
            file_jobs.c.chat_id,
            file_jobs.c.member_id,
            file_jobs.c.language,
            file_jobs.c.payload,
        )
        .where(file_jobs.c.kind == BOARD_FILES, file_jobs.c.status == WAITING, *where)
        .order_by(file_jobs.c.id)
    )
    if conn.dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    return [
        Waiting(
            int(r.id),
            str(r.channel),
            str(r.chat_id),
            None if r.member_id is None else int(r.member_id),
            spoken(r.language),
            dict(r.payload),
        )
        for r in conn.execute(query).all()
    ]


def take_drawn(conn: Connection, ids: tuple[int, ...], now: datetime) -> list[Waiting]:
    """The rows of `ids` still waiting, marked done (in the transaction that keeps their
    files and queues their messages: a row done is never sent twice)."""
    if not ids:
        return []
    found = _waiting(conn, file_jobs.c.id.in_(ids))
    if found:
        conn.execute(
            update(file_jobs)
            .where(file_jobs.c.id.in_([w.id for w in found]))
            .values(status="done", done_at=now)
        )
    return found


def still_waiting(conn: Connection, max_attempts: int) -> list[Waiting]:
    """Rows left waiting (the leader died before their drawing was kept, or it failed)."""
    return _waiting(conn, file_jobs.c.attempts < max_attempts)


def drawing_failed(conn: Connection, ids: tuple[int, ...], error: str, last: bool) -> None:
    """One more failed attempt; the `last`: given up."""
    if ids:
        conn.execute(
            update(file_jobs)
            .where(file_jobs.c.id.in_(ids), file_jobs.c.status == WAITING)
            .values(
                attempts=file_jobs.c.attempts + 1,
                error=error[:200],
                status="failed" if last else WAITING,
            )
        )


def post_bulk(conn: Connection, letters: list[outbox_rows.Letter], now: datetime) -> None:
    outbox_rows.post(conn, letters, now, priority=outbox_rows.BULK)
