"""The audit log: who did what to which record, when."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, insert

from storage.schema import audit_log

_RECORD = insert(audit_log)  # built once: this runs on every saved entry


def record(
    conn: Connection,
    actor: str,
    actor_member_id: int | None,
    action: str,
    target: str,
    target_id: str,
    details: dict[str, Any],
    now: datetime,
) -> None:
    conn.execute(
        _RECORD,
        {
            "at": now,
            "actor_member_id": actor_member_id,
            "actor": actor,
            "action": action,
            "target": target,
            "target_id": target_id,
            "details": details,
        },
    )


def record_on_entry(
    conn: Connection,
    member_id: int | None,
    action: str,
    reference: str,
    details: dict[str, Any],
    now: datetime,
) -> None:
    """An act on the entry `reference`: by a member, or by the system when `member_id` is None."""
    actor = "system" if member_id is None else "member"
    record(conn, actor, member_id, action, "entries", reference, details, now)
