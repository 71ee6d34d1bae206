"""Commanders review what members logged: one at a time, or all at once; the member is told."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from typing import Any

from sqlalchemy import select

from bot.settings import Settings
from campaign.roles import Role
from services.demo import DemoInvites
from services.invites import create_invites
from storage.database import Database
from storage.schema import audit_log, entries
from storage.unit_of_work import UnitOfWork
from tests.bot.test_web_flows import good_deed_to_summary, log_tip


async def invite(database: Database, settings: Settings, unit: str, role: Role) -> str:
    issued = await database.run(
        lambda c: create_invites(
            UnitOfWork(c).units, unit_code=unit, role=role, count=1, now=datetime.now(settings.zone)
        )
    )
    return issued[0].code


async def test_a_leader_verifies_and_rejects_and_the_member_is_told(
    users: Any, demo: DemoInvites, database: Database, settings: Settings, app: Any
) -> None:
    moment = datetime.now(settings.zone)
    app.state.conversation.now = lambda: moment  # the bot's clock stands still: times are exact
    member = users()
    await member.register(demo.member.code)
    await good_deed_to_summary(member, "Sửa đèn đường xóm 2")
    await member.tap("Lưu")
    await log_tip(member, urgent=True, named=True)
    seen = max(m["id"] for m in await member.inbox())
    leader = users()
    await leader.register(
        await invite(database, settings, "DEMO-XA-T1", Role.LEADER), "Tổ Trưởng Một"
    )
    assert "Duyệt mục chờ (2)" in leader.text
    await leader.say("/duyet")
    assert "NT-" in leader.text and "🚨 KHẨN" in leader.text  # the urgent tip comes first
    assert "Lê Thị Mật" not in leader.text and "0912345678" not in leader.text  # sealed
    assert "Người ghi: Nguyễn Thị Hoa" in leader.text
    await leader.tap("Xác nhận")
    assert "Đã xác nhận NT-" in leader.text and "Sửa đèn đường xóm 2" in leader.text
    # The good deed has a day, not a time: the card says when it was logged, not "00:00".
    logged = re.search(r"Ghi lúc: (\d\d/\d\d/\d{4} \d\d:\d\d)", leader.text)
    assert logged is not None, leader.text
    assert f"Xảy ra: {moment:%d/%m/%Y}\n" in leader.text  # a day, not a made-up 00:00
    when = datetime.strptime(logged.group(1), "%d/%m/%Y %H:%M").replace(tzinfo=settings.zone)
    assert when == moment.replace(second=0, microsecond=0)
    await leader.tap("Không xác nhận")
    assert "Lý do không xác nhận" in leader.text
    await leader.say("Trùng với mục đã ghi hôm qua")
    assert "Không còn mục nào chờ duyệt" in leader.text
    told = [m["text"] for m in await member.inbox(after=seen)]
    assert any(t.startswith("✅ Mục NT-") and "đã được xác nhận" in t for t in told), told
    assert any("không được xác nhận. Lý do: Trùng với mục đã ghi hôm qua" in t for t in told)
    statuses = await database.run(
        lambda c: dict(c.execute(select(entries.c.content_area, entries.c.status)).all())
    )
    assert statuses == {"tip": "verified", "good_deed": "rejected"}
    actions = await database.run(lambda c: c.execute(select(audit_log.c.action)).scalars().all())
    assert "entry.verified" in actions and "entry.rejected" in actions
    await member.say("/cuatoi")
    assert "đã xác nhận" in member.text and "không được xác nhận" in member.text


async def test_who_sees_what(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    member = users()
    await member.register(demo.member.code)
    await good_deed_to_summary(member)
    await member.tap("Lưu")
    await member.say("/duyet")
    assert "Chỉ Tổ trưởng, Tổ phó" in member.text
    other_leader = users()
    await other_leader.register(
        await invite(database, settings, "DEMO-XA-T2", Role.LEADER), "Tổ Trưởng Hai"
    )
    await other_leader.say("/duyet")
    assert "Không còn mục nào chờ duyệt" in other_leader.text
    leader = users()
    await leader.register(
        await invite(database, settings, "DEMO-XA-T1", Role.LEADER), "Tổ Trưởng Một"
    )
    await good_deed_to_summary(leader, "Việc của tổ trưởng")
    await leader.tap("Lưu")
    await leader.say("/duyet")
    assert "Nhặt được ví" in leader.text and "Việc của tổ trưởng" not in leader.text  # not own
    await leader.tap("Để sau")
    assert "Không còn mục nào chờ duyệt" in leader.text
    officer = users()
    await officer.register(demo.officer.code, "Cán Bộ Xã")
    await officer.say("/duyet")
    assert "Chờ duyệt: 2 mục" in officer.text  # the whole commune, both teams' members
    await officer.tap("Xác nhận cả 2 mục")
    await officer.tap("Có, xác nhận tất cả")
    assert "Đã xác nhận 2 mục" in officer.text
    statuses = await database.run(lambda c: c.execute(select(entries.c.status)).scalars().all())
    assert statuses == ["verified", "verified"]
    # A decision already taken cannot be taken again by someone else.
    await leader.say("/duyet")
    assert "Không còn mục nào chờ duyệt" in leader.text


async def test_a_likely_duplicate_is_flagged_to_the_reviewer(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    from tests.bot.test_web_flows import REFERENCE

    member = users()
    await member.register(demo.member.code)
    references = []
    for what in ("Sửa đèn đường", "Sửa đèn đường xóm 2"):  # the same day: likely one event
        await good_deed_to_summary(member, what)
        await member.tap("Lưu")
        references.append(REFERENCE.search(member.text).group(0))  # type: ignore[union-attr]
    leader = users()
    await leader.register(await invite(database, settings, "DEMO-XA-T1", Role.LEADER), "Tổ Trưởng")
    await leader.say("/duyet")
    assert references[0] in leader.text and f"⚠ Có thể trùng với {references[1]}" in leader.text
    await leader.tap("Không xác nhận")
    await leader.say("Trùng với mục sau")
    assert references[1] in leader.text and "⚠" not in leader.text  # the rejected one is gone


async def test_help_and_language_on_the_review_desk_show_the_entry_again(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    member = users()
    await member.register(demo.member.code)
    await good_deed_to_summary(member, "Dọn mương")
    await member.tap("Lưu")
    leader = users()
    await leader.register(await invite(database, settings, "DEMO-XA-T1", Role.LEADER), "Tổ Trưởng")
    await leader.say("/duyet")
    await leader.say("/help")
    assert "/duyet" in leader.text and "Dọn mương" in leader.last[-1]["text"]
    await leader.say("/lang en")
    assert "Waiting for review" in leader.last[-1]["text"]
    await leader.tap("Reject")
    await leader.say("/help")
    assert "Why is" in leader.last[-1]["text"]
    await leader.say("Not a good deed for the campaign")
    assert "Nothing is waiting for review" in leader.text


async def test_back_and_cancel_on_the_review_desk(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    member = users()
    await member.register(demo.member.code)
    for what in ("Dọn mương", "Sửa cầu"):
        await good_deed_to_summary(member, what)
        await member.tap("Lưu")
    leader = users()
    await leader.register(await invite(database, settings, "DEMO-XA-T1", Role.LEADER), "Tổ Trưởng")
    await leader.say("/duyet")
    await leader.tap("Xác nhận")
    await leader.say("/quaylai")
    assert "Sửa cầu" in leader.last[-1]["text"]  # the current item again, nothing undone
    await leader.say("/huy")
    assert "Các quyết định đã ghi vẫn được giữ" in leader.text
    statuses = await database.run(lambda c: sorted(c.execute(select(entries.c.status)).scalars()))
    assert statuses == ["pending", "verified"]


async def test_a_long_rejection_reason_counts_as_the_page_counts(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    """The page lets a reason of up to 2,000 characters go (it counts composed letters, as
    phones that send "ệ" as "e" + two marks are counted); the bot takes it, and stores it as
    it reads. A longer one is refused with its length and the limit, not silently asked again."""
    member = users()
    await member.register(demo.member.code)
    await good_deed_to_summary(member, "Sửa đèn đường xóm 2")
    await member.tap("Lưu")
    seen = max(m["id"] for m in await member.inbox())
    leader = users()
    await leader.register(
        await invite(database, settings, "DEMO-XA-T1", Role.LEADER), "Tổ Trưởng Một"
    )
    await leader.say("/duyet")
    await leader.tap("Không xác nhận")
    sentence = "Thiếu ảnh hiện trường, đề nghị bổ sung ảnh rồi gửi lại. "
    too_long = sentence * (2100 // len(sentence))
    assert len(too_long) > 2000
    await leader.say(too_long)
    assert f"dài {len(too_long.strip())} ký tự, tối đa là 2000" in leader.text, leader.text
    reason = (sentence * (1900 // len(sentence))).strip()
    decomposed = unicodedata.normalize("NFD", reason)
    assert len(reason) <= 2000 < len(decomposed)
    await leader.say(decomposed)
    assert "Không còn mục nào chờ duyệt" in leader.text, leader.text
    told = [m["text"] for m in await member.inbox(after=seen)]
    assert any(f"Lý do: {reason}" in t for t in told), told
