"""What the bot forgets and tidies: every night (the housekeeping job), every hour (idle
flows) and when it starts."""

from __future__ import annotations

from datetime import datetime, timedelta

from storage.housekeeping import HousekeepingRepository
from storage.unit_of_work import UnitOfWork

DELIVERY_MEMORY = timedelta(days=7)  # redeliveries come within minutes; a week is plenty
FILE_MEMORY = timedelta(days=30)  # charts and workbooks made for a chat
JOB_RUN_MEMORY = timedelta(days=400)  # over a year: the rarest job runs yearly


def nightly(work: UnitOfWork, now: datetime, outbox_kept: timedelta) -> None:
    """Forget delivery keys after a week, generated files after a month, wrong invite codes
    after a day, settled outbox messages after `outbox_kept` and old job records."""
    rows = HousekeepingRepository(work)
    rows.forget_deliveries(now - DELIVERY_MEMORY)
    rows.forget_guesses(now)
    rows.forget_files(now - FILE_MEMORY)
    rows.forget_outbox(now - outbox_kept)
    rows.forget_job_runs(now - JOB_RUN_MEMORY)


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
