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
- The weekly board's charts are drawn after their part's transaction, by `draw` (the render
  pool's processes, off this event loop), once per commune and language, then kept and queued
  in a short transaction of their own; the chats waiting for them are `file_jobs` rows written
  with the part, so a drawing lost to a crash is drawn again when the job runs again.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from functools import partial

from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from sqlalchemy import Connection

from campaign.localized import Language
from scheduler.jobs import (
    JOBS,
    Drafting,
    Drawing,
    JobContext,
    JobSpec,
    Keeping,
    board_again,
    keep_drawing,
    weekly_chart,
)
from scheduler.leader import Leadership
from services.ports import Ranking, Renderer
from storage.database import Database
from storage.observed import last_runs
from storage.repository import Repository

log = logging.getLogger(__name__)
LOCK_KEY = 0x616E7474  # "antt": the advisory lock that elects the leader
LEADER_RETRY = 30.0
PARTS_AT_ONCE = 4  # on PostgreSQL: each part is its own transaction on its own connection
DRAW_ATTEMPTS = 3  # a drawing that failed this often is given up (the text went anyway)

# Draws a board's charts and workbook in a language: (PNG images, XLSX).
Draw = Callable[[Ranking, Language], Awaitable[tuple[list[bytes], bytes]]]


@dataclass(frozen=True)
class PartsRun:
    """How the last run of a job in parts went (the bench reads it)."""

    parts: int
    texts_seconds: float  # until every part's transaction committed (their text notices)
    drawings: int  # charts and workbooks drawn (one per commune and language)
    charts: int  # chart images among them
    seconds: float  # until every drawing was kept and queued


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
        draw: Draw | None = None,
    ) -> None:
        self.renderer = renderer
        # Charts are drawn by `draw` (the render pool), else by `renderer` in a thread.
        self.draw = draw if draw is not None else _in_a_thread(renderer)
        self.concurrency = 1 if database.is_sqlite else PARTS_AT_ONCE
        self.last_parts: PartsRun | None = None
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
        if spec.parts is not None:
            queued = await self._run_parts(spec, slot, stamp, parts, now)
            await self.database.run(
                lambda c: self._job(c).calendar.claim_run(spec.name, stamp, now)
            )
        else:

            def work(conn: Connection) -> int | None:
                # The record and the messages commit together: all of a run, or none of it.
                job = self._job(conn)
                if not job.calendar.claim_run(spec.name, stamp, now):
                    return None
                return spec.work(job, slot, "")

            queued = await self.database.run_long(work)
        if queued is not None and spec.after is not None:
            await spec.after(slot)
        if queued:
            log.info("scheduler: %s for %s queued %d messages", job_name, slot, queued)
        elif queued is not None:  # every minute for scheduled broadcasts: not worth a line each
            log.debug("scheduler: %s for %s queued nothing", job_name, slot)
        return queued

    async def _run_parts(
        self, spec: JobSpec, slot: datetime, stamp: str, parts: list[str], now: datetime
    ) -> int:
        """Each part in its own transaction (a few at once where the spec allows it and the
        database has connections for them); a part that fails stops the parts not started yet
        and is raised once the others have finished. Drawings start as their part commits."""
        started = time.perf_counter()
        gate = asyncio.Semaphore(self.concurrency if spec.concurrent else 1)
        failed: list[Exception] = []
        drawn: list[asyncio.Task[tuple[int, int]]] = []
        queued = 0

        async def one(part: str) -> None:
            nonlocal queued

            def work(conn: Connection) -> tuple[int, list[Drawing]] | None:
                job = self._job(conn, drawing=spec.draws and self.draw is not None)
                if not job.calendar.claim_run(spec.name, f"{stamp}#{part}" if part else stamp, now):
                    return None
                return spec.work(job, slot, part), list(job.drawings or ())

            async with gate:
                if failed:
                    return
                try:
                    done = await self.database.run_long(work)
                except Exception as error:
                    failed.append(error)
                    return
            if done is not None:
                queued += done[0]
                drawn.extend(asyncio.create_task(self._drawn(d, now)) for d in done[1])

        if spec.draws:  # before any part: every row waiting now was left by an earlier run
            drawn += await self._left_waiting(stamp, now)
        await asyncio.gather(*(one(part) for part in parts))
        texts = time.perf_counter() - started
        results = await asyncio.gather(*drawn)
        self.last_parts = PartsRun(
            len(parts),
            texts,
            sum(1 for _, images in results if images),
            sum(images for _, images in results),
            time.perf_counter() - started,
        )
        if failed:
            raise failed[0]
        return queued + sum(messages for messages, _ in results)

    async def _drawn(self, drawing: Drawing, now: datetime) -> tuple[int, int]:
        """Draw, then keep and queue for the chats still waiting: (messages, images drawn).
        A drawing that fails is tried again (a worker killed, out of memory) a few times,
        then given up: the officers had the text, and /bangxephang draws it on demand."""
        assert self.draw is not None
        for attempt in range(1, DRAW_ATTEMPTS + 1):
            try:
                charts, workbook = await self.draw(drawing.board, drawing.lang)
            except Exception as error:
                log.exception("scheduler: drawing %s failed", drawing.board.scope_name)
                name, last = type(error).__name__, attempt == DRAW_ATTEMPTS
                await self.database.run(partial(self._failed, drawing.waiting, name, last))
                continue
            kept = partial(self._keep, drawing.waiting, charts, workbook, now)
            return await self.database.run(kept), len(charts)
        return 0, 0

    def _failed(self, waiting: tuple[int, ...], error: str, last: bool, conn: Connection) -> None:
        self._job(conn).boards.drawing_failed(waiting, error, last)

    def _keep(
        self,
        waiting: tuple[int, ...],
        charts: list[bytes],
        workbook: bytes,
        now: datetime,
        conn: Connection,
    ) -> int:
        return keep_drawing(self._job(conn), waiting, charts, workbook, now)

    async def _left_waiting(self, stamp: str, now: datetime) -> list[asyncio.Task[tuple[int, int]]]:
        """Drawings of this run a crash (or a failure) left waiting: the boards read again."""
        if self.draw is None:
            return []

        def read(conn: Connection) -> list[Drawing]:
            job = self._job(conn)
            groups: dict[tuple[str, str], list[int]] = {}
            payloads: dict[tuple[str, str], dict[str, object]] = {}
            for row in job.boards.still_waiting(DRAW_ATTEMPTS):
                if row.payload.get("slot") != stamp:
                    continue
                key = (str(row.payload["part"]), row.language)
                groups.setdefault(key, []).append(row.id)
                payloads[key] = row.payload
            found = []
            for key, ids in groups.items():
                again = board_again(job, payloads[key])
                if again is not None:
                    found.append(Drawing(again[0], key[1], tuple(ids)))
            return found

        left = await self.database.run_long(read)
        if left:
            log.info("scheduler: drawing %d boards left waiting", len(left))
        return [asyncio.create_task(self._drawn(d, now)) for d in left]

    def _job(self, connection: Connection, *, drawing: bool = False) -> JobContext:
        """The unit of work of one transaction the runner opened, as the jobs see it."""
        return JobContext(
            self.repository(connection),
            self.renderer,
            self.keeping,
            self.drafting,
            [] if drawing else None,
        )

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


def _in_a_thread(renderer: Renderer | None) -> Draw | None:
    """Drawing by a renderer in this process (tests, a bot without a pool), off the loop."""
    if renderer is None:
        return None

    def both(board: Ranking, lang: Language) -> tuple[list[bytes], bytes]:
        return renderer.charts(weekly_chart(board), lang), renderer.xlsx(board, lang)

    async def draw(board: Ranking, lang: Language) -> tuple[list[bytes], bytes]:
        return await asyncio.to_thread(both, board, lang)

    return draw
