"""Fixtures the end-to-end tests share: the messengers' fake Bot API servers, and the bot's
Telegram channel started against the fake one."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.channels.telegram import TelegramChannel
from bot.conversation import Conversation
from bot.settings import Settings
from storage.database import Database
from tests.e2e import test_telegram
from tests.fakes.telegram_api import FakeTelegram
from tests.fakes.zalo_api import FakeZalo


@pytest.fixture
async def telegram_api() -> AsyncIterator[FakeTelegram]:
    fake = FakeTelegram()
    await fake.start()
    yield fake
    await fake.stop()


@pytest.fixture
async def zalo_api() -> AsyncIterator[FakeZalo]:
    fake = FakeZalo()
    await fake.start()
    yield fake
    await fake.stop()


@pytest.fixture
async def telegram(
    telegram_api: FakeTelegram, settings: Settings, database: Database
) -> AsyncIterator[TelegramChannel]:
    configured = settings.model_copy(
        update={"telegram_token": test_telegram.TOKEN, "telegram_api_url": telegram_api.url}
    )
    channel = TelegramChannel(Conversation(configured, database))
    channel.retry_pause = 0.01
    await channel.start()
    yield channel
    await channel.stop()
