"""/bangxephang: my rank and the top of my commune, from verified entries only."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from bot.settings import Settings
from campaign.roles import Role
from storage import admin
from storage.database import Database
from tests.bot.test_plan_menus import load, plan_text
from tests.bot.test_review import invite


async def test_standings_follow_verification(
    users: Any, demo: admin.DemoInvites, database: Database, settings: Settings
) -> None:
    member = users()
    await member.register(demo.member.code)
    await member.say("/bangxephang")
    assert "Chưa có kế hoạch thi đua nào" in member.text
    today = datetime.now(settings.zone).date()
    await load(database, settings, plan_text(today - timedelta(days=5), today + timedelta(days=5)))
    await member.say("/baotin")
    for label in ("Ma túy",):
        await member.tap(label)
    for answer in ("Tụ tập", "Xóm 3"):
        await member.say(answer)
    await member.tap("Bây giờ")
    await member.tap("Tôi trực tiếp")
    await member.tap("Bình thường")
    await member.tap("Bỏ qua")
    await member.tap("Lưu")
    await member.say("/bangxephang")
    assert "Bạn: hạng 1/6, 0 điểm" in member.text  # pending entries do not score

    leader = users()
    await leader.register(await invite(database, settings, "DEMO-XA-T1", Role.LEADER), "Tổ Trưởng")
    await leader.say("/duyet")
    await leader.tap("Xác nhận")
    await member.say("/standings")
    text = member.text
    assert "Kế hoạch thử nghiệm" in text and "Cả kế hoạch — Xã Hòa Bình" in text
    assert "Bạn: hạng 1/" in text and "3 điểm (1 mục đã xác nhận)" in text
    assert "1. Nguyễn Thị Hoa — 3 điểm" in text
    assert "1. Tổ bảo vệ ANTT thôn Đông — 3 điểm" in text and "thôn Tây — 0 điểm" in text
    assert "bằng điểm thì theo số mục" in text


async def test_commanders_get_the_chart_and_workbook_of_their_own_chat_only(
    users: Any, demo: admin.DemoInvites, database: Database, settings: Settings
) -> None:
    today = datetime.now(settings.zone).date()
    await load(database, settings, plan_text(today - timedelta(days=5), today + timedelta(days=5)))
    leader = users()
    await leader.register(await invite(database, settings, "DEMO-XA-T1", Role.LEADER), "Tổ Trưởng")
    await leader.say("/bangxephang")
    chart = next(m["image_url"] for m in leader.last if m["image_url"])
    book = next(m["file_url"] for m in leader.last if m["file_url"])
    picture = await leader.client.get(chart)
    assert picture.status_code == 200 and picture.content.startswith(b"\x89PNG")
    workbook = await leader.client.get(book)
    assert workbook.status_code == 200 and workbook.content.startswith(b"PK")
    assert "attachment" in workbook.headers["content-disposition"]
    stranger = users()
    assert (await stranger.client.get(chart)).status_code == 404  # another chat's file
    member = users()
    await member.register(demo.member.code)
    await member.say("/bangxephang")
    assert not any(m["image_url"] or m["file_url"] for m in member.last)  # members: text only
