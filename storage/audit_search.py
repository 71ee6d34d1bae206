"""The audit log as an admin reads it: the lines of the units under them, searched by who,
what, which record and when (`services.ports.AuditSearchStore`)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, func, or_, select

from campaign.areas import SEALED_KEYS
from campaign.normalize import fold
from services.ports import AuditLine, AuditPage, AuditQuery, MemberView
from storage.schema import audit_log, members, units
from storage.tree import subtree
from storage.unit_of_work import FeatureRepository


def audit_scope(conn: Connection, viewer: MemberView) -> list[ColumnElement[bool]]:
    """The lines an admin reads: those of their subtree's units, and those of no unit (the
    command line, the system) only for an admin of a top-level unit."""
    unit_ids = subtree(conn, viewer.unit_id)
    top = conn.execute(select(units.c.parent_id).where(units.c.id == viewer.unit_id)).first()
    mine = audit_log.c.unit_id.in_(unit_ids)
    if top is not None and top.parent_id is None:
        return [or_(mine, audit_log.c.unit_id.is_(None))]
    return [mine]


def _actors_named(conn: Connection, scope: list[ColumnElement[bool]], words: str) -> list[int]:
    """The acting members of the viewer's lines whose name holds the words (marks and case
    aside: SQL cannot fold Vietnamese, so the few names are folded here)."""
    wanted = fold(words)
    rows = conn.execute(
        select(members.c.id, members.c.full_name).where(
            members.c.id.in_(select(audit_log.c.actor_member_id).where(*scope).distinct())
        )
    ).all()
    return [row.id for row in rows if wanted in fold(row.full_name)]


def _like_start(text: str) -> str:
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"{escaped}%"


def _conditions(
    conn: Connection,
    viewer: MemberView,
    query: AuditQuery,
    window: tuple[datetime | None, datetime | None],
) -> list[ColumnElement[bool]]:
    scope = audit_scope(conn, viewer)
    found = list(scope)
    if query.actor:
        found.append(audit_log.c.actor_member_id.in_(_actors_named(conn, scope, query.actor)))
    if query.action:
        found.append(audit_log.c.action == query.action)
    if query.target:
        found.append(
            func.lower(audit_log.c.target_id).like(_like_start(query.target.strip()), escape="\\")
        )
    since, before = window
    if since is not None:
        found.append(audit_log.c.at >= since)
    if before is not None:
        found.append(audit_log.c.at < before)
    return found


_ORDER: dict[str, tuple[Any, ...]] = {
    "newest": (audit_log.c.at.desc(), audit_log.c.id.desc()),
    "oldest": (audit_log.c.at, audit_log.c.id),
    "action": (audit_log.c.action, audit_log.c.at.desc(), audit_log.c.id.desc()),
}


def without_sealed(details: Any) -> Any:
    """The details with every sealed answer's key left out, however deep (a reveal's line holds
    its reason, never the informant; this holds even for a line written wrongly)."""
    if isinstance(details, Mapping):
        return {
            key: without_sealed(value) for key, value in details.items() if key not in SEALED_KEYS
        }
    if isinstance(details, list):
        return [without_sealed(value) for value in details]
    return details


def audit_lines(
    conn: Connection,
    viewer: MemberView,
    query: AuditQuery,
    window: tuple[datetime | None, datetime | None],
    offset: int,
    limit: int,
) -> AuditPage:
    conditions = _conditions(conn, viewer, query, window)
    total = conn.execute(select(func.count()).select_from(audit_log).where(*conditions)).scalar()
    rows = conn.execute(
        select(
            audit_log.c.id,
            audit_log.c.at,
            audit_log.c.actor_member_id,
            members.c.full_name,
            audit_log.c.actor,
            audit_log.c.action,
            audit_log.c.target,
            audit_log.c.target_id,
            audit_log.c.details,
            units.c.name.label("unit_name"),
        )
        .select_from(
            audit_log.outerjoin(members, members.c.id == audit_log.c.actor_member_id).outerjoin(
                units, units.c.id == audit_log.c.unit_id
            )
        )
        .where(*conditions)
        .order_by(*_ORDER.get(query.order, _ORDER["newest"]))
        .offset(offset)
        .limit(limit)
    ).all()
    lines = [
        AuditLine(
            id=row.id,
            at=row.at,
            actor_member_id=row.actor_member_id,
            actor_name=row.full_name,
            actor=row.actor,
            action=row.action,
            target=row.target,
            target_id=row.target_id,
            details=without_sealed(row.details or {}),
            unit_name=row.unit_name,
        )
        for row in rows
    ]
    return AuditPage(lines, int(total or 0))


def audit_actions(conn: Connection, viewer: MemberView) -> list[str]:
    scope = audit_scope(conn, viewer)
    return sorted(conn.execute(select(audit_log.c.action).where(*scope).distinct()).scalars())


class AuditSearchRepository(FeatureRepository):
    """`AuditSearchStore` on the unit of work."""

    def audit_lines(
        self,
        viewer: MemberView,
        query: AuditQuery,
        window: tuple[datetime | None, datetime | None],
        offset: int,
        limit: int,
    ) -> AuditPage:
        return audit_lines(self.db, viewer, query, window, offset, limit)

    def audit_actions(self, viewer: MemberView) -> list[str]:
        return audit_actions(self.db, viewer)
