"""One scenario on every channel, and notices that cross from one channel to another."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Any, Protocol

import pytest
from sqlalchemy import select

from bot.app import create_app
from bot.channels.telegram import TelegramChannel
from bot.channels.zalo import ZaloChannel
from bot.conversation import Conversation
from bot.settings import Settings
from scheduler.outbox_sender import Courier
from services.demo import DemoInvites
from storage.database import Database
from storage.schema import entries
from tests.conftest import JPEG, WebUser
from tests.fakes.telegram_api import FakeTelegram, TelegramUser
from tests.fakes.zalo_api import FakeZalo, ZaloUser
from tests.sending import send_outbox

TELEGRAM_TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
ZALO_TOKEN = "1234567890:zalo-secret-abcdefgh"


class Person(Protocol):
    """What a member does, whatever the channel: type, choose, send a photo, read."""

    async def say(self, text: str) -> Any: ...
    async def choose(self, label: str) -> Any: ...
    async def photo(self, data: bytes) -> Any: ...
    @property
    def text(self) -> str: ...


class OnWeb:
    def __init__(self, user: WebUser) -> None:
        self.user = user

    async def say(self, text: str) -> Any:
        return await self.user.say(text)

    async def choose(self, label: str) -> Any:
        return await self.user.tap(label)

    async def photo(self, data: bytes) -> Any:
        return await self.user.photo(data)

    @property
    def text(self) -> str:
        return self.user.text


class OnTelegram:
    def __init__(self, user: TelegramUser) -> None:
        self.user = user

    async def say(self, text: str) -> Any:
        return await self.user.say(text)

    async def choose(self, label: str) -> Any:
        return await self.user.tap(label)

    async def photo(self, data: bytes) -> Any:
        return await self.user.send_photo(data)

    @property
    def text(self) -> str:
        return self.user.text


class OnZalo:
    def __init__(self, user: ZaloUser) -> None:
        self.user = user

    async def say(self, text: str) -> Any:
        return await self.user.say(text)

    async def choose(self, label: str) -> Any:
        return await self.user.pick(label)

    async def photo(self, data: bytes) -> Any:
        return await self.user.send_photo("p.jpg", data)

    @property
    def text(self) -> str:
        return self.user.text


@pytest.fixture
async def fakes() -> AsyncIterator[tuple[FakeTelegram, FakeZalo]]:
    telegram, zalo = FakeTelegram(), FakeZalo()
    await telegram.start()
    await zalo.start()
    yield telegram, zalo
    await telegram.stop()
    await zalo.stop()


@pytest.fixture
async def channels(
    fakes: tuple[FakeTelegram, FakeZalo], settings: Settings, database: Database
) -> AsyncIterator[Any]:
    telegram_api, zalo_api = fakes
    configured = settings.model_copy(
        update={
            "telegram_token": TELEGRAM_TOKEN,
            "telegram_api_url": telegram_api.url,
            "zalo_token": ZALO_TOKEN,
            "zalo_api_url": zalo_api.url,
        }
    )
    app = create_app(configured, database)
    telegram: TelegramChannel = app.state.telegram
    zalo: ZaloChannel = app.state.zalo
    await telegram.start()
    await zalo.start()
    yield app
    await telegram.stop()
    await zalo.stop()


def person(channel: str, app: Any, fakes: tuple[FakeTelegram, FakeZalo], number: int) -> Person:
    if channel == "web":
        return OnWeb(WebUser(app))
    if channel == "telegram":
        return OnTelegram(TelegramUser(fakes[0], 1000 + number, "Nguyễn Thị Hoa"))
    return OnZalo(ZaloUser(fakes[1], f"zalo-{number}", "Nguyễn Thị Hoa"))


@pytest.mark.parametrize("channel", ["web", "telegram", "zalo"])
async def test_register_tip_patrol_good_deed(
    channel: str,
    channels: Any,
    fakes: tuple[FakeTelegram, FakeZalo],
    demo: DemoInvites,
    database: Database,
) -> None:
    member = person(channel, channels, fakes, 1)
    await member.say(f"/start {demo.member.code}")
    await member.say("Nguyễn Thị Hoa")
    await member.choose("Đồng ý")
    assert "Đăng ký thành công" in member.text

    await member.say("/baotin")
    await member.choose("Ma túy")
    await member.say("Có người lạ tụ tập")
    await member.say("Nhà hoang xóm 3")
    await member.choose("Bây giờ")
    await member.choose("Tôi trực tiếp phát hiện")
    await member.choose("Bình thường")
    await member.photo(JPEG)
    await member.choose("Lưu")
    assert re.search(r"Đã lưu .*NT-\d{4}-000001", member.text)

    await member.say("/tuantra")
    for answer in ("hôm qua", "19:00", "21:30", "Đường liên thôn"):
        await member.say(answer)
    await member.say("Thành viên mẫu 2")
    await member.choose("Bỏ qua")
    await member.choose("Bỏ qua")
    assert "Cùng tuần tra: Thành viên mẫu 2" in member.text
    await member.choose("Lưu")
    assert "TT-" in member.text

    await member.say("/viectot")
    for answer in ("Giúp cụ bà qua đường", "Cụ Tý xóm 2", "hôm nay"):
        await member.say(answer)
    await member.choose("Bỏ qua")
    await member.choose("Lưu")
    assert "VT-" in member.text
    saved = await database.run(lambda c: c.execute(select(entries.c.content_area)).scalars().all())
    assert sorted(saved) == ["good_deed", "patrol", "tip"]


async def test_an_urgent_tip_from_zalo_reaches_the_officer_on_telegram(
    channels: Any,
    fakes: tuple[FakeTelegram, FakeZalo],
    demo: DemoInvites,
    database: Database,
) -> None:
    officer = TelegramUser(fakes[0], 2001, "Đỗ Văn Công")
    await officer.say(f"/start {demo.officer.code}")
    await officer.say("Đỗ Văn Công")
    await officer.tap("Đồng ý")
    member = OnZalo(ZaloUser(fakes[1], "zalo-member", "Hoa"))
    await member.say(demo.member.code)
    await member.say("Hoa")
    await member.choose("Đồng ý")
    await member.say("/baotin")
    await member.choose("Trộm cắp, tội phạm")
    await member.say("Cạy khóa xe máy ở chợ")
    await member.say("Chợ thôn Đông")
    await member.choose("Bây giờ")
    await member.choose("Người dân giấu tên")
    await member.choose("Khẩn cấp — cần xử lý ngay")
    await member.choose("Bỏ qua")
    await member.choose("Lưu")
    assert "chuyển ngay cho Công an xã" in member.text
    conversation: Conversation = channels.state.conversation
    couriers: dict[str, Courier] = {
        "telegram": channels.state.telegram.pieces,
        "zalo": channels.state.zalo.pieces,
    }
    await send_outbox(database, couriers, conversation.now)
    notices = officer.new_messages()
    assert len(notices) == 1
    assert "TIN KHẨN" in notices[0]["text"] and "Cạy khóa xe máy" in notices[0]["text"]
    await send_outbox(database, couriers, conversation.now)
    assert officer.new_messages() == []  # sent once, never again
