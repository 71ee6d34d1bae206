"""A member whose entry was rejected (no photo, the wrong teammate) adds or replaces photos and
changes teammates in /sua; it goes back to review and the card says it was rejected before,
by whom, when, why, and what changed."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from bot.settings import Settings
from campaign.roles import Role
from services.demo import DemoInvites
from storage.database import Database
from storage.schema import attachments, audit_log, entries, entry_participants, members
from tests.bot.test_review import invite
from tests.bot.test_review_credited import log_patrol
from tests.conftest import JPEG


async def test_a_rejected_patrol_gets_a_photo_and_teammates_and_is_reviewed_again(
    users: Any, demo: DemoInvites, database: Database, settings: Settings, app: Any
) -> None:
    moment = datetime.now(settings.zone).replace(hour=9, minute=15, second=0, microsecond=0)
    app.state.conversation.now = lambda: moment
    leader = users()
    await leader.register(await invite(database, settings, "DEMO-XA-T1", Role.LEADER), "Tổ Trưởng")
    cuong = users()
    await cuong.register(
        await invite(database, settings, "DEMO-XA-T1", Role.MEMBER), "Vũ Văn Cường"
    )
    member = users()
    await member.register(demo.member.code)
    patrol = await log_patrol(member, "Thành viên mẫu 2")
    seen = max(m["id"] for m in await member.inbox())
    await leader.say("/duyet")
    await leader.tap("Không xác nhận")
    await leader.say("Thiếu ảnh; anh Cường đi cùng chứ không phải chị Mẫu Hai")
    told = "\n".join(m["text"] for m in await member.inbox(after=seen))
    assert f"/sua {patrol}" in told  # the member is told how to put it right

    await member.say(f"/sua {patrol}")
    assert "Ảnh: —" in member.text and "Cùng tuần tra: Thành viên mẫu 2" in member.text
    await member.tap("Ảnh:")
    assert f"Gửi một ảnh cho mục {patrol}" in member.text
    await member.say("ảnh đây")  # words are not a photo
    assert "Bước này cần một ảnh" in member.text
    await member.photo(JPEG)
    assert "Thêm 1 ảnh (đang có 0 ảnh)" in member.text and "chờ duyệt lại" in member.text
    await member.tap("Lưu")
    assert f"Đã sửa ✅ {patrol}. Mục đang chờ duyệt lại." in member.text

    seen_cuong = max(m["id"] for m in await cuong.inbox())
    await member.say(f"/sua {patrol}")
    assert "Ảnh: 1 ảnh" in member.text
    await member.tap("Cùng tuần tra:")
    assert "Đã chọn: Thành viên mẫu 2" in member.text  # the list as it is
    await member.tap("Vũ Văn Cường")
    await member.tap("Thành viên mẫu 2")
    await member.tap("Xong")
    assert "Cùng tuần tra: thêm Vũ Văn Cường; bỏ Thành viên mẫu 2" in member.text
    await member.tap("Lưu")
    assert f"Đã sửa ✅ {patrol}." in member.text
    heard = [m["text"] for m in await cuong.inbox(after=seen_cuong)]
    assert any(patrol in t and "Nguyễn Thị Hoa" in t for t in heard), heard  # Cường hears it

    # A second photo replaces the first (its file and row are kept, only unlinked).
    await member.say(f"/sua {patrol}")
    await member.tap("Ảnh:")
    assert "đang có 1 ảnh. Thêm ảnh mới, hay thay ảnh cũ?" in member.text
    await member.tap("Thay ảnh cũ")
    await member.photo(JPEG)
    assert "Thay 1 ảnh cũ bằng 1 ảnh mới" in member.text
    await member.tap("Lưu")
    await member.say(f"/sua {patrol}")
    await member.tap("Khu vực, tuyến:")
    await member.say("Đường liên thôn và chợ")
    await member.tap("Lưu")

    await leader.say("/duyet")
    card = leader.text
    assert card.count(f"📷 Ảnh kèm mục {patrol}") == 1  # the new photo, not the one replaced
    rejected_at = f"{moment:%d/%m/%Y %H:%M}"
    assert (
        f"↩ Đã bị Tổ Trưởng không xác nhận lúc {rejected_at}. "
        "Lý do: Thiếu ảnh; anh Cường đi cùng chứ không phải chị Mẫu Hai" in card
    ), card
    assert "Người ghi đã sửa:" in card and "Đã thêm 1 ảnh" in card and "Đã bỏ" not in card
    assert "Người cùng làm: thêm Vũ Văn Cường; bỏ Thành viên mẫu 2" in card
    assert "Khu vực, tuyến: Đường liên thôn → Đường liên thôn và chợ" in card
    assert "• Cùng tuần tra: Vũ Văn Cường" in card
    await leader.tap("Xác nhận")
    assert f"Đã xác nhận {patrol}" in leader.text

    def stored(c: Any) -> Any:
        entry = c.execute(select(entries).where(entries.c.reference == patrol)).one()
        credited = (
            c.execute(
                select(members.c.full_name)
                .join(entry_participants)
                .where(entry_participants.c.entry_id == entry.id)
            )
            .scalars()
            .all()
        )
        linked = c.execute(
            select(func.count()).where(attachments.c.entry_id == entry.id)
        ).scalar_one()
        photos = c.execute(select(func.count()).select_from(attachments)).scalar_one()
        actions = (
            c.execute(select(audit_log.c.action).where(audit_log.c.target_id == patrol))
            .scalars()
            .all()
        )
        return entry, credited, linked, photos, actions

    entry, credited, linked, photos, actions = await database.run(stored)
    assert entry.status == "verified" and entry.reopened is None
    assert credited == ["Vũ Văn Cường"] and linked == 1 and photos == 2
    assert actions.count("entry.edited") == 4 and actions.count("entry.reopened") == 1
    # Decided again: the next card (after another edit) starts from this decision.
    await member.say(f"/sua {patrol}")
    await member.tap("Ghi chú:")
    await member.say("Có công an xã đi cùng")
    await member.tap("Lưu")
    await leader.say("/duyet")
    assert f"↩ Đã được Tổ Trưởng xác nhận lúc {rejected_at}, rồi người ghi sửa lại." in leader.text
    assert "Ghi chú: — → Có công an xã đi cùng" in leader.text
    assert "Người cùng làm" not in leader.text and "Đã thêm" not in leader.text


async def test_a_teammate_taken_off_an_entry_hears_it(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    """Cường was named on a patrol by mistake; when the member takes him off with /sua he is
    told, as he was told when he was named: its points no longer count for him."""
    cuong = users()
    await cuong.register(
        await invite(database, settings, "DEMO-XA-T1", Role.MEMBER), "Vũ Văn Cường"
    )
    member = users()
    await member.register(demo.member.code)
    patrol = await log_patrol(member, "Vũ Văn Cường")
    assert any(patrol in m["text"] for m in await cuong.inbox())
    seen = max(m["id"] for m in await cuong.inbox())

    await member.say(f"/sua {patrol}")
    await member.tap("Cùng tuần tra:")
    await member.tap("Vũ Văn Cường")
    await member.tap("Xong")
    assert "Cùng tuần tra: bỏ Vũ Văn Cường" in member.text
    await member.tap("Lưu")
    heard = [m["text"] for m in await cuong.inbox(after=seen)]
    assert any(
        "Nguyễn Thị Hoa đã bỏ tên bạn khỏi tuần tra" in t and patrol in t and "không còn" in t
        for t in heard
    ), heard
