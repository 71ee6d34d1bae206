"""Several processes on one PostgreSQL database, as a province spreads its load: two
`antt-bot run --role web` behind a round-robin proxy and one `--role jobs`. Members register
and log tips at once through the web chat's JSON API, each request on the next process: no
error, no deadlock, no lost or doubled entry, each member's entries in the order sent; the
web processes never lead, the jobs process leads the scheduler and the outbox, and what its
jobs say (a broadcast set for later) reaches the members' web chat through either process.

One scenario, run once: it starts three bots. The broadcast's time is moved into the past
before the jobs process starts (as if it came while no jobs process ran): its catch-up sends
it at once, rather than the test waiting for a wall-clock minute."""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from sqlalchemy import make_url, select, text, update

from services.demo import DemoInvites, ensure_demo
from services.invites import create_invites
from storage.database import Database
from storage.schema import broadcasts, entries, members
from storage.unit_of_work import UnitOfWork
from tests.bot.test_broadcast_chat import announcements
from tests.bot.test_scheduled_broadcasts import set_for_later
from tests.conftest import POSTGRES_URL, WebUser, _admin_execute
from tests.e2e.test_process_files import _free_port
from tests.round_robin import RoundRobin

pytestmark = [pytest.mark.postgres, pytest.mark.timeout(600)]

MEMBERS = 12
TIPS = 3  # each, after registering: ~45 requests a member
ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
LEADERS = {"antt-bot scheduler leader", "antt-bot outbox leader"}
NUMBERED = re.compile(r"Tin số (\d+) của tổ viên (\d+)")


@dataclass
class Bot:
    role: str
    port: int
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def start(role: str, tmp: Path, database_url: str) -> Bot:
    port = _free_port()
    log = tmp / f"{role}-{port}.log"
    env = {
        **os.environ,
        "ANTT_DATA_DIR": str(tmp / "data"),  # shared, as a network folder is between hosts
        "ANTT_DATABASE_URL": database_url,
        "ANTT_SECRET_KEY": "several-processes-" + "k" * 30,  # one key for every process
        "ANTT_WEB_PORT": str(port),
        "ANTT_LANGUAGE": "vi",
    }
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-c", "from bot.cli import app; app()", "run", "--role", role],
            env=env,
            cwd=tmp,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own group: stopped without touching anyone else's
        )
    return Bot(role, port, process, log)


def stop(bot: Bot) -> None:
    if bot.process.poll() is None:
        os.killpg(bot.process.pid, signal.SIGTERM)
        try:
            bot.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(bot.process.pid, signal.SIGKILL)
            bot.process.wait()


async def healthy(*bots: Bot) -> None:
    deadline = time.monotonic() + 180  # three cold starts on a shared machine
    async with httpx.AsyncClient(timeout=2) as http:
        for bot in bots:
            while True:
                assert bot.process.poll() is None, bot.output
                try:
                    answer = await http.get(f"http://127.0.0.1:{bot.port}/healthz")
                    if answer.status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert time.monotonic() < deadline, f"{bot.role} did not come up\n{bot.output}"
                await asyncio.sleep(0.2)


async def leaders(database: Database) -> set[str]:
    """The leader locks' connections on this database (storage's leader names them)."""
    return await database.run(
        lambda c: set(
            c.execute(
                text(
                    "SELECT application_name FROM pg_stat_activity"
                    " WHERE datname = current_database() AND application_name LIKE 'antt-bot %'"
                )
            ).scalars()
        )
    )


class ProxiedUser(WebUser):
    """A person in the web chat through the proxy; no connection kept alive, so each of
    their requests goes to the next web process."""

    def __init__(self, base: str) -> None:
        self.client = httpx.AsyncClient(
            base_url=base, timeout=60, limits=httpx.Limits(max_keepalive_connections=0)
        )
        self.last: list[dict[str, Any]] = []


async def member_logs_tips(user: ProxiedUser, number: int) -> None:
    for tip in range(1, TIPS + 1):
        await user.say("/baotin")
        await user.tap("Ma túy")
        await user.say(f"Tin số {tip} của tổ viên {number}: có người lạ tụ tập")
        await user.say("Nhà hoang cuối xóm 3, thôn Đông")
        await user.tap("Bây giờ")
        await user.tap("tôi trực tiếp")
        await user.tap("Bình thường")
        await user.tap("Bỏ qua")
        await user.tap("Lưu")
        assert "Đã lưu" in user.text, user.text


@pytest.fixture
async def database_url() -> AsyncIterator[str]:
    """A new, empty database: the processes migrate it themselves."""
    assert POSTGRES_URL
    name = f"antt_test_roles_{uuid.uuid4().hex[:10]}"
    await _admin_execute(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        await _admin_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


async def test_two_web_processes_and_a_jobs_process_on_one_postgresql(
    tmp_path: Path, database_url: str
) -> None:
    bots: list[Bot] = []
    proxy: RoundRobin | None = None
    database = Database(database_url)
    users: list[ProxiedUser] = []
    try:
        # Two web processes start together on the empty database: they migrate in turn.
        bots += [start("web", tmp_path, database_url) for _ in range(2)]
        await healthy(*bots)
        assert await leaders(database) == set()  # a web process never leads

        now = datetime.now(ZONE)
        demo: DemoInvites = await database.run(
            lambda c: ensure_demo(UnitOfWork(c).units, now, plan=False)
        )
        invites = await database.run(
            lambda c: create_invites(
                UnitOfWork(c).units,
                unit_code="DEMO-XA-T1",
                role=demo.member.role,
                count=MEMBERS,
                now=now,
            )
        )
        proxy = RoundRobin([bots[0].port, bots[1].port])
        await proxy.start()
        base = f"http://127.0.0.1:{proxy.port}"

        people = [ProxiedUser(base) for _ in invites]
        officer = ProxiedUser(base)
        users += [*people, officer]
        await asyncio.gather(
            officer.register(demo.officer.code, "Cán Bộ Xã"),
            *(
                person.register(invite.code, f"Tổ Viên Số {n}")
                for n, (person, invite) in enumerate(zip(people, invites, strict=True))
            ),
        )
        # The commune officer sets a broadcast for later: the jobs process sends it.
        moment = datetime.now(ZONE) + timedelta(minutes=5)
        number = await set_for_later(officer, "Họp giao ban tối thứ Sáu.", moment)
        assert await leaders(database) == set()  # still none: no jobs process yet
        # Its time came while no jobs process ran: the one starting now sends it as it leads.
        await database.run(
            lambda c: c.execute(
                update(broadcasts)
                .where(broadcasts.c.id == number)
                .values(send_at=datetime.now(ZONE) - timedelta(minutes=1))
            )
        )
        bots.append(start("jobs", tmp_path, database_url))

        async def jobs_process_leads() -> None:
            await healthy(bots[-1])
            for _ in range(100):  # the outbox takes its lead in a task of its own
                if await leaders(database) == LEADERS:
                    break
                await asyncio.sleep(0.1)
            assert await leaders(database) == LEADERS

        # The jobs process starts and leads while the members are logging their tips.
        await asyncio.gather(
            jobs_process_leads(),
            *(member_logs_tips(person, n) for n, person in enumerate(people)),
        )
        for bot in bots:
            assert "minh họa" not in bot.output  # none made the demo

        rows = await database.run(
            lambda c: c.execute(
                select(entries.c.member_id, entries.c.details, entries.c.delivery_key)
                .join(members, members.c.id == entries.c.member_id)
                .order_by(entries.c.id)
            ).all()
        )
        assert len(rows) == MEMBERS * TIPS
        assert len({row.delivery_key for row in rows}) == len(rows)  # none twice
        sent: dict[int, list[int]] = {}
        for row in rows:
            found = NUMBERED.search(json.dumps(row.details, ensure_ascii=False))
            assert found, row.details
            sent.setdefault(int(found.group(2)), []).append(int(found.group(1)))
        # Each member's entries, in the order they were saved, are the order they were sent.
        assert sent == {n: list(range(1, TIPS + 1)) for n in range(MEMBERS)}

        # What the jobs process queued reaches the web chat, whichever process answers.
        deadline = time.monotonic() + 200
        while not all([await announcements(person) for person in people]):
            assert time.monotonic() < deadline, "the scheduled broadcast never came"
            await asyncio.sleep(1)
        told = [m["text"] for m in await officer.inbox()]
        assert any(f"Thông báo #{number} hẹn lúc" in said for said in told), told[-4:]
    finally:
        for user in users:
            await user.close()
        if proxy is not None:
            await proxy.stop()
        for bot in bots:
            stop(bot)
        await database.dispose()
        database.close()
    for bot in bots:
        output = bot.output
        assert "Traceback" not in output and "deadlock" not in output, output[-3000:]
