"""Walking the unit tree (a few levels: province -> commune -> team, or deeper)."""

from __future__ import annotations

from sqlalchemy import Connection, select

from storage.schema import units

# Ids bound in one query at most: a national tree's last level (86,000 teams) would pass
# PostgreSQL's limit of 32,767 parameters a statement.
IDS_A_QUERY = 10_000


def subtree(conn: Connection, root: int, *, open_only: bool = False) -> list[int]:
    """The unit and every unit under it; `open_only`: without closed (merged) ones, for what
    people are shown today (their entries stay reachable through the full tree)."""
    found, frontier = [root], [root]
    while frontier:  # a few levels: province -> commune -> team
        below: list[int] = []
        for start in range(0, len(frontier), IDS_A_QUERY):
            query = select(units.c.id).where(
                units.c.parent_id.in_(frontier[start : start + IDS_A_QUERY])
            )
            if open_only:
                query = query.where(units.c.valid_to.is_(None))
            below += conn.execute(query).scalars()
        frontier = below
        found += frontier
    return found


def chain(conn: Connection, unit_id: int) -> tuple[int, ...]:
    chain: list[int] = []
    current: int | None = unit_id
    while current is not None and len(chain) < 16:
        chain.append(current)
        current = conn.execute(select(units.c.parent_id).where(units.c.id == current)).scalar()
    return tuple(chain)


def nearest_of_kind(conn: Connection, unit_id: int, kind: str) -> int | None:
    """The unit itself or its nearest ancestor of this kind (a team's commune)."""
    current: int | None = unit_id
    for _ in range(16):
        if current is None:
            return None
        row = conn.execute(
            select(units.c.kind, units.c.parent_id).where(units.c.id == current)
        ).first()
        if row is None:
            return None
        if row.kind == kind:
            return current
        current = row.parent_id
    return None
