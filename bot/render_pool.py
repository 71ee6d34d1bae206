"""Worker processes for heavy drawing: charts, workbooks and documents (issue 16).

Matplotlib, openpyxl and docx are imported only in the workers, and a chart drawn there never
holds the event loop (nor, on SQLite, the database's thread) while other chats wait. The pool
starts on first use, never at start-up, with "spawn": forking a process that already runs an
event loop, the SQLite thread and asyncpg's sockets can hang the child.

A task is a module-level function taking and returning picklable values (bytes, the ports'
frozen dataclasses): `await pool.run(bot.reports.charts, ranking, "vi")`.
"""

from __future__ import annotations

import asyncio
import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import ParamSpec, TypeVar

from campaign.localized import Language
from services.ports import GradingBoard, Ranking

P = ParamSpec("P")
T = TypeVar("T")

# A worker is replaced after this many tasks: matplotlib's caches only grow.
TASKS_PER_WORKER = 200


class RenderPool:
    """A lazily started pool of `workers` processes."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._executor: ProcessPoolExecutor | None = None

    def _started(self) -> ProcessPoolExecutor:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                max_tasks_per_child=TASKS_PER_WORKER,
            )
        return self._executor

    async def run(self, task: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """`task(*args)` in a worker; the caller's loop goes on meanwhile."""
        if kwargs:
            raise TypeError("pass a task's arguments by position: they are pickled as a tuple")
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._started(), task, *args)

    def shutdown(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None


class InProcess:
    """`services.ports.Renderer` drawn in the calling process, bot.reports imported on first
    use only: for the command line and the scheduled jobs that still draw in their own
    transaction (never a turn's: those go through the pool)."""

    def charts(self, board: Ranking, lang: Language) -> list[bytes]:
        from bot import reports

        return reports.charts(board, lang)

    def xlsx(self, board: Ranking, lang: Language) -> bytes:
        from bot import reports

        return reports.xlsx(board, lang)

    def grades_xlsx(self, board: GradingBoard, lang: Language) -> bytes:
        from bot import reports

        return reports.grades_xlsx(board, lang)
