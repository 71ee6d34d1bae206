"""/thongbao: a commune officer sends an announcement through the web chat: audience, text,
photo, preview, send; recipients get it in their chat, the sender a delivery report."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from bot.settings import Settings
from scheduler import progress
from services.demo import DemoInvites
from storage.database import Database
from storage.schema import audit_log, broadcasts, outbox
from tests.conftest import JPEG

TEXT = "Họp giao ban lúc 19 giờ tối thứ Sáu tại nhà văn hóa thôn Đông."


async def announcements(user: Any) -> list[dict[str, Any]]:
    return [m for m in await user.inbox() if m["text"].startswith("📢 Thông báo của")]


async def count(database: Database, table: Any) -> int:
    return int(
        await database.run(
            lambda c: c.execute(select(func.count()).select_from(table)).scalar_one()
        )
    )


async def test_an_officer_previews_then_sends_to_the_commune_and_gets_a_report(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    officer, member, leader = users(), users(), users()
    await officer.register(demo.officer.code, "Cán Bộ Xã")
    await member.register(demo.member.code)
    await leader.register(demo.leader.code, "Tổ Trưởng Hai")
    assert "📢 Gửi thông báo" in officer.text  # in the officer's menu
    await officer.say("/thongbao")
    assert "Gửi thông báo tới ai trong Xã Hòa Bình?" in officer.text
    await officer.tap("Tất cả")
    await officer.say("   ")
    assert "Câu trả lời đang trống" in officer.text
    # One Zalo message (2,000 characters) with the header: the limit says so and holds.
    limit = 2000 - len("📢 Announcement from Xã Hòa Bình:\n")
    assert f"tối đa {limit} ký tự" in officer.text
    await officer.say("x" * (limit + 1))
    assert f"dài {limit + 1} ký tự, tối đa là {limit}" in officer.text
    await officer.say(TEXT)
    await officer.tap("Không kèm ảnh")
    # The preview: exactly what recipients will see, and how many it reaches.
    assert officer.last[0]["text"] == f"📢 Thông báo của Xã Hòa Bình:\n{TEXT}"
    reach = re.search(
        r"Sẽ gửi tới (\d+) người — Tất cả \(web chat (\d+)\)\. (\d+) người chưa", officer.text
    )
    assert reach is not None and reach.group(1, 2) == ("2", "2"), officer.text
    assert int(reach.group(3)) > 0  # the demo roster, not registered on any channel
    assert await announcements(member) == []  # nothing sent before the confirmation
    send = officer.choice_id("Gửi")
    await officer.tap("Gửi")
    started = re.search(r"Đang gửi thông báo #(\d+) tới 2 người", officer.text)
    assert started is not None, officer.text
    await officer.post({"choice": send})  # a double tap sends nothing more
    assert await count(database, broadcasts) == 1
    for person in (member, leader):
        [got] = await announcements(person)
        assert got["text"] == f"📢 Thông báo của Xã Hòa Bình:\n{TEXT}"
    later = datetime.now(settings.zone) + timedelta(minutes=1)
    await database.run(lambda c: progress.tell_senders(c, later, 60))
    report = [m["text"] for m in await officer.inbox() if "đã gửi xong" in m["text"]]
    assert report == [
        f"📢 Thông báo #{started.group(1)} đã gửi xong: 2/2 người đã nhận, 0 không gửi được "
        f"(đã chặn bot hoặc lỗi); {reach.group(3)} người chưa dùng kênh nào của bot."
    ]
    audited = await database.run(
        lambda c: c.execute(
            select(audit_log.c.action).where(audit_log.c.action == "broadcast.sent")
        ).all()
    )
    assert len(audited) == 1


async def test_a_photo_goes_to_one_role_only_and_every_recipient_can_open_it(
    users: Any, demo: DemoInvites, database: Database
) -> None:
    officer, member, leader = users(), users(), users()
    await officer.register(demo.officer.code, "Cán Bộ Xã")
    await member.register(demo.member.code)
    await leader.register(demo.leader.code, "Tổ Trưởng Hai")
    await officer.say("/broadcast")
    await officer.tap("Tổ viên")
    await officer.say("Ảnh đối tượng truy nã, ai thấy báo ngay.")
    await officer.photo(JPEG)
    assert officer.last[0]["image_url"].startswith("/files/")
    assert "Sẽ gửi tới 1 người — Tổ viên (web chat 1)" in officer.text
    await officer.tap("Gửi")
    [got] = await announcements(member)
    assert got["image_url"] == officer.last[0]["image_url"] or got["image_url"].startswith(
        "/files/"
    )
    opened = await member.client.get(got["image_url"])
    assert opened.status_code == 200 and opened.content == JPEG
    assert await announcements(leader) == []  # not a team member: not in the audience


async def test_members_cannot_broadcast_and_a_cancelled_one_sends_nothing(
    users: Any, demo: DemoInvites, database: Database
) -> None:
    member, officer = users(), users()
    await member.register(demo.member.code)
    assert "📢 Gửi thông báo" not in member.text
    await member.say("/thongbao")
    assert "Chỉ cán bộ Công an xã và quản trị viên gửi được thông báo." in member.text
    await officer.register(demo.officer.code, "Cán Bộ Xã")
    await officer.say("/thongbao")
    await officer.tap("Tổ trưởng, tổ phó")
    assert "Không có ai trong nhóm này nhận được tin nhắn của bot" in officer.text  # none yet
    await officer.tap("Tất cả")
    await officer.say(TEXT)
    await officer.tap("Không kèm ảnh")
    await officer.tap("Viết lại")
    await officer.say("Nội dung khác")
    await officer.tap("Không kèm ảnh")
    assert "Nội dung khác" in officer.last[0]["text"]
    await officer.say("/huy")
    assert "Đã hủy thông báo đang soạn; thông báo này không được gửi." in officer.text
    assert await count(database, broadcasts) == 0
    assert await announcements(member) == []
    rows = await database.run(
        lambda c: c.execute(
            select(func.count()).select_from(outbox).where(outbox.c.broadcast_id.is_not(None))
        ).scalar_one()
    )
    assert rows == 0


async def test_the_officer_goes_back_a_step_and_a_draft_is_never_dropped_silently(
    users: Any, demo: DemoInvites, database: Database
) -> None:
    officer, member = users(), users()
    await member.register(demo.member.code)
    await officer.register(demo.officer.code, "Cán Bộ Xã")
    await officer.say("/thongbao")
    await officer.say("/quaylai")
    assert "Đây là bước đầu tiên." in officer.text and "[Tất cả]" in officer.text
    audience = officer.choice_id("Tất cả")
    members_only = officer.choice_id("Tổ viên")
    await officer.tap("Tất cả")
    assert await officer.post({"choice": audience}) == []  # tapped twice: no reply
    await officer.post({"choice": members_only})  # changed their mind: members only
    assert "Nhập nội dung thông báo" in officer.text
    await officer.say("/lang en")  # a command with its argument stays a command
    assert "Type the announcement" in officer.text
    await officer.say("/lang vi")
    await officer.photo(JPEG)  # a photo before the text
    assert "Hãy nhập nội dung trước" in officer.text
    # An announcement may start with a command word: it is the text, not the command.
    draft = "/danop trước thứ Sáu nhé các tổ trưởng"
    await officer.say(draft)
    assert "Gửi một ảnh kèm thông báo" in officer.text
    await officer.say("ảnh gì")
    assert "Bước này cần một ảnh, hoặc chọn Không kèm ảnh." in officer.text
    await officer.say("Bỏ qua")  # typed as the other photo steps have it
    assert officer.last[0]["text"].endswith(draft)  # the preview, naming who gets it
    assert "Sẽ gửi tới 1 người — Tổ viên (web chat 1)." in officer.text
    await officer.say("/quaylai")  # back to the photo
    assert "Gửi một ảnh kèm thông báo" in officer.text
    await officer.say("/quaylai")  # back to the text
    assert "Nhập nội dung thông báo" in officer.text
    await officer.say("/quaylai")
    assert "Gửi thông báo tới ai" in officer.text
    await officer.tap("Tổ viên")
    await officer.say("Tổ viên họp lúc 20 giờ.")
    await officer.say("/cuatoi")  # something else: the draft is dropped, and it says so
    assert "Thông báo đang soạn đã bị bỏ (chưa gửi)." in officer.text
    assert await count(database, broadcasts) == 0


async def test_only_commanders_mark_a_deliverable(users: Any, demo: DemoInvites) -> None:
    member = users()
    await member.register(demo.member.code)
    await member.say("/danop")
    assert "Việc nộp báo cáo do Tổ trưởng, Tổ phó hoặc cán bộ Công an xã đánh dấu." in member.text


async def test_a_broadcast_still_sending_can_be_stopped_by_its_sender(
    users: Any, demo: DemoInvites, database: Database
) -> None:
    from datetime import UTC

    from storage import outbox as outbox_rows
    from tests.sending import seed_recipients

    officer = users()
    await officer.register(demo.officer.code, "Cán Bộ Xã")
    await seed_recipients(database, 3, datetime.now(UTC))  # three members on Telegram
    await officer.say("/thongbao")
    await officer.tap("Tổ viên")
    await officer.say("Họp tổ lúc 19 giờ — nhầm ngày!")
    await officer.tap("Không kèm ảnh")
    await officer.tap("Gửi")
    number = re.search(r"Đang gửi thông báo #(\d+) tới 3 người", officer.text)
    assert number is not None, officer.text
    await officer.say("/thongbao")  # the wrong day: stop it before it goes out
    assert "đang gửi: đã gửi 0, không gửi được 0, còn 3 / 3" in officer.text
    await officer.tap(f"Dừng thông báo #{number.group(1)}")
    assert "Những người chưa nhận sẽ không nhận nữa" in officer.text
    await officer.say("/huy")  # not stopping after all: it says so, not "nothing was sent"
    assert f"Không dừng: thông báo #{number.group(1)} vẫn đang gửi." in officer.text
    await officer.say("/thongbao Lịch họp đúng: 19 giờ thứ Bảy.")  # the correction, first
    await officer.tap(f"Dừng thông báo #{number.group(1)}")
    await officer.tap("Không, gửi tiếp")  # not yet
    assert "Gửi thông báo tới ai" in officer.text
    await officer.tap(f"Dừng thông báo #{number.group(1)}")
    await officer.tap("⏹ Dừng")
    assert "Thông báo đang soạn đã bị bỏ (chưa gửi)." in officer.text  # said, not silent
    assert f"Đã dừng thông báo #{number.group(1)}: 0 người đã nhận; 3 người sẽ không nhận." in (
        officer.text
    )
    left = await database.run(lambda c: outbox_rows.busy(c, ["telegram"], datetime.now(UTC)))
    assert left is False  # nothing left for the sender to send
    await officer.say("/thongbao")
    assert "Dừng thông báo" not in officer.text and "đang gửi" not in officer.text


async def test_the_text_may_come_with_the_command(users: Any, demo: DemoInvites) -> None:
    officer, member = users(), users()
    await member.register(demo.member.code)
    await officer.register(demo.officer.code, "Cán Bộ Xã")
    await officer.say("/thongbao Họp khẩn lúc 20 giờ tại nhà văn hóa.")
    await officer.tap("Tổ viên")
    assert "Gửi một ảnh kèm thông báo" in officer.text  # the text step is skipped
    await officer.tap("Không kèm ảnh")
    assert (
        officer.last[0]["text"]
        == "📢 Thông báo của Xã Hòa Bình:\nHọp khẩn lúc 20 giờ tại nhà văn hóa."
    )


async def test_the_command_again_at_the_text_step_starts_over_with_its_text(
    users: Any, demo: DemoInvites
) -> None:
    officer, member = users(), users()
    await member.register(demo.member.code)
    await officer.register(demo.officer.code, "Cán Bộ Xã")
    await officer.say("/thongbao")
    await officer.tap("Tổ viên")
    await officer.say("/thongbao Họp tổ lúc 19 giờ tối nay")
    assert "Gửi thông báo tới ai" in officer.text
    await officer.tap("Tổ viên")
    await officer.tap("Không kèm ảnh")
    assert officer.last[0]["text"].endswith("\nHọp tổ lúc 19 giờ tối nay")  # no command word
