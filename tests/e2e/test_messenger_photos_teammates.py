"""Issue 11 tried again on Telegram and Zalo: photos sent as albums or files, teammates typed
by name or number, and the way from a Zalo card to its photo."""

from __future__ import annotations

import re
from typing import Any

from bot.channels.telegram import TelegramChannel
from bot.channels.zalo import ZaloChannel
from bot.conversation import Conversation
from bot.settings import Settings
from campaign.roles import Role
from services.demo import DemoInvites
from storage.database import Database
from tests.bot.test_card_photos import OTHER_PHOTO, card_with_pictures, good_deed_with_photo
from tests.bot.test_review import invite
from tests.conftest import JPEG
from tests.e2e import test_telegram, test_zalo
from tests.fakes.telegram_api import FakeTelegram, TelegramUser
from tests.fakes.zalo_api import FakeZalo, ZaloUser


def _photo_message(user: TelegramUser, data: bytes, **extra: Any) -> dict[str, Any]:
    file_id = f"f{len(user.server.files) + 1}"
    user.server.files[file_id] = data
    size = {
        "file_id": file_id,
        "file_unique_id": f"u{file_id}",
        "width": 800,
        "height": 600,
        "file_size": len(data),
    }
    return user._message(photo=[size], **extra)


async def send_album(user: TelegramUser, *photos: bytes) -> list[dict[str, Any]]:
    """Several photos picked at once: Telegram sends one message each, sharing a group id."""
    last = 0
    for data in photos:
        last = await user.server.push({"message": _photo_message(user, data, media_group_id="77")})
    await user.server.processed(last)
    return user.new_messages()


async def send_document(
    user: TelegramUser, data: bytes, mime: str = "image/jpeg"
) -> list[dict[str, Any]]:
    file_id = f"f{len(user.server.files) + 1}"
    user.server.files[file_id] = data
    document = {
        "file_id": file_id,
        "file_unique_id": f"u{file_id}",
        "file_name": "IMG_1.jpg",
        "mime_type": mime,
        "file_size": len(data),
    }
    return await user._exchange({"message": user._message(document=document)})


async def patrol_on_telegram(user: TelegramUser) -> str:
    await user.say("/tuantra")
    for answer in ("hôm nay", "0:00", "0:01", "Đường liên thôn"):
        await user.say(answer)
    await user.tap("Xong")
    await user.tap("Bỏ qua")
    await user.tap("Bỏ qua")
    await user.tap("Lưu")

    found = re.search(r"TT-\d{4}-\d{6}", user.text)
    assert found, user.text
    return found.group(0)


async def test_an_album_sent_to_sua_on_telegram_adds_all_its_photos(
    telegram_api: FakeTelegram,
    telegram: TelegramChannel,
    demo: DemoInvites,
    database: Database,
    settings: Settings,
) -> None:
    """Rejected for a missing photo, the member picks three photos at once in Telegram's
    gallery (an album: three messages). All three are added, and the leader sees the three,
    numbered, before the card and its buttons."""
    member = TelegramUser(telegram_api, 701, "Nguyễn Thị Hoa")
    await test_telegram.register(member, demo.member.code)
    leader = TelegramUser(telegram_api, 702, "Tổ Trưởng Một")
    await test_telegram.register(
        leader, await invite(database, settings, "DEMO-XA-T1", Role.LEADER)
    )
    patrol = await patrol_on_telegram(member)
    await leader.say("/duyet")
    await leader.tap("Không xác nhận")
    await leader.say("Thiếu ảnh")

    await member.say(f"/sua {patrol}")
    await member.tap("Ảnh: —")
    await send_album(member, JPEG, OTHER_PHOTO, JPEG)
    told = "\n".join(m.get("text", "") for m in member.last)
    assert "Hãy chọn một mục" not in told, told
    assert "Thêm 3 ảnh (đang có 0 ảnh)" in member.last[-1]["text"]
    await member.tap("Lưu")
    assert f"Đã sửa ✅ {patrol}" in member.text

    before = len(telegram_api.sent)
    await leader.say("/duyet")
    sent = [s for s in telegram_api.sent[before:] if s.params.get("chat_id") == "702"]
    photos = [s.params["caption"] for s in sent if s.method == "sendPhoto"]
    assert photos == [f"📷 Ảnh {n}/3 kèm mục {patrol}" for n in (1, 2, 3)]
    assert [s.params["upload"]["data"] for s in sent if s.method == "sendPhoto"] == [
        JPEG,
        OTHER_PHOTO,
        JPEG,
    ]
    assert sent[-1].method == "sendMessage" and "Đã thêm 3 ảnh" in sent[-1].params["text"]
    assert "inline_keyboard" in sent[-1].params["reply_markup"]


async def test_on_zalo_teammates_typed_by_name_tell_namesakes_apart_by_their_numbers(
    zalo_api: FakeZalo, users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    """Zalo has no buttons: the member types names. Two "Nguyễn Văn An" in the team: typing
    the name is not "not in the team list" but which numbers it could be; a demo name ending
    in a digit ("mẫu 2") typed with another is a name, not a name and a list number."""
    for _ in range(2):
        namesake = users()
        code = await invite(database, settings, "DEMO-XA-T1", Role.MEMBER)
        await namesake.register(code, "Nguyễn Văn An")
    channel = ZaloChannel(Conversation(test_zalo.zalo_settings(settings, zalo_api), database))
    channel.retry_pause = 0.01
    await channel.start()
    try:
        member = ZaloUser(zalo_api, "z-member", "Nguyễn Thị Hoa")
        await test_zalo.register(member, demo.member.code)
        await member.say("/tuantra")
        for answer in ("hôm nay", "0:00", "0:01", "Đường liên thôn"):
            await member.say(answer)
        assert "4. Nguyễn Văn An\n5. Nguyễn Văn An" in member.text

        await member.say("Nguyễn Văn An")
        assert "Không tìm thấy" not in member.text, member.text
        assert (
            '"Nguyễn Văn An" khớp với nhiều người trong tổ:\n4. Nguyễn Văn An\n5. Nguyễn Văn An'
            in (member.text)
        )
        await member.say("an")
        assert '"an" khớp với nhiều người trong tổ' in member.text

        await member.say("mẫu 2, 5")
        assert "Ghi chú thêm" in member.text, member.text
        await member.say("bỏ qua")
        await member.say("bỏ qua")
        assert "• Cùng tuần tra: Thành viên mẫu 2, Nguyễn Văn An" in member.text, member.text
    finally:
        await channel.stop()


async def test_a_zalo_leader_without_a_public_address_is_told_how_to_see_the_photo(
    zalo_api: FakeZalo, users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    """The leader only ever used Zalo. The card says a photo is on the web chat: it must say
    how he gets there (a link code), and following it shows him the photo."""
    member = users()
    await member.register(demo.member.code)
    reference = await good_deed_with_photo(member)
    channel = ZaloChannel(Conversation(test_zalo.zalo_settings(settings, zalo_api), database))
    channel.retry_pause = 0.01
    await channel.start()
    try:
        leader = ZaloUser(zalo_api, "z-leader-only", "Tổ Trưởng Một")
        await test_zalo.register(
            leader, await invite(database, settings, "DEMO-XA-T1", Role.LEADER)
        )
        await leader.say("/duyet")
        assert f"📷 Ảnh kèm mục {reference}" in leader.text
        assert "/lienket" in leader.text, leader.text
        await leader.say("/lienket")
        code = re.search(r"Mã liên kết của bạn: (\S+)", leader.text)
        assert code, leader.text
    finally:
        await channel.stop()
    on_web = users()
    await on_web.say(code.group(1))
    await on_web.tap("Đồng ý")  # the privacy notice, as for any new channel
    assert "Đã liên kết" in on_web.text, on_web.text
    await on_web.say("/duyet")
    [picture] = card_with_pictures(on_web.last, reference)
    assert (await on_web.client.get(picture)).content == JPEG


async def test_an_album_sent_for_a_new_good_deed_on_telegram_keeps_every_photo(
    telegram_api: FakeTelegram,
    telegram: TelegramChannel,
    demo: DemoInvites,
    database: Database,
    settings: Settings,
) -> None:
    """Asked for a photo, the member picks two at once: both are kept (not one, with "choose
    one" for the other), and the leader's card shows both."""
    member = TelegramUser(telegram_api, 711, "Nguyễn Thị Hoa")
    await test_telegram.register(member, demo.member.code)
    await member.say("/viectot")
    for answer in ("Giúp cụ bà qua đường", "Cụ Tý", "hôm nay"):
        await member.say(answer)
    await send_album(member, JPEG, OTHER_PHOTO)
    told = "\n".join(m.get("text", "") for m in member.last)
    assert "Hãy chọn một mục" not in told, told
    assert "• Ảnh: đã đính kèm 2 ảnh" in member.last[-1]["text"], told
    await member.tap("Lưu")
    reference = re.search(r"VT-\d{4}-\d{6}", member.text)
    assert reference, member.text

    leader = TelegramUser(telegram_api, 712, "Tổ Trưởng Một")
    await test_telegram.register(
        leader, await invite(database, settings, "DEMO-XA-T1", Role.LEADER)
    )
    before = len(telegram_api.sent)
    await leader.say("/duyet")
    sent = [s for s in telegram_api.sent[before:] if s.params.get("chat_id") == "712"]
    assert [s.params["upload"]["data"] for s in sent if s.method == "sendPhoto"] == [
        JPEG,
        OTHER_PHOTO,
    ]
    assert f"📷 Ảnh 2/2 kèm mục {reference.group(0)}" in [s.params.get("caption") for s in sent]


async def test_an_iphone_photo_sent_as_a_file_to_sua_is_explained_not_called_a_file(
    telegram_api: FakeTelegram, telegram: TelegramChannel, demo: DemoInvites
) -> None:
    """/sua waits for a photo; the member sends it from an iPhone as a file (HEIC). He is told
    to send it as an ordinary photo, not that the bot reads only photos; a JPEG sent as a file
    is taken."""
    member = TelegramUser(telegram_api, 721, "Nguyễn Thị Hoa")
    await test_telegram.register(member, demo.member.code)
    patrol = await patrol_on_telegram(member)
    await member.say(f"/sua {patrol}")
    await member.tap("Ảnh: —")
    await send_document(member, b"\x00\x00\x00\x18ftypheic", "image/heic")
    assert "Bot chỉ đọc được chữ và ảnh" not in member.text
    assert "Hãy gửi lại như một ảnh thường (chọn Ảnh, không chọn Tệp)" in member.text
    assert f"Gửi một ảnh cho mục {patrol}." in member.text  # still waiting for it
    await send_document(member, OTHER_PHOTO, "image/png")
    assert "Thêm 1 ảnh (đang có 0 ảnh)" in member.text


async def test_on_zalo_a_number_typed_in_sua_adds_a_teammate_without_dropping_the_others(
    zalo_api: FakeZalo, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    """/sua shows the patrol's list with "✓ Thành viên mẫu 2" ticked and says "choose each,
    then Done". On Zalo the member types "3" to add Mẫu 3: it is ticked too (Mẫu 2 stays),
    and "xong" ends the list."""
    channel = ZaloChannel(Conversation(test_zalo.zalo_settings(settings, zalo_api), database))
    channel.retry_pause = 0.01
    await channel.start()
    try:
        member = ZaloUser(zalo_api, "z-sua-team", "Nguyễn Thị Hoa")
        await test_zalo.register(member, demo.member.code)
        await member.say("/tuantra")
        for answer in ("hôm nay", "0:00", "0:01", "Đường liên thôn", "2", "bỏ qua", "bỏ qua"):
            await member.say(answer)
        assert "• Cùng tuần tra: Thành viên mẫu 2" in member.text
        await member.say("lưu")
        found = re.search(r"TT-\d{4}-\d{6}", member.text)
        assert found, member.text
        await member.say(f"/sua {found.group(0)}")
        await member.say("cung tuan tra")
        assert "2. ✓ Thành viên mẫu 2" in member.text
        await member.say("3")
        assert "bỏ Thành viên mẫu 2" not in member.text, member.text
        assert "2. ✓ Thành viên mẫu 2\n3. ✓ Thành viên mẫu 3" in member.text, member.text
        await member.say("xong")
        assert "• Cùng tuần tra: thêm Thành viên mẫu 3" in member.text, member.text
        await member.say("lưu")
        assert f"Đã sửa ✅ {found.group(0)}" in member.text
    finally:
        await channel.stop()
