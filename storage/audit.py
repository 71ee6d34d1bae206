"""The audit log: who did what to which record, when."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, bindparam, insert, select

from services.ports import Audited
from storage.schema import audit_log, members

_RECORD = insert(audit_log)  # built once: this runs on every saved entry
# A member's act with no unit said concerns the member's own unit (the console's audit screen
# shows an admin the lines of their subtree).
_RECORD_IN_ACTORS_UNIT = insert(audit_log).values(
    unit_id=select(members.c.unit_id)
    .where(members.c.id == bindparam("actor_of_unit"))
    .scalar_subquery()
)


def record(conn: Connection, line: Audited) -> None:
    values = {
        "at": line.now,
        "actor_member_id": line.actor_member_id,
        "actor": line.who,
        "action": line.action,
        "target": line.target,
        "target_id": line.target_id,
        "details": dict(line.details),
    }
    if line.unit_id is None and line.actor_member_id is not None:
        conn.execute(_RECORD_IN_ACTORS_UNIT, {**values, "actor_of_unit": line.actor_member_id})
        return
    conn.execute(_RECORD, {**values, "unit_id": line.unit_id})


def record_on_entry(
    conn: Connection,
    member_id: int | None,
    action: str,
    reference: str,
    details: dict[str, Any],
    now: datetime,
) -> None:
    """An act on the entry `reference`: by a member, or by the system when `member_id` is None."""
    record(conn, Audited(action, "entries", reference, now, member_id, details))
