"""Worker processes for heavy drawing: charts, workbooks and documents (issue 16).

Matplotlib, openpyxl and docx are imported only in the workers, and a chart drawn there never
holds the event loop (nor, on SQLite, the database's thread) while other chats wait. The pool
starts on first use, never at start-up, with "spawn": forking a process that already runs an
event loop, the SQLite thread and asyncpg's sockets can hang the child.

A task is a module-level function taking and returning picklable values (bytes, the ports'
frozen dataclasses): `await pool.run(render_pool.charts, ranking, "vi")`. The tasks below are
the ones to hand it: they live in this light module and import the heavy ones when they run,
so that naming a task (pickling a reference to it) imports nothing heavy in the web process.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import multiprocessing
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import ParamSpec, TypeVar

from campaign.localized import Language
from campaign.report_content import Rendered, ReportData
from services.ports import GradingBoard, Ranking

P = ParamSpec("P")
T = TypeVar("T")
log = logging.getLogger(__name__)

# The workers are replaced after this many tasks each: matplotlib's caches only grow. Not by
# max_tasks_per_child: on Python 3.11-3.13 a pool whose every worker retired that way stops
# taking tasks for good (CPython gh-115634); a fresh executor takes over instead.
TASKS_PER_WORKER = 200
# A task running this long hangs (a national board draws in about a second): its executor's
# workers are killed, the task fails with TimeoutError (its caller tries again) and the next
# task starts afresh. Without it a hung worker holds its drawing, and the pool, for ever.
HUNG_AFTER = 300.0
CHECK_EVERY = 5.0  # seconds between looks at a task still running


def _warm() -> None:
    """Each worker's start: the chart and workbook modules loaded once, not on a first chart,
    then set aside from the garbage collector (gc.freeze): a chart makes tens of thousands of
    short-lived objects, and every full collection they set off would walk again the ~150,000
    that the imports leave for good (a fifth of a drawing's CPU)."""
    import openpyxl  # noqa: F401

    import bot.reports  # noqa: F401

    gc.freeze()


class RenderPool:
    """A lazily started pool of `workers` processes."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._executor: ProcessPoolExecutor | None = None
        self._given = 0  # tasks handed to the current executor
        self.hung_after = HUNG_AFTER
        self.check_every = CHECK_EVERY

    @property
    def started(self) -> bool:
        return self._executor is not None

    def _started(self) -> ProcessPoolExecutor:
        if self._executor is not None and self._given >= TASKS_PER_WORKER * self.workers:
            # The old workers finish what they were given, then exit; new tasks go to new ones.
            self._executor.shutdown(wait=False)
            self._executor = None
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_warm,
            )
            self._given = 0
        self._given += 1
        return self._executor

    async def run(self, task: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """`task(*args)` in a worker; the caller's loop goes on meanwhile."""
        if kwargs:
            raise TypeError("pass a task's arguments by position: they are pickled as a tuple")
        loop = asyncio.get_running_loop()
        executor = self._started()
        try:
            submitted = executor.submit(task, *args, **kwargs)
        except BrokenProcessPool:
            # A worker died while idle (killed, out of memory): refused before it ran, the
            # task goes to a fresh executor at once instead of failing.
            self._drop(executor)
            executor = self._started()
            submitted = executor.submit(task, *args, **kwargs)
        outcome = asyncio.wrap_future(submitted, loop=loop)
        try:
            return await self._outcome(executor, submitted, outcome)
        except BrokenProcessPool:
            # A worker died under a task (this one, perhaps its cause): it fails, and the
            # caller may try again; the next task starts a fresh executor.
            self._drop(executor)
            raise
        finally:
            outcome.cancel()  # a caller gone: a task not yet started is not run for nothing

    async def _outcome(
        self, executor: ProcessPoolExecutor, submitted: Future[T], outcome: asyncio.Future[T]
    ) -> T:
        """The task's result; TimeoutError once it has run `hung_after` seconds. Counted from
        when the executor hands it to a worker: a long queue on a busy morning is no hang."""
        running_since: float | None = None
        while True:
            await asyncio.wait({outcome}, timeout=self.check_every)
            if outcome.done():
                return outcome.result()
            if not submitted.running():
                continue
            now = time.monotonic()
            running_since = now if running_since is None else running_since
            if now - running_since >= self.hung_after:
                self._kill(executor)
                raise TimeoutError(f"a render task ran over {self.hung_after:.0f} s")

    def _drop(self, executor: ProcessPoolExecutor) -> None:
        if self._executor is executor:
            self._executor = None
            executor.shutdown(wait=False, cancel_futures=True)
        log.warning("render pool: a worker died; starting afresh")

    def _kill(self, executor: ProcessPoolExecutor) -> None:
        """Kill the executor's workers (one hangs): the tasks under way in it fail with
        BrokenProcessPool, and their callers try again on a fresh executor."""
        if self._executor is executor:
            self._executor = None
        # CPython keeps its workers there (3.14 adds kill_workers()): this pool's own children.
        workers = list((getattr(executor, "_processes", None) or {}).values())
        for process in workers:
            process.kill()
        executor.shutdown(wait=False, cancel_futures=True)
        log.error("render pool: a task ran over %.0f s; its workers killed", self.hung_after)

    def shutdown(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    async def close(self) -> None:
        """`shutdown` without holding the loop while a worker finishes its task."""
        await asyncio.to_thread(self.shutdown)


# --- the tasks (run in a worker) ---
def charts(board: Ranking, lang: Language) -> list[bytes]:
    from bot import reports

    return reports.charts(board, lang)


def xlsx(board: Ranking, lang: Language) -> bytes:
    from bot import reports

    return reports.xlsx(board, lang)


def standings_files(board: Ranking, lang: Language) -> tuple[list[bytes], bytes]:
    """A ranking's charts and workbook, in one trip to a worker."""
    from bot import reports

    return reports.charts(board, lang), reports.xlsx(board, lang)


def grades_xlsx(board: GradingBoard, lang: Language) -> bytes:
    from bot import reports

    return reports.grades_xlsx(board, lang)


@dataclass(frozen=True)
class BrokenTemplate:
    """The report template that could not be filled, and why (`TemplateError`, as a value:
    that exception takes two arguments and would not come back from a worker)."""

    template: str
    problem: str


def report_files(data: ReportData, templates_dir: Path | None) -> Rendered | BrokenTemplate:
    """A report's .docx and .xlsx annex over the province's templates (bot.report_files)."""
    from bot.report_files import TemplateError, render

    try:
        return render(data, templates_dir)
    except TemplateError as error:
        return BrokenTemplate(error.template, error.problem)


class InProcess:
    """`services.ports.Renderer` drawn in the calling process, bot.reports imported on first
    use only: for the scheduled jobs that still draw in their own transaction (never a turn's:
    those go through the pool)."""

    def charts(self, board: Ranking, lang: Language) -> list[bytes]:
        return charts(board, lang)

    def xlsx(self, board: Ranking, lang: Language) -> bytes:
        return xlsx(board, lang)

    def grades_xlsx(self, board: GradingBoard, lang: Language) -> bytes:
        return grades_xlsx(board, lang)


__all__ = [
    "BrokenTemplate",
    "InProcess",
    "RenderPool",
    "charts",
    "grades_xlsx",
    "report_files",
    "standings_files",
    "xlsx",
]
