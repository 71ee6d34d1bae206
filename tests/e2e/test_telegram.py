"""Telegram end to end: the adapter and its Bot API client against a server on loopback."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy import select

from bot.app import create_app
from bot.channels.telegram import TelegramChannel
from bot.conversation import Conversation
from bot.render_pool import RenderPool
from bot.settings import Settings
from campaign.roles import Role
from scheduler.outbox_sender import OutboxSender, Pace
from services.demo import DemoInvites
from services.invites import create_invites
from storage.database import Database
from storage.schema import entries, identities
from storage.unit_of_work import UnitOfWork
from tests.conftest import JPEG
from tests.fakes.telegram_api import FakeTelegram, TelegramUser, _decode
from tests.waiting import until

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"


@pytest.fixture
async def server() -> AsyncIterator[FakeTelegram]:
    fake = FakeTelegram()
    await fake.start()
    yield fake
    await fake.stop()


@pytest.fixture
async def telegram(
    server: FakeTelegram, settings: Settings, database: Database, render_pool: RenderPool
) -> AsyncIterator[TelegramChannel]:
    configured = settings.model_copy(
        update={"telegram_token": TOKEN, "telegram_api_url": server.url}
    )
    channel = TelegramChannel(Conversation(configured, database, render_pool))
    channel.retry_pause = 0.01
    await channel.start()
    yield channel
    await channel.conversation.drawer.stop()
    await channel.stop()


async def register(user: TelegramUser, code: str) -> None:
    await user.say(f"/start {code}")  # what a t.me/<bot>?start=CODE deep link sends
    if "Họ và tên" in user.text:
        await user.say(user.name)
    await user.tap("Đồng ý")
    assert "Đăng ký thành công" in user.text, user.text


async def test_register_by_deep_link_and_log_tip_patrol_and_good_deed(
    server: FakeTelegram, telegram: TelegramChannel, demo: DemoInvites, database: Database
) -> None:
    user = TelegramUser(server, 501, "Nguyễn Thị Hoa")
    await register(user, demo.member.code)
    menu = user.last[-1]
    keyboard = menu["reply_markup"]["keyboard"]  # the menu as a reply keyboard
    assert any(b["text"].endswith("Báo nguồn tin") for row in keyboard for b in row)

    await user.say("🚨 Báo nguồn tin")  # a reply-keyboard tap sends the label as text
    assert "Tin báo thuộc loại nào" in user.text
    await user.tap("Ma túy")
    await user.say("Có người lạ tụ tập")
    location_button = user.last[-1]["reply_markup"]["keyboard"][0][0]
    assert location_button["request_location"] is True
    await user.share_location(21.0285, 105.8542)
    await user.tap("Bây giờ")
    await user.tap("Tôi trực tiếp phát hiện")
    await user.tap("Bình thường")
    await user.send_photo(JPEG)
    assert "Ảnh: đã đính kèm" in user.text and "Vị trí 21.02850" in user.text
    await user.tap("Lưu")
    assert re.search(r"NT-\d{4}-000001", user.text)

    await user.say("/tuantra")
    for answer in ("hôm qua", "19:00", "21:00", "Đường thôn"):
        await user.say(answer)
    await user.tap("Thành viên mẫu 2")
    await user.tap("Xong")
    await user.tap("Bỏ qua")
    await user.tap("Bỏ qua")
    await user.tap("Lưu")
    assert "TT-" in user.text

    await user.say("/viectot")
    for answer in ("Giúp cụ già qua đường", "Cụ Tý", "hôm nay"):
        await user.say(answer)
    await user.tap("Bỏ qua")
    await user.tap("Lưu")
    assert "VT-" in user.text
    saved = await database.run(lambda c: c.execute(select(entries.c.reference)).scalars().all())
    assert len(saved) == 3


async def test_typed_answers_back_cancel_and_bad_input(
    server: FakeTelegram, telegram: TelegramChannel, demo: DemoInvites
) -> None:
    user = TelegramUser(server, 502)
    await register(user, demo.member.code)
    await user.say("/baotin")
    await user.say("3")  # typed number instead of a tap
    assert "Sự việc gì" in user.text
    await user.say("x" * 3000)
    assert "tối đa là 2000" in user.text
    await user.say("/quaylai")
    assert "Tin báo thuộc loại nào" in user.text
    await user.send_sticker()
    assert "chỉ đọc được chữ và ảnh" in user.text and "Tin báo thuộc loại nào" in user.text
    await user.say("/huy")
    assert "Đã hủy" in user.text


async def test_a_stale_keyboard_gets_a_polite_note(
    server: FakeTelegram, telegram: TelegramChannel, demo: DemoInvites
) -> None:
    user = TelegramUser(server, 503)
    await register(user, demo.member.code)
    first = await user.say("/baotin")
    await user.tap("Ma túy")
    await user.tap("Trộm cắp, tội phạm", first)  # a second tap right away: ignored
    assert user.last == []
    await user.say("Xe lạ đỗ trước cổng")
    await user.tap("Trộm cắp, tội phạm", first)  # the keyboard of a question answered earlier
    assert "câu hỏi cũ" in user.text and "Ở đâu" in user.text


async def test_two_users_at_once_and_a_redelivered_update(
    server: FakeTelegram, telegram: TelegramChannel, demo: DemoInvites, database: Database
) -> None:
    alice, bob = TelegramUser(server, 601, "An"), TelegramUser(server, 602, "Bình")
    code_b = (
        await database.run(
            lambda c: create_invites(
                UnitOfWork(c).units,
                unit_code="DEMO-XA-T1",
                role=Role.MEMBER,
                count=1,
                now=telegram.conversation.now(),
            )
        )
    )[0].code
    await register(alice, demo.member.code)
    await register(bob, code_b)
    await alice.say("/viectot")
    await bob.say("/viectot")
    await alice.say("Việc của An")
    await bob.say("Việc của Bình")
    assert "Giúp ai" in alice.text and "Giúp ai" in bob.text
    for user in (alice, bob):
        await user.say("Hàng xóm")
        await user.say("hôm nay")
        await user.tap("Bỏ qua")
    message, data = alice.button("Lưu")
    query = {
        "id": "q1",
        "from": alice._user(),
        "message": message,
        "chat_instance": "1",
        "data": data,
    }
    # The same update delivered twice (as after a crash before the offset moved on).
    update_id = next(server.update_ids)
    update = {"update_id": update_id, "callback_query": query}
    async with server.changed:
        server.updates += [update, dict(update)]
        server.changed.notify_all()
    await server.processed(update_id)
    # Handled once, answered once: the redelivery creates nothing and says nothing.
    confirmations = [m["text"] for m in alice.new_messages() if "Đã lưu" in m["text"]]
    assert len(confirmations) == 1
    await bob.tap("Lưu")
    rows = await database.run(lambda c: c.execute(select(entries.c.details)).scalars().all())
    assert sorted(r["what"] for r in rows) == ["Việc của An", "Việc của Bình"]


async def test_429_is_waited_out_and_403_marks_the_chat_unreachable(
    server: FakeTelegram, telegram: TelegramChannel, demo: DemoInvites, database: Database
) -> None:
    user = TelegramUser(server, 701)
    server.fail_next(
        "sendMessage",
        429,
        description="Too Many Requests: retry after 1",
        parameters={"retry_after": 1},
    )
    await user.say("/help")
    assert "/baotin" in user.text  # delivered after the wait
    await register(user, demo.member.code)
    server.forbidden_chats.add(701)
    await user.say("/cuatoi")
    unreachable = await database.run(
        lambda c: c.execute(select(identities.c.unreachable)).scalar_one()
    )
    assert unreachable is True
    # They unblock the bot and write again, a minute later: reachable at once, so the next
    # broadcast reaches them (the identity's usual five-minute touch does not wait).
    server.forbidden_chats.discard(701)
    await user.say("/menu")
    unreachable = await database.run(
        lambda c: c.execute(select(identities.c.unreachable)).scalar_one()
    )
    assert unreachable is False


async def test_set_my_commands_failure_does_not_stop_the_bot(
    server: FakeTelegram, settings: Settings, database: Database, demo: DemoInvites
) -> None:
    server.fail_next("setMyCommands", 400, description="Bad Request: commands are invalid")
    configured = settings.model_copy(
        update={"telegram_token": TOKEN, "telegram_api_url": server.url}
    )
    channel = TelegramChannel(Conversation(configured, database))
    await channel.start()
    try:
        user = TelegramUser(server, 801)
        await user.say("/help")
        assert "/baotin" in user.text
        commands = [s.params for s in server.sent if s.method == "setMyCommands"]
        assert any(p.get("language_code") == "en" for p in commands)
    finally:
        await channel.stop()


async def test_webhook_checks_the_secret_token(
    server: FakeTelegram, settings: Settings, database: Database, demo: DemoInvites
) -> None:
    configured = settings.model_copy(
        update={
            "telegram_token": TOKEN,
            "telegram_api_url": server.url,
            "telegram_webhook_url": "https://bot.example.vn",
        }
    )
    app = create_app(configured, database)
    channel: TelegramChannel = app.state.telegram
    await channel.start()
    try:
        webhook = next(s.params for s in server.sent if s.method == "setWebhook")
        assert webhook["url"] == f"https://bot.example.vn{channel.path}"
        secret = webhook["secret_token"]
        update = {
            "update_id": 42,
            "message": {
                "message_id": 1,
                "date": 1750000000,
                "chat": {"id": 901, "type": "private"},
                "from": {"id": 901, "is_bot": False, "first_name": "Web"},
                "text": "/help",
            },
        }
        client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t")
        refused = await client.post(channel.path, json=update)
        wrong = await client.post(
            channel.path, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "nope"}
        )
        assert refused.status_code == wrong.status_code == 401
        assert not [s for s in server.sent if s.method == "sendMessage"]
        accepted = await client.post(
            channel.path, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": secret}
        )
        assert accepted.status_code == 200
        sent = [s for s in server.sent if s.method == "sendMessage"]
        assert len(sent) == 1 and "/baotin" in sent[0].params["text"]
        await client.aclose()
    finally:
        await channel.stop()


async def test_a_commander_gets_the_chart_as_a_photo_and_the_workbook_as_a_file(
    server: FakeTelegram,
    telegram: TelegramChannel,
    demo: DemoInvites,
    database: Database,
    settings: Settings,
) -> None:
    from datetime import timedelta

    from tests.bot.test_plan_menus import load, plan_text

    today = telegram.conversation.now().date()
    await load(database, settings, plan_text(today - timedelta(days=3), today + timedelta(days=3)))
    officer = TelegramUser(server, 5001, "Cán Bộ")
    await register(officer, demo.officer.code)
    await officer.say("/bangxephang")
    assert "🏆" in officer.text and "Xã Hòa Bình" in officer.text
    assert "Đang vẽ biểu đồ" in officer.text  # at once: the files follow, by the outbox
    await telegram.conversation.drawer.drain()
    sender = OutboxSender(
        database,
        {"telegram": telegram.pieces},
        {"telegram": Pace(100, 0)},
        telegram.conversation.now,
    )
    await sender.send_pending(timeout=60)
    uploads = {
        s.method: s.params["upload"]
        for s in server.sent
        if s.method.startswith("send") and s.method != "sendMessage"
    }
    assert uploads["sendPhoto"]["head"].startswith(b"\x89PNG")
    assert uploads["sendDocument"]["name"].endswith(".xlsx")


async def test_keyboards_go_out_as_aiogram_would_send_its_own_types(
    server: FakeTelegram, telegram: TelegramChannel
) -> None:
    """Replies are sent as Bot API JSON built by the adapter and its own client: on the wire
    they must be what aiogram (the test extra's, as the reference) sends for its own types."""
    from aiogram import Bot
    from aiogram.client.session.aiohttp import AiohttpSession
    from aiogram.methods import SendMessage
    from aiogram.types import (
        InlineKeyboardButton,
        InlineKeyboardMarkup,
        KeyboardButton,
        ReplyKeyboardMarkup,
        ReplyKeyboardRemove,
    )

    from handlers.messages import Choice, Outgoing

    picks = (Choice("1.a", "Ma túy"), Choice("1.b", "Trộm cắp"), Choice("1.c", "Khác"))
    long = (Choice("2.a", "Một lựa chọn rất dài hơn mười tám ký tự"), Choice("2.b", "Ngắn"))
    cases: list[
        tuple[Outgoing, InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | None]
    ] = [
        (
            Outgoing("Loại tin?", choices=picks),
            InlineKeyboardMarkup(
                inline_keyboard=[
                    [
                        InlineKeyboardButton(text="Ma túy", callback_data="1.a"),
                        InlineKeyboardButton(text="Trộm cắp", callback_data="1.b"),
                    ],
                    [InlineKeyboardButton(text="Khác", callback_data="1.c")],
                ]
            ),
        ),
        (
            Outgoing("Chọn", choices=long),
            InlineKeyboardMarkup(
                inline_keyboard=[
                    [InlineKeyboardButton(text=c.label, callback_data=c.id)] for c in long
                ]
            ),
        ),
        (
            Outgoing("Menu", choices=picks, menu=True),
            ReplyKeyboardMarkup(
                keyboard=[
                    [KeyboardButton(text="Ma túy"), KeyboardButton(text="Trộm cắp")],
                    [KeyboardButton(text="Khác")],
                ],
                resize_keyboard=True,
                one_time_keyboard=True,
            ),
        ),
        (
            Outgoing("Ở đâu?", asks_location=True, location_label="📍 Gửi vị trí"),
            ReplyKeyboardMarkup(
                keyboard=[[KeyboardButton(text="📍 Gửi vị trí", request_location=True)]],
                resize_keyboard=True,
                one_time_keyboard=True,
            ),
        ),
        (Outgoing("Đã lưu"), ReplyKeyboardRemove()),  # the location keyboard taken down
        (Outgoing("Xin chào"), None),
    ]
    session = AiohttpSession()
    reference = Bot(TOKEN, session=session)
    for reply, markup in cases:
        assert await telegram.send("77", [reply])
        form = session.build_form_data(
            reference, SendMessage(chat_id=77, text=reply.text, reply_markup=markup)
        )
        # The fake server decodes JSON fields, as it does for what the adapter sent.
        expected = {options["name"]: _decode(value) for options, _, value in form._fields}
        assert server.sent[-1].params == expected
        raw = {options["name"]: value for options, _, value in form._fields}
        assert server.sent[-1].form == raw  # character for character, JSON undecoded
    await session.close()


async def test_a_broadcast_photo_with_its_caption_and_a_long_text_previewed_as_sent(
    server: FakeTelegram, telegram: TelegramChannel, demo: DemoInvites
) -> None:
    officer, member = TelegramUser(server, 801, "Cán Bộ Xã"), TelegramUser(server, 802)
    await register(member, demo.member.code)
    await register(officer, demo.officer.code)
    await officer.say("/thongbao")
    await officer.tap("Tất cả")

    def requests_since(start: int) -> list[tuple[str, str]]:
        return [
            (s.method, s.params.get("text") or s.params.get("caption") or "")
            for s in server.sent[start:]
            if int(s.params.get("chat_id", 0)) == 801
        ]

    # The usual way on Telegram: the photo with the announcement as its caption.
    start = len(server.sent)
    await officer.send_photo(JPEG, caption="Họp khẩn tối nay 20 giờ tại nhà văn hóa.")
    header = "📢 Thông báo của Xã Hòa Bình:"
    sent = requests_since(start)
    assert sent[0] == ("sendPhoto", f"{header}\nHọp khẩn tối nay 20 giờ tại nhà văn hóa.")
    assert "Sẽ gửi tới 1 người — Tất cả (Telegram 1)" in sent[-1][1]
    # Over a caption's 1,024 characters: the preview is the text, then the photo, as sent.
    await officer.tap("Viết lại")
    long_text = ("Nội dung kế hoạch tuần tra dịp Tết. " * 40).strip()
    await officer.say(long_text)
    start = len(server.sent)
    await officer.send_photo(JPEG)
    sent = requests_since(start)
    assert sent[:2] == [("sendMessage", f"{header}\n{long_text}"), ("sendPhoto", "")]


async def test_a_429_met_by_an_answer_holds_the_outbox_back_too(
    server: FakeTelegram, settings: Settings, database: Database, demo: DemoInvites
) -> None:
    """Telegram's limits are the bot's as a whole: the outbox of the same process does not
    send into a pause Telegram asked of a conversation's answer."""
    app = create_app(
        settings.model_copy(update={"telegram_token": TOKEN, "telegram_api_url": server.url}),
        database,
    )
    channel: TelegramChannel = app.state.telegram
    lane = app.state.outbox.lanes["telegram"]
    lane.clock = lambda: 1000.0  # the outbox's clock stands still: its waits are exact
    try:
        await channel.start()
        assert lane.wait_for("another chat") == 0
        server.fail_next(
            "sendMessage", 429, description="Too Many Requests", parameters={"retry_after": 3}
        )
        user = TelegramUser(server, 702)
        answered = asyncio.create_task(user.say("/help"))
        await until(lambda: lane.wait_for("another chat") > 0, "the outbox told of the 429")
        assert lane.wait_for("another chat") == 3  # the outbox waits out the same pause
        await answered
        assert "/baotin" in user.text
    finally:
        await channel.stop()


def _chat_menus(server: FakeTelegram, chat_id: int) -> list[list[str]]:
    """The command words of each menu set for one chat (BotCommandScopeChat), in order."""
    return [
        [command["command"] for command in s.params["commands"]]
        for s in server.sent
        if s.method == "setMyCommands"
        and s.params.get("scope", {}).get("type") == "chat"
        and str(s.params["scope"]["chat_id"]) == str(chat_id)
    ]


async def test_a_commanders_chat_gets_the_commands_of_its_role_in_its_language(
    server: FakeTelegram, settings: Settings, database: Database, demo: DemoInvites
) -> None:
    configured = settings.model_copy(
        update={"telegram_token": TOKEN, "telegram_api_url": server.url}
    )
    channel = TelegramChannel(Conversation(configured, database))
    await channel.start()
    try:
        everyone = [s.params for s in server.sent if s.method == "setMyCommands"]
        assert [p.get("language_code") for p in everyone] == ["vi", "en", None]
        words = [c["command"] for c in everyone[0]["commands"]]
        assert {"sua", "bangxephang", "lienket"} <= set(words) and "duyet" not in words
        member, leader = TelegramUser(server, 902), TelegramUser(server, 901, "Tổ Trưởng")
        await register(member, demo.member.code)
        await register(leader, demo.leader.code)
        await until(lambda: len(_chat_menus(server, 901)) == 1, "the leader's menu")
        assert {"duyet", "chitieu", "danop"} <= set(_chat_menus(server, 901)[0])
        assert "nguontin" not in _chat_menus(server, 901)[0]
        assert _chat_menus(server, 902) == []  # a member's is everyone's
        await leader.say("/lang en")
        await until(lambda: len(_chat_menus(server, 901)) == 2, "the leader's menu in English")
        assert "review" in _chat_menus(server, 901)[1]
    finally:
        await channel.stop()
    # Started again (a new version may list other commands): the known commander's menu is set.
    restarted = TelegramChannel(Conversation(configured, database))
    await restarted.start()
    try:
        await until(lambda: len(_chat_menus(server, 901)) == 3, "the menu set at start-up")
        assert "review" in _chat_menus(server, 901)[2] and _chat_menus(server, 902) == []
    finally:
        await restarted.stop()
