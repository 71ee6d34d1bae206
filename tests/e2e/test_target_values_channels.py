"""/nhapchitieu on every channel: Telegram's buttons, Zalo's numbered menus, the web chat; the
evidence photo kept with the value."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from bot.settings import Settings
from services.demo import DemoInvites
from storage.database import Database
from storage.schema import target_values
from tests.bot.test_target_values_chat import a_plan
from tests.conftest import JPEG
from tests.e2e.test_all_channels import channels, fakes, person
from tests.fakes.telegram_api import FakeTelegram
from tests.fakes.zalo_api import FakeZalo

__all__ = ["channels", "fakes"]  # fixtures, used by name


@pytest.mark.parametrize("channel", ["web", "telegram", "zalo"])
async def test_an_officer_enters_a_value_with_evidence_on_every_channel(
    channel: str,
    channels: Any,
    fakes: tuple[FakeTelegram, FakeZalo],
    demo: DemoInvites,
    database: Database,
    settings: Settings,
) -> None:
    await a_plan(database, settings)
    officer = person(channel, channels, fakes, 1)
    await officer.say(f"/start {demo.officer.code}")
    await officer.say("Đỗ Minh Giang")
    await officer.choose("Đồng ý")
    assert "Đăng ký thành công" in officer.text

    await officer.say("/nhapchitieu")
    await officer.choose("Không để xảy ra tái phạm — Xã Hòa Bình")
    assert "Nhập số lượng" in officer.text
    await officer.say("0")
    await officer.choose("Bỏ qua")
    await officer.photo(JPEG)
    assert "Minh chứng: có ảnh" in officer.text
    await officer.choose("Lưu")
    assert "Đã lưu ✅ Không để xảy ra tái phạm — Xã Hòa Bình: 0." in officer.text
    rows = await database.run(lambda c: list(c.execute(select(target_values)).all()))
    assert [(r.value, r.document_id is not None) for r in rows] == [(0.0, True)]
