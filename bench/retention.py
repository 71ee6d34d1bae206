"""The first retention run on years of data: how long the nightly housekeeping takes to delete
old entries and audit lines in batches, and how long a short write (a chat's turn) waits
meanwhile (the longest batch transaction is what it can wait for).

    .venv/bin/python bench/retention.py [--rows 100000] [--small]      (SQLite)
    ANTT_BENCH_POSTGRES_URL=postgresql://... .venv/bin/python bench/retention.py --postgres

It loads `rows` old entries (each with a teammate's credit) and `rows` old audit lines, runs the
housekeeping job with ANTT_RETAIN_ENTRIES_DAYS and ANTT_RETAIN_AUDIT_DAYS set, while a writer
inserts a row every 5 ms, and prints the rows deleted per second, the parts, the writer's
longest and 99th-percentile wait, and the machine's load average beside them.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import scratch_db

from bot.app import create_app
from bot.settings import load_settings
from services import housekeeping
from storage.database import Database
from storage.migrate import upgrade
from storage.schema import audit_log, entries, entry_participants, job_runs, members, units

CHUNK = 5_000


def load(connection: Any, rows: int, old: datetime) -> None:
    unit = connection.execute(
        insert(units)
        .values(code="BENCH", name="Bench", kind="commune", valid_from=old.date(), created_at=old)
        .returning(units.c.id)
    ).scalar_one()
    people = [
        connection.execute(
            insert(members)
            .values(full_name=f"Bench {n}", unit_id=unit, role="member", created_at=old)
            .returning(members.c.id)
        ).scalar_one()
        for n in range(2)
    ]
    for start in range(0, rows, CHUNK):
        batch = range(start, min(rows, start + CHUNK))
        connection.execute(
            insert(entries),
            [
                {
                    "id": n + 1,
                    "reference": f"TT-B-{n:09d}",
                    "member_id": people[0],
                    "unit_id": unit,
                    "content_area": "patrol",
                    "kind": "patrol",
                    "details": {"where": "Đường liên thôn", "notes": "bench"},
                    "occurred_at": old,
                    "created_at": old,
                    "status": "pending",
                    "urgent": False,
                    "delivery_key": f"bench:{n}",
                    "search_text": "duong lien thon",
                }
                for n in batch
            ],
        )
        connection.execute(
            insert(entry_participants),
            [{"entry_id": n + 1, "member_id": people[1]} for n in batch],
        )
        connection.execute(
            insert(audit_log),
            [
                {
                    "at": old,
                    "actor_member_id": people[0],
                    "actor": "member",
                    "action": "entry.created",
                    "target": "entries",
                    "target_id": f"TT-B-{n:09d}",
                    "details": {},
                    "unit_id": unit,
                }
                for n in batch
            ],
        )


async def measure(url: str, data_dir: Path, rows: int) -> dict[str, Any]:
    database = Database(url)
    now = datetime.now(UTC)
    old = now - timedelta(days=400)
    started = time.perf_counter()
    await database.run_long(lambda c: load(c, rows, old))
    loaded = time.perf_counter() - started
    settings = load_settings(
        data_dir=data_dir,
        database_url=url,
        secret_key="k" * 40,
        retain_entries_days=30,
        retain_audit_days=30,
    )
    app = create_app(settings, database)
    waits: list[float] = []
    running = True

    async def writer() -> None:
        while running:
            asked = time.perf_counter()
            await database.run(
                lambda c: c.execute(
                    insert(job_runs).values(job="bench", slot=f"{time.time_ns()}", ran_at=now)
                )
            )
            waits.append(time.perf_counter() - asked)
            await asyncio.sleep(0.005)

    writing = asyncio.create_task(writer())
    cpu = time.process_time()
    started = time.perf_counter()
    await app.state.jobs.run_due("housekeeping", now)
    took = time.perf_counter() - started
    cpu = time.process_time() - cpu
    running = False
    await writing
    left, parts = await database.run(
        lambda c: (
            c.execute(select(func.count()).select_from(entries)).scalar_one()
            + c.execute(select(func.count()).select_from(audit_log)).scalar_one(),
            c.execute(select(func.count()).where(job_runs.c.job == "housekeeping")).scalar_one(),
        )
    )
    await database.dispose()
    database.close()
    waits.sort()
    return {
        "rows": rows,
        "load_s": loaded,
        "took_s": took,
        "cpu_s": cpu,
        "deleted_per_s": (2 * rows - left) / took,
        "left": left,
        "parts": parts,
        "writes": len(waits),
        "wait_max_ms": 1000 * waits[-1] if waits else 0.0,
        "wait_p99_ms": 1000 * waits[int(0.99 * (len(waits) - 1))] if waits else 0.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000, help="old entries (and audit lines)")
    parser.add_argument("--small", action="store_true", help="5,000 rows: a quick check")
    parser.add_argument("--postgres", action="store_true", help="ANTT_BENCH_POSTGRES_URL")
    arguments = parser.parse_args()
    rows = 5_000 if arguments.small else arguments.rows
    print(f"batch {housekeeping.BATCH} rows, at most {housekeeping.NIGHTLY_BATCHES} a kind a night")
    with tempfile.TemporaryDirectory() as folder:
        if arguments.postgres:
            server = os.environ["ANTT_BENCH_POSTGRES_URL"]
            url, name = asyncio.run(scratch_db.create(server, "privacy_bench"))
            try:
                upgrade(url)
                found = asyncio.run(measure(url, Path(folder) / "data", rows))
            finally:
                asyncio.run(scratch_db.drop(server, name))
        else:
            url = f"sqlite:///{Path(folder) / 'antt.db'}"
            upgrade(url)
            found = asyncio.run(measure(url, Path(folder) / "data", rows))
    backend = "postgresql" if arguments.postgres else "sqlite"
    print(
        f"{backend}: {found['rows']:,} entries + {found['rows']:,} audit lines deleted in "
        f"{found['took_s']:.1f} s ({found['deleted_per_s']:,.0f} rows/s, {found['cpu_s']:.1f} "
        f"CPU-s, {found['parts']} parts, {found['left']} left); a writer every 5 ms: "
        f"{found['writes']} writes, longest wait {found['wait_max_ms']:.0f} ms, p99 "
        f"{found['wait_p99_ms']:.0f} ms; load average {os.getloadavg()}"
    )


if __name__ == "__main__":
    main()
