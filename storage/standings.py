"""Standings kept as entries are verified and un-verified, and a full recomputation to check.

Each verified entry adds its points to one row per (plan, phase, level, subject): the member, and
every unit above it by kind (team, commune, province, or deeper kinds a plan uses), for its phase
and for the whole plan. Un-verifying takes back exactly what was added (kept on the entry).
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta, tzinfo
from typing import Any

from sqlalchemy import Connection, and_, func, select, update

from campaign.plans import Plan
from campaign.roles import Role
from campaign.scoring import WHOLE_PLAN, Standing, award
from storage.plans import active_for_unit, parsed
from storage.schema import entries, members, standings, units
from storage.tree import chain, subtree
from storage.upsert import insert_for

Key = tuple[str, str, str, int]  # plan, phase, level, subject
# Members of the force compete; commune police and admins run the campaign.
COMPETITORS = (Role.MEMBER.value, Role.DEPUTY.value, Role.LEADER.value)


def _subjects(conn: Connection, member_id: int, unit_id: int) -> list[tuple[str, int]]:
    found = [("member", member_id)]
    for unit in chain(conn, unit_id):
        kind = conn.execute(select(units.c.kind).where(units.c.id == unit)).scalar_one()
        found.append((kind, unit))
    return found


def _bump(conn: Connection, key: Key, points: int, count: int) -> None:
    plan_code, phase_code, level, subject = key
    values = {
        "plan_code": plan_code,
        "phase_code": phase_code,
        "level": level,
        "subject_id": subject,
        "points": points,
        "entries": count,
    }
    statement = insert_for(conn, standings).values(**values)
    conn.execute(
        statement.on_conflict_do_update(
            index_elements=["plan_code", "phase_code", "level", "subject_id"],
            set_={"points": standings.c.points + points, "entries": standings.c.entries + count},
        )
    )


def _keys(conn: Connection, row: Any) -> list[Key]:
    phases = {WHOLE_PLAN, row.phase_code}
    return [
        (row.plan_code, phase, level, subject)
        for phase in phases
        for level, subject in _subjects(conn, row.member_id, row.unit_id)
    ]


def on_verified(conn: Connection, entry_id: int, zone: tzinfo) -> int:
    """Score a newly verified entry under the plan running over its unit that day; its points."""
    row = conn.execute(select(entries).where(entries.c.id == entry_id)).one()
    day = row.occurred_at.astimezone(zone).date()
    plan = _plan_for(conn, row.unit_id, row.content_area, day)
    if plan is None:
        return 0
    same_day, same_week = _scored_nearby(conn, row, zone, plan.code)
    earned = award(plan, row.content_area, day, same_day, same_week)
    if earned is None:
        return 0
    conn.execute(
        update(entries)
        .where(entries.c.id == entry_id)
        .values(points=earned.points, plan_code=earned.plan_code, phase_code=earned.phase_code)
    )
    scored = conn.execute(select(entries).where(entries.c.id == entry_id)).one()
    for key in _keys(conn, scored):
        _bump(conn, key, earned.points, 1)
    return earned.points


def on_unverified(conn: Connection, entry_id: int) -> None:
    """Take back what the entry added (before it goes back to review or is rejected)."""
    row = conn.execute(select(entries).where(entries.c.id == entry_id)).one()
    if row.plan_code is None:
        return
    for key in _keys(conn, row):
        _bump(conn, key, -(row.points or 0), -1)
    conn.execute(
        update(entries)
        .where(entries.c.id == entry_id)
        .values(points=None, plan_code=None, phase_code=None)
    )


def _plan_for(conn: Connection, unit_id: int, area: str, day: Any) -> Plan | None:
    for code, loaded_at, text in active_for_unit(conn, unit_id, day):
        plan = parsed(code, loaded_at, text)
        if plan is not None and any(a.code == area for a in plan.areas):
            return plan
    return None


def _scored_nearby(conn: Connection, row: Any, zone: tzinfo, plan_code: str) -> tuple[int, int]:
    """Entries of the same member and area already scored that local day and ISO week."""
    day = row.occurred_at.astimezone(zone).date()
    around = (
        conn.execute(
            select(entries.c.occurred_at).where(
                entries.c.member_id == row.member_id,
                entries.c.content_area == row.content_area,
                entries.c.plan_code == plan_code,
                entries.c.points > 0,
                entries.c.id != row.id,
                entries.c.occurred_at >= row.occurred_at - timedelta(days=8),
                entries.c.occurred_at <= row.occurred_at + timedelta(days=8),
            )
        )
        .scalars()
        .all()
    )
    days = [moment.astimezone(zone).date() for moment in around]
    same_day = sum(1 for d in days if d == day)
    same_week = sum(1 for d in days if d.isocalendar()[:2] == day.isocalendar()[:2])
    return same_day, same_week


def table(
    conn: Connection, plan_code: str, phase_code: str, level: str, within_unit: int
) -> list[Standing]:
    """Everyone of `level` under `within_unit` (zeros included), read from the kept rows."""
    scope = subtree(conn, within_unit)
    kept = and_(
        standings.c.plan_code == plan_code,
        standings.c.phase_code == phase_code,
        standings.c.level == level,
    )
    if level == "member":
        rows = conn.execute(
            select(
                members.c.id,
                members.c.full_name,
                func.coalesce(standings.c.points, 0),
                func.coalesce(standings.c.entries, 0),
            )
            .select_from(
                members.outerjoin(standings, and_(kept, standings.c.subject_id == members.c.id))
            )
            .where(
                members.c.unit_id.in_(scope),
                members.c.active.is_(True),
                members.c.role.in_(COMPETITORS),
            )
        ).all()
    else:
        rows = conn.execute(
            select(
                units.c.id,
                units.c.name,
                func.coalesce(standings.c.points, 0),
                func.coalesce(standings.c.entries, 0),
            )
            .select_from(
                units.outerjoin(standings, and_(kept, standings.c.subject_id == units.c.id))
            )
            .where(units.c.id.in_(scope), units.c.kind == level, units.c.valid_to.is_(None))
        ).all()
    return [Standing(int(i), str(n), int(p), int(e)) for i, n, p, e in rows]


def recomputed(conn: Connection, plan_code: str) -> dict[Key, tuple[int, int]]:
    """The same sums, from the verified entries themselves: the check of the kept rows."""
    totals: Counter[Key] = Counter()
    counts: Counter[Key] = Counter()
    rows = conn.execute(
        select(entries).where(entries.c.plan_code == plan_code, entries.c.status == "verified")
    ).all()
    for row in rows:
        for key in _keys(conn, row):
            totals[key] += row.points or 0
            counts[key] += 1
    return {key: (totals[key], counts[key]) for key in counts}


def kept(conn: Connection, plan_code: str) -> dict[Key, tuple[int, int]]:
    rows = conn.execute(
        select(standings).where(standings.c.plan_code == plan_code, standings.c.entries != 0)
    ).all()
    return {(r.plan_code, r.phase_code, r.level, r.subject_id): (r.points, r.entries) for r in rows}


@dataclass
class LevelStandings:
    """Every kept standing of one level, as three parallel arrays sorted by subject id: about
    24 bytes a subject, where a row object and a dict entry cost ten times that."""

    ids: array[int] = field(default_factory=lambda: array("q"))
    points: array[int] = field(default_factory=lambda: array("q"))
    entries: array[int] = field(default_factory=lambda: array("q"))

    def __len__(self) -> int:
        return len(self.ids)

    def get(self, subject_id: int) -> tuple[int, int] | None:
        """(points, verified entries) of one subject, or None if it has none."""
        at = bisect_left(self.ids, subject_id)
        if at < len(self.ids) and self.ids[at] == subject_id:
            return self.points[at], self.entries[at]
        return None


def snapshot(conn: Connection, plan_code: str, phase_code: str) -> dict[str, LevelStandings]:
    """Every level's kept standings for a plan and phase (nationwide for the weekly board),
    streamed into compact arrays so that memory stays near the size of the numbers."""
    levels: dict[str, LevelStandings] = {}
    result = conn.execution_options(yield_per=20_000).execute(
        select(standings.c.level, standings.c.subject_id, standings.c.points, standings.c.entries)
        .where(
            standings.c.plan_code == plan_code,
            standings.c.phase_code == phase_code,
            standings.c.entries != 0,
        )
        .order_by(standings.c.level, standings.c.subject_id)
    )
    for rows in result.partitions():
        for level, subject_id, points, count in rows:
            kept_level = levels.get(level)
            if kept_level is None:
                kept_level = levels[level] = LevelStandings()
            kept_level.ids.append(subject_id)
            kept_level.points.append(points)
            kept_level.entries.append(count)
    return levels


__all__ = [
    "LevelStandings",
    "kept",
    "on_unverified",
    "on_verified",
    "recomputed",
    "snapshot",
    "table",
]
