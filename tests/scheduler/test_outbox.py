"""The paced outbox against a Telegram Bot API server that enforces Telegram's limits:
pacing, 429, blocked users, order within a chat, and a sender killed mid-broadcast."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.settings import Settings
from handlers.messages import Outgoing, SendResult, Sent
from scheduler import progress
from scheduler.outbox_sender import Lane, OutboxSender, Pace
from services.demo import DemoInvites
from services.ports import NewBroadcast
from storage import broadcasts, outbox
from storage.database import Database
from storage.schema import identities
from storage.schema import outbox as outbox_table
from tests.e2e.test_served_app import free_port
from tests.e2e.test_telegram import TOKEN
from tests.fakes.telegram_api import FakeTelegram
from tests.sending import add_web_chat, queue_broadcast, seed_recipients, store_shared_photo

FIRST_CHAT = 500_000


@pytest.fixture
async def telegram() -> AsyncIterator[FakeTelegram]:
    server = FakeTelegram()
    await server.start()
    yield server
    await server.stop()


def channel_for(server: FakeTelegram, settings: Settings, database: Database) -> Any:
    from bot.channels.telegram import TelegramChannel
    from bot.conversation import Conversation

    configured = settings.model_copy(
        update={"telegram_token": TOKEN, "telegram_api_url": server.url}
    )
    return TelegramChannel(Conversation(configured, database))


def test_a_lane_spaces_requests_keeps_each_chat_waiting_and_pauses_on_429() -> None:
    clock = [100.0]
    lane = Lane(Pace(per_second=10, chat_interval=1.0), clock=lambda: clock[0])
    assert lane.wait_for("a") == 0
    lane.take("a")
    assert lane.wait_for("b") == pytest.approx(0.1)  # the next request, a tenth later
    assert lane.wait_for("a") == float("inf")  # not before its answer
    clock[0] += 0.05
    lane.answered("a")
    assert lane.wait_for("a") == pytest.approx(1.0)  # a second after the answer
    clock[0] += 0.05
    lane.take("b")
    clock[0] += 0.01
    assert lane.wait_for("c") == pytest.approx(0.09)
    lane.pause(2.0)
    assert lane.wait_for("c") == pytest.approx(2.0)
    clock[0] += 5.0  # idle a while: the next one goes at once, without a burst after it
    assert lane.wait_for("c") == 0
    lane.take("c")
    assert lane.wait_for("d") == pytest.approx(0.1)


async def test_a_broadcast_goes_at_the_channel_limits_without_a_429_and_in_order_per_chat(
    telegram: FakeTelegram, settings: Settings, database: Database, demo: DemoInvites
) -> None:
    telegram.limit(per_second=20, chat_interval=1.0)
    now = _now()
    officer, _ = await seed_recipients(database, 30, now, FIRST_CHAT)
    _, queued = await queue_broadcast(database, officer, "Họp tổ lúc 19 giờ", now)
    assert queued == 30
    # Three notices for one chat, queued after the broadcast: they still go first, in order.
    first = str(FIRST_CHAT)
    notes = [Outgoing(text=f"Ghi chú {n}") for n in (1, 2, 3)]
    await database.run(lambda c: outbox.queue(c, "telegram", first, notes, now))
    channel = channel_for(telegram, settings, database)
    sender = OutboxSender(database, {"telegram": channel.pieces}, {"telegram": Pace(20, 1.0)}, _now)
    try:
        await sender.send_pending(timeout=60)
    finally:
        await channel.client.close()
    assert telegram.too_fast == 0  # never over the limits...
    assert {FIRST_CHAT + n: 1 for n in range(1, 30)} == {
        chat: count for chat, count in telegram.received.items() if chat != FIRST_CHAT
    }
    chats = [int(s.params["chat_id"]) for s in telegram.sent]
    to_first = [s.params["text"] for s in telegram.sent if int(s.params["chat_id"]) == FIRST_CHAT]
    assert to_first[:3] == ["Ghi chú 1", "Ghi chú 2", "Ghi chú 3"]
    assert len(to_first) == 4 and "Họp tổ lúc 19 giờ" in to_first[3]
    # ...and not far under them either: while the first chat waits its second between two
    # notices, the lane serves the other chats (what a rate measure would show, untimed).
    first_note, second_note = [n for n, chat in enumerate(chats) if chat == FIRST_CHAT][:2]
    assert second_note - first_note > 1


async def test_a_429_is_waited_out_and_every_message_still_goes_once(
    telegram: FakeTelegram, settings: Settings, database: Database, demo: DemoInvites
) -> None:
    # One chat's messages go one at a time, so each request follows the previous answer and
    # the server can tell a wait that was not honoured (`too_early`); a 429 pausing the other
    # chats too is the lane's test above.
    now = _now()
    notes = [Outgoing(text=f"Thông báo {n}") for n in range(1, 6)]
    await database.run(lambda c: outbox.queue(c, "telegram", str(FIRST_CHAT), notes, now))
    for _ in range(2):
        telegram.fail_next(
            "sendMessage",
            429,
            description="Too Many Requests: retry after 1",
            parameters={"retry_after": 1},
        )
    await _drain(telegram, settings, database, timeout=60)
    assert telegram.too_early == 0  # both waits were honoured
    assert telegram.calls.count("sendMessage") == 5 + 2
    assert _texts_to(telegram, FIRST_CHAT) == [f"Thông báo {n}" for n in range(1, 6)]


async def test_blocked_users_are_marked_unreachable_and_reached_on_their_other_channel(
    telegram: FakeTelegram, settings: Settings, database: Database, demo: DemoInvites
) -> None:
    now = _now()
    officer, recipients = await seed_recipients(database, 4, now, FIRST_CHAT)
    # The second also uses the web chat (less recently): the notice goes there instead.
    await add_web_chat(database, recipients[1], "web-second", now.replace(year=now.year - 1))
    telegram.forbidden_chats |= {FIRST_CHAT, FIRST_CHAT + 1}
    number, _ = await queue_broadcast(database, officer, "Thông báo khẩn", now)
    channel = channel_for(telegram, settings, database)
    sender = OutboxSender(database, {"telegram": channel.pieces}, {"telegram": Pace(100, 0)}, _now)
    try:
        await sender.send_pending(timeout=60)
    finally:
        await channel.client.close()

    def read(conn: Any) -> Any:
        blocked = conn.execute(
            select(identities.c.chat_id).where(identities.c.unreachable.is_(True))
        ).scalars()
        web = conn.execute(
            select(outbox_table.c.payload).where(outbox_table.c.chat_id == "web-second")
        ).scalars()
        tally = broadcasts.tally(conn, number, officer.id, 0)
        return sorted(blocked), list(web), tally

    blocked, web, tally = await database.run(read)
    assert blocked == [str(FIRST_CHAT), str(FIRST_CHAT + 1)]
    assert len(web) == 1 and "Thông báo khẩn" in web[0]["text"]
    # Delivered: two on Telegram, one in the web chat; one could not be reached at all.
    assert (tally.sent, tally.failed, tally.left) == (3, 1, 0)
    assert sorted(telegram.received.values()) == [1, 1]
    # A second round sends nothing again.
    channel = channel_for(telegram, settings, database)
    sender = OutboxSender(database, {"telegram": channel.pieces}, {"telegram": Pace(100, 0)}, _now)
    try:
        await sender.send_pending(timeout=60)
    finally:
        await channel.client.close()
    assert sorted(telegram.received.values()) == [1, 1]


async def test_the_sender_is_told_the_progress_and_gets_the_report_once(
    telegram: FakeTelegram, settings: Settings, database: Database, demo: DemoInvites
) -> None:
    now = _now()
    officer, _ = await seed_recipients(database, 3, now, FIRST_CHAT)
    await add_web_chat(database, officer.id, "web-officer", now)
    number, _ = await queue_broadcast(database, officer, "Thông báo", now)
    later = now + timedelta(minutes=2)  # past the progress interval

    def officer_inbox(conn: Any) -> list[str]:
        rows = conn.execute(
            select(outbox_table.c.payload)
            .where(outbox_table.c.chat_id == "web-officer")
            .order_by(outbox_table.c.id)
        ).scalars()
        return [row["text"] for row in rows]

    await database.run(lambda c: progress.tell_senders(c, later, 60))
    said = await database.run(officer_inbox)
    assert said == [f"📢 Thông báo #{number}: đã gửi 0, không gửi được 0, còn 3 / 3."]
    channel = channel_for(telegram, settings, database)
    sender = OutboxSender(database, {"telegram": channel.pieces}, {"telegram": Pace(100, 0)}, _now)
    try:
        await sender.send_pending(timeout=60)
    finally:
        await channel.client.close()
    for _ in range(2):  # the report goes once
        await database.run(lambda c: progress.tell_senders(c, later, 60))
    said = await database.run(officer_inbox)
    assert len(said) == 2 and said[1].startswith(f"📢 Thông báo #{number} đã gửi xong: 3/3")


@pytest.mark.parametrize("stop", [signal.SIGKILL, signal.SIGTERM], ids=["killed", "stopped"])
async def test_a_sender_stopped_mid_broadcast_and_restarted_delivers_to_everyone_once(
    telegram: FakeTelegram,
    settings: Settings,
    database: Database,
    demo: DemoInvites,
    tmp_path: Path,
    stop: signal.Signals,
) -> None:
    """The real bot process (`antt-bot run`), stopped a third of the way through a broadcast,
    then started again. The server takes 13 messages and holds the next requests unanswered;
    SIGKILL comes once the 13 are recorded, so no request it took is on the wire (one that is,
    at the very moment of a kill, cannot be known to have arrived and is sent again: see
    storage/outbox.recover; bench/broadcast.py kills at random points). SIGTERM (a deploy)
    comes with requests on the wire: the bot waits for their answers and records them."""
    telegram.limit(per_second=10, chat_interval=1.0)
    now = _now()
    officer, _ = await seed_recipients(database, 40, now, FIRST_CHAT)
    await queue_broadcast(database, officer, "Tổng kết đợt thi đua", now)
    env = {
        **os.environ,
        "ANTT_DATA_DIR": str(settings.data_dir),
        "ANTT_DATABASE_URL": settings.resolved_database_url,
        "ANTT_SECRET_KEY": settings.secret_key,
        "ANTT_TELEGRAM_TOKEN": TOKEN,
        "ANTT_TELEGRAM_API_URL": telegram.url,
        "ANTT_TELEGRAM_MESSAGES_PER_SECOND": "10",
        "ANTT_SCHEDULER": "false",
    }
    bot_log = tmp_path / "bot.log"

    async def bot_process() -> asyncio.subprocess.Process:
        log = bot_log.open("ab")
        return await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            "from bot.cli import app; app()",
            "run",
            env={**env, "ANTT_WEB_PORT": str(free_port())},
            stdout=log,
            stderr=log,
        )

    async def until(condition: Callable[[], Awaitable[bool]], timeout: float = 120) -> None:
        """Wait for a condition; the timeout only ends a hung test, nothing is timed."""
        deadline = time.monotonic() + timeout
        while not await condition():
            assert time.monotonic() < deadline, bot_log.read_text()
            await asyncio.sleep(0.01)

    async def recorded(count: int) -> bool:
        sent = await database.run(
            lambda c: c.execute(
                select(func.count()).where(outbox_table.c.status == "sent")
            ).scalar_one()
        )
        return int(sent) >= count

    async def holding() -> bool:
        return telegram.held > 0

    telegram.hold_sends_after(13)
    first = await bot_process()
    try:
        await until(holding)
        if stop is signal.SIGKILL:
            await until(lambda: recorded(13))  # all it took; the rest waits on the wire
            first.send_signal(stop)
            await asyncio.wait_for(first.wait(), 60)
            telegram.let_go(deliver=False)  # as if they never arrived
        else:
            first.send_signal(stop)

            async def stopping() -> bool:
                return "Waiting for application shutdown" in bot_log.read_text()

            await until(stopping)  # the outbox stops next: the held ones are answered
            telegram.let_go(deliver=True)
            await asyncio.wait_for(first.wait(), 60)
    finally:
        if first.returncode is None:
            first.kill()
    taken = telegram.received.total()
    assert 13 <= taken < 40  # stopped part-way
    if stop is signal.SIGKILL:
        assert taken == 13
    second = await bot_process()
    try:
        await until(lambda: recorded(40))
    finally:
        second.terminate()
        await asyncio.wait_for(second.wait(), 60)
    # Everything was recorded before the second stopped: a repeat would have shown by now.
    assert telegram.received == {FIRST_CHAT + n: 1 for n in range(40)}
    assert telegram.too_fast == 0


def _now() -> datetime:
    return datetime.now(UTC)


async def test_a_long_zalo_message_goes_on_from_the_piece_that_failed(
    settings: Settings, database: Database, demo: DemoInvites
) -> None:
    from bot.channels.zalo import ZaloChannel
    from bot.conversation import Conversation
    from tests.e2e.test_zalo import TOKEN as ZALO_TOKEN
    from tests.fakes.zalo_api import FakeZalo

    zalo_api = FakeZalo()
    await zalo_api.start()
    configured = settings.model_copy(
        update={"zalo_token": ZALO_TOKEN, "zalo_api_url": zalo_api.url}
    )
    zalo = ZaloChannel(Conversation(configured, database))
    long_text = "\n".join(f"Dòng {n}: " + ("nội dung thông báo " * 5).strip() for n in range(60))
    now = _now()
    await database.run(lambda c: outbox.queue(c, "zalo", "z-1", [Outgoing(text=long_text)], now))
    first_round = [True]

    def flaky(chat_id: str, payload: dict[str, Any]) -> list[Any]:
        pieces = zalo.pieces(chat_id, payload)
        assert len(pieces) == 4  # 2,000 characters each at most
        if first_round[0]:  # Zalo fails on the second piece, the first time only
            first_round[0] = False

            async def unavailable() -> SendResult:
                return SendResult(Sent.LATER)

            pieces[1] = unavailable
        return pieces

    clock = [now]
    try:
        sender = OutboxSender(database, {"zalo": flaky}, {"zalo": Pace(100, 0)}, lambda: clock[0])
        await sender.send_pending(timeout=60)
        assert len(zalo_api.sent) == 1  # the first piece; the rest waits for its retry
        clock[0] = now + timedelta(seconds=5)
        sender = OutboxSender(database, {"zalo": flaky}, {"zalo": Pace(100, 0)}, lambda: clock[0])
        await sender.send_pending(timeout=60)
    finally:
        await zalo.client.close()
        await zalo_api.stop()
    texts = [body["text"] for method, body in zalo_api.sent if method == "sendMessage"]
    assert len(texts) == 4 and len(set(texts)) == 4  # each piece once, none repeated
    assert "\n".join(texts) == long_text


async def test_a_photo_broadcast_is_uploaded_once_then_sent_by_its_telegram_id(
    telegram: FakeTelegram, settings: Settings, database: Database, demo: DemoInvites
) -> None:
    from tests.conftest import JPEG

    now = _now()
    officer, _ = await seed_recipients(database, 3, now, FIRST_CHAT)
    await store_shared_photo(database, "anh-truy-na", JPEG, now)
    short = Outgoing(text="Ảnh đối tượng truy nã", image_url="/files/anh-truy-na")
    long = Outgoing(text="Mô tả: " + "đặc điểm nhận dạng " * 80, image_url="/files/anh-truy-na")
    await database.run(
        lambda c: broadcasts.start(
            c,
            NewBroadcast(
                officer, "all", short.text, "anh-truy-na", {"vi": short, "en": short}, now
            ),
        )
    )
    await database.run(lambda c: outbox.queue(c, "telegram", str(FIRST_CHAT), [long], now))
    channel = channel_for(telegram, settings, database)
    sender = OutboxSender(database, {"telegram": channel.pieces}, {"telegram": Pace(100, 0)}, _now)
    try:
        await sender.send_pending(timeout=60)
    finally:
        await channel.client.close()
    photos = [s.params for s in telegram.sent if s.method == "sendPhoto"]
    uploads = [p for p in photos if p["upload"]]
    assert len(photos) == 4 and len(uploads) == 1  # uploaded once...
    assert uploads[0]["upload"]["head"] == JPEG[:8]
    assert [p["photo"] for p in photos if not p["upload"]] == ["up1"] * 3  # ...then by its id
    for chat in (FIRST_CHAT + 1, FIRST_CHAT + 2):
        [sent] = [s for s in telegram.sent if int(s.params["chat_id"]) == chat]
        assert (sent.method, sent.params["caption"]) == ("sendPhoto", short.text)
    # Over Telegram's 1,024-character caption: the text first, then the photo bare; then the
    # broadcast (the notice was queued later, but notices go before bulk messages).
    first = [s for s in telegram.sent if int(s.params["chat_id"]) == FIRST_CHAT]
    assert [(s.method, s.params.get("text") or s.params.get("caption", "")) for s in first] == [
        ("sendMessage", long.text),
        ("sendPhoto", ""),
        ("sendPhoto", short.text),
    ]


async def test_one_process_sends_and_another_takes_over_when_it_goes(
    settings: Settings, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scheduler import outbox_sender

    monkeypatch.setattr(outbox_sender, "LEADER_RETRY", 0.05)
    first = OutboxSender(database, {}, {}, _now)
    second = OutboxSender(database, {}, {}, _now)
    tries = {id(first): 0, id(second): 0}
    for sender in (first, second):
        acquire = sender.leadership.acquire

        async def counted(sender: OutboxSender = sender, acquire: Any = acquire) -> bool:
            held = bool(await acquire())
            tries[id(sender)] += 1
            return held

        monkeypatch.setattr(sender.leadership, "acquire", counted)
    await first.start()
    await second.start()
    try:
        await _until(lambda: sum(tries.values()) >= 3)  # the one left out has tried twice
        assert [first.leadership.held, second.leadership.held].count(True) == 1
        leader, other = (first, second) if first.leadership.held else (second, first)
        await leader.stop()  # the sending process goes away: the other one takes over
        await _until(lambda: other.leadership.held)
    finally:
        await first.stop()
        await second.stop()


async def test_a_stop_that_comes_while_the_sender_starts_ends_it_at_once(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A deploy's SIGTERM lands while the sender takes back what a stopped one held: the
    sender ends by itself (it used to go on until the stop gave up on it and cancelled it,
    requests on the wire included, 30 s later)."""
    from scheduler import outbox_sender

    monkeypatch.setattr(outbox_sender, "STOP_GRACE", 0.2)
    sender = OutboxSender(database, {}, {}, _now)
    real_recover = outbox.recover

    def recover_as_the_stop_comes(conn: Any, channels: list[str]) -> int:
        sender._stopping.set()  # what stop() does first, before it waits for the sender
        sender._term_over.set()
        return real_recover(conn, channels)

    monkeypatch.setattr(outbox, "recover", recover_as_the_stop_comes)
    await sender.start()
    [serving] = sender._tasks
    await _until(serving.done, timeout=30)  # the stop's wait (30 s) would cancel it
    await sender.stop()
    assert not serving.cancelled() and not sender.leadership.held


async def _until(condition: Callable[[], bool], timeout: float = 60) -> None:
    """Wait for a condition; the timeout only ends a hung test, nothing is timed."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the condition never came"
        await asyncio.sleep(0.01)


async def _drain(
    telegram: FakeTelegram,
    settings: Settings,
    database: Database,
    now: Any = _now,
    timeout: float = 60,
) -> Any:
    """Send what is ready through a Telegram channel on the fake server; the channel."""
    channel = channel_for(telegram, settings, database)
    sender = OutboxSender(database, {"telegram": channel.pieces}, {"telegram": Pace(100, 0)}, now)
    try:
        await sender.send_pending(timeout=timeout)
    finally:
        await channel.client.close()
    return channel


def _texts_to(telegram: FakeTelegram, chat: int) -> list[str]:
    return [s.params["text"] for s in telegram.sent if int(s.params["chat_id"]) == chat]


async def test_a_message_waiting_for_a_retry_holds_back_the_later_ones_of_its_chat(
    telegram: FakeTelegram, settings: Settings, database: Database, demo: DemoInvites
) -> None:
    now = _now()
    first, other = str(FIRST_CHAT), str(FIRST_CHAT + 1)
    notes = [Outgoing(text="Lịch trực tuần 1"), Outgoing(text="Lịch trực tuần 2")]
    await database.run(lambda c: outbox.queue(c, "telegram", first, notes, now))
    await database.run(lambda c: outbox.queue(c, "telegram", other, [Outgoing(text="Họp")], now))
    telegram.fail_next("sendMessage", 502, description="Bad Gateway")  # the first one, once
    clock = [now]
    await _drain(telegram, settings, database, lambda: clock[0], timeout=60)
    # The other chat is not held up; the failed message's chat waits for its retry.
    assert _texts_to(telegram, FIRST_CHAT + 1) == ["Họp"]
    assert _texts_to(telegram, FIRST_CHAT) == []
    clock[0] = now + timedelta(seconds=5)  # past the retry's wait
    await _drain(telegram, settings, database, lambda: clock[0], timeout=60)
    assert _texts_to(telegram, FIRST_CHAT) == ["Lịch trực tuần 1", "Lịch trực tuần 2"]


async def test_a_send_is_recorded_once_the_database_answers_again_and_never_repeated(
    telegram: FakeTelegram,
    settings: Settings,
    database: Database,
    demo: DemoInvites,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    now = _now()
    await database.run(
        lambda c: outbox.queue(c, "telegram", str(FIRST_CHAT), [Outgoing(text="Khẩn")], now)
    )
    real_settle, failures = outbox.settle, [3]

    def settle_while_the_database_is_away(*args: Any) -> None:
        if failures[0]:
            failures[0] -= 1
            raise ConnectionError("the database went away")
        real_settle(*args)

    monkeypatch.setattr(outbox, "settle", settle_while_the_database_is_away)
    await _drain(telegram, settings, database)
    assert failures == [0]
    statuses = await database.run(lambda c: c.execute(select(outbox_table.c.status)).scalars())
    assert list(statuses) == ["sent"]
    await _drain(telegram, settings, database, timeout=60)  # a later round: nothing again
    assert telegram.received == {FIRST_CHAT: 1}


async def test_a_quota_answered_429_again_and_again_becomes_a_retry_later(
    telegram: FakeTelegram,
    settings: Settings,
    database: Database,
    demo: DemoInvites,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from scheduler import outbox_sender

    monkeypatch.setattr(outbox_sender, "TOO_FAST_LIMIT", 3)
    now = _now()
    await database.run(
        lambda c: outbox.queue(c, "telegram", str(FIRST_CHAT), [Outgoing(text="Thông báo")], now)
    )
    for _ in range(5):  # a daily quota: Telegram keeps saying "in a second"
        telegram.fail_next(
            "sendMessage", 429, description="Too Many Requests", parameters={"retry_after": 1}
        )
    await _drain(telegram, settings, database, timeout=60)
    assert telegram.too_early == 0  # each wait was honoured
    assert telegram.calls.count("sendMessage") == 3 and telegram.received.total() == 0
    row = await database.run(
        lambda c: c.execute(select(outbox_table.c.status, outbox_table.c.attempts)).one()
    )
    assert (row.status, row.attempts) == ("pending", 1)  # waits as a failed try does


async def test_a_chat_telegram_cannot_find_is_marked_unreachable(
    telegram: FakeTelegram, settings: Settings, database: Database, demo: DemoInvites
) -> None:
    now = _now()
    officer, _ = await seed_recipients(database, 2, now, FIRST_CHAT)
    telegram.fail_next("sendMessage", 400, description="Bad Request: chat not found")
    number, _ = await queue_broadcast(database, officer, "Thông báo", now)
    await _drain(telegram, settings, database)
    unreachable = await database.run(
        lambda c: c.execute(
            select(identities.c.chat_id).where(identities.c.unreachable.is_(True))
        ).scalars()
    )
    assert list(unreachable) == [str(FIRST_CHAT)]
    tally = await database.run(lambda c: broadcasts.tally(c, number, officer.id, 0))
    assert (tally.sent, tally.failed, tally.left) == (1, 1, 0)


async def test_a_notice_leaves_the_keyboard_of_a_conversation_under_way(
    telegram: FakeTelegram, settings: Settings, database: Database, demo: DemoInvites
) -> None:
    channel = channel_for(telegram, settings, database)
    try:
        channel._reply_keyboards.add(str(FIRST_CHAT))  # a location button is up
        [piece] = channel.pieces(str(FIRST_CHAT), Outgoing(text="Thông báo").to_dict())
        assert (await piece()).kind is Sent.OK
    finally:
        await channel.client.close()
    [sent] = telegram.sent
    assert "reply_markup" not in sent.params
    assert str(FIRST_CHAT) in channel._reply_keyboards


async def test_a_photo_that_is_gone_still_brings_its_text(
    telegram: FakeTelegram, settings: Settings, database: Database, demo: DemoInvites
) -> None:
    now = _now()
    gone = Outgoing(text="Ảnh hiện trường vụ cháy", image_url="/files/da-xoa")
    await database.run(lambda c: outbox.queue(c, "telegram", str(FIRST_CHAT), [gone], now))
    await _drain(telegram, settings, database)
    assert _texts_to(telegram, FIRST_CHAT) == ["Ảnh hiện trường vụ cháy"]


async def test_a_progress_line_only_when_the_broadcast_moved_on(
    telegram: FakeTelegram, settings: Settings, database: Database, demo: DemoInvites
) -> None:
    now = _now()
    officer, _ = await seed_recipients(database, 2, now, FIRST_CHAT)
    await add_web_chat(database, officer.id, "web-officer", now)
    await queue_broadcast(database, officer, "Thông báo", now)
    told = [
        await database.run(lambda c: progress.tell_senders(c, now + timedelta(minutes=2), 60)),
        await database.run(lambda c: progress.tell_senders(c, now + timedelta(minutes=4), 60)),
    ]
    assert told == [1, 0]  # the second minute had nothing new to say
    await _drain(telegram, settings, database)
    assert await database.run(lambda c: progress.tell_senders(c, now, 60)) == 1  # the report


@pytest.mark.postgres
async def test_a_sender_that_loses_its_lock_stops_and_the_next_sends_each_message_once(
    telegram: FakeTelegram,
    settings: Settings,
    database: Database,
    demo: DemoInvites,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The lock's connection is cut (a restarted server, a proxy's timeout) while the first
    sender is half-way; a second process takes the lock at once. The first must notice and
    stop, the second wait for it, and no chat get the message twice."""
    if database.advisory_dsn() is None:
        pytest.skip("the advisory lock is PostgreSQL's")
    from scheduler import outbox_sender

    monkeypatch.setattr(outbox_sender, "LEAD_CHECK", 0.2)
    monkeypatch.setattr(outbox_sender, "HANDOVER", 3.0)  # 15 lead checks: room on a loaded machine
    telegram.limit(per_second=20, chat_interval=1.0)
    now = _now()
    officer, _ = await seed_recipients(database, 60, now, FIRST_CHAT)
    await queue_broadcast(database, officer, "Họp khẩn", now)
    channels = [channel_for(telegram, settings, database) for _ in range(2)]
    first, second = (
        OutboxSender(database, {"telegram": c.pieces}, {"telegram": Pace(20, 1.0)}, _now)
        for c in channels
    )
    try:
        await first.start()
        while telegram.received.total() < 15:
            await asyncio.sleep(0.01)
        connection = first.leadership._connection
        assert connection is not None
        pid = connection.get_server_pid()
        await database.run(lambda c: c.exec_driver_sql(f"SELECT pg_terminate_backend({pid})"))
        await second.send_pending(timeout=60)
        assert not first.leadership.held
    finally:
        await first.stop()
        await second.stop()
        for channel in channels:
            await channel.client.close()
    assert telegram.received == {FIRST_CHAT + n: 1 for n in range(60)}


async def test_messages_for_a_channel_switched_off_go_to_another_chat_or_are_reported(
    settings: Settings, database: Database, demo: DemoInvites
) -> None:
    """Telegram's token was taken away (Telegram is blocked in Vietnam) with a broadcast still
    queued for two Telegram chats: the member who also uses the web chat gets it there, the
    other counts as not delivered, and the broadcast ends with its report."""
    now = _now()
    officer, recipients = await seed_recipients(database, 2, now, FIRST_CHAT)
    await add_web_chat(database, recipients[0], "web-first", now.replace(year=now.year - 1))
    number, _ = await queue_broadcast(database, officer, "Thông báo chuyển kênh", now)
    await OutboxSender(database, {}, {}, _now).send_pending(timeout=60)  # the web chat only

    def read(conn: Any) -> Any:
        web = conn.execute(
            select(outbox_table.c.payload).where(outbox_table.c.chat_id == "web-first")
        ).scalars()
        return list(web), broadcasts.tally(conn, number, officer.id, 0)

    web, tally = await database.run(read)
    assert len(web) == 1 and "Thông báo chuyển kênh" in web[0]["text"]
    assert (tally.sent, tally.failed, tally.left) == (1, 1, 0)
