"""Entries logged: saved with their reference, informants sealed, teammates and photos; a
member's own read back."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    FromClause,
    Select,
    bindparam,
    func,
    insert,
    or_,
    select,
    update,
)

from campaign.codes import reference_code
from campaign.normalize import search_words
from services.ports import Audited, EntryStore, EntryView, NewEntry, SealingStore
from storage.schema import (
    attachments,
    entries,
    entry_participants,
    informants,
    members,
    reference_counters,
    units,
)
from storage.unit_of_work import FeatureRepository

_NEW_ENTRY = insert(entries).returning(entries.c.id)
_NEW_INFORMANT = insert(informants)
_NEXT_NUMBER = (
    update(reference_counters)
    .where(
        reference_counters.c.prefix == bindparam("key_prefix"),
        reference_counters.c.year == bindparam("key_year"),
    )
    .values(last=reference_counters.c.last + 1)
    .returning(reference_counters.c.last)
)


def _mine(member_id: int) -> Any:
    """Entries a member logged, and those where a teammate credited them (patrols)."""
    credited = select(entry_participants.c.entry_id).where(
        entry_participants.c.member_id == member_id
    )
    return or_(entries.c.member_id == member_id, entries.c.id.in_(credited))


def with_author(conn: Connection, reference: str, *columns: Any) -> Any:
    """The entry's id, author and unit, the author's language and `columns` of the entry (a row;
    None if there is no such entry)."""
    return conn.execute(
        select(entries.c.id, entries.c.member_id, entries.c.unit_id, *columns, members.c.language)
        .select_from(entries.join(members, entries.c.member_id == members.c.id))
        .where(entries.c.reference == reference)
    ).first()


AUTHORED = entries.join(members, entries.c.member_id == members.c.id).join(
    units, entries.c.unit_id == units.c.id
)  # an entry with its author and its unit


def on_desk(*columns: ColumnElement[Any], source: FromClause = AUTHORED) -> Select[Any]:
    """Entries as a desk (review, tips) lists them: urgent first, then the oldest, each with
    its author's and its unit's names and `columns` (`source`: AUTHORED, joined further)."""
    return (
        select(
            entries.c.id,
            entries.c.reference,
            entries.c.details,
            entries.c.occurred_at,
            entries.c.created_at,
            entries.c.urgent,
            *columns,
            members.c.full_name,
            units.c.name,
        )
        .select_from(source)
        .order_by(entries.c.urgent.desc(), entries.c.created_at, entries.c.id)
    )


class EntryRepository(FeatureRepository, EntryStore, SealingStore):
    """Entries saved and read back; informants' answers sealed (`services.ports.EntryStore and SealingStore`)."""

    def save_entry(self, entry: NewEntry) -> str:
        year = entry.created_at.year
        number = self._next_number(entry.prefix, year)
        reference = reference_code(entry.prefix, year, number)
        entry_id = self.db.execute(
            _NEW_ENTRY,
            {
                "reference": reference,
                "member_id": entry.member_id,
                "unit_id": entry.unit_id,
                "content_area": entry.content_area,
                "kind": entry.kind,
                "details": entry.details,
                "occurred_at": entry.occurred_at,
                "created_at": entry.created_at,
                "status": "pending",
                "urgent": entry.urgent,
                "delivery_key": entry.delivery_key,
                "progress": entry.progress,
                "model_id": entry.model_id,
                "search_text": search_words(reference, entry.details),
            },
        ).scalar_one()
        if entry.sealed:
            self.db.execute(
                _NEW_INFORMANT,
                {
                    "entry_id": entry_id,
                    "sealed": self.work.sealer.seal(
                        {k: self.work.sealer.open_text(v) for k, v in entry.sealed.items()}
                    ),
                    "created_at": entry.created_at,
                },
            )
        if entry.participant_ids:
            self.db.execute(
                insert(entry_participants),
                [{"entry_id": entry_id, "member_id": mid} for mid in entry.participant_ids],
            )
        if entry.attachment_ids:
            self.db.execute(
                update(attachments)
                .where(attachments.c.id.in_(entry.attachment_ids))
                .values(entry_id=entry_id)
            )
        self.audit(
            Audited("entry.created", "entries", reference, entry.created_at, entry.member_id)
        )
        return reference

    def seal_answer(self, value: str) -> str:
        return self.work.sealer.seal_text(value)

    def _next_number(self, prefix: str, year: int) -> int:
        self._insert_ignoring_conflict(
            reference_counters, {"prefix": prefix, "year": year, "last": 0}
        )
        return int(
            self.db.execute(_NEXT_NUMBER, {"key_prefix": prefix, "key_year": year}).scalar_one()
        )

    def recent_entries(self, member_id: int, limit: int) -> list[EntryView]:
        rows = self.db.execute(
            select(
                entries.c.reference,
                entries.c.content_area,
                entries.c.status,
                entries.c.occurred_at,
                entries.c.created_at,
                entries.c.details,
                (entries.c.member_id != member_id).label("credited"),
            )
            .where(_mine(member_id))
            .order_by(entries.c.created_at.desc(), entries.c.id.desc())
            .limit(limit)
        ).all()
        return [
            EntryView(
                reference=r.reference,
                content_area=r.content_area,
                status=r.status,
                occurred_at=r.occurred_at,
                created_at=r.created_at,
                credited=bool(r.credited),
                details=dict(r.details or {}),
            )
            for r in rows
        ]

    def counts_between(self, member_id: int, since: datetime, until: datetime) -> dict[str, int]:
        """The member's entries (and those they were credited on) by area, that happened
        in [since, until): a month holds what was done in it, whenever it was logged."""
        rows = self.db.execute(
            select(entries.c.content_area, func.count())
            .where(_mine(member_id), entries.c.occurred_at >= since, entries.c.occurred_at < until)
            .group_by(entries.c.content_area)
            .order_by(entries.c.content_area)
        ).all()
        return {area: int(count) for area, count in rows}


__all__ = ["EntryRepository"]
