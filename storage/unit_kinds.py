"""The kinds of unit in SQL (table unit_kinds): the built-in ones (seeded by migration 0019,
always as campaign/unit_kinds says) and those a province added."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert, select

from campaign.roles import Role
from campaign.unit_kinds import CATEGORIES, Category, UnitKind, built_in_kinds
from storage.schema import unit_kinds


def _kind(row: Any) -> UnitKind:
    category: Category = next((c for c in CATEGORIES if c == row.category), "organisation")
    return UnitKind(
        code=row.code,
        name_vi=row.name_vi,
        name_en=row.name_en,
        parents=frozenset(str(p) for p in row.parents),
        roles=frozenset(Role(r) for r in row.roles if r in set(Role)),
        reports=bool(row.reports),
        category=category,
        built_in=False,
    )


def kinds_of(conn: Connection) -> dict[str, UnitKind]:
    """Every kind known: the built-in ones as the code has them, then those added, by code."""
    kinds = built_in_kinds()
    rows = conn.execute(
        select(unit_kinds).where(unit_kinds.c.built_in.is_(False)).order_by(unit_kinds.c.code)
    )
    for row in rows:
        kinds.setdefault(row.code, _kind(row))
    return kinds


def add_kind(conn: Connection, kind: UnitKind, now: datetime) -> None:
    conn.execute(
        insert(unit_kinds).values(
            code=kind.code,
            name_vi=kind.name_vi,
            name_en=kind.name_en,
            parents=sorted(kind.parents),
            roles=sorted(r.value for r in kind.roles),
            reports=kind.reports,
            category=kind.category,
            built_in=False,
            created_at=now,
        )
    )


__all__ = ["add_kind", "kinds_of"]
