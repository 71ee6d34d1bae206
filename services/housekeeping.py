"""What the bot forgets and tidies: every night (the housekeeping job), every hour (idle
flows) and when it starts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from storage.housekeeping import RETAINED, HousekeepingRepository
from storage.unit_of_work import UnitOfWork

DELIVERY_MEMORY = timedelta(days=7)  # redeliveries come within minutes; a week is plenty
JOB_RUN_MEMORY = timedelta(days=400)  # over a year: the rarest job runs yearly
BATCH = 1000  # rows deleted in one transaction: SQLite's writers wait for one batch at most
NIGHTLY_BATCHES = 200  # per kind of data and night (200,000 rows); the rest the next night
SWEEP_GRACE = timedelta(hours=1)  # a file kept more recently may still get its row
TIDY, SWEEP = "tidy", "sweep"


@dataclass(frozen=True)
class Retention:
    """How long personal data is kept, in days (ANTT_RETAIN_*; 0: kept for good). Each kind is
    what its setting deletes (README, "Retention of personal data")."""

    entries_days: int = 0  # entries but tips, by when logged: their teammates and photos too
    tips_days: int = 0  # tips, with their sealed informant record, case and notes
    attachments_days: int = 0  # photos (rows, then files no row names), entries kept
    audit_days: int = 0  # audit log lines
    files_days: int = 30  # charts and workbooks made for a chat

    def days(self, kind: str) -> int:
        return {
            "files": self.files_days,
            "entries": self.entries_days,
            "tips": self.tips_days,
            "attachments": self.attachments_days,
            "audit": self.audit_days,
        }[kind]


KEEP_DEFAULTS = Retention()  # the settings' defaults: generated files a month, the rest kept


def nightly(work: UnitOfWork, now: datetime, outbox_kept: timedelta) -> None:
    """Forget delivery keys after a week, wrong invite codes after a day, settled outbox
    messages after `outbox_kept` and old job records. (Retention: `nightly_parts`.)"""
    rows = HousekeepingRepository(work)
    rows.forget_deliveries(now - DELIVERY_MEMORY)
    rows.forget_guesses(now)
    rows.forget_outbox(now - outbox_kept)
    rows.forget_job_runs(now - JOB_RUN_MEMORY)


def nightly_parts(work: UnitOfWork, now: datetime, retention: Retention) -> list[str]:
    """The night's housekeeping as parts, each one transaction: the tidying, a part per batch of
    each kind of data past its retention ("entries:3"), and the sweep of files no row names."""
    rows = HousekeepingRepository(work)
    parts = [TIDY]
    for kind in RETAINED:
        days = retention.days(kind)
        if days <= 0:
            continue
        due = rows.due(kind, now - timedelta(days=days))
        batches = min(-(-due // BATCH), NIGHTLY_BATCHES)
        parts += [f"{kind}:{n}" for n in range(1, batches + 1)]
    return [*parts, SWEEP]


def nightly_part(
    work: UnitOfWork, now: datetime, part: str, outbox_kept: timedelta, retention: Retention
) -> int:
    """One part of `nightly_parts` (the tidying for "" too); the rows or files deleted."""
    if part in ("", TIDY):
        nightly(work, now, outbox_kept)
        return 0
    rows = HousekeepingRepository(work)
    if part == SWEEP:
        return rows.sweep_files(now - SWEEP_GRACE)
    kind = part.partition(":")[0]
    days = retention.days(kind)
    if days <= 0:  # the setting changed since the parts were named
        return 0
    return rows.retain(kind, now - timedelta(days=days), BATCH)


def expire_chats(
    work: UnitOfWork, now: datetime, flow_timeout: timedelta, strangers: timedelta
) -> None:
    """Flows idle past the timeout are dropped with their answers; strangers' chat rows go."""
    HousekeepingRepository(work).expire(
        flows_idle_before=now - flow_timeout,
        minutes=int(flow_timeout.total_seconds() // 60),
        strangers_before=now - strangers,
    )


def tidy_at_start(work: UnitOfWork, now: datetime) -> None:
    """Forget old delivery keys and wrong invite codes; seal informants' answers left plain by
    an older version in a flow being typed."""
    rows = HousekeepingRepository(work)
    rows.forget_deliveries(now - DELIVERY_MEMORY)
    rows.seal_plain_answers(work.sealer.seal_text)
    rows.forget_guesses(now)
