"""Counting what targets measure, for a unit and a period, from the verified entries."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo

from sqlalchemy import Connection, func, or_, select

from campaign.plans import Plan, TargetSpec
from campaign.targets import Progress, judge, period
from storage.schema import entries, entry_participants, members
from storage.standings import COMPETITORS
from storage.tree import subtree


def progress(
    conn: Connection, plan: Plan, target: TargetSpec, unit_id: int, today: date, zone: tzinfo
) -> Progress:
    computed = target.measure.computed
    if computed is None or computed.count not in ("entries", "participants"):
        return judge(target, None)
    kind, area = computed.count, computed.area
    start, end = period(target, plan, today)
    since = datetime.combine(start, time(0), tzinfo=zone)
    until = datetime.combine(end + timedelta(days=1), time(0), tzinfo=zone)
    scope = subtree(conn, unit_id)
    verified = (
        entries.c.status == "verified",
        entries.c.content_area == area,
        entries.c.unit_id.in_(scope),
        entries.c.occurred_at >= since,
        entries.c.occurred_at < until,
    )
    if kind == "entries":  # (the measures older plans could say; the rest come with #13)
        counted = conn.execute(
            select(func.count()).select_from(entries).where(*verified)
        ).scalar_one()
        return judge(target, int(counted))
    # Everyone of the unit who took part: who logged a verified entry of the area in the
    # period, or was credited on one as a teammate (a patrol names who patrolled with them).
    period_entries = (
        entries.c.status == "verified",
        entries.c.content_area == area,
        entries.c.occurred_at >= since,
        entries.c.occurred_at < until,
    )
    logged = select(entries.c.id).where(entries.c.member_id == members.c.id, *period_entries)
    credited = (
        select(entries.c.id)
        .join(entry_participants, entry_participants.c.entry_id == entries.c.id)
        .where(entry_participants.c.member_id == members.c.id, *period_entries)
    )
    people = (
        members.c.unit_id.in_(scope),
        members.c.active.is_(True),
        members.c.role.in_(COMPETITORS),
    )
    took_part = conn.execute(
        select(func.count())
        .select_from(members)
        .where(*people, or_(logged.exists(), credited.exists()))
    ).scalar_one()
    everyone = conn.execute(select(func.count()).select_from(members).where(*people)).scalar_one()
    return judge(target, int(took_part), int(everyone))
