"""One time per entry everywhere: when it happened ("Xảy ra"), and on commanders' cards when it
was logged ("Ghi lúc"), each written dd/mm/yyyy HH:MM in the bot's zone."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from bot.settings import Settings
from campaign.roles import Role
from services.demo import DemoInvites
from storage.database import Database
from tests.bot.test_review import invite
from tests.bot.test_web_flows import REFERENCE


async def test_cards_lists_and_notices_say_when_it_happened_the_same_way(
    users: Any, demo: DemoInvites, database: Database, settings: Settings, app: Any
) -> None:
    moment = datetime.now(settings.zone).replace(hour=8, minute=5, second=0, microsecond=0)
    app.state.conversation.now = lambda: moment  # 08:05 on the bot's clock
    yesterday = f"{moment - timedelta(days=1):%d/%m/%Y}"
    today = f"{moment:%d/%m/%Y}"
    officer = users()
    await officer.register(demo.officer.code, "Cán Bộ Xã")
    leader = users()
    await leader.register(await invite(database, settings, "DEMO-XA-T1", Role.LEADER), "Tổ Trưởng")
    seen = max(m["id"] for m in await leader.inbox())
    member = users()
    await member.register(demo.member.code)

    await member.say("/tuantra")
    for answer in ("hôm qua", "19h", "22:30", "Đường liên thôn"):
        await member.say(answer)
    await member.tap("Tổ Trưởng")
    await member.tap("Xong")
    await member.tap("Bỏ qua")
    await member.tap("Bỏ qua")
    await member.tap("Lưu")
    patrol = REFERENCE.search(member.text).group(0)  # type: ignore[union-attr]
    told = [m["text"] for m in await leader.inbox(after=seen)]
    assert any(f"(xảy ra: {yesterday} 19:00–22:30), mã {patrol}" in t for t in told), told

    seen = max(m["id"] for m in await officer.inbox())
    await member.say("/baotin")
    await member.tap("Ma túy")
    await member.say("Tụ tập sử dụng ma túy")
    await member.say("Nhà hoang xóm 3")
    await member.say(f"{yesterday} 21:40")
    await member.tap("trực tiếp")
    await member.tap("Khẩn cấp")
    await member.tap("Bỏ qua")
    assert f"Thời gian: {yesterday} 21:40" in member.text
    await member.tap("Lưu")
    tip = REFERENCE.search(member.text).group(0)  # type: ignore[union-attr]
    urgent = [m["text"] for m in await officer.inbox(after=seen)]
    assert any(tip in t and f"Xảy ra: {yesterday} 21:40" in t for t in urgent), urgent

    await member.say("/viectot")
    for answer in ("Dọn mương", "Xóm 2", "hôm nay"):
        await member.say(answer)
    await member.tap("Bỏ qua")
    await member.tap("Lưu")

    # The officer's tip card: when it happened, when it was logged, labelled.
    await officer.say("/nguontin")
    assert f"Xảy ra: {yesterday} 21:40\nGhi lúc: {today} 08:05" in officer.text
    assert "Thời gian:" not in officer.text  # not a second time
    # The leader reviews a good deed (a day, no time) and the tip; the patrol he went on is
    # not his to review, the officer sees it.
    await leader.say("/duyet")
    assert f"Xảy ra: {yesterday} 21:40\nGhi lúc: {today} 08:05" in leader.text
    await leader.tap("Để sau")
    assert f"Xảy ra: {today}\nGhi lúc: {today} 08:05" in leader.text  # never "00:00"
    assert "• Ngày:" not in leader.text
    await officer.say("/duyet")
    await officer.tap("Để sau")  # the urgent tip comes first
    assert f"{patrol} — Tuần tra" in officer.text
    assert f"Xảy ra: {yesterday} 19:00–22:30\nGhi lúc: {today} 08:05" in officer.text
    assert "Bắt đầu:" not in officer.text and "Kết thúc:" not in officer.text

    # The member's own list and the correction desk say the same.
    await member.say("/cuatoi")
    assert f"{patrol} — Tuần tra — {yesterday} 19:00–22:30 — chờ duyệt" in member.text
    assert f"{tip} — Nguồn tin — {yesterday} 21:40 — chờ duyệt" in member.text
    assert f"— Việc tốt — {today} — chờ duyệt" in member.text
    await member.say("/sua")
    assert f"{patrol} — Tuần tra — {yesterday} 19:00–22:30" in member.text
