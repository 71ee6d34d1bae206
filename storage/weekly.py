"""What the weekly board reads and keeps: last week's ranks, who logged this week, where to
reach a commander (files are made for one chat)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, select, update

from campaign.catalogs import spoken
from campaign.localized import Language
from storage.schema import entries, entry_participants, leaderboard_ranks, members
from storage.upsert import insert_for


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


def set_nudges(conn: Connection, member_id: int, wanted: bool) -> None:
    conn.execute(update(members).where(members.c.id == member_id).values(nudges=wanted))
