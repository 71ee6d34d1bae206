"""A commander on a messenger sees the photo a member logged, with the review card: Telegram
sends it as a photo, Zalo by its public address (or says where to see it when it has none)."""

from __future__ import annotations

from typing import Any

import httpx

from bot.app import create_app
from bot.channels.telegram import TelegramChannel
from bot.channels.zalo import ZaloChannel
from bot.conversation import Conversation
from bot.settings import Settings
from campaign.roles import Role
from services.demo import DemoInvites
from storage.database import Database
from tests.bot.test_card_photos import good_deed_with_photo
from tests.bot.test_review import invite
from tests.conftest import JPEG
from tests.e2e import test_telegram, test_zalo
from tests.fakes.telegram_api import FakeTelegram, TelegramUser
from tests.fakes.zalo_api import FakeZalo, ZaloUser

PUBLIC = "https://bot.example.vn"


async def test_on_telegram_the_photo_comes_then_the_card_with_its_buttons(
    telegram_api: FakeTelegram,
    telegram: TelegramChannel,
    users: Any,
    demo: DemoInvites,
    database: Database,
    settings: Settings,
) -> None:
    member = users()  # logs on the web chat; the leader reviews on Telegram
    await member.register(demo.member.code)
    reference = await good_deed_with_photo(member)
    leader = TelegramUser(telegram_api, 601, "Tổ Trưởng Một")
    await test_telegram.register(
        leader, await invite(database, settings, "DEMO-XA-T1", Role.LEADER)
    )

    before = len(telegram_api.sent)
    await leader.say("/duyet")
    sent = [s for s in telegram_api.sent[before:] if s.params.get("chat_id") == "601"]
    methods = [s.method for s in sent]
    assert "sendPhoto" in methods, methods
    photo = methods.index("sendPhoto")
    card = next(i for i, s in enumerate(sent) if reference in s.params.get("text", ""))
    assert photo < card
    assert sent[photo].params["upload"]["data"] == JPEG
    assert reference in sent[photo].params["caption"]
    buttons = [
        b["text"] for row in sent[card].params["reply_markup"]["inline_keyboard"] for b in row
    ]
    assert "✅ Xác nhận" in buttons

    await leader.tap("Xác nhận")
    assert f"Đã xác nhận {reference}" in leader.text


class HookedZaloUser(ZaloUser):
    """A Zalo user whose messages Zalo's servers post to the bot's webhook (a bot with a public
    address), answered before the webhook call returns."""

    def __init__(
        self, server: FakeZalo, user_id: str, client: httpx.AsyncClient, path: str, secret: str
    ) -> None:
        super().__init__(server, user_id, "Tổ Trưởng Một")
        self.client, self.path, self.secret = client, path, secret

    async def _exchange(self, update: dict[str, Any]) -> list[str]:
        answered = await self.client.post(
            self.path, json=update, headers={"X-Bot-Api-Secret-Token": self.secret}
        )
        assert answered.status_code == 200
        mine = self.texts()
        self.last, self.seen = mine[self.seen :], len(mine)
        return self.last


async def test_on_zalo_with_a_public_address_the_photo_goes_by_its_url(
    zalo_api: FakeZalo, users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    member = users()
    await member.register(demo.member.code)
    reference = await good_deed_with_photo(member)
    app = create_app(test_zalo.zalo_settings(settings, zalo_api, zalo_webhook_url=PUBLIC), database)
    channel: ZaloChannel = app.state.zalo
    channel.retry_pause = 0.01
    await channel.start()
    try:
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://t"
        ) as web:
            leader = HookedZaloUser(zalo_api, "z-leader", web, channel.path, channel.secret_token)
            await test_zalo.register(
                leader, await invite(database, settings, "DEMO-XA-T1", Role.LEADER)
            )
            before = len(zalo_api.sent)
            await leader.say("/duyet")
            sent = [(m, b) for m, b in zalo_api.sent[before:] if b.get("chat_id") == "z-leader"]
            assert [m for m, _ in sent] == ["sendPhoto", "sendMessage"]
            photo, card = sent[0][1], sent[1][1]
            assert reference in photo["caption"] and reference in card["text"]
            assert photo["photo"].startswith(f"{PUBLIC}/zalo/files/")
            fetched = await web.get(photo["photo"].removeprefix(PUBLIC))  # as Zalo's servers do
            assert fetched.status_code == 200 and fetched.content == JPEG
            guessed = photo["photo"].removeprefix(PUBLIC)[:-3] + "zzz"
            assert (await web.get(guessed)).status_code == 404
            await leader.pick("Xác nhận")
            assert f"Đã xác nhận {reference}" in leader.text
    finally:
        await channel.stop()


async def test_on_zalo_without_a_public_address_the_card_says_where_the_photo_is(
    zalo_api: FakeZalo, users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    member = users()
    await member.register(demo.member.code)
    reference = await good_deed_with_photo(member)
    channel = ZaloChannel(Conversation(test_zalo.zalo_settings(settings, zalo_api), database))
    channel.retry_pause = 0.01
    await channel.start()
    try:
        leader = ZaloUser(zalo_api, "z-leader", "Tổ Trưởng Một")
        await test_zalo.register(
            leader, await invite(database, settings, "DEMO-XA-T1", Role.LEADER)
        )
        await leader.say("/duyet")
        assert len(leader.last) == 1  # one message: the photo's line folded into the card
        assert f"📷 Ảnh kèm mục {reference}\n📎 mở trên trang trò chuyện web" in leader.text
        assert f"{reference} — Việc tốt" in leader.text and "1. ✅ Xác nhận" in leader.text
        assert "sendPhoto" not in zalo_api.calls
        await leader.pick("Xác nhận")
        assert f"Đã xác nhận {reference}" in leader.text
    finally:
        await channel.stop()
