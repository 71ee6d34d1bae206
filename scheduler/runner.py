"""Runs the jobs: APScheduler 3 in the bot's process, its jobs kept in the bot's database.

- One leader (scheduler/leader.py: a PostgreSQL advisory lock, or a lock file beside an SQLite
  database) runs the jobs; the others try again every LEADER_RETRY seconds and take over if
  the leader dies.
- Jobs persist in `apscheduler_jobs`, so a restart keeps each job's next run time; a run missed
  while the bot was down is run once when it comes back (misfire grace unlimited, coalesced,
  and `catch_up` at start for a run APScheduler had started when the process died).
- Exactly once: each job's work records the scheduled time it runs for (job_runs) in its own
  transaction, so a second firing for the same time (a crash between the run and APScheduler's
  bookkeeping, a second leader) changes nothing.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime, timedelta, tzinfo

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from sqlalchemy import Connection

from scheduler.jobs import JOBS, Drafting, JobContext, JobSpec, Keeping
from scheduler.leader import Leadership
from services.ports import Renderer
from storage.database import Database
from storage.observed import last_runs
from storage.repository import Repository

log = logging.getLogger(__name__)
LOCK_KEY = 0x616E7474  # "antt": the advisory lock that elects the leader
LEADER_RETRY = 30.0

_running: JobRunner | None = None  # the runner APScheduler's stored jobs call back into


async def fire(job_name: str) -> None:
    """What APScheduler stores and calls (by reference, so it survives restarts)."""
    if _running is None:
        log.warning("scheduler: %s fired with no runner", job_name)
        return
    await _running.run_due(job_name, _running.now())


def trigger_for(spec: JobSpec, zone: tzinfo) -> CronTrigger:
    return CronTrigger(timezone=zone, **spec.cron)


def latest_slot(trigger: CronTrigger, now: datetime) -> datetime | None:
    """The last scheduled time at or before `now` (within the last year: a yearly job missed
    while the bot was down still runs when it is back)."""
    # Looked for in widening windows: an every-minute job is found in the first, never walked
    # minute by minute through a year.
    for back in (timedelta(minutes=2), timedelta(days=2), timedelta(days=366)):
        found: datetime | None = None
        moment = trigger.get_next_fire_time(None, now - back)
        while moment is not None and moment <= now:
            found = moment
            moment = trigger.get_next_fire_time(moment, moment + timedelta(seconds=1))
        if found is not None:
            return found
    return None


class JobRunner:
    def __init__(
        self,
        database: Database,
        repository: Callable[[Connection], Repository],
        zone: tzinfo,
        now: Callable[[], datetime],
        jobs: tuple[JobSpec, ...] = JOBS,
        renderer: Renderer | None = None,
        keeping: Keeping | None = None,
        drafting: Drafting | None = None,
    ) -> None:
        self.renderer = renderer
        self.drafting = drafting
        self.keeping = keeping or Keeping()
        self.database = database
        self.repository = repository
        self.zone = zone
        self.now = now
        self.jobs = {spec.name: spec for spec in jobs}
        self.scheduler: AsyncIOScheduler | None = None
        self.leadership = Leadership(database, LOCK_KEY, "scheduler")
        self._task: asyncio.Task[None] | None = None
        self._catching_up: asyncio.Task[None] | None = None
        # For bot/metrics.py: runs by (job, "ok" | "failed") since the process started, and
        # when each job last ran to the end (read from job_runs when this process takes the lead).
        self.tally: dict[tuple[str, str], int] = {}
        self.last_success: dict[str, datetime] = {}

    @property
    def is_leader(self) -> bool:
        return self.scheduler is not None

    # Running one job for its latest scheduled time
    async def run_due(self, job_name: str, now: datetime) -> int | None:
        """`_run_due`, counted (a run that found its time done already is not a run)."""
        try:
            queued = await self._run_due(job_name, now)
        except Exception:
            self.tally[job_name, "failed"] = self.tally.get((job_name, "failed"), 0) + 1
            raise
        if queued is not None:
            self.tally[job_name, "ok"] = self.tally.get((job_name, "ok"), 0) + 1
            self.last_success[job_name] = self.now()
        return queued

    async def _run_due(self, job_name: str, now: datetime) -> int | None:
        """Run `job_name` for its latest scheduled time at or before `now`, unless that time
        has been run already. The number of messages queued, or None if nothing was due.

        A job with parts (the weekly board: one per plan and commune) runs each part in its own
        transaction, recorded as done on its own, so a crash midway resumes with the parts
        left; the time is recorded as done once every part is."""
        spec = self.jobs[job_name]
        slot = latest_slot(trigger_for(spec, self.zone), now.astimezone(self.zone))
        if slot is None:
            return None
        stamp = slot.isoformat()
        if await self.database.run(lambda c: self._job(c).calendar.has_run(spec.name, stamp)):
            return None
        parts = [""]
        if spec.parts is not None:
            parts = await self.database.run_long(lambda c: spec.parts(self._job(c), slot))  # type: ignore[misc]
        queued: int | None = None
        for part in parts:

            def work(conn: Connection, part: str = part) -> int | None:
                # The record and the messages commit together: all of a run, or none of it.
                job = self._job(conn)
                key = f"{stamp}#{part}" if part else stamp
                if not job.calendar.claim_run(spec.name, key, now):
                    return None
                return spec.work(job, slot, part)

            done = await self.database.run_long(work)
            if done is not None:
                queued = (queued or 0) + done
        if spec.parts is not None:
            await self.database.run(
                lambda c: self._job(c).calendar.claim_run(spec.name, stamp, now)
            )
            queued = queued or 0
        if queued:
            log.info("scheduler: %s for %s queued %d messages", job_name, slot, queued)
        elif queued is not None:  # every minute for scheduled broadcasts: not worth a line each
            log.debug("scheduler: %s for %s queued nothing", job_name, slot)
        return queued

    def _job(self, connection: Connection) -> JobContext:
        """The unit of work of one transaction the runner opened, as the jobs see it."""
        return JobContext(self.repository(connection), self.renderer, self.keeping, self.drafting)

    # Leadership and APScheduler
    async def start(self) -> None:
        global _running
        _running = self
        if await self.leadership.acquire():
            await self._start_scheduler()
        else:
            self._task = asyncio.create_task(self._wait_to_lead(), name="scheduler-election")

    async def stop(self) -> None:
        global _running
        for task in (self._task, self._catching_up):
            if task is not None:  # a part cut short rolls back and runs again next time
                task.cancel()
                await asyncio.gather(task, return_exceptions=True)
        if self.scheduler is not None:
            self.scheduler.shutdown(wait=False)
            self.scheduler = None
        await self.leadership.release()
        if _running is self:
            _running = None

    async def _wait_to_lead(self) -> None:
        while True:
            await asyncio.sleep(LEADER_RETRY)
            if await self.leadership.acquire():
                await self._start_scheduler()
                return

    async def _start_scheduler(self) -> None:
        store = SQLAlchemyJobStore(engine=self.database.blocking_engine())
        scheduler = AsyncIOScheduler(
            jobstores={"default": store},
            timezone=self.zone,
            job_defaults={"coalesce": True, "misfire_grace_time": None, "max_instances": 1},
        )
        scheduler.start(paused=True)
        for spec in self.jobs.values():
            trigger = trigger_for(spec, self.zone)
            stored = scheduler.get_job(spec.name)
            # A stored job keeps its next run time (a run missed while down is still due);
            # it is replaced only when its schedule changed.
            if stored is None or str(stored.trigger) != str(trigger):
                scheduler.add_job(
                    fire,
                    trigger,
                    args=[spec.name],
                    id=spec.name,
                    name=spec.name,
                    replace_existing=True,
                )
        for stale in {job.id for job in scheduler.get_jobs()} - set(self.jobs):
            scheduler.remove_job(stale)
        scheduler.resume()
        self.scheduler = scheduler
        await self._recall_last_runs()
        log.info("scheduler: leading; jobs %s", ", ".join(sorted(self.jobs)))
        # In the background: the bot serves at once, even when a catch-up is long.
        self._catching_up = asyncio.create_task(self.catch_up(), name="scheduler-catch-up")

    async def _recall_last_runs(self) -> None:
        """Each job's last run from job_runs, so a restart does not look like jobs never ran."""
        try:
            found = await self.database.run(lambda c: last_runs(c, list(self.jobs)))
        except Exception:  # only the metrics miss it
            log.warning("scheduler: the last runs cannot be read", exc_info=True)
            return
        for job, ran_at in found.items():
            if job not in self.last_success or self.last_success[job] < ran_at:
                self.last_success[job] = ran_at

    async def caught_up(self) -> None:
        """Wait for the catch-up started with the lead (tests, and a CLI run of the jobs)."""
        if self._catching_up is not None:
            await self._catching_up

    async def catch_up(self) -> None:
        """Run each job for its latest scheduled time if that has not run: APScheduler moves a
        job's next run time on when it starts it, so a process killed mid-run would otherwise
        lose that run. (Done twice is harmless: job_runs lets one through.)"""
        now = self.now()
        for name in self.jobs:
            try:
                await self.run_due(name, now)
            except Exception:
                log.exception("scheduler: catching up %s failed", name)
