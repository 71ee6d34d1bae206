"""Tips as cases (the console): every tip in the viewer's scope, closed ones too, with its
assignment, its notes and its timeline. The informant never leaves `informants` here: a case
only says whether there is one (revealing it is storage/tips.py, audited)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, case, exists, func, insert, select

from campaign.areas import SEALED_KEYS
from campaign.catalogs import spoken
from campaign.collation import vietnamese_key
from campaign.review import may_reveal
from services.ports import (
    MemberView,
    TipCase,
    TipCaseFilter,
    TipCaseRow,
    TipCaseStore,
    TipEvent,
)
from storage.browse import entry_conditions, units_seen
from storage.entries import AUTHORED
from storage.members import as_reviewer
from storage.schema import (
    attachments,
    audit_log,
    entries,
    informants,
    members,
    tip_cases,
    tip_notes,
    units,
)
from storage.tips import tip_place
from storage.unit_of_work import FeatureRepository
from storage.upsert import insert_for

TIP_AREA = "tip"
# The audit lines a case's timeline shows beside its notes (a move, an assignment).
_MOVES = ("tip.verifying", "tip.resolved", "tip.unfounded")
_ASSIGNED = "tip.assigned"
_EDITED = "entry.edited"  # the reporter answers a question by adding to the tip (/sua)
_PROGRESS_ORDER = {"received": 0, "verifying": 1, "resolved": 2, "unfounded": 3}

_assignee = members.alias("assignee")
_CASES = AUTHORED.outerjoin(tip_cases, tip_cases.c.entry_id == entries.c.id).outerjoin(
    _assignee, _assignee.c.id == tip_cases.c.assigned_to
)
_NOTES = select(func.count()).where(tip_notes.c.entry_id == entries.c.id).scalar_subquery()
_LAST_NOTE = (
    select(func.max(tip_notes.c.created_at))
    .where(tip_notes.c.entry_id == entries.c.id)
    .scalar_subquery()
)


def _later(first: Any, second: Any) -> Any:
    return case((second > first, second), else_=first)


def _activity() -> Any:
    logged = entries.c.created_at
    assigned = func.coalesce(tip_cases.c.assigned_at, logged)
    return _later(_later(logged, assigned), func.coalesce(_LAST_NOTE, logged))


def _conditions(
    conn: Connection, viewer: MemberView, wanted: TipCaseFilter, zone: Any
) -> list[ColumnElement[bool]]:
    found = entry_conditions(conn, viewer, replace(wanted.entries, area=TIP_AREA), zone)
    if wanted.assigned == "me":
        found.append(tip_cases.c.assigned_to == viewer.id)
    elif wanted.assigned == "none":
        found.append(tip_cases.c.assigned_to.is_(None))
    return found


def _ordering(order: str) -> list[Any]:
    if order == "occurred":
        return [entries.c.occurred_at.desc(), entries.c.id.desc()]
    if order == "created":
        return [entries.c.created_at.desc(), entries.c.id.desc()]
    if order == "reference":
        return [entries.c.reference]
    if order == "activity":
        return [_activity().desc(), entries.c.id.desc()]
    # "progress", the desk's own order: open first, urgent first, the oldest first.
    rank = case(
        *((entries.c.progress == name, place) for name, place in _PROGRESS_ORDER.items()),
        else_=len(_PROGRESS_ORDER),
    )
    return [rank, entries.c.urgent.desc(), entries.c.created_at, entries.c.id]


def cases(
    conn: Connection,
    viewer: MemberView,
    wanted: TipCaseFilter,
    order: str,
    offset: int,
    limit: int,
    zone: Any,
) -> list[TipCaseRow]:
    rows = conn.execute(
        select(
            entries.c.reference,
            entries.c.occurred_at,
            entries.c.created_at,
            entries.c.kind,
            entries.c.details,
            entries.c.progress,
            entries.c.urgent,
            members.c.full_name,
            units.c.name,
            _assignee.c.full_name.label("assigned_name"),
            tip_cases.c.assigned_at,
            tip_cases.c.outcome_note,
            _NOTES.label("notes"),
            _LAST_NOTE.label("last_note"),
        )
        .select_from(_CASES)
        .where(*_conditions(conn, viewer, wanted, zone))
        .order_by(*_ordering(order))
        .offset(offset)
        .limit(limit)
    ).all()
    return [
        TipCaseRow(
            reference=r.reference,
            occurred_at=r.occurred_at,
            created_at=r.created_at,
            author=r.full_name,
            unit_name=r.name,
            category=r.kind,
            details=dict(r.details),
            progress=r.progress or "received",
            urgent=bool(r.urgent),
            assigned_name=r.assigned_name,
            notes=int(r.notes or 0),
            last_activity=max(m for m in (r.created_at, r.assigned_at, r.last_note) if m),
            outcome_note=r.outcome_note,
        )
        for r in rows
    ]


def count(conn: Connection, viewer: MemberView, wanted: TipCaseFilter, zone: Any) -> int:
    return int(
        conn.execute(
            select(func.count()).select_from(_CASES).where(*_conditions(conn, viewer, wanted, zone))
        ).scalar_one()
    )


def case_units(conn: Connection, viewer: MemberView) -> list[tuple[int, str]]:
    seen = units_seen(conn, viewer, None)
    if not seen:
        return []
    rows = conn.execute(select(units.c.id, units.c.name).where(units.c.id.in_(seen))).all()
    return sorted(((r.id, r.name) for r in rows), key=lambda unit: vietnamese_key(unit[1]))


def _in_scope(conn: Connection, viewer: MemberView, reference: str, zone: Any) -> Any:
    wanted = TipCaseFilter()
    return conn.execute(
        select(
            entries.c.id,
            entries.c.member_id,
            entries.c.unit_id,
            entries.c.reference,
            entries.c.details,
            entries.c.occurred_at,
            entries.c.created_at,
            entries.c.progress,
            entries.c.urgent,
            members.c.full_name,
            members.c.language,
            units.c.name,
            tip_cases.c.assigned_to,
            tip_cases.c.assigned_at,
            tip_cases.c.outcome_note,
            _assignee.c.full_name.label("assigned_name"),
            exists().where(informants.c.entry_id == entries.c.id).label("has_informant"),
        )
        .select_from(_CASES)
        .where(*_conditions(conn, viewer, wanted, zone), entries.c.reference == reference)
    ).first()


def one(conn: Connection, viewer: MemberView, reference: str, zone: Any) -> TipCase | None:
    row = _in_scope(conn, viewer, reference, zone)
    if row is None:
        return None
    photos = tuple(
        conn.execute(
            select(attachments.c.id)
            .where(attachments.c.entry_id == row.id)
            .order_by(attachments.c.id)
        ).scalars()
    )
    followed = may_reveal(as_reviewer(viewer), tip_place(conn, row.member_id, row.unit_id))
    return TipCase(
        reference=row.reference,
        author_id=row.member_id,
        author=row.full_name,
        author_language=spoken(row.language),
        unit_id=row.unit_id,
        unit_name=row.name,
        details=dict(row.details),
        occurred_at=row.occurred_at,
        created_at=row.created_at,
        progress=row.progress or "received",
        urgent=bool(row.urgent),
        has_informant=bool(row.has_informant),
        photos=photos,
        assigned_to=row.assigned_to,
        assigned_name=row.assigned_name,
        assigned_at=row.assigned_at,
        outcome_note=row.outcome_note,
        timeline=_timeline(conn, row.id, row.reference),
        followed=followed,
    )


def _timeline(conn: Connection, entry_id: int, reference: str) -> tuple[TipEvent, ...]:
    notes = [
        TipEvent(r.created_at, r.kind, r.full_name, r.text)
        for r in conn.execute(
            select(tip_notes.c.created_at, tip_notes.c.kind, tip_notes.c.text, members.c.full_name)
            .select_from(tip_notes.join(members, members.c.id == tip_notes.c.author_id))
            .where(tip_notes.c.entry_id == entry_id)
        )
    ]
    acts: list[TipEvent] = []
    for r in conn.execute(
        select(audit_log.c.at, audit_log.c.action, audit_log.c.details, members.c.full_name)
        .select_from(audit_log.outerjoin(members, members.c.id == audit_log.c.actor_member_id))
        .where(
            audit_log.c.action.in_((*_MOVES, _ASSIGNED, _EDITED)),
            audit_log.c.target == "entries",
            audit_log.c.target_id == reference,
        )
    ):
        who = r.full_name or ""
        if r.action == _ASSIGNED:
            acts.append(TipEvent(r.at, "assigned", who, str(r.details.get("assignee") or "")))
        elif r.action == _EDITED:
            changed = [str(key) for key in r.details.get("fields", []) if key not in SEALED_KEYS]
            acts.append(TipEvent(r.at, "edited", who, ", ".join(changed)))
        else:
            acts.append(TipEvent(r.at, "progress", who, r.action.removeprefix("tip.")))
    # A move and its outcome note share a moment: the move is told first.
    first = {"progress": 0, "assigned": 1}
    return tuple(sorted([*notes, *acts], key=lambda e: (e.at, first.get(e.kind, 2))))


def _followed_tip(conn: Connection, officer: MemberView, reference: str) -> int | None:
    """The tip's entry id when the officer follows it up (its own commune's officer)."""
    row = conn.execute(
        select(entries.c.id, entries.c.member_id, entries.c.unit_id).where(
            entries.c.reference == reference, entries.c.content_area == TIP_AREA
        )
    ).first()
    if row is None or not may_reveal(
        as_reviewer(officer), tip_place(conn, row.member_id, row.unit_id)
    ):
        return None
    entry_id: int = row.id
    return entry_id


def assign(
    conn: Connection, officer: MemberView, reference: str, assignee: int | None, now: datetime
) -> bool:
    entry_id = _followed_tip(conn, officer, reference)
    if entry_id is None:
        return False
    values = {"assigned_to": assignee, "assigned_by": officer.id, "assigned_at": now}
    statement = insert_for(conn, tip_cases).values(entry_id=entry_id, **values)
    conn.execute(
        statement.on_conflict_do_update(index_elements=[tip_cases.c.entry_id], set_=values)
    )
    return True


def add_note(
    conn: Connection, officer: MemberView, reference: str, kind: str, text: str, now: datetime
) -> bool:
    entry_id = _followed_tip(conn, officer, reference)
    if entry_id is None:
        return False
    conn.execute(
        insert(tip_notes).values(
            entry_id=entry_id, author_id=officer.id, kind=kind, text=text, created_at=now
        )
    )
    return True


class TipCaseRepository(FeatureRepository, TipCaseStore):
    """Tips as cases for the console (`services.ports.TipCaseStore`)."""

    def tip_cases(
        self, viewer: MemberView, wanted: TipCaseFilter, order: str, offset: int, limit: int
    ) -> list[TipCaseRow]:
        return cases(self.db, viewer, wanted, order, offset, limit, self.work.zone)

    def count_tip_cases(self, viewer: MemberView, wanted: TipCaseFilter) -> int:
        return count(self.db, viewer, wanted, self.work.zone)

    def tip_case_units(self, viewer: MemberView) -> list[tuple[int, str]]:
        return case_units(self.db, viewer)

    def tip_case(self, viewer: MemberView, reference: str) -> TipCase | None:
        return one(self.db, viewer, reference, self.work.zone)

    def assign_tip(
        self, officer: MemberView, reference: str, assignee_id: int | None, now: datetime
    ) -> bool:
        return assign(self.db, officer, reference, assignee_id, now)

    def add_tip_note(
        self, officer: MemberView, reference: str, kind: str, text: str, now: datetime
    ) -> bool:
        return add_note(self.db, officer, reference, kind, text, now)
