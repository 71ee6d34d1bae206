"""Dossier documents on the messengers: on Telegram an officer sends a DOCX for a dossier item
and, opening it from the registration's card, gets it back as a document; on Zalo, which
cannot send files to a bot, the item takes a photo of the paper and opening it points to the
web chat."""

from __future__ import annotations

from sqlalchemy import select

from bot.channels.telegram import TelegramChannel
from bot.channels.zalo import ZaloChannel
from bot.conversation import Conversation
from bot.settings import Settings
from services.demo import DemoInvites
from storage.database import Database
from storage.schema import audit_log, documents
from tests.bot.test_docs_in_desks_chat import DOCX_KIND, docx
from tests.bot.test_registry_chat import running_plan
from tests.conftest import JPEG
from tests.e2e import test_telegram, test_zalo
from tests.e2e.test_documents_messengers import send_file
from tests.fakes.telegram_api import FakeTelegram, TelegramUser
from tests.fakes.zalo_api import FakeZalo, ZaloUser


async def opened(database: Database) -> int:
    found = await database.run(
        lambda c: c.execute(select(audit_log.c.id).where(audit_log.c.action == "document.opened"))
    )
    return len(list(found))


async def test_a_docx_for_a_dossier_item_on_telegram_comes_back_as_a_document(
    telegram_api: FakeTelegram,
    telegram: TelegramChannel,
    demo: DemoInvites,
    database: Database,
    settings: Settings,
) -> None:
    await running_plan(database, settings)
    officer = TelegramUser(telegram_api, 741, "Cán bộ Hòa")
    await test_telegram.register(officer, demo.officer.code)
    await officer.say("/dangky")
    await officer.tap("Đăng ký mới")
    await officer.tap("Đạt chuẩn An toàn về ANTT")
    await officer.tap("Xã Hòa Bình")
    await officer.tap("📎 Gửi tài liệu: Tờ trình hoặc đề xuất")
    assert "Zalo không gửi được tệp" not in officer.text  # Telegram can
    sent = docx()
    await send_file(officer, sent, "To trinh.docx", DOCX_KIND)
    assert "📎 Đã nhận tài liệu" in officer.text
    await officer.tap("📄 Xem: Tờ trình hoặc đề xuất")
    back = [s for s in telegram_api.sent if s.method == "sendDocument"]
    assert [s.params["upload"]["data"] for s in back] == [sent]
    assert back[0].params["upload"]["name"] == "To trinh.docx"
    assert await opened(database) == 1


async def test_zalo_takes_a_photo_for_a_dossier_item_and_points_to_the_web_to_open_it(
    zalo_api: FakeZalo, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    await running_plan(database, settings)
    channel = ZaloChannel(Conversation(test_zalo.zalo_settings(settings, zalo_api), database))
    channel.retry_pause = 0.01
    await channel.start()
    try:
        officer = ZaloUser(zalo_api, "z-dossier", "Cán bộ Hòa")
        await test_zalo.register(officer, demo.officer.code)
        await officer.say("/dangky")
        await officer.pick("Đăng ký mới")
        await officer.pick("Đạt chuẩn An toàn về ANTT")
        await officer.pick("Xã Hòa Bình")
        await officer.pick("📎 Gửi tài liệu: Tờ trình hoặc đề xuất")
        assert "Zalo không gửi được tệp cho bot" in officer.text
        await officer.send_photo("to-trinh.jpg", JPEG)
        assert "📎 Đã nhận tài liệu" in officer.text
        row = await database.run(lambda c: c.execute(select(documents)).one())
        assert (row.owner_kind, row.content_type) == ("dossier_item", "image/jpeg")
        await officer.pick("📄 Xem: Tờ trình hoặc đề xuất")
        assert "📄 Tờ trình hoặc đề xuất — hồ sơ của Xã Hòa Bình" in officer.text
        assert "mở trên trang trò chuyện web" in officer.text
        assert await opened(database) == 1
    finally:
        await channel.stop()
