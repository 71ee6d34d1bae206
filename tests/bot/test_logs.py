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


def test_an_access_line_keeps_no_search_typed_in_the_console() -> None:
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5", "GET", "/quanly/thanhvien?q=0912345678&page=2", "1.1", 200),
        None,
    )
    logs.AccessPathFilter().filter(record)
    assert record.getMessage() == '127.0.0.1:5 - "GET /quanly/thanhvien?q=…&page=… HTTP/1.1" 200'
    assert logs.redact_path("/files/abcdefgh?x=1") == "/files/abcd..."
    assert logs.redact_path("/livez") == "/livez"
