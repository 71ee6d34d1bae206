"""Dated groupings of units under a scheme (table unit_groups), e.g. "former-district": which
communes made up a district that no longer exists, for the "mỗi huyện" targets of older plans.
A unit belongs to a group of a scheme on a day when valid_from <= day and (valid_to is None or
day <= valid_to)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import ColumnElement, Connection, and_, insert, or_, select

from storage.schema import unit_groups


def _in_force(day: date) -> ColumnElement[bool]:
    return and_(
        unit_groups.c.valid_from <= day,
        or_(unit_groups.c.valid_to.is_(None), unit_groups.c.valid_to >= day),
    )


def group_of(conn: Connection, scheme: str, unit_id: int, day: date) -> int | None:
    """The group unit (a former district) this unit belongs to under `scheme` on `day` (None:
    none); the latest started when rows overlap."""
    found = conn.execute(
        select(unit_groups.c.group_unit_id)
        .where(unit_groups.c.scheme == scheme, unit_groups.c.unit_id == unit_id, _in_force(day))
        .order_by(unit_groups.c.valid_from.desc(), unit_groups.c.id.desc())
        .limit(1)
    ).scalar()
    return None if found is None else int(found)


def members_of_group(conn: Connection, scheme: str, group_unit_id: int, day: date) -> list[int]:
    """The units in this group under `scheme` on `day`, by id (each once)."""
    rows = conn.execute(
        select(unit_groups.c.unit_id)
        .where(
            unit_groups.c.scheme == scheme,
            unit_groups.c.group_unit_id == group_unit_id,
            _in_force(day),
        )
        .distinct()
        .order_by(unit_groups.c.unit_id)
    ).scalars()
    return [int(u) for u in rows if group_of(conn, scheme, int(u), day) == group_unit_id]


def has_membership(
    conn: Connection, scheme: str, group_unit_id: int, unit_id: int, valid_from: date
) -> bool:
    found = conn.execute(
        select(unit_groups.c.id).where(
            unit_groups.c.scheme == scheme,
            unit_groups.c.group_unit_id == group_unit_id,
            unit_groups.c.unit_id == unit_id,
            unit_groups.c.valid_from == valid_from,
        )
    ).first()
    return found is not None


def add_membership(
    conn: Connection,
    *,
    scheme: str,
    group_unit_id: int,
    unit_id: int,
    valid_from: date,
    valid_to: date | None,
    source: str,
) -> None:
    conn.execute(
        insert(unit_groups).values(
            scheme=scheme,
            group_unit_id=group_unit_id,
            unit_id=unit_id,
            valid_from=valid_from,
            valid_to=valid_to,
            source=source,
        )
    )


__all__ = ["add_membership", "group_of", "has_membership", "members_of_group"]
