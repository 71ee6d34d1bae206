"""The services' own rules, and the shape that keeps one set of rules: the CLI and the jobs
reach storage only through services and repositories on a unit of work."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from services.plans import state_on

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("today", "state"),
    [
        (date(2026, 2, 28), "not_started"),
        (date(2026, 3, 1), "running"),
        (date(2026, 6, 30), "running"),
        (date(2026, 7, 1), "ended"),
    ],
)
def test_a_plan_runs_from_its_first_day_to_its_last(today: date, state: str) -> None:
    assert state_on(date(2026, 3, 1), date(2026, 6, 30), today) == state


@pytest.mark.parametrize("path", ["bot/cli.py", "scheduler/jobs.py", "services"])
def test_the_cli_and_the_jobs_open_no_connection_of_their_own(path: str) -> None:
    files = sorted((ROOT / path).rglob("*.py")) if (ROOT / path).is_dir() else [ROOT / path]
    for file in files:
        text = file.read_text(encoding="utf-8")
        assert "sqlalchemy" not in text, file
        assert ".execute(" not in text, file
