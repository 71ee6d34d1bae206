"""Members' latency while a commander's charts are drawn: in the render pool (now) against on
the event loop (as before issue 16), in the same run.

    .venv/bin/python bench/drawing_latency.py [--charts 5] [--members 10] [--small]
    ANTT_BENCH_POSTGRES_URL=postgresql://postgres@127.0.0.1:5432/postgres  (adds PostgreSQL)

In-process (the conversation core, no HTTP): a commander asks /bangxephang `charts` times, one
after the other, each time waiting for the files to arrive; meanwhile `members` members each
send /bangxephang every EVERY seconds (open loop: a message's latency counts from when it was
due, so a loop held by a chart shows). Printed: the members' turn latency (p50/p95/p99/max), the
commander's own answer and the time until the files were kept, and the machine's load.
Not a test: it prints its figures.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import ParamSpec, TypeVar

import scratch_db

from bot.conversation import Conversation
from bot.render_pool import RenderPool
from bot.settings import load_settings
from campaign.catalogs import read_all
from campaign.roles import Role
from handlers.messages import Incoming, Outgoing
from services.demo import ensure_demo
from services.invites import create_invites
from storage.database import Database
from storage.migrate import upgrade
from storage.unit_of_work import UnitOfWork

EVERY = 0.5  # seconds between a member's messages
P = ParamSpec("P")
T = TypeVar("T")


class OnTheLoop(RenderPool):
    """The drawing as it was before: right in the turn's thread (the event loop's)."""

    async def run(self, task: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        return task(*args, **kwargs)


class Chat:
    def __init__(self, conversation: Conversation, name: str) -> None:
        self.conversation, self.chat = conversation, name
        self.replies: list[Outgoing] = []

    async def say(self, text: str | None = None, choice: str | None = None) -> float:
        incoming = Incoming("web", self.chat, self.chat, uuid.uuid4().hex, text=text, choice=choice)
        started = time.perf_counter()
        self.replies = await self.conversation.handle(incoming, keep_history=True)
        return time.perf_counter() - started

    async def register(self, code: str, name: str) -> None:
        await self.say(f"/start {code}")
        await self.say(name)
        agree = next(c.id for m in self.replies for c in m.choices if "Đồng ý" in c.label)
        await self.say(choice=agree)
        assert "Đăng ký thành công" in self.replies[0].text, self.replies[0].text


async def run(url: str, data_dir: Path, pool: RenderPool, charts: int, members: int) -> str:
    settings = load_settings(data_dir=data_dir, database_url=url, secret_key="b" * 40)
    await asyncio.to_thread(upgrade, url)
    database = Database(url)
    now = datetime.now(settings.zone)
    await database.run(lambda c: ensure_demo(UnitOfWork(c).units, now))
    units = "DEMO-XA-T1"
    invites = await database.run(
        lambda c: create_invites(
            UnitOfWork(c).units, unit_code=units, role=Role.MEMBER, count=members, now=now
        )
    )
    leader_code = await database.run(
        lambda c: create_invites(
            UnitOfWork(c).units, unit_code=units, role=Role.LEADER, count=1, now=now
        )
    )
    conversation = Conversation(settings, database, pool)
    read_all()
    commander = Chat(conversation, "commander")
    await commander.register(leader_code[0].code, "Tổ Trưởng")
    people = [Chat(conversation, f"member-{n}") for n in range(members)]
    for n, (person, invite) in enumerate(zip(people, invites, strict=True)):
        await person.register(invite.code, f"Thành viên {n}")
    # Warm: the pool's workers started and the chart code loaded, in both modes.
    await commander.say("/bangxephang")
    await conversation.drawer.drain()

    latencies: list[float] = []
    own: list[float] = []
    delivered: list[float] = []
    done = asyncio.Event()

    async def member(person: Chat, offset: float) -> None:
        # Open loop: each message is due at its time whatever the bot is doing, and its
        # latency counts from then (a loop held by a chart delays the sending too).
        due = time.perf_counter() + offset
        while not done.is_set():
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
            await person.say("/bangxephang")
            latencies.append(time.perf_counter() - due)
            due += EVERY

    async def asking() -> None:
        for _ in range(charts):
            started = time.perf_counter()
            own.append(await commander.say("/bangxephang"))
            await conversation.drawer.drain()
            delivered.append(time.perf_counter() - started)
        done.set()

    spread = EVERY / len(people)
    await asyncio.gather(asking(), *(member(p, n * spread) for n, p in enumerate(people)))
    await conversation.drawer.stop()
    await database.dispose()
    database.close()
    q = statistics.quantiles(latencies, n=100, method="inclusive")
    return (
        f"members {len(latencies):5d} turns: p50 {q[49] * 1000:6.1f} ms  p95 {q[94] * 1000:6.1f} ms"
        f"  p99 {q[98] * 1000:6.1f} ms  max {max(latencies) * 1000:6.1f} ms | commander: answer"
        f" {statistics.median(own) * 1000:6.1f} ms, files kept after"
        f" {statistics.median(delivered) * 1000:6.0f} ms (medians of {charts})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--charts", type=int, default=5)
    parser.add_argument("--members", type=int, default=10)
    parser.add_argument("--small", action="store_true", help="2 charts, 3 members")
    args = parser.parse_args()
    charts, members = (2, 3) if args.small else (args.charts, args.members)
    print(f"load average before: {os.getloadavg()}")
    pool = RenderPool(2)
    server = os.environ.get("ANTT_BENCH_POSTGRES_URL")
    try:
        for mode, drawing in (("render pool", pool), ("on the loop", OnTheLoop(1))):
            with tempfile.TemporaryDirectory() as folder:
                url = f"sqlite:///{folder}/bench.db"
                line = asyncio.run(run(url, Path(folder), drawing, charts, members))
                print(f"SQLite,     {mode}: {line}")
                if not server:
                    continue
                url, name = asyncio.run(scratch_db.create(server, "render_bench"))
                try:
                    line = asyncio.run(run(url, Path(folder), drawing, charts, members))
                    print(f"PostgreSQL, {mode}: {line}")
                finally:
                    asyncio.run(scratch_db.drop(server, name))
        if not server:
            print("PostgreSQL: skipped (set ANTT_BENCH_POSTGRES_URL)")
    finally:
        pool.shutdown()
    print(f"load average after:  {os.getloadavg()}")


if __name__ == "__main__":
    main()
