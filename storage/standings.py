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
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, func, or_, select, update

from campaign.plans import Plan
from campaign.roles import Role
from campaign.scoring import WHOLE_PLAN, Standing, award
from storage.plans import active_for_unit, parsed
from storage.schema import entries, entry_participants, members, plans, standings, units
from storage.tree import chain, subtree
from storage.upsert import insert_for

Key = tuple[str, str, str, int]  # plan, phase, level, subject
# Members of the force compete; commune police and admins run the campaign.
COMPETITORS = (Role.MEMBER.value, Role.DEPUTY.value, Role.LEADER.value)


class _Tree:
    """The units above each unit, by kind, read once per unit (a recount meets each often)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.above: dict[int, list[tuple[str, int]]] = {}

    def subjects(self, member_id: int, unit_id: int) -> list[tuple[str, int]]:
        if unit_id not in self.above:
            found = []
            for unit in chain(self.conn, unit_id):
                kind = self.conn.execute(
                    select(units.c.kind).where(units.c.id == unit)
                ).scalar_one()
                found.append((kind, unit))
            self.above[unit_id] = found
        return [("member", member_id), *self.above[unit_id]]

    def keys(self, plan_code: str, phase_code: str, member_id: int, unit_id: int) -> list[Key]:
        """A member's share of an entry counts for them and for every unit above the entry's
        unit (a teammate's too: they patrolled with that team), in its phase and the plan."""
        return [
            (plan_code, phase, level, subject)
            for phase in {WHOLE_PLAN, phase_code}
            for level, subject in self.subjects(member_id, unit_id)
        ]


Sums = Counter[Key]


def _add(points: Sums, counts: Sums, keys: list[Key], earned: int, count: int) -> None:
    for key in keys:
        points[key] += earned
        counts[key] += count


def _flush(conn: Connection, points: Sums, counts: Sums) -> None:
    for key in sorted(set(points) | set(counts)):  # one order: no deadlock between writers
        if points[key] or counts[key]:
            _bump(conn, key, points[key], counts[key])


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


def _credits(conn: Connection, row: Any) -> list[tuple[int, int]]:
    """(member, points) of everyone a scored entry counts for: the one who logged it and the
    teammates credited on it."""
    teammates = conn.execute(
        select(entry_participants.c.member_id, entry_participants.c.points)
        .where(entry_participants.c.entry_id == row.id, entry_participants.c.points.is_not(None))
        .order_by(entry_participants.c.member_id)
    ).all()
    return [(row.member_id, row.points or 0), *((int(m), int(p)) for m, p in teammates)]


def on_verified(conn: Connection, entry_id: int, zone: tzinfo) -> int:
    """Score a newly verified entry under the plan running over its unit that day, for the
    member who logged it and each teammate credited on it; the logger's points."""
    row = conn.execute(select(entries).where(entries.c.id == entry_id)).one()
    points: Sums = Counter()
    counts: Sums = Counter()
    earned = _score(conn, _Tree(conn), row, zone, _Plans(conn), points, counts)
    _flush(conn, points, counts)
    return earned


class _Plans:
    """The plans running over a unit on a day, looked up once per (unit, day)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.found: dict[tuple[int, date], list[Plan]] = {}

    def scoring(self, unit_id: int, area: str, day: date) -> Plan | None:
        if (unit_id, day) not in self.found:
            self.found[unit_id, day] = [
                plan
                for code, loaded_at, text in active_for_unit(self.conn, unit_id, day)
                if (plan := parsed(code, loaded_at, text)) is not None
            ]
        return next(
            (p for p in self.found[unit_id, day] if any(a.code == area for a in p.areas)), None
        )


def _score(
    conn: Connection,
    tree: _Tree,
    row: Any,
    zone: tzinfo,
    running: _Plans,
    points: Sums,
    counts: Sums,
) -> int:
    """Score one verified, unscored entry: write each share on the entry and its teammates'
    rows, add the standings' changes to `points`/`counts`; the logger's points."""
    day = row.occurred_at.astimezone(zone).date()
    plan = running.scoring(row.unit_id, row.content_area, day)
    if plan is None:
        return 0
    teammates = (
        conn.execute(
            select(entry_participants.c.member_id)
            .where(entry_participants.c.entry_id == row.id)
            .order_by(entry_participants.c.member_id)
        )
        .scalars()
        .all()
    )
    logged = 0
    for member_id in (row.member_id, *teammates):
        teammate = member_id != row.member_id
        same_day, same_week = _scored_nearby(conn, row, member_id, zone, plan.code)
        earned = award(plan, row.content_area, day, same_day, same_week, teammate=teammate)
        if earned is None:
            return 0
        if teammate:
            conn.execute(
                update(entry_participants)
                .where(
                    entry_participants.c.entry_id == row.id,
                    entry_participants.c.member_id == member_id,
                )
                .values(points=earned.points)
            )
        else:
            logged = earned.points
            conn.execute(
                update(entries)
                .where(entries.c.id == row.id)
                .values(
                    points=earned.points, plan_code=earned.plan_code, phase_code=earned.phase_code
                )
            )
        keys = tree.keys(earned.plan_code, earned.phase_code, member_id, row.unit_id)
        _add(points, counts, keys, earned.points, 1)
    return logged


def on_unverified(conn: Connection, entry_id: int) -> None:
    """Take back what the entry added (before it goes back to review or is rejected)."""
    row = conn.execute(select(entries).where(entries.c.id == entry_id)).one()
    points: Sums = Counter()
    counts: Sums = Counter()
    _take_back(conn, _Tree(conn), row, points, counts)
    _flush(conn, points, counts)


def _take_back(conn: Connection, tree: _Tree, row: Any, points: Sums, counts: Sums) -> None:
    if row.plan_code is None:
        return
    for member_id, earned in _credits(conn, row):
        keys = tree.keys(row.plan_code, row.phase_code, member_id, row.unit_id)
        _add(points, counts, keys, -earned, -1)
    conn.execute(
        update(entries)
        .where(entries.c.id == row.id)
        .values(points=None, plan_code=None, phase_code=None)
    )
    conn.execute(
        update(entry_participants)
        .where(entry_participants.c.entry_id == row.id)
        .values(points=None)
    )


def recount(conn: Connection, plan_code: str, zone: tzinfo) -> int:
    """After a plan is loaded or replaced: score again every verified entry of its period and
    scope (verified before it was loaded, or under its older version), and those scored under
    its older version, oldest first so that caps fall as they would have; how many."""
    plan = conn.execute(
        select(plans.c.scope_unit_id, plans.c.starts, plans.c.ends).where(
            plans.c.code == plan_code, plans.c.kind == "plan"
        )
    ).first()
    if plan is None or plan.scope_unit_id is None or plan.starts is None or plan.ends is None:
        return 0
    since = datetime.combine(plan.starts, time(0), tzinfo=zone)
    until = datetime.combine(plan.ends + timedelta(days=1), time(0), tzinfo=zone)
    in_period = and_(
        entries.c.unit_id.in_(subtree(conn, plan.scope_unit_id)),
        entries.c.occurred_at >= since,
        entries.c.occurred_at < until,
    )
    rows = conn.execute(
        select(entries)
        .where(entries.c.status == "verified", or_(in_period, entries.c.plan_code == plan_code))
        .order_by(entries.c.occurred_at, entries.c.id)
    ).all()
    tree = _Tree(conn)
    points: Sums = Counter()
    counts: Sums = Counter()
    for row in rows:
        _take_back(conn, tree, row, points, counts)
    scoring = _Plans(conn)
    for row in rows:
        fresh = conn.execute(select(entries).where(entries.c.id == row.id)).one()
        _score(conn, tree, fresh, zone, scoring, points, counts)
    _flush(conn, points, counts)
    return len(rows)


def _scored_nearby(
    conn: Connection, row: Any, member_id: int, zone: tzinfo, plan_code: str
) -> tuple[int, int]:
    """Entries of the member in the same area already scored under the plan that local day and
    ISO week: those they logged and those they were credited on."""
    day = row.occurred_at.astimezone(zone).date()
    near = (
        entries.c.content_area == row.content_area,
        entries.c.plan_code == plan_code,
        entries.c.id != row.id,
        entries.c.occurred_at >= row.occurred_at - timedelta(days=8),
        entries.c.occurred_at <= row.occurred_at + timedelta(days=8),
    )
    own = select(entries.c.occurred_at).where(
        entries.c.member_id == member_id, entries.c.points > 0, *near
    )
    credited = (
        select(entries.c.occurred_at)
        .join(entry_participants, entry_participants.c.entry_id == entries.c.id)
        .where(entry_participants.c.member_id == member_id, entry_participants.c.points > 0, *near)
    )
    around = conn.execute(own.union_all(credited)).scalars().all()
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
    # Members who compete, or open units of the level: each with its kept sums, 0 if none.
    subjects, name = (members, members.c.full_name) if level == "member" else (units, units.c.name)
    which: tuple[ColumnElement[bool], ...]
    if level == "member":
        which = (
            members.c.unit_id.in_(scope),
            members.c.active.is_(True),
            members.c.role.in_(COMPETITORS),
        )
    else:
        which = (units.c.id.in_(scope), units.c.kind == level, units.c.valid_to.is_(None))
    rows = conn.execute(
        select(
            subjects.c.id,
            name,
            func.coalesce(standings.c.points, 0),
            func.coalesce(standings.c.entries, 0),
        )
        .select_from(
            subjects.outerjoin(standings, and_(kept, standings.c.subject_id == subjects.c.id))
        )
        .where(*which)
    ).all()
    return [Standing(int(i), str(n), int(p), int(e)) for i, n, p, e in rows]


def recomputed(conn: Connection, plan_code: str) -> dict[Key, tuple[int, int]]:
    """The same sums, from the verified entries themselves: the check of the kept rows."""
    totals: Sums = Counter()
    counts: Sums = Counter()
    tree = _Tree(conn)
    rows = conn.execute(
        select(entries).where(entries.c.plan_code == plan_code, entries.c.status == "verified")
    ).all()
    for row in rows:
        for member_id, earned in _credits(conn, row):
            keys = tree.keys(row.plan_code, row.phase_code, member_id, row.unit_id)
            _add(totals, counts, keys, earned, 1)
    return {key: (totals[key], counts[key]) for key in counts if counts[key]}


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
    "recount",
    "snapshot",
    "table",
]
