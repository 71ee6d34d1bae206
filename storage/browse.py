"""The console's reads of entries: one set of conditions (the viewer's scope, then their
filter) for the table, its count, the map and the exports, so that an export is exactly the
table and the map shows the table's entries."""

from __future__ import annotations

from datetime import datetime, time, timedelta, tzinfo
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, false, func, select

from campaign.normalize import fold
from services.ports import EntryFilter, MemberView
from storage.members import as_reviewer
from storage.schema import entries
from storage.scope import entry_scope
from storage.tree import subtree


def latitude() -> Any:
    return entries.c.details["place"]["latitude"].as_float()


def longitude() -> Any:
    return entries.c.details["place"]["longitude"].as_float()


def units_seen(conn: Connection, viewer: MemberView, unit_id: int | None) -> list[int]:
    """The units whose entries the viewer sees, narrowed to `unit_id`'s subtree if given (a
    unit outside the scope narrows to nothing: never a wider view)."""
    scope = entry_scope(conn, as_reviewer(viewer))
    if unit_id is None or not scope:
        return scope
    inside = set(scope)
    return [unit for unit in subtree(conn, unit_id) if unit in inside]


def entry_conditions(
    conn: Connection, viewer: MemberView, wanted: EntryFilter, zone: tzinfo
) -> list[ColumnElement[bool]]:
    """The entries the viewer may see (storage.scope) that match `wanted`."""
    units = units_seen(conn, viewer, wanted.unit_id)
    if not units:
        return [false()]
    return [entries.c.unit_id.in_(units), *_matching(wanted, zone)]


def _matching(wanted: EntryFilter, zone: tzinfo) -> list[ColumnElement[bool]]:
    equal = (
        (entries.c.content_area, wanted.area),
        (entries.c.status, wanted.status),
        (entries.c.progress, wanted.progress),
        (entries.c.member_id, wanted.member_id),
    )
    found: list[ColumnElement[bool]] = [
        column == value for column, value in equal if value is not None and value != ""
    ]
    if wanted.since is not None:
        found.append(entries.c.occurred_at >= datetime.combine(wanted.since, time(), zone))
    if wanted.until is not None:
        after = datetime.combine(wanted.until + timedelta(days=1), time(), zone)
        found.append(entries.c.occurred_at < after)
    if wanted.reference and wanted.reference.strip():
        typed = wanted.reference.strip().upper()
        found.append(entries.c.reference.startswith(typed, autoescape=True))
    for word in fold(wanted.text or "").split()[:8]:
        found.append(entries.c.search_text.contains(word, autoescape=True))
    if wanted.located:
        found.append(and_(latitude().is_not(None), longitude().is_not(None)))
    return found


def count_matching(conn: Connection, viewer: MemberView, wanted: EntryFilter, zone: tzinfo) -> int:
    conditions = entry_conditions(conn, viewer, wanted, zone)
    return int(
        conn.execute(select(func.count()).select_from(entries).where(*conditions)).scalar_one()
    )
