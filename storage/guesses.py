"""Counters of wrong invite codes (campaign/guessing decides what they mean)."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import datetime

from sqlalchemy import Connection, case, func, select, update

from campaign.guessing import FORGET_AFTER, wait_after
from storage.schema import invite_guesses as guesses
from storage.upsert import insert_for


def blocked_until(conn: Connection, keys: Collection[str], now: datetime) -> datetime | None:
    """Until when any of these chats or addresses must wait (None: they may try now)."""
    found: datetime | None = conn.execute(
        select(func.max(guesses.c.blocked_until)).where(
            guesses.c.key.in_(list(keys)), guesses.c.blocked_until > now
        )
    ).scalar()
    return found


def failed(conn: Connection, free: Mapping[str, int], now: datetime) -> datetime | None:
    """Count one wrong code against each key (with its free tries); until when they now wait."""
    latest: datetime | None = None
    for key in sorted(free):  # one order in every process: no deadlock on a shared address
        upsert = insert_for(conn, guesses).values(
            key=key, failures=1, last_failed_at=now, blocked_until=None
        )
        failures = conn.execute(
            upsert.on_conflict_do_update(
                index_elements=[guesses.c.key],
                set_={
                    "failures": case(
                        (guesses.c.last_failed_at < now - FORGET_AFTER, 1),
                        else_=guesses.c.failures + 1,
                    ),
                    "last_failed_at": now,
                },
            ).returning(guesses.c.failures)
        ).scalar_one()
        wait = wait_after(int(failures), free[key])
        if wait is None:
            continue
        until = now + wait
        conn.execute(update(guesses).where(guesses.c.key == key).values(blocked_until=until))
        latest = until if latest is None else max(latest, until)
    return latest


def prune(conn: Connection, now: datetime) -> int:
    """Forget counters with no failure for a day (their wait is long over)."""
    return int(
        conn.execute(guesses.delete().where(guesses.c.last_failed_at < now - FORGET_AFTER)).rowcount
    )
