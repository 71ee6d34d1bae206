"""Documents and a plan's own questions on the messengers: a PDF sent to /danop on Telegram is
kept and comes back as a document; one too big is refused by its size, unread; Zalo, which
cannot send files to a bot, says so and takes a photo of the paper instead; the extra question
of a plan runs as a numbered menu."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from bot.channels.telegram import TelegramChannel
from bot.channels.zalo import ZaloChannel
from bot.conversation import Conversation
from bot.settings import Settings
from campaign.roles import Role
from services.demo import DemoInvites
from storage.database import Database
from storage.schema import deliverables, documents, entries
from tests.bot.test_documents_chat import EXE, PDF
from tests.bot.test_extra_questions import fire_plan
from tests.bot.test_plan_menus import load
from tests.bot.test_review import invite
from tests.conftest import JPEG
from tests.e2e import test_telegram, test_zalo
from tests.fakes.telegram_api import FakeTelegram, TelegramUser
from tests.fakes.zalo_api import FakeZalo, ZaloUser
from tests.scheduler.test_jobs import plan_with_deadline_and_phases


async def send_file(
    user: TelegramUser, data: bytes, name: str, mime: str, size: int | None = None
) -> list[dict[str, Any]]:
    file_id = f"f{len(user.server.files) + 1}"
    if size is None:
        user.server.files[file_id] = data  # a file over the limit is never fetched
    document = {
        "file_id": file_id,
        "file_unique_id": f"u{file_id}",
        "file_name": name,
        "mime_type": mime,
        "file_size": len(data) if size is None else size,
    }
    return await user._exchange({"message": user._message(document=document)})


async def deadline_plan(database: Database, settings: Settings) -> None:
    today = datetime.now(settings.zone).date()
    plan = plan_with_deadline_and_phases(
        today + timedelta(days=5), today - timedelta(days=30), today + timedelta(days=60)
    )
    await load(database, settings, plan)


async def test_a_pdf_sent_to_danop_on_telegram_is_kept_and_sent_back_as_a_document(
    telegram_api: FakeTelegram,
    telegram: TelegramChannel,
    demo: DemoInvites,
    database: Database,
    settings: Settings,
) -> None:
    await deadline_plan(database, settings)
    leader = TelegramUser(telegram_api, 731, "Tổ Trưởng")
    await test_telegram.register(
        leader, await invite(database, settings, "DEMO-XA-T1", Role.LEADER)
    )
    await leader.say("/danop")
    due = datetime.now(settings.zone).date() + timedelta(days=5)
    await leader.tap(f"Báo cáo quý I của tổ — {due:%d/%m/%Y}")
    assert "PDF, Word (.docx), Excel (.xlsx) hoặc ảnh" in leader.text
    assert "Zalo không gửi được tệp" not in leader.text  # Telegram can

    await send_file(leader, b"", "lon.pdf", "application/pdf", size=25 * 1024 * 1024)
    assert "Tệp quá lớn (25 MB); tối đa 20 MB." in leader.text
    assert "Gửi báo cáo đã nộp" in leader.text  # asked again

    await send_file(leader, PDF, "Báo cáo quý I.pdf", "application/pdf")
    assert "Đã thêm Báo cáo quý I.pdf" in leader.text
    await leader.tap("📤 Nộp")
    assert "Đã ghi nhận ✅ Báo cáo quý I của tổ" in leader.text
    sent = [s for s in telegram_api.sent if s.method == "sendDocument"]
    assert [s.params["upload"]["data"] for s in sent] == [PDF]
    assert sent[0].params["upload"]["name"] == "Báo cáo quý I.pdf"
    row = await database.run(lambda c: c.execute(select(documents)).one())
    report = await database.run(lambda c: c.execute(select(deliverables.c.id)).scalar())
    assert (row.owner_kind, row.owner_id) == ("deliverable", report)


async def test_a_jpeg_sent_as_a_file_still_answers_a_photo_question_on_telegram(
    telegram_api: FakeTelegram, telegram: TelegramChannel, demo: DemoInvites, database: Database
) -> None:
    member = TelegramUser(telegram_api, 732, "Nguyễn Thị Hoa")
    await test_telegram.register(member, demo.member.code)
    await member.say("/viectot")
    for answer in ("Giúp cụ già qua đường", "Cụ Tý", "hôm nay"):
        await member.say(answer)
    await send_file(member, JPEG, "IMG_1.jpg", "image/jpeg")
    assert "Ảnh: đã đính kèm" in member.text
    await member.tap("Lưu")
    assert "VT-" in member.text
    assert await database.run(lambda c: c.execute(select(documents)).all()) == []


async def test_an_image_file_that_does_not_decode_is_not_kept_on_telegram(
    telegram_api: FakeTelegram,
    telegram: TelegramChannel,
    demo: DemoInvites,
    database: Database,
    settings: Settings,
) -> None:
    # A JPEG's first bytes with a program behind them, claimed a PDF: kept as a ".jpg" document
    # a commander would open, though a photo so made is refused.
    await deadline_plan(database, settings)
    leader = TelegramUser(telegram_api, 733, "Tổ Trưởng")
    await test_telegram.register(
        leader, await invite(database, settings, "DEMO-XA-T1", Role.LEADER)
    )
    await leader.say("/danop")
    due = datetime.now(settings.zone).date() + timedelta(days=5)
    await leader.tap(f"Báo cáo quý I của tổ — {due:%d/%m/%Y}")
    await send_file(leader, b"\xff\xd8\xff\xe0" + EXE, "bao-cao.pdf", "application/pdf")
    assert "Không tải được ảnh vừa gửi" in leader.text
    assert await database.run(lambda c: c.execute(select(documents)).all()) == []
    await send_file(leader, PDF, "bao-cao.pdf", "application/pdf")
    await leader.tap("📤 Nộp")
    assert "Đã ghi nhận ✅ Báo cáo quý I của tổ" in leader.text


async def test_zalo_says_it_cannot_send_files_and_takes_a_photo_of_the_paper(
    zalo_api: FakeZalo, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    await deadline_plan(database, settings)
    channel = ZaloChannel(Conversation(test_zalo.zalo_settings(settings, zalo_api), database))
    channel.retry_pause = 0.01
    await channel.start()
    try:
        leader = ZaloUser(zalo_api, "z-danop", "Tổ Trưởng")
        await test_zalo.register(
            leader, await invite(database, settings, "DEMO-XA-T1", Role.LEADER)
        )
        await leader.say("/danop")
        await leader.say("1")
        assert "Zalo không gửi được tệp cho bot: hãy chụp ảnh văn bản giấy" in leader.text
        assert "web chat" in leader.text and "trang quản lý (/quanly)" in leader.text
        await leader.send_photo("giay.jpg", JPEG)
        assert "Đã thêm anh.jpg" in leader.text
        await leader.say("Nộp")  # no buttons on Zalo: the label typed
        assert "Đã ghi nhận ✅ Báo cáo quý I của tổ" in leader.text
        row = await database.run(lambda c: c.execute(select(documents)).one())
        assert (row.owner_kind, row.content_type) == ("deliverable", "image/jpeg")
    finally:
        await channel.stop()


async def test_a_plans_extra_question_as_a_numbered_menu_on_zalo(
    zalo_api: FakeZalo, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    today = datetime.now(settings.zone).date()
    await load(database, settings, fire_plan(today - timedelta(days=5), today + timedelta(days=5)))
    channel = ZaloChannel(Conversation(test_zalo.zalo_settings(settings, zalo_api), database))
    channel.retry_pause = 0.01
    await channel.start()
    try:
        member = ZaloUser(zalo_api, "z-in-time", "Nguyễn Thị Hoa")
        await test_zalo.register(member, demo.member.code)
        await member.pick("Nội dung khác")
        await member.pick("Chữa cháy, cứu nạn, cứu hộ")
        await member.pick("Cháy, nổ")
        await member.say("Kho hàng thôn Đông")
        await member.pick("Bây giờ")
        assert "Có mặt kịp thời không?\n\n1. Có\n2. Không" in member.text
        await member.say("2")
        await member.say("Cùng dân dập lửa")
        await member.pick("Bỏ qua")
        assert "Có mặt kịp thời: Không" in member.text
        await member.pick("Lưu")
        assert "CH-" in member.text
        details = await database.run(lambda c: c.execute(select(entries.c.details)).scalar_one())
        assert details["in_time"] == "no"
    finally:
        await channel.stop()
