"""The audit log: who did what to which record, when."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert

from services.ports import Audited
from storage.schema import audit_log

_RECORD = insert(audit_log)  # built once: this runs on every saved entry


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
    conn.execute(_RECORD, values)


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
