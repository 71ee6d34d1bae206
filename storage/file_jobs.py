"""Files to draw (`file_jobs`): what a turn or a job asked for, drawn in the render pool after
the transaction that asked commits (bot/drawer.py).

A row is `queued` (a job's, for the leader's drawer), `drawing` (an attempt holds it: the turn's
own process from the start, or whoever took it over), then `done` or `failed`. Every change of
hands compares the attempt number, so two processes never deliver the same file: a drawing
whose row was taken over (its process thought dead) finds it so when it finishes, and drops
its bytes.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, delete, func, insert, or_, select, update

from handlers.messages import Outgoing
from services.ports import FileJob, FileJobStore, FileRequest
from storage.members import as_language
from storage.schema import file_jobs, outbox
from storage.unit_of_work import FeatureRepository

QUEUED, DRAWING, DONE, FAILED = "queued", "drawing", "done", "failed"


class FileJobRepository(FeatureRepository, FileJobStore):
    """Asking for a file (`services.ports.FileJobStore`)."""

    def ask_file(self, request: FileRequest, now: datetime, *, here: bool = True) -> int:
        job_id = int(
            self.db.execute(
                insert(file_jobs)
                .values(
                    channel=request.channel,
                    chat_id=request.chat_id,
                    member_id=request.member_id,
                    kind=request.kind,
                    language=request.language,
                    payload=request.payload,
                    status=DRAWING if here else QUEUED,
                    attempts=1 if here else 0,
                    created_at=now,
                    started_at=now if here else None,
                )
                .returning(file_jobs.c.id)
            ).scalar_one()
        )
        if here:  # the conversation hands it to the pool once this transaction commits
            self.work.drawings.append(job_id)
        return job_id


def _job(row: Any) -> FileJob:
    request = FileRequest(
        row.kind,
        row.channel,
        row.chat_id,
        row.member_id,
        as_language(row.language),
        dict(row.payload),
    )
    return FileJob(row.id, request, row.status, row.attempts, row.created_at)


def load(conn: Connection, job_id: int) -> FileJob | None:
    row = conn.execute(select(file_jobs).where(file_jobs.c.id == job_id)).first()
    return None if row is None else _job(row)


def left_over(conn: Connection, stuck_before: datetime, limit: int) -> list[FileJob]:
    """Rows to take over, oldest first: queued ones, and drawings started before
    `stuck_before` (their process stopped, or died, before delivering)."""
    rows = conn.execute(
        select(file_jobs)
        .where(
            or_(
                file_jobs.c.status == QUEUED,
                and_(file_jobs.c.status == DRAWING, file_jobs.c.started_at < stuck_before),
            )
        )
        .order_by(file_jobs.c.id)
        .limit(limit)
    ).all()
    return [_job(row) for row in rows]


def take(conn: Connection, job: FileJob, now: datetime) -> int | None:
    """Take the row for a new attempt, unless someone changed it since it was read; the attempt
    number, or None."""
    taken = conn.execute(
        update(file_jobs)
        .where(
            file_jobs.c.id == job.id,
            file_jobs.c.status == job.status,
            file_jobs.c.attempts == job.attempts,
        )
        .values(status=DRAWING, attempts=job.attempts + 1, started_at=now)
    ).rowcount
    return job.attempts + 1 if taken else None


def _settle(
    conn: Connection, job_id: int, attempt: int, now: datetime, status: str, error: str | None
) -> bool:
    return bool(
        conn.execute(
            update(file_jobs)
            .where(
                file_jobs.c.id == job_id,
                file_jobs.c.status == DRAWING,
                file_jobs.c.attempts == attempt,
            )
            .values(status=status, done_at=now, error=error)
        ).rowcount
    )


def finish(conn: Connection, job_id: int, attempt: int, now: datetime) -> bool:
    """Mark the attempt's drawing done; False if the row was taken over meanwhile (deliver
    nothing then: the other attempt does)."""
    return _settle(conn, job_id, attempt, now, DONE, None)


def fail(conn: Connection, job_id: int, attempt: int, now: datetime, error: str) -> bool:
    """Give the row up; `error` names the exception's type only (its text may quote data)."""
    return _settle(conn, job_id, attempt, now, FAILED, error[:200])


def again(conn: Connection, job_id: int, attempt: int) -> bool:
    """Put the attempt's row back in the queue (a drawing cut short by a stop, or a failure
    worth another try): the next sweep takes it."""
    return bool(
        conn.execute(
            update(file_jobs)
            .where(
                file_jobs.c.id == job_id,
                file_jobs.c.status == DRAWING,
                file_jobs.c.attempts == attempt,
            )
            .values(status=QUEUED, started_at=None)
        ).rowcount
    )


def shown(
    conn: Connection, channel: str, chat_id: str, messages: list[Outgoing], now: datetime
) -> list[Outgoing]:
    """Messages answered within a turn's own reply, kept as the chat's history (the web chat)
    as that turn's replies are: with the ids the page dedups them by."""
    kept = []
    for message in messages:
        message_id = conn.execute(
            insert(outbox)
            .values(
                channel=channel,
                chat_id=chat_id,
                payload=message.to_dict(),
                status="sent",
                created_at=now,
                sent_at=now,
            )
            .returning(outbox.c.id)
        ).scalar_one()
        kept.append(message.with_id(int(message_id)))
    return kept


def depth(conn: Connection) -> dict[str, int]:
    """Rows waiting or being drawn, by status (for /metrics)."""
    rows = conn.execute(
        select(file_jobs.c.status, func.count())
        .where(file_jobs.c.status.in_([QUEUED, DRAWING]))
        .group_by(file_jobs.c.status)
    ).all()
    return {str(status): int(count) for status, count in rows}


def forget(conn: Connection, before: datetime) -> int:
    """Settled rows older than `before` (the files themselves have their own retention)."""
    return int(
        conn.execute(
            delete(file_jobs).where(
                file_jobs.c.status.in_([DONE, FAILED]), file_jobs.c.created_at < before
            )
        ).rowcount
    )


__all__ = [
    "DONE",
    "DRAWING",
    "FAILED",
    "QUEUED",
    "FileJobRepository",
    "again",
    "depth",
    "fail",
    "finish",
    "forget",
    "left_over",
    "load",
    "shown",
    "take",
]
