"""Messenger faults a real deployment meets: bad answers, groups, edits, lost photos, logs."""

from __future__ import annotations

import io
import logging
import os
from typing import Any

import pytest
from aiohttp import web
from PIL import Image
from sqlalchemy import select

from bot.channels.telegram import TelegramChannel
from bot.channels.telegram_api import read_update
from bot.channels.zalo import ZaloChannel
from bot.conversation import Conversation
from bot.logs import RedactingFormatter
from bot.settings import Settings
from scheduler.outbox_sender import Courier
from services.demo import DemoInvites
from storage.database import Database
from storage.schema import chat_states
from tests.e2e.test_telegram import TOKEN as TELEGRAM_TOKEN
from tests.e2e.test_zalo import TOKEN as ZALO_TOKEN
from tests.e2e.test_zalo import register as zalo_register
from tests.fakes.telegram_api import FakeTelegram, TelegramUser
from tests.fakes.zalo_api import FakeZalo, ZaloUser
from tests.sending import send_outbox
from tests.waiting import until


async def started_telegram(
    api: FakeTelegram, settings: Settings, database: Database
) -> TelegramChannel:
    configured = settings.model_copy(
        update={"telegram_token": TELEGRAM_TOKEN, "telegram_api_url": api.url}
    )
    channel = TelegramChannel(Conversation(configured, database))
    channel.retry_pause = 0.01
    await channel.start()
    return channel


async def started_zalo(api: FakeZalo, settings: Settings, database: Database) -> ZaloChannel:
    configured = settings.model_copy(update={"zalo_token": ZALO_TOKEN, "zalo_api_url": api.url})
    channel = ZaloChannel(Conversation(configured, database))
    channel.retry_pause = 0.01
    await channel.start()
    return channel


async def test_telegram_polling_survives_an_html_error_page(
    telegram_api: FakeTelegram, settings: Settings, database: Database
) -> None:
    original = telegram_api._getUpdates
    calls = {"n": 0}

    async def flaky(params: dict[str, Any]) -> web.Response:
        calls["n"] += 1
        if calls["n"] == 1:
            return web.Response(
                status=502, text="<html>Bad Gateway</html>", content_type="text/html"
            )
        return await original(params)

    telegram_api._getUpdates = flaky  # type: ignore[method-assign]
    channel = await started_telegram(telegram_api, settings, database)
    try:
        user = TelegramUser(telegram_api, 3001)
        await user.say("/help")
        assert "/baotin" in user.text and calls["n"] >= 2
    finally:
        await channel.stop()


async def test_telegram_polling_skips_an_update_it_cannot_read(
    telegram_api: FakeTelegram,
    settings: Settings,
    database: Database,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """One malformed update in a batch is logged (by its id, never its text) and confirmed;
    the others in the batch, fields never heard of included, are answered."""
    first, second = TelegramUser(telegram_api, 3011), TelegramUser(telegram_api, 3012)
    broken = first._message(text="Số nhà 12 ngõ 5")
    del broken["chat"]
    novel = {**second._message(text="/help"), "paid_star_count": 5, "story": {"id": 1}}
    batch = [
        {"message": broken},
        {"message": first._message(text="/help")},
        {"message_reaction": {"chat": {"id": 3012}, "date": 1}},  # a kind never asked for
        {"message": novel},
    ]
    ids = [next(telegram_api.update_ids) for _ in batch]
    async with telegram_api.changed:
        telegram_api.updates += [{"update_id": i, **u} for i, u in zip(ids, batch, strict=True)]
        telegram_api.changed.notify_all()
    with caplog.at_level(logging.WARNING, logger="bot.channels.telegram_api"):
        channel = await started_telegram(telegram_api, settings, database)
        try:
            await telegram_api.processed(ids[-1])  # all of them confirmed, the broken one too
            assert "/baotin" in first.new_messages()[0]["text"]
            assert "/baotin" in second.new_messages()[0]["text"]
            await first.say("/help")  # still polling
            assert "/baotin" in first.text
        finally:
            await channel.stop()
    said = [r.getMessage() for r in caplog.records if r.name == "bot.channels.telegram_api"]
    assert said == [
        f"telegram: update {ids[0]} skipped, not readable: update.message.chat is not an object"
    ]


async def test_telegram_a_refused_token_stops_the_polling(
    telegram_api: FakeTelegram, settings: Settings, database: Database
) -> None:
    telegram_api.fail_next("getUpdates", 401, description="Unauthorized")
    channel = await started_telegram(telegram_api, settings, database)
    try:
        poller = channel._poller
        assert poller is not None
        await until(poller.done, "polling given up")
        assert telegram_api.calls.count("getUpdates") == 1  # never asked again with that token
    finally:
        await channel.stop()


async def test_telegram_groups_edits_and_failed_photos(
    telegram_api: FakeTelegram, settings: Settings, database: Database, demo: DemoInvites
) -> None:
    channel = await started_telegram(telegram_api, settings, database)
    try:
        group = {
            "message_id": 1,
            "date": 1750000000,
            "chat": {"id": -100500, "type": "group", "title": "Tổ"},
            "from": {"id": 3002, "is_bot": False, "first_name": "A"},
            "text": "/viectot",
        }
        update_id = await telegram_api.push({"message": group})
        await telegram_api.processed(update_id)
        sent = [s.params for s in telegram_api.sent if s.method == "sendMessage"]
        assert len(sent) == 1 and "trò chuyện riêng" in sent[0]["text"]

        user = TelegramUser(telegram_api, 3003)
        await user.say("/help")
        edited = user._message(text="sửa lại")
        update_id = await telegram_api.push({"edited_message": {**edited, "edit_date": 1750000100}})
        await telegram_api.processed(update_id)
        assert "không đọc lại tin nhắn đã sửa" in user.new_messages()[-1]["text"]
        await user.send_photo(b"not an image at all")
        assert "Không tải được ảnh" in user.text
    finally:
        await channel.stop()


async def test_zalo_survives_odd_answers_and_updates(
    zalo_api: FakeZalo, settings: Settings, database: Database, demo: DemoInvites
) -> None:
    zalo_api.fail_next("getUpdates", 200, error_code="E_RATE", description="odd")
    channel = await started_zalo(zalo_api, settings, database)
    try:
        user = ZaloUser(zalo_api, "z-odd")
        bad = user.update("message.text.received", text="/help")
        bad["message"]["chat"]["id"] = None  # malformed: ignored, not answered to "None"
        await zalo_api.push(bad)
        await zalo_api.processed(bad["message"]["message_id"])
        group = ZaloUser(zalo_api, "z-group").update("message.text.received", text="/viectot")
        group["message"]["chat"]["chat_type"] = "GROUP"
        await zalo_api.push(group)
        await zalo_api.processed(group["message"]["message_id"])
        sent = [b for m, b in zalo_api.sent if m == "sendMessage"]
        assert [b["chat_id"] for b in sent] == ["z-group"] and "trò chuyện riêng" in sent[0]["text"]
        await user.say("/help")
        assert "/baotin" in user.text  # still polling after all of that
    finally:
        await channel.stop()


async def test_zalo_photos_are_read_whole_or_reported(
    zalo_api: FakeZalo, settings: Settings, database: Database, demo: DemoInvites
) -> None:
    channel = await started_zalo(zalo_api, settings, database)
    try:
        user = ZaloUser(zalo_api, "z-photo", "Hoa")
        await zalo_register(user, demo.member.code)
        await user.say("/viectot")
        for answer in ("Sửa cầu", "Xóm 4", "hôm nay"):
            await user.say(answer)
        await user.send("message.image.received", photo=f"{zalo_api.url}/photos/missing.jpg")
        assert "Không tải được ảnh" in user.text
        noise = Image.frombytes("RGB", (560, 560), os.urandom(560 * 560 * 3))
        buffer = io.BytesIO()
        noise.save(buffer, "JPEG", quality=95)
        big = buffer.getvalue()  # a few hundred KB, read in many chunks
        await user.send_photo("big.jpg", big)
        assert "Ảnh: đã đính kèm" in user.text
        stored = list((settings.data_dir / "attachments").rglob("*.jpg"))
        assert len(stored) == 1 and stored[0].stat().st_size == len(big)
    finally:
        await channel.stop()


def test_tokens_never_reach_a_log_line() -> None:
    formatter = RedactingFormatter([TELEGRAM_TOKEN], "%(message)s")
    try:
        raise ValueError(f"GET https://api.telegram.org/file/bot{TELEGRAM_TOKEN}/photos/1.jpg 404")
    except ValueError:
        import sys

        record = logging.LogRecord(
            "x",
            logging.ERROR,
            __file__,
            1,
            "download of %s failed",
            (f"/bot{TELEGRAM_TOKEN}/getFile",),
            sys.exc_info(),
        )
    line = formatter.format(record)
    assert TELEGRAM_TOKEN not in line and "/bot***/getFile" in line and "/file/bot***/" in line


async def test_unsent_replies_wait_in_the_outbox_and_a_redelivery_reasks(
    telegram_api: FakeTelegram, settings: Settings, database: Database, demo: DemoInvites
) -> None:
    channel = await started_telegram(telegram_api, settings, database)
    try:
        user = TelegramUser(telegram_api, 3101, "Hoa")
        await user.say(f"/start {demo.member.code}")
        await user.say("Hoa")
        await user.tap("Đồng ý")
        await user.say("/viectot")
        for _ in range(4):  # Telegram unreachable for every retry of the next reply
            telegram_api.fail_next("sendMessage", 502, description="Bad Gateway")
        await user.say("Sửa đèn đường")
        assert user.last == []  # nothing arrived...
        couriers: dict[str, Courier] = {"telegram": channel.pieces}
        await send_outbox(database, couriers, channel.conversation.now)
        arrived = user.new_messages()  # ...and it is delivered once Telegram is back
        assert len(arrived) == 1 and "Giúp ai" in arrived[-1]["text"]
        await send_outbox(database, couriers, channel.conversation.now)
        assert user.new_messages() == []  # sent once only

        # The same update again (as after a restart before the offset moved on): the member
        # is shown the question they are at, and nothing is answered twice.
        update = read_update({"update_id": 990001, "message": user._message(text="Cụ Tý")})
        await channel.handle_update(update)
        assert "Ngày nào" in user.new_messages()[-1]["text"]
        await channel.handle_update(update)
        again = user.new_messages()
        assert len(again) == 1 and "Ngày nào" in again[0]["text"]
        answers = await database.run(
            lambda c: c.execute(
                select(chat_states.c.data).where(chat_states.c.chat_id == "3101")
            ).scalar_one()
        )
        assert answers["answers"]["for_whom"] == "Cụ Tý" and "date" not in answers["answers"]
    finally:
        await channel.stop()
