"""The bot's log: what a run did, without a line from APScheduler for every run of a job."""

from __future__ import annotations

import logging

from bot import logs


def test_scheduler_runs_leave_no_line_each_but_their_warnings_do() -> None:
    root = logging.getLogger()
    kept = (root.handlers[:], root.level)
    executors = logging.getLogger("apscheduler.executors")
    kept_level = executors.level
    try:
        logs.configure([])
        every_run = logging.getLogger("apscheduler.executors.default")
        assert not every_run.isEnabledFor(logging.INFO)  # "Running job …" every minute
        assert every_run.isEnabledFor(logging.WARNING)  # a job that failed or was missed
        assert logging.getLogger("scheduler.runner").isEnabledFor(logging.INFO)
    finally:
        root.handlers[:], root.level = kept
        executors.setLevel(kept_level)
