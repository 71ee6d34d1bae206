"""What the metrics cost: the per-turn hook, and a scrape over a large outbox.

    .venv/bin/python bench/metrics_cost.py [--rows 200000]      (SQLite)
    .venv/bin/python bench/metrics_cost.py --postgres [--rows 200000]   (needs ANTT_BENCH_POSTGRES_URL)
    .venv/bin/python bench/metrics_cost.py --rows 20000          (a small run)

It prints the time of one `Metrics.turned` call (what every turn pays with ANTT_METRICS on),
and the time of an uncached scrape (the outbox backlog's GROUP BY, then the exposition) over an
outbox of `--rows` rows of which 1 % wait, beside the machine's load average.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
import timeit
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import scratch_db

from bot.metrics import Metrics
from storage.database import Database
from storage.migrate import upgrade
from storage.schema import outbox


class _Lanes:
    """The parts of the outbox sender and the job runner a scrape reads."""

    def __init__(self) -> None:
        self.couriers = {"telegram": None, "zalo": None}
        self.tally: dict[tuple[str, str], int] = {}
        self.leadership = type("Lead", (), {"held": True})()
        self.is_leader = False
        self.jobs: dict[str, Any] = {}


def _fill(rows: int) -> Any:
    now = datetime.now(UTC)

    def work(connection: Any) -> None:
        batch = 10_000
        for start in range(0, rows, batch):
            connection.execute(
                insert(outbox),
                [
                    {
                        "channel": ("telegram", "zalo")[n % 2],
                        "chat_id": str(n % 5000),
                        "payload": {"text": "x"},
                        "status": "pending" if n % 100 == 0 else "sent",
                        "created_at": now - timedelta(minutes=n % 600),
                        "attempts": 0,
                        "priority": 1,
                    }
                    for n in range(start, min(rows, start + batch))
                ],
            )

    return work


async def _scrapes(database: Database, rows: int, tries: int) -> list[float]:
    await database.run_long(_fill(rows))
    lanes = _Lanes()
    metrics = Metrics(database, lanes, lanes)  # type: ignore[arg-type]
    times = []
    for _ in range(tries):
        metrics.snapshot.tried_at = 0.0  # past the cache: each scrape reads
        started = time.perf_counter()
        await metrics.refresh()
        metrics.exposition()
        times.append(time.perf_counter() - started)
    return sorted(times)


async def _scrapes_then_close(database: Database, rows: int, tries: int) -> list[float]:
    # asyncpg's connections belong to the loop that opened them: closed in the same one.
    try:
        return await _scrapes(database, rows, tries)
    finally:
        await database.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--tries", type=int, default=21)
    parser.add_argument("--postgres", action="store_true")
    args = parser.parse_args()

    lanes = _Lanes()
    with tempfile.TemporaryDirectory() as scratch:
        url = f"sqlite:///{scratch}/antt.db"
        server, name = os.environ.get("ANTT_BENCH_POSTGRES_URL", ""), ""
        if args.postgres:
            if not server:
                raise SystemExit("set ANTT_BENCH_POSTGRES_URL")
            url, name = asyncio.run(scratch_db.create(server, "ops_bench"))
        try:
            upgrade(url)
            database = Database(url)
            hook = Metrics(database, lanes, lanes)  # type: ignore[arg-type]
            calls = 200_000
            per_call = timeit.timeit(lambda: hook.turned("web", 0.004, True), number=calls)
            floor = timeit.timeit(lambda: None, number=calls)  # the call itself, same run
            times = asyncio.run(_scrapes_then_close(database, args.rows, args.tries))
            database.close()
        finally:
            if name:
                asyncio.run(scratch_db.drop(server, name))
    kind = "PostgreSQL" if args.postgres else "SQLite"
    print(f"load average {os.getloadavg()}")
    print(
        f"Metrics.turned: {per_call / calls * 1e6:.2f} us a turn "
        f"(an empty call: {floor / calls * 1e6:.2f} us)"
    )
    print(
        f"{kind}, outbox {args.rows:,} rows ({args.rows // 100:,} waiting): uncached scrape "
        f"median {times[len(times) // 2] * 1e3:.1f} ms, max {times[-1] * 1e3:.1f} ms"
    )


if __name__ == "__main__":
    main()
