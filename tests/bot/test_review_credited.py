"""A leader never verifies an entry he logged or is credited on (a patrol he went on): it
waits for the deputy or the commune officer, in their /duyet and nowhere in his."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot.settings import Settings
from campaign.roles import Role
from services.demo import DemoInvites
from storage.database import Database
from storage.schema import entries
from tests.bot.test_review import invite
from tests.bot.test_web_flows import REFERENCE


async def log_patrol(user: Any, *teammates: str) -> str:
    await user.say("/tuantra")
    for answer in ("hôm nay", "0:00", "0:01", "Đường liên thôn"):
        await user.say(answer)
    for name in teammates:
        await user.tap(name)
    await user.tap("Xong")
    await user.tap("Bỏ qua")  # notes
    await user.tap("Bỏ qua")  # photo
    await user.tap("Lưu")
    found = REFERENCE.search(user.text)
    assert found, user.text
    return found.group(0)


async def test_a_patrol_the_leader_went_on_goes_to_the_deputy_and_the_officer(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    leader = users()
    await leader.register(await invite(database, settings, "DEMO-XA-T1", Role.LEADER), "Tổ Trưởng")
    deputy = users()
    await deputy.register(await invite(database, settings, "DEMO-XA-T1", Role.DEPUTY), "Tổ Phó")
    officer = users()
    await officer.register(demo.officer.code, "Cán Bộ Xã")
    member = users()
    await member.register(demo.member.code)
    patrol = await log_patrol(member, "Tổ Trưởng")

    await leader.say("/menu")
    assert "Duyệt mục chờ (0)" in leader.text
    await leader.say("/duyet")
    assert patrol not in leader.text and "Không còn mục nào chờ duyệt" in leader.text
    await deputy.say("/duyet")
    assert patrol in deputy.text and "Cùng tuần tra: Tổ Trưởng" in deputy.text
    await officer.say("/duyet")
    assert patrol in officer.text

    # Verifying "all" leaves it out too, and the deputy's decision stands.
    await member.say("/viectot")
    for answer in ("Dọn mương", "Xóm 2", "hôm nay"):
        await member.say(answer)
    await member.tap("Bỏ qua")
    await member.tap("Lưu")
    await leader.say("/duyet")
    assert "Chờ duyệt: 1 mục" in leader.text and patrol not in leader.text
    await leader.tap("Xác nhận cả 1 mục")
    await leader.tap("Có, xác nhận tất cả")
    status = await database.run(
        lambda c: c.execute(select(entries.c.status).where(entries.c.reference == patrol)).one()[0]
    )
    assert status == "pending"
    await deputy.say("/duyet")
    await deputy.tap("Xác nhận")
    assert f"Đã xác nhận {patrol}" in deputy.text


async def test_a_leader_added_as_teammate_cannot_verify_by_the_card_he_had_open(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    leader = users()
    await leader.register(await invite(database, settings, "DEMO-XA-T1", Role.LEADER), "Tổ Trưởng")
    deputy = users()
    await deputy.register(await invite(database, settings, "DEMO-XA-T1", Role.DEPUTY), "Tổ Phó")
    member = users()
    await member.register(demo.member.code)
    patrol = await log_patrol(member)
    await leader.say("/duyet")
    assert patrol in leader.text  # not his yet: he is not on it
    await member.say(f"/sua {patrol}")
    await member.tap("Cùng tuần tra:")
    await member.tap("Tổ Trưởng")
    await member.tap("Xong")
    await member.tap("Lưu")

    await leader.tap("Xác nhận")  # the card he had open
    assert f"Mục {patrol} không còn chờ bạn duyệt" in leader.text
    assert "Không còn mục nào chờ duyệt" in leader.text
    status = await database.run(
        lambda c: c.execute(select(entries.c.status).where(entries.c.reference == patrol)).one()[0]
    )
    assert status == "pending"
    await deputy.say("/duyet")
    assert patrol in deputy.text and "Cùng tuần tra: Tổ Trưởng" in deputy.text


async def test_verify_all_verifies_what_its_confirmation_counted_and_nothing_logged_since(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    """The leader is asked "Xác nhận tất cả 1 mục đang chờ?"; while he reads it a member logs a
    patrol. "Có" verifies the one entry he was told of; the new patrol waits for a look."""
    leader = users()
    await leader.register(await invite(database, settings, "DEMO-XA-T1", Role.LEADER), "Tổ Trưởng")
    member = users()
    await member.register(demo.member.code)
    first = await log_patrol(member)
    await leader.say("/duyet")
    await leader.tap("Xác nhận cả 1 mục")
    assert "Xác nhận tất cả 1 mục đang chờ?" in leader.text
    later = await log_patrol(member)

    await leader.tap("Có, xác nhận tất cả")
    assert "Đã xác nhận 1 mục" in leader.text, leader.text
    statuses = await database.run(
        lambda c: dict(c.execute(select(entries.c.reference, entries.c.status)).all())
    )
    assert statuses == {first: "verified", later: "pending"}
    await leader.say("/duyet")
    assert later in leader.text
