"""Application services: one module per feature, one set of rules for every door.

A service here takes a unit of work (`storage.unit_of_work.UnitOfWork`: one transaction and
the repositories on it) or the ports it needs, applies the permission and business rules of
its feature, and returns plain values or raises `services.refusals.Refused`. The
chat flows, the CLI, the scheduler's jobs and the coming web console all call the same service,
so a rule is written once; none of them opens a connection or writes SQL of its own. The
caller opens the unit of work (`run_blocking` here for the CLI; `Database.run` for a turn or a
job) and says the outcome in its own way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from storage.database import Database
from storage.sealing import Sealer
from storage.unit_of_work import UnitOfWork

T = TypeVar("T")


def run_blocking(
    database: Database, work: Callable[[UnitOfWork], T], sealer: Sealer | None = None
) -> T:
    """Run `work` in one unit of work, outside any event loop (the CLI, the bot's start-up)."""
    return database.run_blocking(lambda connection: work(UnitOfWork(connection, sealer)))


__all__ = ["run_blocking"]
