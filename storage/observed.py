"""The database's side of the metrics (bot/metrics.py): the outbox's backlog by channel and each
job's last run. Read at scrape time or once at start, so every query here stays on an index."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, func, select, text

from storage.schema import job_runs, outbox

WAITING = ("pending", "sending")  # a message not yet answered by its messenger


@dataclass(frozen=True)
class Backlog:
    channel: str
    depth: int  # messages waiting (a retry's wait included)
    oldest: datetime  # when the oldest of them was queued


def outbox_backlog(conn: Connection, channels: list[str], timeout: float) -> list[Backlog]:
    """Messages waiting on these channels, by channel: one GROUP BY on the outbox's queue index
    (channel, status, ...), so the settled rows (a month of them) are never read. On PostgreSQL
    the statement gives up after `timeout` seconds: a scrape must not add to a database's
    trouble."""
    if not channels:
        return []
    if conn.dialect.name == "postgresql":
        conn.execute(text(f"SET LOCAL statement_timeout = {max(1, int(timeout * 1000))}"))
    rows = conn.execute(
        select(outbox.c.channel, func.count(), func.min(outbox.c.created_at))
        .where(outbox.c.channel.in_(channels), outbox.c.status.in_(WAITING))
        .group_by(outbox.c.channel)
    ).all()
    return [Backlog(str(channel), int(depth), oldest) for channel, depth, oldest in rows]


def last_runs(conn: Connection, jobs: list[str]) -> dict[str, datetime]:
    """When each job last ran (its latest scheduled time's record): one lookup a job on the
    primary key (job, slot), whose slots are local ISO times in a zone without summer time, so
    they sort as they happened. A job with parts counts a part run as a run."""
    found: dict[str, datetime] = {}
    for job in jobs:
        ran_at = conn.execute(
            select(job_runs.c.ran_at)
            .where(job_runs.c.job == job)
            .order_by(job_runs.c.slot.desc())
            .limit(1)
        ).scalar_one_or_none()
        if ran_at is not None:
            found[job] = ran_at
    return found
