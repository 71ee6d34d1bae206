"""/sua: a member corrects an entry; one already verified goes back to review and stops scoring."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from bot.settings import Settings
from campaign.roles import Role
from services.demo import DemoInvites
from storage.database import Database
from storage.schema import audit_log, entries
from tests.bot.test_plan_menus import load, plan_text
from tests.bot.test_review import invite
from tests.bot.test_web_flows import good_deed_to_summary


async def entry_row(database: Database) -> Any:
    return await database.run(
        lambda c: c.execute(
            select(entries.c.reference, entries.c.status, entries.c.details, entries.c.points)
        ).one()
    )


async def test_a_verified_entry_corrected_goes_back_to_review_and_stops_scoring(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    today = datetime.now(settings.zone).date()
    await load(database, settings, plan_text(today - timedelta(days=5), today + timedelta(days=5)))
    member = users()
    await member.register(demo.member.code)
    await member.tap("Nội dung khác")
    await member.tap("Tuyên truyền pháp luật")
    for answer in ("Nhặt được ví trả lại", "Anh Bình", "hôm nay"):
        await member.say(answer)
    await member.tap("Bỏ qua")
    await member.tap("Lưu")
    leader = users()
    await leader.register(await invite(database, settings, "DEMO-XA-T1", Role.LEADER), "Tổ Trưởng")
    await leader.say("/duyet")
    await leader.tap("Xác nhận")
    await member.say("/bangxephang")
    assert "(1 mục đã xác nhận)" in member.text
    reference = (await entry_row(database)).reference

    await member.say("/cuatoi")
    assert "Sửa một mục: /sua" in member.text
    await member.say("/sua")
    assert "Chọn mục cần sửa" in member.text and reference in member.text
    await member.tap(reference)
    assert f"Mục {reference} (đã xác nhận)" in member.text
    assert "Việc tốt: Nhặt được ví trả lại" in member.text
    await member.tap("Việc tốt:")
    await member.say("")  # empty: refused, asked again
    assert "Bạn đã làm việc tốt gì?" in member.text
    await member.say("Nhặt được ví, đã trả lại cho chủ")
    assert "Nhặt được ví trả lại → Nhặt được ví, đã trả lại cho chủ" in member.text
    assert "chờ duyệt lại" in member.text
    await member.tap("Lưu")
    assert f"Đã sửa ✅ {reference}. Mục đang chờ duyệt lại." in member.text

    row = await entry_row(database)
    assert row.status == "pending" and row.details["what"] == "Nhặt được ví, đã trả lại cho chủ"
    assert row.points is None
    await member.say("/bangxephang")
    assert "0 điểm" in member.text and "(0 mục đã xác nhận)" in member.text
    actions = await database.run(lambda c: c.execute(select(audit_log.c.action)).scalars().all())
    assert "entry.edited" in actions and "entry.reopened" in actions
    await leader.say("/duyet")
    assert "Nhặt được ví, đã trả lại cho chủ" in leader.text  # back in the queue, as corrected


async def test_a_pending_entry_by_typed_reference_and_what_cannot_be_edited(
    users: Any, demo: DemoInvites, database: Database
) -> None:
    member = users()
    await member.register(demo.member.code)
    await member.say("/sua")
    assert "chưa ghi mục nào để sửa" in member.text
    await good_deed_to_summary(member)
    await member.tap("Lưu")
    reference = (await entry_row(database)).reference
    other = users()
    await other.register(demo.leader.code, "Người Khác")
    await other.say(f"/sua {reference}")
    assert f"Không tìm thấy mục {reference}" in other.text  # not theirs

    await member.say("/edit")
    await member.say(reference.lower())  # the reference typed out
    assert "Chọn nội dung cần sửa" in member.text
    assert "Ảnh: —" in member.text  # no photo yet: one can be added here
    await member.tap("Ngày:")
    await member.say("01/01/2999")
    assert "tương lai" in member.text  # the step's own check
    await member.say("/huy")
    assert "Không sửa gì" in member.text
    row = await entry_row(database)
    assert row.status == "pending" and row.details["what"] == "Nhặt được ví trả lại"

    await member.say(f"/sua {reference}")
    await member.tap("Giúp ai:")
    await member.say("Chị Lan")
    await member.tap("Hủy")
    assert (await entry_row(database)).details["for_whom"] == "Anh Bình"
    await member.say(f"/sua {reference}")
    await member.tap("Giúp ai:")
    await member.say("Chị Lan")
    await member.tap("Lưu")
    assert f"Đã sửa ✅ {reference}." in member.text and "chờ duyệt lại" not in member.text
    row = await entry_row(database)
    assert row.status == "pending" and row.details["for_whom"] == "Chị Lan"


async def test_a_tips_source_cannot_be_changed_so_no_informant_is_left_behind(
    users: Any, demo: DemoInvites, database: Database
) -> None:
    from tests.bot.test_web_flows import log_tip

    member = users()
    await member.register(demo.member.code)
    reference = await log_tip(member, named=True)
    await member.say(f"/sua {reference}")
    assert "Chọn nội dung cần sửa" in member.text
    assert "Nguồn" not in member.text  # the source decides whether an informant exists
    assert "Địa điểm" in member.text or "Nội dung" in member.text  # other answers still can
