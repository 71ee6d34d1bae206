"""Worker functions for the render pool's tests: they run in a spawned worker process, so they
live at a module's top level (a worker imports them by name)."""

from __future__ import annotations

import time

from bot import render_pool
from campaign.localized import Language
from services.ports import Ranking

SLOW = 2.0  # seconds a slow chart takes
HUNG = 120.0  # seconds a hung one "never ends" (a worker left over by a failed test goes then)


def slow_standings(board: Ranking, lang: Language) -> tuple[list[bytes], bytes]:
    """The real charts and workbook, drawn SLOW seconds late (a national board's worth)."""
    time.sleep(SLOW)
    return render_pool.standings_files(board, lang)


def hung_standings(board: Ranking, lang: Language) -> tuple[list[bytes], bytes]:
    """A drawing that never ends (a library deadlocked): killed with its worker."""
    time.sleep(HUNG)
    return render_pool.standings_files(board, lang)


def broken_standings(board: Ranking, lang: Language) -> tuple[list[bytes], bytes]:
    raise RuntimeError("a drawing that always fails")


def pid() -> int:
    """The worker's process id (a task runs elsewhere than the test)."""
    import os

    return os.getpid()


def loaded(names: list[str]) -> list[str]:
    """Which of these modules the worker has imported."""
    import sys

    return [name for name in names if name in sys.modules]


__all__ = ["HUNG", "SLOW", "broken_standings", "hung_standings", "loaded", "pid", "slow_standings"]
