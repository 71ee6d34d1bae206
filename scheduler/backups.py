"""The daily backup (on while ANTT_BACKUP_DIR is set): at ANTT_BACKUP_AT, local time, an archive
into that folder (encrypted when ANTT_BACKUP_PASSPHRASE is set), the newest ANTT_BACKUP_KEEP
kept.

The job's transaction only records the run (job_runs, as every job's): the archive is made
after it, in a thread of its own (the job's run counts as failed in /metrics if it fails), since a copy of a province's database and photos takes minutes, and held
inside a job's transaction it would stop every turn (SQLite's write lock) or the event loop
(PostgreSQL's jobs run on it)."""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol

from campaign.catalogs import text
from scheduler.jobs import JobContext, JobSpec
from storage import backup
from storage.backup import BackupError, Made, Said, Source

log = logging.getLogger(__name__)
JOB_NAME = "backup"


class BackupSettings(Protocol):
    """What the daily backup reads of the settings (bot/settings.py's Settings)."""

    data_dir: Path
    secret_key: str
    backup_dir: Path | None
    backup_keep: int
    backup_at: str
    backup_passphrase: str

    @property
    def resolved_database_url(self) -> str: ...


@dataclass(frozen=True)
class Daily:
    source: Source
    folder: Path
    keep: int
    passphrase: str = ""


def _logged(said: Said) -> None:
    log.info("backup: %s", text(said.key, "en", **said.values))


def run_daily(daily: Daily, slot: datetime) -> Made | None:
    """Make the slot's archive and prune the folder; failures are logged, never raised (a
    thread has no one to raise them to)."""
    with backup.exclusive() as free:
        if not free:
            log.warning("backup: %s", text("backup_busy", "en"))
            return None
        name = backup.default_name(slot, encrypted=bool(daily.passphrase))
        try:
            made = backup.make_backup(
                daily.source, daily.folder / name, passphrase=daily.passphrase, say=_logged
            )
        except BackupError as error:
            log.error("backup: failed: %s", text(error.said.key, "en", **error.said.values))
            return None
        except Exception:
            log.exception("backup: failed")
            return None
        gone = backup.prune(daily.folder, daily.keep)
        if gone:
            _logged(Said("backup_pruned", {"count": len(gone), "keep": daily.keep}))
        return made


class BackupFailed(Exception):
    """The daily archive was not made (why is in the log): the job's run counts as failed."""


async def in_thread(work: Callable[[], Made | None]) -> Made | None:
    """`work` in a daemon thread, awaited: stopping the bot does not wait for a backup (one
    cut short leaves only its `.part` file, which the next run deletes)."""
    loop = asyncio.get_running_loop()
    made: asyncio.Future[Made | None] = loop.create_future()

    def run() -> None:
        try:
            outcome: Made | None = work()
        except BaseException:  # run_daily logs and returns None; anything else is a bug
            log.exception("backup: failed")
            outcome = None
        if not loop.is_closed():
            loop.call_soon_threadsafe(_settle, made, outcome)

    threading.Thread(target=run, name="antt-backup", daemon=True).start()
    return await made


def _settle(made: asyncio.Future[Made | None], outcome: Made | None) -> None:
    if not made.done():
        made.set_result(outcome)


def daily_backup(
    settings: BackupSettings,
    start: Callable[[Callable[[], Made | None]], Awaitable[Made | None]] = in_thread,
) -> tuple[JobSpec, ...]:
    """The backup job when a backup folder is set, else none."""
    if settings.backup_dir is None:
        return ()
    hour, minute = (int(part) for part in settings.backup_at.split(":"))
    daily = Daily(
        Source(settings.data_dir, settings.resolved_database_url, settings.secret_key),
        settings.backup_dir,
        settings.backup_keep,
        settings.backup_passphrase,
    )

    def work(job: JobContext, slot: datetime, part: str) -> int:
        return 0  # the run is recorded; the archive is made after, out of the transaction

    async def archive(slot: datetime) -> None:
        if await start(lambda: run_daily(daily, slot)) is None:
            raise BackupFailed(slot.isoformat())

    return (JobSpec(JOB_NAME, {"hour": hour, "minute": minute}, work, after=archive),)
