"""Standings at national scale: the kept table against a GROUP BY over every entry.

    .venv/bin/python bench/standings.py [--scale 1.0]        (PostgreSQL; needs ANTT_BENCH_POSTGRES_URL)
    .venv/bin/python bench/standings.py --sqlite [--scale 1.0]

PostgreSQL at scale 1: 34 provinces, 3,321 communes, 86,000 teams, 276,000 members and
30 million verified entries, loaded with COPY. SQLite at scale 1: one province (10,000 members,
1 million entries). It prints, in one run: the time to read every unit's and member's standings
from the kept table, the time of the same sums by GROUP BY over the entries, their ratio, and
this process's resident memory after reading them (the bot's roster-sized state).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import asyncpg
from sqlalchemy import make_url, text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import scratch_db

from storage import standings
from storage.database import Database
from storage.migrate import upgrade

PLAN = "bench-plan"
DAY = date(2025, 7, 1)
MOMENT = datetime(2025, 7, 2, 8, 0)  # naive UTC, as storage.schema.UTCDateTime stores it
PHASE = "dot-1"


def shape(scale: float, sqlite: bool) -> dict[str, int]:
    if sqlite:
        return {
            "provinces": 1,
            "communes": max(1, int(120 * scale)),
            "teams": max(1, int(3_100 * scale)),
            "members": max(1, int(10_000 * scale)),
            "entries": max(1, int(1_000_000 * scale)),
        }
    return {
        "provinces": 34,
        "communes": max(34, int(3_321 * scale)),
        "teams": max(34, int(86_000 * scale)),
        "members": max(34, int(276_000 * scale)),
        "entries": max(34, int(30_000_000 * scale)),
    }


UnitRow = tuple[int, str, str, str, int | None]  # id, code, name, kind, parent
MemberRow = tuple[int, str, int, str]  # id, name, unit, role


def rows(
    size: dict[str, int], seed: int = 7
) -> tuple[list[UnitRow], list[MemberRow], list[tuple[int, int]]]:
    """Units (id, code, name, kind, parent), members (id, name, unit, role), and per member the
    number of verified entries and their points (entries are spread unevenly, as in life)."""
    rng = random.Random(seed)
    units: list[UnitRow] = []
    next_id = 1
    provinces = list(range(next_id, next_id + size["provinces"]))
    units += [(p, f"P{p}", f"Tỉnh {p}", "province", None) for p in provinces]
    next_id += len(provinces)
    communes = list(range(next_id, next_id + size["communes"]))
    units += [
        (c, f"C{c}", f"Xã {c}", "commune", provinces[i % len(provinces)])
        for i, c in enumerate(communes)
    ]
    next_id += len(communes)
    teams = list(range(next_id, next_id + size["teams"]))
    units += [
        (t, f"T{t}", f"Tổ {t}", "team", communes[i % len(communes)]) for i, t in enumerate(teams)
    ]
    members = [
        (m, f"Thành viên {m}", teams[(m - 1) % len(teams)], "member")
        for m in range(1, size["members"] + 1)
    ]
    weights = [rng.paretovariate(1.5) for _ in members]
    total = sum(weights)
    counts = [int(size["entries"] * w / total) for w in weights]
    return units, members, [(m[0], c) for m, c in zip(members, counts, strict=True)]


async def load_postgres(url: str, size: dict[str, int]) -> None:
    units, members, counts = rows(size)
    target = make_url(url)
    connection = await asyncpg.connect(
        host=target.host, port=target.port or 5432, user=target.username, database=target.database
    )
    try:
        await connection.copy_records_to_table(
            "units",
            records=[(i, c, n, k, p, DAY, MOMENT) for i, c, n, k, p in units],
            columns=["id", "code", "name", "kind", "parent_id", "valid_from", "created_at"],
        )
        await connection.copy_records_to_table(
            "members",
            records=[(i, n, u, r, True, "vi", MOMENT) for i, n, u, r in members],
            columns=["id", "full_name", "unit_id", "role", "active", "language", "created_at"],
        )
        unit_of = {m[0]: m[2] for m in members}

        def entry_records() -> Iterator[tuple[object, ...]]:
            number = 0
            for member, count in counts:
                for _ in range(count):
                    number += 1
                    yield (
                        number,
                        f"B-{number}",
                        member,
                        unit_of[member],
                        "patrol",
                        "patrol",
                        "{}",
                        MOMENT,
                        MOMENT,
                        "verified",
                        False,
                        f"k{number}",
                        2,
                        PLAN,
                        PHASE,
                    )

        started = time.perf_counter()
        await connection.copy_records_to_table(
            "entries",
            records=entry_records(),
            columns=ENTRY_COLUMNS,
        )
        print(
            f"  loaded {sum(c for _, c in counts):,} entries with COPY in "
            f"{time.perf_counter() - started:.0f} s"
        )
    finally:
        await connection.close()


# The entries' columns the COPY fills (bench/weekly_board.py loads the same way).
ENTRY_COLUMNS = [
    "id",
    "reference",
    "member_id",
    "unit_id",
    "content_area",
    "kind",
    "details",
    "occurred_at",
    "created_at",
    "status",
    "urgent",
    "delivery_key",
    "points",
    "plan_code",
    "phase_code",
]

KEPT_FROM_ENTRIES = """
INSERT INTO standings (plan_code, phase_code, level, subject_id, points, entries)
SELECT plan_code, phase_code, 'member', member_id, SUM(points), COUNT(*)
FROM entries GROUP BY plan_code, phase_code, member_id
"""
ROLL_UP = """
INSERT INTO standings (plan_code, phase_code, level, subject_id, points, entries)
SELECT s.plan_code, s.phase_code, u.kind, u.id, SUM(s.points), SUM(s.entries)
FROM standings s JOIN {child} c ON c.id = s.subject_id JOIN units u ON u.id = c.{parent}
WHERE s.level = '{level}' GROUP BY s.plan_code, s.phase_code, u.kind, u.id
"""
GROUP_BY = """
SELECT 'member', e.member_id, SUM(e.points), COUNT(*) FROM entries e
WHERE e.plan_code = :p AND e.phase_code = :f AND e.status = 'verified' GROUP BY e.member_id
UNION ALL
SELECT u.kind, u.id, SUM(e.points), COUNT(*) FROM entries e JOIN units t ON t.id = e.unit_id
JOIN units u ON u.id IN (t.id, t.parent_id, (SELECT parent_id FROM units WHERE id = t.parent_id))
WHERE e.plan_code = :p AND e.phase_code = :f AND e.status = 'verified' GROUP BY u.kind, u.id
"""


def measure(database: Database) -> None:
    def build(conn) -> None:  # type: ignore[no-untyped-def]
        # What the incremental updates keep, built once here from the loaded entries.
        conn.execute(text(KEPT_FROM_ENTRIES))
        conn.execute(text(ROLL_UP.format(child="members", parent="unit_id", level="member")))
        conn.execute(text(ROLL_UP.format(child="units", parent="parent_id", level="team")))
        conn.execute(text(ROLL_UP.format(child="units", parent="parent_id", level="commune")))

    database.run_blocking(build)
    database.close()
    # Read as the bot would, in a fresh process: its memory is not the loader's.
    subprocess.run(
        [
            sys.executable,
            __file__,
            "--read",
            str(database.url.render_as_string(hide_password=False)),
        ],
        check=True,
    )


def peak_resident_mb() -> float:
    """This process's peak resident memory since its exec. Not ru_maxrss: that one survives
    exec, so a reader started by the loader would report the loader's size at the fork."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def read(url: str) -> None:
    """What the bot does for a nationwide board: read every kept standing (storage.standings.
    snapshot, compact arrays), then compare with the same sums by GROUP BY over the entries."""
    database = Database(url)
    started = time.perf_counter()
    kept = database.run_blocking(lambda conn: standings.snapshot(conn, PLAN, PHASE))
    kept_seconds = time.perf_counter() - started
    resident = peak_resident_mb()
    count = sum(len(level) for level in kept.values())

    def grouped_rows(conn) -> dict[str, standings.LevelStandings]:  # type: ignore[no-untyped-def]
        result = conn.execution_options(yield_per=20_000).execute(
            text(GROUP_BY), {"p": PLAN, "f": PHASE}
        )
        found: dict[str, standings.LevelStandings] = {}
        for level, subject, points, entries in sorted(result.all(), key=lambda r: (r[0], r[1])):
            rows = found.setdefault(level, standings.LevelStandings())
            rows.ids.append(int(subject))
            rows.points.append(int(points))
            rows.entries.append(int(entries))
        return found

    started = time.perf_counter()
    grouped = database.run_blocking(grouped_rows)
    grouped_seconds = time.perf_counter() - started
    agree = kept == grouped
    print(f"  standings of {count:,} members and units from the kept table: {kept_seconds:.3f} s")
    print(f"  the same by GROUP BY over the entries:                     {grouped_seconds:.3f} s")
    print(f"  ratio: {grouped_seconds / kept_seconds:.1f}x faster; both agree: {agree}")
    print(f"  resident memory of a process holding every standing: {resident:.0f} MB")


def load_sqlite(url: str, size: dict[str, int]) -> None:
    units, members, counts = rows(size)
    connection = sqlite3.connect(make_url(url).database or "")
    connection.executemany(
        "INSERT INTO units (id, code, name, kind, parent_id, valid_from, created_at) "
        "VALUES (?, ?, ?, ?, ?, '2025-07-01', '2025-07-01')",
        units,
    )
    connection.executemany(
        "INSERT INTO members (id, full_name, unit_id, role, active, language, created_at) "
        "VALUES (?, ?, ?, ?, 1, 'vi', '2025-07-01')",
        members,
    )
    unit_of = {m[0]: m[2] for m in members}
    started, number = time.perf_counter(), 0
    batch: list[tuple[object, ...]] = []
    for member, count in counts:
        for _ in range(count):
            number += 1
            batch.append((number, f"B-{number}", member, unit_of[member], f"k{number}"))
            if len(batch) == 50_000:
                _insert(connection, batch)
                batch = []
    _insert(connection, batch)
    connection.commit()
    connection.close()
    print(f"  loaded {number:,} entries in {time.perf_counter() - started:.0f} s")


def _insert(connection: sqlite3.Connection, batch: list[tuple[object, ...]]) -> None:
    connection.executemany(
        "INSERT INTO entries (id, reference, member_id, unit_id, content_area, kind, details, "
        "occurred_at, created_at, status, urgent, delivery_key, points, plan_code, phase_code) "
        f"VALUES (?, ?, ?, ?, 'patrol', 'patrol', '{{}}', '2025-07-02', '2025-07-02', 'verified', "
        f"0, ?, 2, '{PLAN}', '{PHASE}')",
        batch,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--sqlite", action="store_true")
    parser.add_argument("--read", metavar="URL", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.read:
        read(arguments.read)
        return
    size = shape(arguments.scale, arguments.sqlite)
    print(
        f"{'SQLite' if arguments.sqlite else 'PostgreSQL'}: "
        + ", ".join(f"{v:,} {k}" for k, v in size.items())
    )
    if arguments.sqlite:
        with tempfile.TemporaryDirectory() as folder:
            url = f"sqlite:///{folder}/standings.db"
            upgrade(url)
            load_sqlite(url, size)
            measure(Database(url))
        return
    server = os.environ.get("ANTT_BENCH_POSTGRES_URL")
    if not server:
        sys.exit("set ANTT_BENCH_POSTGRES_URL (e.g. postgresql://postgres@127.0.0.1:5432/postgres)")
    url, name = asyncio.run(scratch_db.create(server, "antt_standings"))
    try:
        upgrade(url)
        asyncio.run(load_postgres(url, size))
        measure(Database(url))
    finally:
        asyncio.run(scratch_db.drop(server, name))


if __name__ == "__main__":
    main()
