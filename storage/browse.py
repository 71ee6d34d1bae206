"""The console's reads of entries: one set of conditions (the viewer's scope, then their
filter) for the table, its count, the map and the exports, so that an export is exactly the
table and the map shows the table's entries."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, false, func, select

from campaign.areas import SEALED_KEYS
from campaign.collation import person_key, vietnamese_key
from campaign.normalize import fold
from services.ports import (
    EntryBrowseStore,
    EntryDetail,
    EntryEvent,
    EntryFilter,
    EntryRow,
    MemberView,
    ReviewItem,
)
from storage.entries import AUTHORED
from storage.members import as_reviewer
from storage.review import queue as review_queue
from storage.schema import (
    attachments,
    audit_log,
    entries,
    entry_participants,
    informants,
    members,
    models,
    units,
)
from storage.scope import entry_scope
from storage.tree import subtree
from storage.unit_of_work import FeatureRepository


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


# Dates a filter may name: a year 1 or 9999 typed into the address would overflow once
# turned into an instant in the campaign's zone (or a day after it); no entry is outside.
FIRST_DAY = date(1900, 1, 1)
LAST_DAY = date(2999, 12, 31)


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
        since = min(max(wanted.since, FIRST_DAY), LAST_DAY)
        found.append(entries.c.occurred_at >= datetime.combine(since, time(), zone))
    if wanted.until is not None:
        until = min(max(wanted.until, FIRST_DAY), LAST_DAY)
        after = datetime.combine(until + timedelta(days=1), time(), zone)
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


# The console's table, one entry, and the choices of its filters (services.ports.EntryBrowseStore).
_SQL_ORDERS: dict[str, Any] = {
    "occurred": entries.c.occurred_at,
    "created": entries.c.created_at,
    "reference": entries.c.reference,
    "area": entries.c.content_area,
    "status": entries.c.status,
}
_NAME_ORDERS = {"unit": units.c.name, "member": members.c.full_name}
_ROW_COLUMNS = (
    entries.c.id,
    entries.c.reference,
    entries.c.content_area,
    entries.c.kind,
    entries.c.status,
    entries.c.progress,
    entries.c.urgent,
    entries.c.occurred_at,
    entries.c.created_at,
    entries.c.member_id,
    members.c.full_name,
    entries.c.unit_id,
    units.c.name.label("unit_name"),
    entries.c.details,
    entries.c.reviewed_by,
    entries.c.reviewed_at,
    entries.c.review_note,
    entries.c.model_id,
    latitude().label("latitude"),
    longitude().label("longitude"),
)
# Sealed answers never live in entries.details (storage.entries keeps them apart, sealed);
# these reads still drop them, so that no screen, map or file can show one by mistake.
_NOT_SHOWN = frozenset(SEALED_KEYS)


def browse(
    conn: Connection,
    viewer: MemberView,
    wanted: EntryFilter,
    zone: tzinfo,
    order: str,
    descending: bool,
    offset: int,
    limit: int,
) -> list[EntryRow]:
    conditions = entry_conditions(conn, viewer, wanted, zone)
    if order in _NAME_ORDERS:
        # SQL cannot collate Vietnamese: the names are sorted here, then the page is read.
        named = list(
            conn.execute(
                select(entries.c.id, entries.c.reference, _NAME_ORDERS[order].label("name"))
                .select_from(AUTHORED)
                .where(*conditions)
            ).all()
        )
        key = person_key if order == "member" else vietnamese_key
        named.sort(key=lambda row: (key(row.name), row.id), reverse=descending)
        wanted_page = [row.reference for row in named[offset : offset + limit]]
        found = {
            row.reference: row
            for part in _parts([row.id for row in named[offset : offset + limit]])
            for row in _rows(conn, viewer, [entries.c.id.in_(part)])
        }
        return [found[reference] for reference in wanted_page if reference in found]
    column = _SQL_ORDERS.get(order, entries.c.occurred_at)
    tiebreak = entries.c.id.desc() if descending else entries.c.id
    return _rows(
        conn,
        viewer,
        conditions,
        order_by=(column.desc() if descending else column, tiebreak),
        offset=offset,
        limit=limit,
    )


def _rows(
    conn: Connection,
    viewer: MemberView,
    conditions: list[ColumnElement[bool]],
    *,
    order_by: tuple[Any, ...] = (),
    offset: int = 0,
    limit: int | None = None,
) -> list[EntryRow]:
    query = select(*_ROW_COLUMNS).select_from(AUTHORED).where(*conditions).order_by(*order_by)
    if limit is not None:
        query = query.offset(offset).limit(limit)
    rows = conn.execute(query).all()
    teammates: dict[int, list[str]] = {}
    photos: dict[int, list[int]] = {}
    credited: set[int] = set()
    for ids in _parts([row.id for row in rows]):  # an export's 50,000 rows: bounded INs
        for entry_id, name in conn.execute(
            select(entry_participants.c.entry_id, members.c.full_name)
            .join(members, entry_participants.c.member_id == members.c.id)
            .where(entry_participants.c.entry_id.in_(ids))
        ):
            teammates.setdefault(entry_id, []).append(name)
        for entry_id, photo_id in conn.execute(
            select(attachments.c.entry_id, attachments.c.id)
            .where(attachments.c.entry_id.in_(ids))
            .order_by(attachments.c.id)
        ):
            photos.setdefault(entry_id, []).append(photo_id)
        credited.update(
            conn.execute(
                select(entry_participants.c.entry_id).where(
                    entry_participants.c.entry_id.in_(ids),
                    entry_participants.c.member_id == viewer.id,
                )
            ).scalars()
        )
    reviewers = _names(conn, {row.reviewed_by for row in rows if row.reviewed_by})  # a few
    return [
        EntryRow(
            reference=row.reference,
            content_area=row.content_area,
            kind=row.kind,
            status=row.status,
            progress=row.progress,
            urgent=bool(row.urgent),
            occurred_at=row.occurred_at,
            created_at=row.created_at,
            author_id=row.member_id,
            author=row.full_name,
            unit_id=row.unit_id,
            unit_name=row.unit_name,
            details={k: v for k, v in dict(row.details or {}).items() if k not in _NOT_SHOWN},
            teammates=tuple(sorted(teammates.get(row.id, ()), key=person_key)),
            photo_ids=tuple(photos.get(row.id, ())),
            located=row.latitude is not None and row.longitude is not None,
            reviewed_by=reviewers.get(row.reviewed_by) if row.reviewed_by else None,
            reviewed_at=row.reviewed_at,
            review_note=row.review_note,
            reviewable=(
                row.status == "pending" and row.member_id != viewer.id and row.id not in credited
            ),
        )
        for row in rows
    ]


_PART = 2000  # ids in one IN (SQLite takes at most 32,766 parameters in a statement)


def _parts(ids: list[int]) -> list[list[int]]:
    return [ids[start : start + _PART] for start in range(0, len(ids), _PART)]


def _names(conn: Connection, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    return dict(
        conn.execute(select(members.c.id, members.c.full_name).where(members.c.id.in_(ids))).all()
    )


def detail(conn: Connection, viewer: MemberView, reference: str) -> EntryDetail | None:
    """The entry in full if the viewer's scope holds it (the table's own rule)."""
    units = units_seen(conn, viewer, None)
    if not units:
        return None
    conditions = [entries.c.reference == reference.strip().upper(), entries.c.unit_id.in_(units)]
    found = _rows(conn, viewer, conditions)
    if not found:
        return None
    row = found[0]
    entry = conn.execute(
        select(
            entries.c.id,
            entries.c.model_id,
            latitude().label("latitude"),
            longitude().label("longitude"),
        ).where(entries.c.reference == row.reference)
    ).one()
    has_informant = (
        conn.execute(select(informants.c.id).where(informants.c.entry_id == entry.id)).first()
        is not None
    )
    model = None
    if entry.model_id is not None:
        named = conn.execute(
            select(models.c.name, models.c.reference).where(models.c.id == entry.model_id)
        ).first()
        model = f"{named.name} ({named.reference})" if named else None
    return EntryDetail(
        row=row,
        teammates=row.teammates,
        photo_ids=row.photo_ids,
        latitude=_coordinate(entry.latitude),
        longitude=_coordinate(entry.longitude),
        has_informant=has_informant,
        model=model,
        history=tuple(history(conn, row.reference)),
    )


def _coordinate(value: Any) -> float | None:
    try:
        return None if value is None else float(value)
    except (TypeError, ValueError):
        return None


_REVIEWS = frozenset({"entry.verified", "entry.rejected"})


def history(conn: Connection, reference: str) -> list[EntryEvent]:
    """The entry's lines of the audit trail, oldest first. Only a review's note is shown: a
    reveal's reason, an edit's fields and anything sealed stay in the audit log."""
    rows = conn.execute(
        select(audit_log.c.action, audit_log.c.at, audit_log.c.details, members.c.full_name)
        .select_from(audit_log.outerjoin(members, audit_log.c.actor_member_id == members.c.id))
        .where(audit_log.c.target == "entries", audit_log.c.target_id == reference)
        .order_by(audit_log.c.at, audit_log.c.id)
    ).all()
    events = []
    for row in rows:
        note = None
        if row.action in _REVIEWS:
            said = dict(row.details or {}).get("note")
            note = str(said) if said else None
        events.append(EntryEvent(row.action, row.full_name, row.at, note))
    return events


def scoped_units(conn: Connection, viewer: MemberView) -> list[tuple[int, str]]:
    ids = units_seen(conn, viewer, None)
    if not ids:
        return []
    rows = conn.execute(
        select(units.c.id, units.c.name, units.c.code).where(units.c.id.in_(ids))
    ).all()
    counted = Counter(row.name for row in rows)
    labelled = [
        (row.id, row.name if counted[row.name] == 1 else f"{row.name} ({row.code})") for row in rows
    ]
    return sorted(labelled, key=lambda pair: vietnamese_key(pair[1]))


def scoped_members(
    conn: Connection, viewer: MemberView, unit_id: int | None, limit: int
) -> list[tuple[int, str]] | None:
    ids = units_seen(conn, viewer, unit_id)
    if not ids:
        return []
    rows = conn.execute(
        select(members.c.id, members.c.full_name).where(members.c.unit_id.in_(ids)).limit(limit + 1)
    ).all()
    if len(rows) > limit:
        return None
    return sorted(((r.id, r.full_name) for r in rows), key=lambda pair: person_key(pair[1]))


class BrowseRepository(FeatureRepository, EntryBrowseStore):
    """The console's reads of entries (`services.ports.EntryBrowseStore`)."""

    def browse_entries(
        self,
        viewer: MemberView,
        wanted: EntryFilter,
        order: str,
        descending: bool,
        offset: int,
        limit: int,
    ) -> list[EntryRow]:
        return browse(self.db, viewer, wanted, self.work.zone, order, descending, offset, limit)

    def count_entries(self, viewer: MemberView, wanted: EntryFilter) -> int:
        return count_matching(self.db, viewer, wanted, self.work.zone)

    def entry_detail(self, viewer: MemberView, reference: str) -> EntryDetail | None:
        return detail(self.db, viewer, reference)

    def pending_for_review(
        self, viewer: MemberView, references: Collection[str]
    ) -> list[ReviewItem]:
        if not references:
            return []
        return review_queue(self.db, as_reviewer(viewer), len(references), references)

    def units_in_scope(self, viewer: MemberView) -> list[tuple[int, str]]:
        return scoped_units(self.db, viewer)

    def members_in_scope(
        self, viewer: MemberView, unit_id: int | None, limit: int
    ) -> list[tuple[int, str]] | None:
        return scoped_members(self.db, viewer, unit_id, limit)
