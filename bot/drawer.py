"""Files drawn off the conversation path (issue 16): what a turn or a job asked for
(`file_jobs`), drawn in the render pool, then kept and sent.

A turn that asks for a chart answers at once ("Đang vẽ biểu đồ…") and commits; then:
1. a short transaction reads the request and rebuilds what to draw from its plain payload
   (the ranking, the grading board, the report's figures);
2. a worker process draws it (bot/render_pool.py): the event loop serves other chats meanwhile;
3. a short transaction keeps the files and queues the messages through the outbox, so the
   file reaches a messenger by its paced lane and the web chat by its mailbox.
A drawing done within QUICK seconds rides in the turn's own reply instead.

Rows a stopped process left (`queued`, or `drawing` for longer than STUCK) are taken over by
the leader's sweep, or a process running no scheduler's (it never leads); the attempt number on
the row makes sure only one attempt delivers.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import Enum
from functools import partial
from pathlib import Path
from typing import Protocol

from sqlalchemy import Connection

from bot import render_pool
from bot.render_pool import BrokenTemplate, RenderPool
from campaign.catalogs import said, text
from campaign.report_content import Rendered, ReportData
from handlers.messages import Notice, Outgoing
from services import documents, grading, reports, standings
from services.ports import FileJob, GradingBoard, MemberView, Ranking
from services.refusals import Refused
from storage import file_jobs, outbox
from storage.database import Database
from storage.repository import Repository

log = logging.getLogger(__name__)
QUICK = 0.1  # seconds a turn waits for its file before answering without it
STUCK = timedelta(minutes=5)  # a drawing this old lost its process: taken over
MAX_ATTEMPTS = 3  # a request that failed this often is given up, and its reader told
SWEEP_EVERY = 5.0  # seconds between the leader's looks for rows left over
FORGET_AFTER = timedelta(days=7)  # settled rows kept this long (the files have their own)


@dataclass(frozen=True)
class Tasks:
    """The worker functions each kind of file is drawn with (tests slow them down)."""

    standings: Callable[[Ranking, str], tuple[list[bytes], bytes]] = render_pool.standings_files
    grades: Callable[[GradingBoard, str], bytes] = render_pool.grades_xlsx
    report: Callable[[ReportData, Path | None], Rendered | BrokenTemplate] = (
        render_pool.report_files
    )


@dataclass(frozen=True)
class Delivery:
    chat: list[Outgoing]  # for the chat that asked
    notices: list[Notice] = field(default_factory=list)  # for others (a draft's officers)


class Sketch(Protocol):
    """One request, rebuilt and ready to draw; then drawn, ready to keep."""

    job: FileJob

    async def draw(self, pool: RenderPool, tasks: Tasks) -> None: ...

    def deliver(self, store: Repository, now: datetime) -> Delivery: ...


@dataclass
class StandingsSketch:
    job: FileJob
    board: Ranking
    drawn: tuple[list[bytes], bytes] | None = None

    async def draw(self, pool: RenderPool, tasks: Tasks) -> None:
        self.drawn = await pool.run(tasks.standings, self.board, self.job.request.language)

    def deliver(self, store: Repository, now: datetime) -> Delivery:
        assert self.drawn is not None
        request = self.job.request
        charts, workbook = self.drawn
        chat = (request.channel, request.chat_id)
        kept = standings.keep_drawn(
            store, charts, workbook, chat=chat, now=now, made=self.board.made_at
        )
        return Delivery(kept.messages(request.language))


@dataclass
class GradesSketch:
    job: FileJob
    board: GradingBoard
    drawn: bytes | None = None

    async def draw(self, pool: RenderPool, tasks: Tasks) -> None:
        self.drawn = await pool.run(tasks.grades, self.board, self.job.request.language)

    def deliver(self, store: Repository, now: datetime) -> Delivery:
        assert self.drawn is not None
        request = self.job.request
        chat = (request.channel, request.chat_id)
        token = grading.keep_workbook(store, self.board, self.drawn, chat=chat, now=now)
        caption = text("grading_workbook", request.language)
        return Delivery([Outgoing(text=caption, file_url=f"/files/{token}")])


@dataclass
class ReportSketch:
    job: FileJob
    planned: reports.Planned
    data: ReportData
    templates: Path | None
    drawn: Rendered | None = None

    async def draw(self, pool: RenderPool, tasks: Tasks) -> None:
        made = await pool.run(tasks.report, self.data, self.templates)
        if isinstance(made, BrokenTemplate):
            reason = said("report_template_broken", template=made.template, problem=made.problem)
            raise Refused(reason)
        self.drawn = made

    def deliver(self, store: Repository, now: datetime) -> Delivery:
        assert self.drawn is not None
        built = reports.keep(store, self.planned, self.data, self.drawn)
        if self.job.request.kind == reports.DRAFT:
            from scheduler.jobs import draft_notices  # the job's own wording of a draft

            return Delivery([], draft_notices(store, built, now))
        return Delivery(self._shown(store, built, now))

    def _shown(
        self, store: Repository, built: reports.BuiltReport, now: datetime
    ) -> list[Outgoing]:
        """The drafted report's two files, opened for the officer who asked (audited)."""
        request, data, row = self.job.request, built.data, built.row
        lang = request.language
        caption = text(
            "report_desk_ready",
            lang,
            title=data.deadline_title,
            unit=data.heading.unit_name,
            due=f"{data.due:%d/%m/%Y}",
            starts=f"{data.span.starts:%d/%m/%Y}",
            ends=f"{data.span.as_of:%d/%m/%Y}",
        )
        reader = self.planned.builder
        assert isinstance(reader, MemberView)
        shown = []
        for document_id, says in (
            (row.document_id, caption),
            (row.annex_id, text("report_draft_annex", lang)),
        ):
            if document_id is None:
                continue
            try:
                found, content = documents.open_document(store, store, reader, document_id, now)
            except Refused as refused:
                shown.append(Outgoing(text=refused.reason.get(lang)))
                continue
            token = store.save_file(
                request.channel,
                request.chat_id,
                found.original_name,
                found.content_type,
                content,
                now,
            )
            shown.append(Outgoing(text=says, file_url=f"/files/{token}"))
        return shown


def prepare(store: Repository, job: FileJob, templates: Path | None) -> Sketch:
    """What the request draws, read again in a short transaction (refused as its service
    refuses: the reader lost the role, the plan ended)."""
    request = job.request
    if request.kind == standings.FILES:
        return StandingsSketch(job, standings.asked_ranking(store, store, request))
    if request.kind == grading.WORKBOOK:
        return GradesSketch(job, grading.asked_board(store, store, request))
    if request.kind in (reports.REPORT, reports.DRAFT):
        planned = reports.asked(store, store, request)
        return ReportSketch(job, planned, planned.gather(store), templates)
    raise ValueError(f"no drawing of kind {request.kind!r}")


class How(Enum):
    QUEUED = "queued"  # through the outbox (the turn answered already)
    REPLY = "reply"  # in the turn's reply (a messenger's)
    HISTORY = "history"  # in the turn's reply, kept in the chat's history (the web chat)


@dataclass(frozen=True)
class Attempt:
    job_id: int
    number: int


class Drawer:
    def __init__(
        self,
        database: Database,
        repository: Callable[[Connection], Repository],
        pool: RenderPool,
        now: Callable[[], datetime],
        templates: Path | None = None,
    ) -> None:
        self.database = database
        self.repository = repository
        self.pool = pool
        self.now = now
        self.templates = templates  # the province's report templates (ANTT_REPORT_TEMPLATES)
        self.tasks = Tasks()
        self.quick = QUICK
        self.limit = 2 * pool.workers  # rows the sweep keeps in hand at once
        self._running: dict[asyncio.Task[None], Attempt] = {}
        self._swept: set[asyncio.Task[None]] = set()
        self._sweeping: asyncio.Task[None] | None = None
        self._wake = asyncio.Event()
        self._forgot_at: datetime | None = None

    # --- a turn's requests ---
    async def after_turn(self, job_ids: list[int], *, keep_history: bool) -> list[Outgoing]:
        """Start drawing what the committed turn asked for; what is drawn within `quick`
        seconds, to add to the turn's reply (the rest comes through the outbox)."""
        loop = asyncio.get_running_loop()
        handoffs: list[asyncio.Future[Sketch]] = []
        for job_id in job_ids:
            handoff: asyncio.Future[Sketch] = loop.create_future()
            self._start(Attempt(job_id, 1), handoff)
            handoffs.append(handoff)
        try:
            await asyncio.wait(handoffs, timeout=self.quick)
        except asyncio.CancelledError:  # the turn's caller went away: send them later
            for sketch in _ready(handoffs):
                self._later(sketch)
            raise
        how = How.HISTORY if keep_history else How.REPLY
        replies: list[Outgoing] = []
        for sketch in _ready(handoffs):
            try:
                replies += await self.database.run(partial(self._deliver, sketch=sketch, how=how))
            except Exception:
                log.exception("drawer: keeping request %s failed; sent later", sketch.job.id)
                self._later(sketch)
        return replies

    # --- the leader's sweep of rows left over ---
    async def sweep(self) -> int:
        """Take over rows left queued (a job's) or drawing too long (a stopped process's), as
        many as the pool has room for; how many were taken."""
        room = self.limit - len(self._swept)
        if room <= 0:
            return 0
        now = self.now()
        # Drawings of this process are alive, however long they waited in the pool's queue.
        alive = {(attempt.job_id, attempt.number) for attempt in self._running.values()}

        def take(conn: Connection) -> list[Attempt]:
            taken: list[Attempt] = []
            for job in file_jobs.left_over(conn, now - STUCK, room + len(alive)):
                if (job.id, job.attempts) in alive:
                    continue
                if len(taken) >= room:
                    break
                if job.attempts >= MAX_ATTEMPTS:  # it failed (or took its process down) enough
                    if file_jobs.fail(conn, job.id, job.attempts, now, "attempts"):
                        self._tell_failed(conn, job, now)
                    continue
                number = file_jobs.take(conn, job, now)
                if number is not None:
                    taken.append(Attempt(job.id, number))
            if self._forgot_at is None or now - self._forgot_at > timedelta(hours=1):
                file_jobs.forget(conn, now - FORGET_AFTER)
                self._forgot_at = now
            return taken

        taken = await self.database.run(take)
        for attempt in taken:
            self._swept.add(self._start(attempt, None))
        return len(taken)

    async def start(self, leading: Callable[[], bool]) -> None:
        """Sweep while `leading` (the jobs' leader): at once, then every SWEEP_EVERY seconds
        or as soon as a swept drawing ends."""
        self._sweeping = asyncio.create_task(self._sweep_while(leading), name="drawer-sweep")

    async def _sweep_while(self, leading: Callable[[], bool]) -> None:
        while True:
            if leading():
                try:
                    await self.sweep()
                except Exception:
                    log.exception("drawer: sweep failed")
            self._wake.clear()
            # Not asyncio.wait_for: on Python 3.11 a cancel that comes just as the wait ends
            # (a swept drawing ended, then a stop) is swallowed, the loop goes on, and `stop`
            # waits for it for ever (CPython gh-86296). asyncio.timeout lets the cancel through.
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(SWEEP_EVERY):
                    await self._wake.wait()

    async def drain(self) -> None:
        """Wait for every drawing under way, and the deliveries they start (tests, the CLI)."""
        while self._running:
            await asyncio.gather(*list(self._running), return_exceptions=True)

    async def stop(self) -> None:
        """Stop sweeping; drawings under way are cut short and their rows queued again, for
        the next process to draw."""
        if self._sweeping is not None:
            self._sweeping.cancel()
            await asyncio.gather(self._sweeping, return_exceptions=True)
            self._sweeping = None
        running = dict(self._running)
        for task in running:
            task.cancel()
        await asyncio.gather(*running, return_exceptions=True)
        if not running:
            return

        def requeue(conn: Connection) -> None:
            for attempt in running.values():
                file_jobs.again(conn, attempt.job_id, attempt.number)

        try:
            await self.database.run(requeue)
        except Exception:
            log.exception("drawer: could not queue %d drawings again", len(running))

    # --- one attempt ---
    def _start(
        self, attempt: Attempt, handoff: asyncio.Future[Sketch] | None
    ) -> asyncio.Task[None]:
        task = asyncio.create_task(self._attempt(attempt, handoff), name="drawer")
        self._running[task] = attempt
        task.add_done_callback(self._ended)
        return task

    def _ended(self, task: asyncio.Task[None]) -> None:
        self._running.pop(task, None)
        if task in self._swept:
            self._swept.discard(task)
            self._wake.set()  # room for another row left over

    def _later(self, sketch: Sketch) -> None:
        attempt = Attempt(sketch.job.id, sketch.job.attempts)
        task = asyncio.create_task(self._deliver_later(sketch), name="drawer-deliver")
        self._running[task] = attempt
        task.add_done_callback(self._ended)

    async def _attempt(self, attempt: Attempt, handoff: asyncio.Future[Sketch] | None) -> None:
        try:
            sketch = await self._draw(attempt)
        except asyncio.CancelledError:
            raise
        except Exception as error:
            log.exception("drawer: request %s failed", attempt.job_id)
            await self._failed(attempt, type(error).__name__)
            return
        if sketch is None:
            return
        if handoff is not None and not handoff.done():  # the turn still waits: it delivers
            handoff.set_result(sketch)
            return
        await self._deliver_later(sketch)

    async def _draw(self, attempt: Attempt) -> Sketch | None:
        job = await self.database.run(lambda conn: file_jobs.load(conn, attempt.job_id))
        if job is None or job.status != file_jobs.DRAWING or job.attempts != attempt.number:
            return None  # taken over, or settled, meanwhile
        reading = self.database.run
        if job.request.kind in (reports.REPORT, reports.DRAFT):
            reading = self.database.run_long  # a report's figures: many reads
        try:
            sketch = await reading(lambda conn: prepare(self.repository(conn), job, self.templates))
            await sketch.draw(self.pool, self.tasks)
        except Refused as refused:
            await self._refused(job, refused)
            return None
        return sketch

    async def _deliver_later(self, sketch: Sketch) -> None:
        try:
            await self.database.run(lambda conn: self._deliver(conn, sketch, How.QUEUED))
        except asyncio.CancelledError:
            raise
        except Exception:  # the row stays drawing: the leader's sweep draws it again later
            log.exception("drawer: keeping request %s failed", sketch.job.id)

    def _deliver(self, conn: Connection, sketch: Sketch, how: How) -> list[Outgoing]:
        job, now = sketch.job, self.now()
        if not file_jobs.finish(conn, job.id, job.attempts, now):
            return []  # another attempt has it
        store = self.repository(conn)
        delivery = sketch.deliver(store, now)
        store.notify(delivery.notices, now, bulk=True)
        request = job.request
        if not delivery.chat or not request.chat_id:
            return []
        if how is How.QUEUED:
            outbox.queue(conn, request.channel, request.chat_id, delivery.chat, now)
            return []
        if how is How.HISTORY:
            return file_jobs.shown(conn, request.channel, request.chat_id, delivery.chat, now)
        return delivery.chat

    async def _refused(self, job: FileJob, refused: Refused) -> None:
        """Refused when read again (the reader is no longer a commander, the plan ended):
        said to the chat that asked, as the turn would have said it."""
        request = job.request
        if not request.chat_id:
            log.warning("drawer: %s request %s: %s", request.kind, job.id, refused.reason.en)
        now = self.now()

        def settle(conn: Connection) -> None:
            if file_jobs.fail(conn, job.id, job.attempts, now, "Refused") and request.chat_id:
                said_now = Outgoing(text=refused.reason.get(request.language))
                outbox.queue(conn, request.channel, request.chat_id, [said_now], now)

        await self.database.run(settle)

    async def _failed(self, attempt: Attempt, error: str) -> None:
        """A drawing that raised: tried again by the sweep, up to MAX_ATTEMPTS, then given
        up and its reader told."""
        now = self.now()

        def settle(conn: Connection) -> None:
            if attempt.number < MAX_ATTEMPTS:
                file_jobs.again(conn, attempt.job_id, attempt.number)
                return
            job = file_jobs.load(conn, attempt.job_id)
            if job is not None and file_jobs.fail(conn, job.id, attempt.number, now, error):
                self._tell_failed(conn, job, now)

        try:
            await self.database.run(settle)
        except Exception:
            log.exception("drawer: could not settle request %s", attempt.job_id)

    def _tell_failed(self, conn: Connection, job: FileJob, now: datetime) -> None:
        request = job.request
        if request.chat_id:
            sorry = Outgoing(text=text("drawing_failed", request.language))
            outbox.queue(conn, request.channel, request.chat_id, [sorry], now)


def _ready(handoffs: list[asyncio.Future[Sketch]]) -> list[Sketch]:
    """The drawings handed over in time; the others are told not to wait (they queue)."""
    return [handoff.result() for handoff in handoffs if not handoff.cancel()]


__all__ = ["QUICK", "STUCK", "Delivery", "Drawer", "Tasks", "prepare"]
