"""The Monday board, the deadline reminders and the phase announcements at national scale.

    .venv/bin/python bench/weekly_board.py --communes 50            (PostgreSQL: ANTT_BENCH_POSTGRES_URL)
    .venv/bin/python bench/weekly_board.py --communes 3321 --jobs   (national; + reminders, phases)
    .venv/bin/python bench/weekly_board.py --communes 50 --sqlite

Units, teams and members are shaped as bench/standings.py's national set (3,321 communes, 86,000
teams, 276,000 members), scaled to the communes asked, loaded with COPY (PostgreSQL). On top: a
national plan (two phases, a leaders' deadline), a week of verified entries (about one a member),
a chat for every member, a leader per team, two officers per commune (one in ten reads English).
The bench's process is the leader: `JobRunner.run_due("weekly_leaderboard", Monday 07:00)` with
a render pool of `--workers` processes. It prints the seconds until every text notice is queued
and until every chart and workbook is queued (queued, not sent: the outbox then sends them at the
channels' pace), the messages queued, the charts drawn, the leader's and the pool workers' peak
resident memory, the event loop's longest stall, and the load average (the machine may be shared:
figures under load are upper bounds).
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import os
import random
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import asyncpg
from sqlalchemy import func, make_url, select
from sqlalchemy import text as sql

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import scratch_db
import standings as national

from bot.board_charts import pooled
from bot.render_pool import RenderPool
from campaign.plans import load_document
from scheduler.runner import JobRunner
from storage import plans as stored_plans
from storage.database import Database
from storage.migrate import upgrade
from storage.repository import Repository
from storage.schema import file_jobs, outbox
from storage.sealing import Sealer

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
MONDAY = date(2027, 4, 5)  # the first day of Đợt 2: the board is Đợt 1's final standings
WEEK_AGO = datetime(2027, 3, 30, 3, 0)  # naive UTC, as storage.schema.UTCDateTime stores it
PLAN = """\
code: bench-{plan}
name: Kế hoạch của tỉnh (bench)
issuer: Công an tỉnh
scope: {province}
starts: 01/01/2027
ends: 30/06/2027
phases:
  - {{code: dot-1, name: Đợt 1, starts: 01/01/2027, ends: 04/04/2027, theme: "Mùa xuân an toàn"}}
  - {{code: dot-2, name: Đợt 2, starts: 05/04/2027, ends: 30/06/2027}}
areas:
  - {{code: patrol, form: patrol, points: 2, name: Tuần tra}}
  - {{code: tip, form: tip, points: 3, name: Nguồn tin}}
deadlines:
  - code: bao-cao-to
    title: {{vi: "Báo cáo quý I của tổ", en: "Team report, first quarter"}}
    due: 06/04/2027
    role: leader
    level: team
    deliverable: {{vi: "Báo cáo kết quả tuần tra quý I", en: "Patrol results of the quarter"}}
"""


def shape(communes: int) -> dict[str, int]:
    scale = communes / 3_321
    return {
        "provinces": max(1, min(34, round(34 * scale))),
        "communes": communes,
        "teams": max(communes, round(86_000 * scale)),
        "members": max(communes, round(276_000 * scale)),
    }


Rows = tuple[
    list[tuple[object, ...]],
    list[tuple[int, str, int, str, str]],
    list[tuple[object, ...]],
    list[tuple[object, ...]],
]


def rows(size: dict[str, int], seed: int = 16) -> Rows:
    """Units, members (with officers and leaders), identities and a week of entries."""
    units, people, _ = national.rows({**size, "entries": 0})
    rng = random.Random(seed)
    unit_rows: list[tuple[object, ...]] = list(units)
    parent = {i: p for i, _, _, _, p in units}
    code = {i: c for i, c, _, _, _ in units}
    plan_of = {  # a team's province's plan (each province runs its own)
        i: f"bench-{code[parent[parent[i]]].lower()}"  # type: ignore[index]
        for i, _, _, kind, _ in units
        if kind == "team"
    }
    member_rows: list[tuple[int, str, int, str, str]] = []
    leader_of: set[int] = set()
    for member_id, name, team, _ in people:
        role = "member"
        if team not in leader_of:  # each team's first member leads it
            leader_of.add(team)
            role = "leader"
        language = "en" if rng.random() < 0.05 else "vi"
        member_rows.append((member_id, name, team, role, language))
    next_id = len(people) + 1
    for unit_id, _, _, kind, _ in units:
        if kind != "commune":
            continue
        for number in range(2):  # two officers a commune, one in ten reading English
            language = "en" if number == 1 and unit_id % 10 == 0 else "vi"
            member_rows.append((next_id, f"Cán bộ {next_id}", unit_id, "officer", language))
            next_id += 1
    identity_rows: list[tuple[object, ...]] = [
        (m[0], m[0], "web", f"w{m[0]}", f"w{m[0]}", WEEK_AGO, False) for m in member_rows
    ]
    entry_rows: list[tuple[object, ...]] = []
    for member_id, _, team, role, _ in member_rows:
        if role == "officer":  # officers log nothing
            continue
        for _ in range(min(6, int(rng.paretovariate(1.2)) - (rng.random() < 0.35))):
            number = len(entry_rows) + 1
            moment = WEEK_AGO + timedelta(minutes=rng.randrange(6 * 24 * 60))
            area, points = ("tip", 3) if rng.random() < 0.2 else ("patrol", 2)
            entry_rows.append(
                (
                    number,
                    f"W-{number}",
                    member_id,
                    team,
                    area,
                    area,
                    "{}",
                    moment,
                    moment,
                    "verified",
                    False,
                    f"w{number}",
                    points,
                    plan_of[team],
                    "dot-1",
                )
            )
    return unit_rows, member_rows, identity_rows, entry_rows


UNIT_COLUMNS = ["id", "code", "name", "kind", "parent_id"]
MEMBER_COLUMNS = ["id", "full_name", "unit_id", "role", "language"]
IDENTITY_COLUMNS = [
    "id",
    "member_id",
    "channel",
    "external_user_id",
    "chat_id",
    "last_used_at",
    "unreachable",
]
ENTRY_COLUMNS = national.ENTRY_COLUMNS
LOADED = datetime(2027, 1, 1, 1, 0)


async def load_postgres(url: str, data: Rows) -> None:
    unit_rows, member_rows, identity_rows, entry_rows = data
    target = make_url(url)
    connection = await asyncpg.connect(
        host=target.host,
        port=target.port or 5432,
        user=target.username,
        password=target.password,
        database=target.database,
    )
    try:
        await connection.copy_records_to_table(
            "units",
            records=[(*r, date(2025, 7, 1), LOADED) for r in unit_rows],
            columns=[*UNIT_COLUMNS, "valid_from", "created_at"],
        )
        await connection.copy_records_to_table(
            "members",
            records=[(*r, True, True, LOADED, LOADED) for r in member_rows],
            columns=[*MEMBER_COLUMNS, "active", "nudges", "joined_at", "created_at"],
        )
        await connection.copy_records_to_table(
            "identities", records=identity_rows, columns=IDENTITY_COLUMNS
        )
        # The plan before its entries: loading a plan scores the entries already there.
        await asyncio.to_thread(save_plan, url)
        await connection.copy_records_to_table("entries", records=entry_rows, columns=ENTRY_COLUMNS)
        await connection.execute("ANALYZE")
    finally:
        await connection.close()


def load_sqlite(url: str, data: Rows) -> None:
    unit_rows, member_rows, identity_rows, entry_rows = data
    connection = sqlite3.connect(make_url(url).database or "")

    def put(table: str, columns: list[str], records: list[tuple[object, ...]]) -> None:
        marks = ", ".join("?" for _ in columns)
        connection.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", records
        )

    stamp = LOADED.isoformat(sep=" ")
    put(
        "units",
        [*UNIT_COLUMNS, "valid_from", "created_at"],
        [(*r, "2025-07-01", stamp) for r in unit_rows],
    )
    put(
        "members",
        [*MEMBER_COLUMNS, "active", "nudges", "joined_at", "created_at"],
        [(*r, 1, 1, stamp, stamp) for r in member_rows],
    )
    put(
        "identities",
        IDENTITY_COLUMNS,
        [(*r[:5], r[5].isoformat(sep=" "), 0) for r in identity_rows],  # type: ignore[attr-defined]
    )
    connection.commit()
    save_plan(url)
    put(
        "entries",
        ENTRY_COLUMNS,
        [(*r[:7], r[7].isoformat(sep=" "), r[8].isoformat(sep=" "), *r[9:]) for r in entry_rows],  # type: ignore[attr-defined]
    )
    connection.commit()
    connection.close()


def save_plan(url: str) -> None:
    """A plan per province (a province adopts the bot: a plan's scope is its province)."""

    def save(conn) -> None:  # type: ignore[no-untyped-def]
        loaded = datetime(2027, 1, 1, tzinfo=UTC)
        codes = conn.execute(sql("SELECT code FROM units WHERE kind = 'province'")).scalars()
        for province in list(codes):
            plan = PLAN.format(plan=province.lower(), province=province)
            stored_plans.save(conn, load_document(plan), plan, loaded)

    database = Database(url)
    database.run_blocking(save)
    database.close()


def keep_standings(database: Database) -> None:
    """What the incremental updates keep, built once from the loaded entries."""

    def build(conn) -> None:  # type: ignore[no-untyped-def]
        conn.execute(sql(national.KEPT_FROM_ENTRIES))
        conn.execute(
            sql(national.ROLL_UP.format(child="members", parent="unit_id", level="member"))
        )
        conn.execute(sql(national.ROLL_UP.format(child="units", parent="parent_id", level="team")))
        conn.execute(
            sql(national.ROLL_UP.format(child="units", parent="parent_id", level="commune"))
        )

    database.run_blocking(build)


def rss_mb(pid: int | str = "self") -> tuple[float, float]:
    """(resident now, peak resident) of a process, in MB; zeros if it is gone."""
    found = {"VmRSS:": 0.0, "VmHWM:": 0.0}
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                key = line.split(":", 1)[0] + ":"
                if key in found:
                    found[key] = int(line.split()[1]) / 1024
    except OSError:
        pass
    return found["VmRSS:"], found["VmHWM:"]


def children() -> list[int]:
    """This process's child processes (the render pool's workers and its resource tracker)."""
    mine, found = str(os.getpid()), []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii") as stat:
                    fields = stat.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if fields[1] == mine:
                found.append(int(entry))
    return found


def cpu_seconds(pid: int) -> float:
    """User + system CPU-seconds a process has used (0 if it is gone)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Watch:
    """Samples, while a job runs: the event loop's longest stall (a 20 ms ticker late), the
    workers' peak resident memory, the highest 1-minute load average."""

    def __init__(self) -> None:
        self.stall = 0.0
        self.workers: dict[int, float] = {}
        self.cpu: dict[int, float] = {}  # the workers' CPU-seconds, last seen
        self.leader = rss_mb()[0]  # this process's resident memory, highest sampled
        self.load = os.getloadavg()[0]
        self._task: asyncio.Task[None] | None = None

    async def _tick(self) -> None:
        loop = asyncio.get_running_loop()
        last_sample = loop.time()
        while True:
            before = loop.time()
            await asyncio.sleep(0.02)
            self.stall = max(self.stall, loop.time() - before - 0.02)
            if loop.time() - last_sample > 1.0:
                last_sample = loop.time()
                self.load = max(self.load, os.getloadavg()[0])
                self.leader = max(self.leader, rss_mb()[0])
                for pid in children():
                    self.workers[pid] = max(self.workers.get(pid, 0.0), rss_mb(pid)[1])
                    self.cpu[pid] = max(self.cpu.get(pid, 0.0), cpu_seconds(pid))

    def __enter__(self) -> Watch:
        self._task = asyncio.create_task(self._tick())
        return self

    def __exit__(self, *_: object) -> None:
        assert self._task is not None
        self._task.cancel()


async def counts(database: Database) -> tuple[int, int, int]:
    """(outbox rows, of which images or files, file_jobs not done)."""

    def read(conn) -> tuple[int, int, int]:  # type: ignore[no-untyped-def]
        total = conn.execute(select(func.count()).select_from(outbox)).scalar_one()
        payloads = conn.execute(select(outbox.c.payload)).scalars()
        files = sum(1 for p in payloads if p.get("image_url") or p.get("file_url"))
        waiting = conn.execute(
            select(func.count()).select_from(file_jobs).where(file_jobs.c.status != "done")
        ).scalar_one()
        return int(total), files, int(waiting)

    return await database.run(read)


async def run_jobs(url: str, workers: int, more: bool, concurrency: int | None) -> None:
    database = Database(url)
    pool = RenderPool(workers)
    sealer = Sealer("bench: nothing sealed is read")
    moment = datetime.combine(MONDAY, datetime.min.time(), ZONE).replace(hour=7)
    runner = JobRunner(
        database,
        lambda conn: Repository(conn, sealer, None, ZONE),
        ZONE,
        lambda: moment,
        draw=pooled(pool) if workers else None,
    )
    if concurrency is not None:
        runner.concurrency = concurrency
    try:
        resident_before = rss_mb()[0]
        with Watch() as watch:
            started, leader_cpu = time.perf_counter(), time.process_time()
            await runner.run_due("weekly_leaderboard", moment)
            seconds = time.perf_counter() - started
            leader_cpu = time.process_time() - leader_cpu
            for pid in children():
                watch.cpu[pid] = max(watch.cpu.get(pid, 0.0), cpu_seconds(pid))
        queued, files, waiting = await counts(database)
        stats = runner.last_parts
        assert stats is not None
        print(f"weekly_leaderboard, {workers} render workers, {runner.concurrency} parts at once:")
        print(f"  parts {stats.parts:,}; text notices queued in {stats.texts_seconds:.1f} s")
        print(f"  charts and workbooks queued in {seconds:.1f} s ({stats.drawings:,} drawings, ")
        print(f"    {stats.charts:,} chart images drawn, one set per commune and language)")
        print(
            f"  messages queued {queued:,} (of which charts/workbooks {files:,}); undrawn {waiting}"
        )
        print(
            f"  leader: RSS {resident_before:.0f} MB before, {watch.leader:.0f} MB at most; "
            f"longest event-loop stall {watch.stall * 1000:.0f} ms"
        )
        worker_peaks = sorted(watch.workers.values(), reverse=True)
        print("  pool processes' peak RSS (MB): " + ", ".join(f"{p:.0f}" for p in worker_peaks))
        drawing_cpu = sum(watch.cpu.values())
        print(
            f"  CPU-seconds: leader {leader_cpu:.1f} ({leader_cpu / max(1, stats.parts):.3f} a part), "
            f"pool {drawing_cpu:.1f} ({drawing_cpu / max(1, stats.drawings):.2f} a drawing)"
        )
        print(f"  load average (1 min) highest seen {watch.load:.2f}; now {os.getloadavg()}")
        if more:
            for name, at in (
                ("phase_changes", moment),
                ("deadline_reminders", moment.replace(minute=30)),
            ):
                before = (await counts(database))[0]
                started = time.perf_counter()
                with Watch() as watch:
                    await runner.run_due(name, at)
                seconds = time.perf_counter() - started
                after = (await counts(database))[0]
                print(
                    f"{name}: {after - before:,} messages queued in {seconds:.1f} s; "
                    f"loop stall {watch.stall * 1000:.0f} ms; load {os.getloadavg()[0]:.2f}"
                )
    finally:
        pool.shutdown()
        await database.dispose()
        database.close()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--communes", type=int, default=50, help="50, 200 or 3321 (national)")
    parser.add_argument("--sqlite", action="store_true")
    parser.add_argument(
        "--workers", type=int, default=2, help="render pool processes (0: text only, no charts)"
    )
    parser.add_argument("--parts", type=int, default=None, help="parts run at once")
    parser.add_argument(
        "--jobs", action="store_true", help="also phase_changes, deadline_reminders"
    )
    parser.add_argument("--profile", metavar="FILE", help="cProfile the leader into FILE")
    arguments = parser.parse_args()
    size = shape(arguments.communes)
    print(
        f"{'SQLite' if arguments.sqlite else 'PostgreSQL'}: "
        + ", ".join(f"{v:,} {k}" for k, v in size.items())
        + f"; load average {os.getloadavg()}"
    )
    started = time.perf_counter()
    data = rows(size)
    print(f"  {len(data[1]):,} members with officers, {len(data[3]):,} entries of a week")
    if arguments.sqlite:
        with tempfile.TemporaryDirectory() as folder:
            url = f"sqlite:///{folder}/board.db"
            upgrade(url)
            load_sqlite(url, data)
            keep_standings(Database(url))
            print(f"  loaded in {time.perf_counter() - started:.0f} s")
            del data  # the leader's memory is the bot's, not the loader's
            asyncio.run(run_jobs(url, arguments.workers, arguments.jobs, arguments.parts))
        return
    server = os.environ.get("ANTT_BENCH_POSTGRES_URL")
    if not server:
        sys.exit("set ANTT_BENCH_POSTGRES_URL (e.g. postgresql://postgres@127.0.0.1:5432/postgres)")
    url, name = asyncio.run(scratch_db.create(server, "board_bench"))
    try:
        upgrade(url)
        asyncio.run(load_postgres(url, data))
        keep_standings(Database(url))
        print(f"  loaded in {time.perf_counter() - started:.0f} s")
        del data
        run = run_jobs(url, arguments.workers, arguments.jobs, arguments.parts)
        if arguments.profile:
            cProfile.runctx("asyncio.run(run)", globals(), locals(), arguments.profile)
        else:
            asyncio.run(run)
    finally:
        asyncio.run(scratch_db.drop(server, name))


if __name__ == "__main__":
    main()
