"""/solieu on every channel: Telegram's buttons, Zalo's numbered menus, the web chat; the value
saved once and listed with its day."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from services.demo import DemoInvites
from storage.database import Database
from storage.schema import unit_facts
from tests.e2e.test_all_channels import channels, fakes, person
from tests.fakes.telegram_api import FakeTelegram
from tests.fakes.zalo_api import FakeZalo

__all__ = ["channels", "fakes"]  # fixtures, used by name


@pytest.mark.parametrize("channel", ["web", "telegram", "zalo"])
async def test_an_officer_sets_households_and_terrain_on_every_channel(
    channel: str,
    channels: Any,
    fakes: tuple[FakeTelegram, FakeZalo],
    demo: DemoInvites,
    database: Database,
) -> None:
    officer = person(channel, channels, fakes, 1)
    await officer.say(f"/start {demo.officer.code}")
    await officer.say("Đỗ Minh Giang")
    await officer.choose("Đồng ý")
    assert "Đăng ký thành công" in officer.text

    await officer.say("/solieu")
    await officer.choose("Số hộ gia đình: chưa có")  # the buttons carry the values
    assert "Nhập giá trị mới" in officer.text
    await officer.say("1.250")
    await officer.say("01/01/2026")
    await officer.choose("Bỏ qua")
    assert "Giá trị: 1.250" in officer.text
    await officer.choose("Lưu")
    assert "Đã lưu ✅ Số hộ gia đình — Xã Hòa Bình: 1.250 từ 01/01/2026." in officer.text
    await officer.choose("Địa bàn: chưa có")
    await officer.choose("Đồng bằng")
    await officer.say("01/07/2025")
    await officer.choose("Bỏ qua")
    await officer.choose("Lưu")
    await officer.choose("Số hộ gia đình: 1.250 (từ 01/01/2026)")
    assert "Đang áp dụng: 1.250 (từ 01/01/2026)" in officer.text
    await officer.say("/solieu")
    await officer.choose("Địa bàn: Đồng bằng (từ 01/07/2025)")
    assert "• từ 01/07/2025: Đồng bằng — Đỗ Minh Giang" in officer.text
    rows = await database.run(lambda c: list(c.execute(select(unit_facts)).all()))
    assert sorted((r.key, r.num, r.text) for r in rows) == [
        ("households", 1250.0, None),
        ("terrain", None, "lowland"),
    ]
