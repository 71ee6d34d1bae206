"""A broadcast to 10,000 Telegram chats through the paced outbox of the real bot process.

    .venv/bin/python bench/broadcast.py [--recipients 10000] [--rate 30] [--kills 1]
        [--signal KILL|TERM] [--seed N] [--postgres URL]
    --postgres defaults to ANTT_BENCH_POSTGRES_URL; without either the database is SQLite.

The bot runs as `antt-bot run` in a process of its own, against a Telegram Bot API server on
loopback (tests/fakes/telegram_api.py) that answers 429 as Telegram does to a bot sending more
than `--rate` messages a second overall or more than one a second to a chat. Two phases, each on
a fresh database holding one queued broadcast to every recipient:
  1. rate: the broadcast goes through; the achieved rate, (messages - 1) / (last message - first
     message) as the server saw them, as a fraction of the limit (target at least 0.95; a fixed
     50 ms sleep between sends gives 0.67), and the 429 answers the server gave.
  2. crash: the bot gets `--signal` (SIGKILL by default) at `--kills` random points between 10%
     and 90% of the broadcast's expected length, and is started again after each; then the
     duplicates (chats given the message more than once) and the losses (chats never given
     it), targets 0 and 0.
Both phases print duplicates and losses. At the default size each phase takes ~5.5 minutes.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import signal
import socket
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from aiohttp import web

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import scratch_db

from services.demo import ensure_demo
from storage.database import Database
from storage.migrate import upgrade
from storage.unit_of_work import UnitOfWork
from tests.fakes.telegram_api import FakeTelegram
from tests.sending import queue_broadcast, seed_recipients

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
TEXT = "Thông báo: họp toàn lực lượng lúc 19 giờ tại hội trường xã."
FIRST_CHAT = 500_000
CHAT_INTERVAL = 1.0  # Telegram's one message a second to a chat, for the server and the bot
GRACE = 2.0  # seconds kept watching after the last recipient, for a late duplicate
STALL = 60.0  # seconds without a message before a wait is given up
POLL = 0.005  # seconds between looks at the server's counters
LOG_TAIL = 40  # lines of the bot's log shown when something went wrong


class Failure(Exception):
    """The run cannot go on (the bot exited or sent nothing); the bot's log tells why."""


@dataclass
class ClockedTelegram(FakeTelegram):
    """The fake server, also noting when it took the first message (`received_at` is the
    latest's)."""

    first_at: float = 0.0

    async def _sendMessage(self, params: dict[str, Any]) -> web.Response:
        self.first_at = self.first_at or self.received_at
        return await super()._sendMessage(params)


class BotProcess:
    """`antt-bot run` on the scratch database; every start appends to one log."""

    def __init__(self, env: dict[str, str], folder: Path) -> None:
        self.env = env
        self.folder = folder
        self.log = folder / "bot.log"
        self.process: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        with self.log.open("ab") as out:
            self.process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-c",
                "from bot.cli import app; app()",
                "run",
                env={**self.env, "ANTT_WEB_PORT": str(free_port())},
                stdout=out,
                stderr=out,
                cwd=self.folder,  # away from any .env file where the bench was started
            )

    @property
    def exited(self) -> bool:
        return self.process is None or self.process.returncode is not None

    async def stop(self, how: signal.Signals) -> None:
        assert self.process is not None
        self.process.send_signal(how)
        try:
            await asyncio.wait_for(self.process.wait(), 30)
        except TimeoutError:
            raise Failure(f"the bot did not exit within 30 s of {how.name}") from None

    async def end(self) -> None:
        """Kill it if it still runs (the run failed part-way)."""
        if not self.exited:
            assert self.process is not None
            self.process.kill()
            await self.process.wait()

    def tail(self) -> str:
        if not self.log.exists():
            return "(the bot wrote no log)"
        lines = self.log.read_text(errors="replace").splitlines()
        return "\n".join(lines[-LOG_TAIL:])


@dataclass
class Run:
    """One phase: the server, the bot and the recipients' chats."""

    server: ClockedTelegram
    bot: BotProcess
    recipients: int
    rate: float

    def everyone(self) -> bool:
        return len(self.server.received) >= self.recipients

    async def until(self, condition: Callable[[], bool]) -> bool:
        """Wait for `condition`; False if no message came for STALL seconds. Fails if the bot
        exits meanwhile."""
        seen, quiet_since = -1, time.monotonic()
        while not condition():
            if self.bot.exited:
                raise Failure("the bot exited unexpectedly")
            total = self.server.received.total()
            if total != seen:
                seen, quiet_since = total, time.monotonic()
            elif time.monotonic() - quiet_since > STALL:
                return False
            await asyncio.sleep(POLL)
        return True

    async def started(self) -> float:
        """Start the bot; the time of its first message."""
        before = self.server.received.total()
        await self.bot.start()
        if not await self.until(lambda: self.server.received.total() > before):
            raise Failure(f"the bot sent nothing within {STALL:.0f} s of its start")
        return self.server.received_at

    async def reach_everyone(self) -> None:
        """Wait for every recipient; on a stall, say so and show the bot's log (the chats left
        are then counted as losses)."""
        if not await self.until(self.everyone):
            left = self.recipients - len(self.server.received)
            print(f"stalled: no message for {STALL:.0f} s with {left} chats still waiting")
            print(self.bot.tail())

    async def stop(self) -> None:
        """Watch a while longer for a late duplicate, then stop the bot as a deploy does."""
        await asyncio.sleep(GRACE)
        await self.bot.stop(signal.SIGTERM)

    def tally(self) -> None:
        counts = [self.server.received[FIRST_CHAT + n] for n in range(self.recipients)]
        duplicates = sum(count > 1 for count in counts)
        print(f"duplicates {duplicates}, losses {counts.count(0)} (targets 0 and 0)")


async def measure_rate(run: Run) -> None:
    await run.started()
    await run.reach_everyone()
    server = run.server
    messages, seconds = server.received.total(), server.received_at - server.first_at
    await run.stop()
    achieved = (messages - 1) / seconds
    print(
        f"achieved {achieved:.1f} messages/s of {run.rate:g} "
        f"({achieved / run.rate:.3f}; target >= 0.95): {messages} messages in {seconds:.1f} s, "
        f"{server.too_fast} answered 429"
    )
    run.tally()


async def crash_and_resume(run: Run, rng: random.Random, kills: int, how: signal.Signals) -> None:
    expected = run.recipients / run.rate
    # The points are in sending time (counted from each process's first message on), so the
    # restarts' start-up does not shift them towards the start of the broadcast.
    points = sorted(rng.uniform(0.1, 0.9) * expected for _ in range(kills))
    sent_for = 0.0  # seconds the processes before this one were sending
    for number, point in enumerate(points, 1):
        first = await run.started()
        stop_at = first + point - sent_for
        if not await run.until(passed(stop_at)):
            raise Failure(f"the bot sent nothing for {STALL:.0f} s mid-broadcast")
        before = run.server.received.total()
        sent_for += time.monotonic() - first
        await run.bot.stop(how)
        print(
            f"{how.name} {number} at {sent_for:.1f} s of sending ({sent_for / expected:.0%} "
            f"of the expected {expected:.1f} s): {before} messages received before it, "
            f"{run.server.received.total()} by the bot's exit"
        )
    await run.started()
    await run.reach_everyone()
    await run.stop()
    print(f"{run.server.received.total()} messages in all, {run.server.too_fast} answered 429")
    run.tally()


@contextlib.asynccontextmanager
async def scratch_database(folder: Path, postgres: str | None) -> AsyncIterator[str]:
    if postgres is None:
        yield f"sqlite:///{folder / 'antt.db'}"
        return
    url, name = await scratch_db.create(postgres, "antt_bench")
    try:
        yield url
    finally:
        await scratch_db.drop(postgres, name)


async def queue(url: str, recipients: int) -> None:
    """Migrate, add the demo units and the recipients, queue one broadcast to them all."""
    await asyncio.to_thread(upgrade, url)
    database = Database(url)
    try:
        now = datetime.now(UTC)
        await database.run(lambda c: ensure_demo(UnitOfWork(c).units, now, plan=False))
        officer, _ = await seed_recipients(database, recipients, now, FIRST_CHAT)
        _, queued = await queue_broadcast(database, officer, TEXT, now)
    finally:
        await database.dispose()
        database.close()
    if queued != recipients:
        raise Failure(f"the broadcast was queued for {queued} chats, not {recipients}")


async def phase(
    title: str, arguments: argparse.Namespace, body: Callable[[Run], Awaitable[None]]
) -> bool:
    """Run `body` on a fresh database and server; False (the bot's log shown) if it failed."""
    print(f"-- {title}")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        async with scratch_database(folder, arguments.postgres) as url:
            server = ClockedTelegram()
            await server.start()
            server.limit(arguments.rate, CHAT_INTERVAL)
            env = {
                **os.environ,
                "ANTT_DATA_DIR": str(folder / "data"),
                "ANTT_DATABASE_URL": url,
                "ANTT_SECRET_KEY": "b" * 40,
                "ANTT_TELEGRAM_TOKEN": TOKEN,
                "ANTT_TELEGRAM_API_URL": server.url,
                "ANTT_TELEGRAM_MESSAGES_PER_SECOND": str(arguments.rate),
                "ANTT_TELEGRAM_CHAT_INTERVAL": str(CHAT_INTERVAL),
                "ANTT_SCHEDULER": "false",
            }
            bot = BotProcess(env, folder)
            try:
                await queue(url, arguments.recipients)
                await body(Run(server, bot, arguments.recipients, arguments.rate))
            except Failure as failure:
                print(f"FAILED: {failure}\n{bot.tail()}")
                return False
            finally:
                await bot.end()
                await server.stop()
    return True


def passed(moment: float) -> Callable[[], bool]:
    return lambda: time.monotonic() >= moment


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def main(arguments: argparse.Namespace) -> int:
    seed = arguments.seed if arguments.seed is not None else random.randrange(2**32)
    how = signal.Signals[f"SIG{arguments.signal}"]
    print(
        f"{arguments.recipients} recipients; limits {arguments.rate:g} messages/s overall and "
        f"one a second per chat; {'PostgreSQL' if arguments.postgres else 'SQLite'}; "
        f"seed {seed}"
    )
    rated = await phase("rate: one run through", arguments, measure_rate)
    crashed = await phase(
        f"crash: {how.name} at {arguments.kills} random point(s), a restart after each",
        arguments,
        lambda run: crash_and_resume(run, random.Random(seed), arguments.kills, how),
    )
    return 0 if rated and crashed else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--recipients", type=int, default=10_000)
    parser.add_argument("--rate", type=float, default=30.0, help="messages a second overall")
    parser.add_argument("--kills", type=int, default=1)
    parser.add_argument("--signal", choices=["KILL", "TERM"], default="KILL")
    parser.add_argument("--seed", type=int, help="repeats the kill points of an earlier run")
    parser.add_argument(
        "--postgres",
        metavar="URL",
        default=os.environ.get("ANTT_BENCH_POSTGRES_URL"),
        help="a PostgreSQL server to make a scratch database on (instead of SQLite)",
    )
    arguments = parser.parse_args()
    if arguments.recipients < 2 or arguments.kills < 1:
        parser.error("--recipients must be at least 2 and --kills at least 1")
    sys.exit(asyncio.run(main(arguments)))
