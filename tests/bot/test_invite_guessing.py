"""Guessing invite codes: a used, an expired and an unknown code get the same answer, and a chat
or a client address that keeps typing wrong codes has to wait, longer each time."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from bot.settings import Settings
from campaign.roles import Role
from services.demo import DemoInvites
from services.invites import create_invites
from storage.database import Database
from storage.repository import Repository
from storage.schema import members
from storage.sealing import Sealer
from storage.unit_of_work import UnitOfWork
from tests.bot.test_web_flows import count
from tests.conftest import WebUser

WAIT = "Bạn đã nhập sai mã mời nhiều lần. Vui lòng thử lại sau {} phút."
WRONG = ["ZZZZ2222", "ZZZZ3333", "ZZZZ4444", "ZZZZ5555", "ZZZZ6666", "ZZZZ7777", "ZZZZ8888"]


class Clock:
    """The conversation's clock, moved by the test."""

    def __init__(self, start: datetime) -> None:
        self.at = start

    def __call__(self) -> datetime:
        return self.at


@pytest.fixture
def clock(app: Any, settings: Settings) -> Iterator[Clock]:
    driven = Clock(datetime.now(settings.zone))
    app.state.conversation.now = driven
    yield driven


def from_address(app: Any, address: str) -> WebUser:
    """A web chat person whose requests come from this client address."""
    user = WebUser(app)
    user.client = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app, client=(address, 40000)),
        base_url="http://testserver",
    )
    return user


async def test_used_expired_and_unknown_codes_get_the_same_answer(
    users: Any, demo: DemoInvites, database: Database, settings: Settings, clock: Clock
) -> None:
    first = users()
    await first.register(demo.member.code)
    expired = (
        await database.run(
            lambda c: create_invites(
                UnitOfWork(c).units,
                unit_code="DEMO-XA-T1",
                role=Role.MEMBER,
                count=1,
                now=clock.at - timedelta(days=40),
            )
        )
    )[0].code
    answers = []
    for code in (demo.member.code, expired, "ZZZZ2222"):
        guesser = users()
        await guesser.say(f"/start {code}")
        answers.append(guesser.text.replace(code, "<mã>"))
        await guesser.say(code)  # typed bare, too
        answers.append(guesser.text.replace(code, "<mã>"))
    assert len(set(answers)) == 1, answers
    assert "không đúng, đã được dùng hoặc đã hết hạn" in answers[0]


async def test_a_chat_that_keeps_guessing_waits_longer_each_time(
    users: Any, demo: DemoInvites, database: Database, clock: Clock
) -> None:
    guesser = users()
    for code in WRONG[:4]:
        await guesser.say(f"/start {code}")
        assert "không đúng" in guesser.text and "thử lại sau" not in guesser.text
    await guesser.say(WRONG[4])  # the fifth wrong code
    assert "không đúng" in guesser.text and WAIT.format(1) in guesser.text
    # While it waits, even the right code is not looked at.
    before = await count(database, members)
    await guesser.say(f"/start {demo.member.code}")
    assert WAIT.format(1) in guesser.text and "dữ liệu cá nhân" not in guesser.text
    clock.at += timedelta(seconds=30)
    await guesser.say(demo.member.code)
    assert WAIT.format(1) in guesser.text  # half a minute left, said as a whole minute
    assert await count(database, members) == before
    for minutes in (2, 4, 8):  # each further wrong code doubles the wait
        clock.at += timedelta(minutes=minutes // 2, seconds=1)
        await guesser.say(f"/start {WRONG[5]}")
        assert "không đúng" in guesser.text and WAIT.format(minutes) in guesser.text
    clock.at += timedelta(minutes=8, seconds=1)
    await guesser.register(demo.member.code)  # the wait is over: the right code works


async def test_the_wait_is_said_in_the_chats_language_and_capped_at_an_hour(
    users: Any, demo: DemoInvites, clock: Clock
) -> None:
    guesser = users()
    await guesser.say("/lang en")
    for code in WRONG * 2:
        clock.at += timedelta(hours=1, seconds=1)  # each wait over before the next try
        await guesser.say(f"/start {code}")
    assert "Too many wrong invite codes. Please try again in 60 min." in guesser.text
    assert "is wrong, used or expired" in guesser.text


async def test_new_chats_from_one_address_share_its_count_other_addresses_do_not(
    app: Any, demo: DemoInvites, clock: Clock
) -> None:
    """A web chat costs nothing to open, so the client address is counted too (more leniently:
    a commune office registers a whole team from one address)."""
    opened: list[WebUser] = []
    try:
        for _ in range(5):  # 5 chats x 4 wrong codes: none is blocked by its own count
            chat = from_address(app, "203.0.113.7")
            opened.append(chat)
            for code in WRONG[:4]:
                await chat.say(code)
        assert WAIT.format(1) in opened[-1].text  # the address's twentieth wrong code
        fresh = from_address(app, "203.0.113.7")
        opened.append(fresh)
        await fresh.say(f"/start {demo.member.code}")
        assert WAIT.format(1) in fresh.text
        # Someone elsewhere is not held up; an IPv6 guesser is counted by its /64.
        elsewhere = from_address(app, "198.51.100.20")
        opened.append(elsewhere)
        await elsewhere.register(demo.member.code)
        for host in range(20):
            chat = from_address(app, f"2001:db8:1:2::{host + 1:x}")
            opened.append(chat)
            await chat.say(WRONG[0])
        assert WAIT.format(1) in opened[-1].text
    finally:
        for chat in opened:
            await chat.close()


async def test_wrong_codes_are_forgotten_after_a_day(
    users: Any, demo: DemoInvites, database: Database, settings: Settings, clock: Clock
) -> None:
    """Strangers cost a bounded number of rows: a counter goes a day after its last failure."""
    from storage import guesses
    from storage.schema import invite_guesses

    for _ in range(3):
        stranger = users()
        await stranger.say(WRONG[0])
    rows = await count(database, invite_guesses)
    assert rows == 4  # three chats and their one address
    await database.run(lambda c: guesses.prune(c, clock.at + timedelta(hours=23)))
    assert await count(database, invite_guesses) == 4

    from scheduler.jobs import JobContext, housekeeping

    def nightly(conn: Any) -> int:
        job = JobContext(repo=Repository(conn, Sealer(settings.secret_key)), renderer=None)
        return housekeeping(job, clock.at + timedelta(days=1, minutes=1), "")

    await database.run(nightly)
    assert await count(database, invite_guesses) == 0


async def test_a_messenger_chat_is_counted_per_chat(database: Database) -> None:
    """No client address (a messenger's updates come from its servers): the chat alone counts,
    and one chat's count never holds up another."""
    from storage import guesses
    from storage.schema import invite_guesses

    now = datetime.now().astimezone()

    def five_wrong(conn: Any) -> list[datetime | None]:
        return [guesses.failed(conn, {"chat:telegram:1": 5}, now) for _ in range(5)]

    waits = await database.run(five_wrong)
    assert waits[:4] == [None] * 4 and waits[4] == now + timedelta(minutes=1)
    blocked = await database.run(
        lambda c: (
            guesses.blocked_until(c, ["chat:telegram:1"], now),
            guesses.blocked_until(c, ["chat:telegram:2"], now),
        )
    )
    assert blocked == (now + timedelta(minutes=1), None)
    failures = await database.run(
        lambda c: c.execute(select(func.max(invite_guesses.c.failures))).scalar_one()
    )
    assert failures == 5


async def test_a_newcomer_who_pastes_the_whole_invite_message_is_registered(
    users: Any, demo: DemoInvites, database: Database
) -> None:
    """On Zalo a member forwards the line the commune sent, code and all; a sentence without a
    code is answered with how to register and is not counted as a wrong code."""
    from storage.schema import invite_guesses

    newcomer = users()
    await newcomer.say("Xin chào, tôi muốn tham gia tổ bảo vệ")
    assert "mã mời" in newcomer.text and "Họ và tên" not in newcomer.text
    assert await count(database, invite_guesses) == 0
    await newcomer.say(f"Mã mời của bạn: {demo.member.code} (hết hạn 01/01/2027)")
    assert "Mã mời hợp lệ: Tổ viên — Tổ bảo vệ ANTT thôn Đông" in newcomer.text, newcomer.text
    await newcomer.say("Nguyễn Thị Hoa")
    await newcomer.tap("Đồng ý")
    assert "Đăng ký thành công" in newcomer.text
