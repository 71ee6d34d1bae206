"""Fixtures the end-to-end tests share: the messengers' fake Bot API servers."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

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
