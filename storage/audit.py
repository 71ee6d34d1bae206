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
