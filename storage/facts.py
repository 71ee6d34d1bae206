"""Dated facts about units (households, residents, cameras, terrain...): set, read as in force
on a day for many units at once, and their history."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import Connection, and_, func, select

from campaign.facts import FactValue
from services.ports import FactRecord, FactStore
from storage.schema import members, unit_facts, units
from storage.tree import chain
from storage.unit_of_work import FeatureRepository


def fact_on(conn: Connection, unit_id: int, key: str, day: date) -> FactValue | None:
    return facts_on(conn, [unit_id], [key], day).get(unit_id, {}).get(key)


def facts_on(
    conn: Connection, unit_ids: Iterable[int], keys: Iterable[str], day: date
) -> dict[int, dict[str, FactValue]]:
    """Each unit's facts in force on `day` (the latest valid_from on or before it), one query
    for many units."""
    wanted_units, wanted_keys = list(unit_ids), list(keys)
    if not wanted_units or not wanted_keys:
        return {}
    latest = (
        select(
            unit_facts.c.unit_id,
            unit_facts.c.key,
            func.max(unit_facts.c.valid_from).label("valid_from"),
        )
        .where(
            unit_facts.c.unit_id.in_(wanted_units),
            unit_facts.c.key.in_(wanted_keys),
            unit_facts.c.valid_from <= day,
        )
        .group_by(unit_facts.c.unit_id, unit_facts.c.key)
        .subquery()
    )
    rows = conn.execute(
        select(unit_facts.c.unit_id, unit_facts.c.key, unit_facts.c.num, unit_facts.c.text).join(
            latest,
            and_(
                unit_facts.c.unit_id == latest.c.unit_id,
                unit_facts.c.key == latest.c.key,
                unit_facts.c.valid_from == latest.c.valid_from,
            ),
        )
    )
    found: dict[int, dict[str, FactValue]] = {}
    for row in rows:
        found.setdefault(int(row.unit_id), {})[str(row.key)] = FactValue(row.num, row.text)
    return found


def fact_set_on(conn: Connection, unit_id: int, key: str, valid_from: date) -> FactValue | None:
    """The value set exactly from that day (None: none), what a new value replaces."""
    row = conn.execute(
        select(unit_facts.c.num, unit_facts.c.text).where(
            unit_facts.c.unit_id == unit_id,
            unit_facts.c.key == key,
            unit_facts.c.valid_from == valid_from,
        )
    ).first()
    return FactValue(row.num, row.text) if row is not None else None


def set_fact(
    conn: Connection,
    unit_id: int,
    key: str,
    value: FactValue,
    valid_from: date,
    *,
    set_by: int | None,
    source: str,
    note: str,
    now: datetime,
) -> None:
    """Set the value from `valid_from` on (replacing one set from the same day)."""
    values = {
        "num": value.num,
        "text": value.text,
        "set_by": set_by,
        "source": source,
        "note": note,
        "set_at": now,
    }
    changed = conn.execute(
        unit_facts.update()
        .where(
            unit_facts.c.unit_id == unit_id,
            unit_facts.c.key == key,
            unit_facts.c.valid_from == valid_from,
        )
        .values(**values)
    ).rowcount
    if not changed:
        conn.execute(
            unit_facts.insert().values(unit_id=unit_id, key=key, valid_from=valid_from, **values)
        )


def history(conn: Connection, unit_id: int) -> list[FactRecord]:
    """Every value set for the unit, by key then day."""
    rows = conn.execute(
        select(unit_facts, members.c.full_name)
        .outerjoin(members, members.c.id == unit_facts.c.set_by)
        .where(unit_facts.c.unit_id == unit_id)
        .order_by(unit_facts.c.key, unit_facts.c.valid_from)
    )
    return [
        FactRecord(
            int(row.unit_id),
            str(row.key),
            FactValue(row.num, row.text),
            row.valid_from,
            str(row.source),
            str(row.note),
            row.full_name,
            row.set_at,
        )
        for row in rows
    ]


class FactRepository(FeatureRepository, FactStore):
    """`services.ports.FactStore`."""

    def fact_unit(self, code: str) -> tuple[int, str, tuple[int, ...]] | None:
        row = self.db.execute(
            select(units.c.id, units.c.name).where(
                units.c.code == code.strip(), units.c.valid_to.is_(None)
            )
        ).first()
        if row is None:
            return None
        return int(row.id), str(row.name), chain(self.db, int(row.id))

    def fact_set_on(self, unit_id: int, key: str, valid_from: date) -> FactValue | None:
        return fact_set_on(self.db, unit_id, key, valid_from)

    def set_fact(
        self,
        unit_id: int,
        key: str,
        value: FactValue,
        valid_from: date,
        *,
        set_by: int | None,
        source: str,
        note: str,
        now: datetime,
    ) -> None:
        set_fact(
            self.db,
            unit_id,
            key,
            value,
            valid_from,
            set_by=set_by,
            source=source,
            note=note,
            now=now,
        )

    def fact_history(self, unit_id: int) -> list[FactRecord]:
        return history(self.db, unit_id)
