"""Zalo end to end: our client and channel against a Zalo Bot API server on loopback."""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator

import httpx
import pytest
from sqlalchemy import func, select

from bot.app import create_app
from bot.channels.zalo import ZaloChannel, ZaloClient, ZaloError
from bot.conversation import Conversation
from bot.settings import Settings
from handlers.messages import Outgoing
from services.demo import DemoInvites
from storage.database import Database
from storage.schema import entries, identities
from tests.conftest import JPEG
from tests.fakes.zalo_api import FakeZalo, ZaloUser
from tests.waiting import until

TOKEN = "1234567890:zalo-secret-abcdefgh"


@pytest.fixture
async def server() -> AsyncIterator[FakeZalo]:
    fake = FakeZalo()
    await fake.start()
    yield fake
    await fake.stop()


def zalo_settings(settings: Settings, server: FakeZalo, **extra: str) -> Settings:
    return settings.model_copy(update={"zalo_token": TOKEN, "zalo_api_url": server.url, **extra})


@pytest.fixture
async def zalo(
    server: FakeZalo, settings: Settings, database: Database
) -> AsyncIterator[ZaloChannel]:
    channel = ZaloChannel(Conversation(zalo_settings(settings, server), database))
    channel.retry_pause = 0.01
    await channel.start()
    yield channel
    await channel.stop()


async def register(user: ZaloUser, code: str) -> None:
    await user.say(code)
    if "Họ và tên" in user.text:
        await user.say(user.name)
    await user.pick("Đồng ý")
    assert "Đăng ký thành công" in user.text, user.text


async def test_numbered_menus_drive_every_flow(
    server: FakeZalo, zalo: ZaloChannel, demo: DemoInvites, database: Database
) -> None:
    user = ZaloUser(server, "6ede9afa66b88fe6d6a9", "Nguyễn Thị Hoa")
    await register(user, demo.member.code)
    assert "\n1. 🚨 Báo nguồn tin" in user.text  # the menu as numbered text
    await user.pick("Báo nguồn tin")
    await user.say("99")  # no such item: Zalo has no buttons, and the refusal does not say so
    assert 'Không có lựa chọn "99". Hãy chọn một mục (hoặc gõ số từ 1 đến' in user.text
    await user.say("ma tuy")  # the label typed without marks works too
    await user.say("Tụ tập đáng ngờ")
    await user.say("Nhà văn hóa thôn Đông")  # Zalo has no location: a typed address
    await user.pick("Bây giờ")
    await user.pick("Tôi trực tiếp phát hiện")
    await user.pick("Bình thường")
    await user.send_photo("a.jpg", JPEG)
    assert "Ảnh: đã đính kèm" in user.text
    await user.pick("Lưu")
    assert re.search(r"NT-\d{4}-000001", user.text)

    await user.say("/tuantra")
    for answer in ("hôm qua", "19:00", "21:00", "Đường thôn"):
        await user.say(answer)
    await user.say("1, 2")
    await user.pick("Bỏ qua")
    await user.pick("Bỏ qua")
    await user.pick("Lưu")
    assert "TT-" in user.text

    await user.say("/viectot")
    for answer in ("Giúp cụ già qua đường", "Cụ Tý", "hôm nay"):
        await user.say(answer)
    await user.send_photo("b.jpg", JPEG, key="photo_url")  # some clients name it photo_url
    await user.pick("Lưu")
    assert "VT-" in user.text
    assert (
        await database.run(
            lambda c: c.execute(select(func.count()).select_from(entries)).scalar_one()
        )
        == 3
    )
    assert server.timeouts >= 0  # long polls that ended empty were simply repeated


async def test_long_reply_is_split_and_unsupported_content_explained(
    server: FakeZalo, zalo: ZaloChannel, demo: DemoInvites
) -> None:
    user = ZaloUser(server, "u-split")
    await register(user, demo.member.code)
    await user.say("/viectot")
    await user.say("Dòng đầu\n" + "\n".join("Câu " + "chữ " * 20 for _ in range(60))[:1990])
    await user.say("Người nhận\n" * 150)  # about 1,650 characters
    await user.say("hôm nay")
    await user.pick("Bỏ qua")
    summary = user.last
    assert len(summary) >= 2 and all(len(t) <= 2000 for t in summary)  # over 3,000 characters
    assert summary[-1].rstrip().endswith("3. ✖ Hủy")
    await user.send("message.unsupported.received")
    assert "chỉ đọc được chữ và ảnh" in user.text
    await user.send("message.sticker.received", sticker="abc")
    assert "chỉ đọc được chữ" in user.text


async def test_408_polls_and_one_update_per_poll(
    server: FakeZalo, zalo: ZaloChannel, demo: DemoInvites
) -> None:
    await until(lambda: server.timeouts >= 1, "a long poll ending with 408")
    a, b = ZaloUser(server, "ua"), ZaloUser(server, "ub")
    first = a.update("message.text.received", text="/help")
    second = b.update("message.text.received", text="/help")
    await server.push(first)
    await server.push(second)
    await server.processed(second["message"]["message_id"])
    assert len(a.texts()) == 1 and len(b.texts()) == 1
    # A redelivered message (same message_id) is neither handled nor answered twice.
    server.served.pop(first["message"]["message_id"])
    await server.push(first)
    await server.processed(first["message"]["message_id"])
    assert len(a.texts()) == 1


async def test_ok_false_on_http_200_is_an_error_and_the_token_stays_out_of_logs(
    server: FakeZalo, caplog: pytest.LogCaptureFixture
) -> None:
    client = ZaloClient(TOKEN, server.url)
    server.fail_next("sendMessage", 200, error_code=401, description="Unauthorized")
    with pytest.raises(ZaloError) as raised:
        await client.send_message("x", "hi")
    assert raised.value.code == 401 and TOKEN not in str(raised.value)
    bad = ZaloClient(TOKEN, "http://127.0.0.1:9")  # nothing listens there
    with caplog.at_level(logging.DEBUG), pytest.raises(Exception) as failed:
        await bad.get_me()
    assert TOKEN not in str(failed.value) and TOKEN not in caplog.text
    await client.close()
    await bad.close()


async def test_blocked_user_is_marked_unreachable(
    server: FakeZalo, zalo: ZaloChannel, demo: DemoInvites, database: Database
) -> None:
    user = ZaloUser(server, "u-blocked")
    await register(user, demo.member.code)
    server.fail_next("sendMessage", 200, error_code=403, description="Forbidden")
    await user.say("/cuatoi")
    assert await database.run(lambda c: c.execute(select(identities.c.unreachable)).scalar_one())


@pytest.mark.parametrize("wrapped", [False, True])
async def test_webhook_secret_and_both_body_shapes(
    server: FakeZalo, settings: Settings, database: Database, demo: DemoInvites, wrapped: bool
) -> None:
    app = create_app(
        zalo_settings(settings, server, zalo_webhook_url="https://bot.example.vn"), database
    )
    channel: ZaloChannel = app.state.zalo
    await channel.start()
    try:
        hook = next(b for m, b in server.sent if m == "setWebhook")
        assert hook["url"] == f"https://bot.example.vn{channel.path}"
        assert 8 <= len(hook["secret_token"]) <= 256
        update = ZaloUser(server, "u-hook").update("message.text.received", text="/help")
        body = {"ok": True, "result": update} if wrapped else update
        client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t")
        assert (await client.post(channel.path, json=body)).status_code == 401
        wrong = {"X-Bot-Api-Secret-Token": "wrong-secret"}
        assert (await client.post(channel.path, json=body, headers=wrong)).status_code == 401
        assert not [b for m, b in server.sent if m == "sendMessage"]
        right = {"X-Bot-Api-Secret-Token": hook["secret_token"]}
        assert (await client.post(channel.path, json=body, headers=right)).status_code == 200
        sent = [b for m, b in server.sent if m == "sendMessage"]
        assert len(sent) == 1 and "/baotin" in sent[0]["text"] and sent[0]["chat_id"] == "u-hook"
        await client.aclose()
    finally:
        await channel.stop()


@pytest.mark.parametrize("public", [True, False], ids=["webhook", "polling"])
async def test_a_broadcast_photo_reaches_zalo_by_its_public_address(
    server: FakeZalo, settings: Settings, database: Database, demo: DemoInvites, public: bool
) -> None:
    """Zalo takes photos by URL only: with a public address (the webhook's) the photo goes
    with the text as its caption and Zalo's servers can fetch it; without one the text says
    where to see it."""
    from datetime import UTC, datetime

    from storage import outbox
    from tests.sending import send_outbox, store_shared_photo

    extra = {"zalo_webhook_url": "https://bot.example.vn"} if public else {}
    app = create_app(zalo_settings(settings, server, **extra), database)
    channel: ZaloChannel = app.state.zalo
    now = datetime.now(UTC)
    await store_shared_photo(database, "anh-hien-truong", JPEG, now)
    announcement = Outgoing(text="📢 Thông báo: tìm người lạc", image_url="/files/anh-hien-truong")
    await database.run(lambda c: outbox.queue(c, "zalo", "u-photo", [announcement], now))
    try:
        await send_outbox(database, {"zalo": channel.pieces}, lambda: now)
    finally:
        await channel.client.close()
    if not public:
        [(method, body)] = server.sent
        assert method == "sendMessage"
        assert body["text"] == (
            "📢 Thông báo: tìm người lạc\n📎 mở trên trang trò chuyện web để xem và tải về "
            "(chưa dùng trang web? gõ /lienket để lấy mã, rồi gõ mã đó trên trang)"
        )
        return
    [(method, body)] = server.sent
    assert (method, body["caption"]) == ("sendPhoto", announcement.text)
    # Zalo could not fetch it (a wrong public address): the text still goes, with the pointer.
    server.fail_next("sendPhoto", 200, error_code=400, description="Invalid photo url")
    await database.run(lambda c: outbox.queue(c, "zalo", "u-photo-2", [announcement], now))
    await send_outbox(database, {"zalo": channel.pieces}, lambda: now)
    await channel.client.close()
    sent = [(m, b) for m, b in server.sent if b.get("chat_id") == "u-photo-2"]
    assert [m for m, _ in sent] == ["sendMessage"]  # the refused photo is not counted sent
    assert sent[0][1]["text"].startswith(announcement.text + "\n📎 mở trên trang")
    assert body["photo"] == "https://bot.example.vn/zalo/files/anh-hien-truong"
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://t"
    ) as web:
        fetched = await web.get("/zalo/files/anh-hien-truong")  # as Zalo's servers do
        assert fetched.status_code == 200 and fetched.content == JPEG
        assert (await web.get("/zalo/files/khong-co")).status_code == 404


async def test_typed_parts_of_labels_answer_the_numbered_menus(
    server: FakeZalo, zalo: ZaloChannel, demo: DemoInvites, database: Database
) -> None:
    """Zalo has no buttons: a member types a part of a label, without marks, in capitals."""
    user = ZaloUser(server, "u-typed-parts", "Nguyễn Thị Hoa")
    await register(user, demo.member.code)
    await user.say("bao nguon")  # "🚨 Báo nguồn tin"
    assert "Tin báo thuộc loại nào?" in user.text
    await user.say("an")  # two labels have a word starting so: which one?
    assert 'Có nhiều lựa chọn khớp với "an"' in user.text
    assert "1. An ninh chính trị" in user.text and "5. Trật tự, an toàn giao thông" in user.text
    await user.say("5")
    await user.say("Xe chạy quá tốc độ trước cổng trường")
    await user.say("Cổng trường tiểu học thôn Đông")
    await user.say("bay gio")
    await user.say("truc tiep")
    await user.say("KHAN CAP")
    await user.say("bo qua")
    assert "Loại tin: Trật tự, an toàn giao thông" in user.text
    assert "Mức độ: Khẩn cấp — cần xử lý ngay" in user.text
    await user.say("lưu")
    assert re.search(r"NT-\d{4}-000001", user.text), user.text
    urgent = await database.run(lambda c: c.execute(select(entries.c.urgent)).scalar_one())
    assert urgent is True
