"""A revealed informant is shown once or not at all: when Telegram is down at that moment, the
reveal is dropped with a note to ask again, and never waits in the outbox."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from bot.channels.messenger import SEND_ATTEMPTS
from bot.settings import Settings
from scheduler.outbox_sender import Courier
from services.demo import DemoInvites
from storage.database import Database
from storage.schema import outbox
from tests.bot.test_web_flows import log_tip
from tests.e2e.test_channel_faults import started_telegram
from tests.fakes.telegram_api import FakeTelegram, TelegramUser
from tests.sending import send_outbox


async def test_a_reveal_telegram_cannot_take_is_dropped_with_a_note(
    telegram_api: FakeTelegram,
    settings: Settings,
    database: Database,
    demo: DemoInvites,
    users: Any,
) -> None:
    channel = await started_telegram(telegram_api, settings, database)
    try:
        officer = TelegramUser(telegram_api, 4101, "Công")
        await officer.say(f"/start {demo.officer.code}")
        await officer.say("Đỗ Văn Công")
        await officer.tap("Đồng ý")
        member = users()
        await member.register(demo.member.code)
        reference = await log_tip(member, named=True)

        await officer.say("/nguontin")
        await officer.tap("Xem người cung cấp")
        assert "Vì sao cần xem" in officer.last[-1]["text"]
        for _ in range(SEND_ATTEMPTS * 3):  # Telegram down for every try of every reply
            telegram_api.fail_next("sendMessage", 502, description="Bad Gateway")
        await officer.say("Cần gặp trực tiếp để xác minh thêm")
        assert officer.last == []  # nothing arrived
        telegram_api.failures.clear()

        payloads = await database.run(
            lambda c: (
                c.execute(select(outbox.c.payload).where(outbox.c.chat_id == "4101"))
                .scalars()
                .all()
            )
        )
        stored = json.dumps(payloads, ensure_ascii=False)
        assert "Lê Thị Mật" not in stored and "0912345678" not in stored
        assert "chưa gửi được" in stored  # the note waits instead

        couriers: dict[str, Courier] = {"telegram": channel.pieces}
        await send_outbox(database, couriers, channel.conversation.now)
        arrived = "\n".join(m["text"] for m in officer.new_messages())
        assert "chưa gửi được" in arrived and "/nguontin" in arrived
        assert "Lê Thị Mật" not in arrived and "0912345678" not in arrived
        assert reference in arrived  # the tip card the officer was at still comes

        # Asked again once Telegram is back: shown, and again stored nowhere.
        await officer.tap("Xem người cung cấp")
        await officer.say("Cần gặp trực tiếp để xác minh thêm")
        shown = "\n".join(m["text"] for m in officer.last)
        assert "Lê Thị Mật" in shown and "0912345678" in shown
        payloads = await database.run(lambda c: c.execute(select(outbox.c.payload)).scalars().all())
        assert "Lê Thị Mật" not in json.dumps(payloads, ensure_ascii=False)
    finally:
        await channel.stop()


async def test_nothing_is_queued_for_a_strangers_chat(
    telegram_api: FakeTelegram, settings: Settings, database: Database
) -> None:
    channel = await started_telegram(telegram_api, settings, database)
    try:
        stranger = TelegramUser(telegram_api, 4202, "Lạ")
        for _ in range(SEND_ATTEMPTS):
            telegram_api.fail_next("sendMessage", 502, description="Bad Gateway")
        await stranger.say("xin chào")
        assert stranger.last == []
        rows = await database.run(lambda c: c.execute(select(outbox.c.id)).all())
        assert rows == []
    finally:
        await channel.stop()
