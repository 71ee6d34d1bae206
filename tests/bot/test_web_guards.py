"""What the web chat and the webhooks refuse before any work is done: bodies past their limit,
posts from another site's page, photos that do not decode, fields out of range; and what the
health check says when the database is gone."""

from __future__ import annotations

import asyncio
import io
import os
import socket
import struct
import zlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import Image

from bot.app import create_app
from bot.settings import Settings
from campaign.catalogs import text
from services.demo import DemoInvites
from storage.database import Database
from tests.conftest import JPEG, WebUser, _admin_execute
from tests.e2e.test_telegram import TOKEN as TELEGRAM_TOKEN
from tests.e2e.test_zalo import TOKEN as ZALO_TOKEN

MB = 1024 * 1024
CHUNK = 64 * 1024
# a 20 MB document (or a 10 MB photo) and its form's few small fields
UPLOAD_LIMIT = 20 * MB + 64 * 1024
# A header, then nothing: what a magic-bytes check took for a JPEG.
FAKE_JPEG = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffd9")
OTHER_SITE = "Yêu cầu bị từ chối: nó đến từ một trang khác, không phải trang trò chuyện này."


class Upload:
    """A body that would be `total` bytes, made only as the server reads it. Reading far past
    `cap` fails the test at once instead of filling the test's memory."""

    def __init__(self, head: bytes = b"", total: int = 500 * MB, cap: int = 16 * MB) -> None:
        self.head, self.total, self.cap = head, total, cap
        self.taken = 0

    async def __aiter__(self) -> AsyncIterator[bytes]:
        if self.head:
            self.taken += len(self.head)
            yield self.head
        zeros = bytes(CHUNK)
        while self.taken < self.total:
            assert self.taken <= self.cap, f"the server read {self.taken} bytes of a huge body"
            self.taken += CHUNK
            yield zeros


def photo_form_head(boundary: str = "b0undary") -> bytes:
    return (
        f"--{boundary}\r\n"
        'Content-Disposition: form-data; name="photo"; filename="a.jpg"\r\n'
        "Content-Type: image/jpeg\r\n\r\n"
    ).encode()


def png_claiming(width: int, height: int) -> bytes:
    """A well-formed PNG header claiming `width` x `height` pixels, with a scrap of data."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit grey
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(1024)))
        + chunk(b"IEND", b"")
    )


def image_bytes(kind: str, size: tuple[int, int] = (8, 8)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size).save(buffer, kind)
    return buffer.getvalue()


@pytest.fixture
async def client(app: Any) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as made:
        yield made


Webhooks = tuple[httpx.AsyncClient, list[tuple[str, dict[str, str]]]]


@pytest.fixture
async def webhooks(settings: Settings, database: Database) -> AsyncIterator[Webhooks]:
    """The app with both messengers on webhooks (its start-up, which registers them, not run),
    and each webhook's path with the secret header its platform sends."""
    configured = settings.model_copy(
        update={
            "telegram_token": TELEGRAM_TOKEN,
            "telegram_webhook_url": "https://bot.example.vn",
            "zalo_token": ZALO_TOKEN,
            "zalo_webhook_url": "https://bot.example.vn",
        }
    )
    app = create_app(configured, database)
    telegram, zalo = app.state.telegram, app.state.zalo
    calls = [
        (telegram.path, {"X-Telegram-Bot-Api-Secret-Token": telegram.secret_token}),
        (zalo.path, {"X-Bot-Api-Secret-Token": zalo.secret_token}),
    ]
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://testserver"
    ) as made:
        yield made, calls


# Bodies past their limit


async def test_a_huge_json_message_is_refused_from_its_content_length_unread(
    client: httpx.AsyncClient,
) -> None:
    body = Upload()
    response = await client.post(
        "/api/web/messages",
        content=body,
        headers={"Content-Type": "application/json", "Content-Length": str(500 * MB)},
    )
    assert response.status_code == 413
    assert response.json()["detail"] == "Tin nhắn quá lớn."
    assert response.headers["connection"] == "close"  # the rest is not read either
    assert body.taken == 0


async def test_a_huge_streamed_json_message_is_cut_off_at_the_limit(
    client: httpx.AsyncClient,
) -> None:
    body = Upload(b'{"text": "')  # chunked: no Content-Length to go by
    response = await client.post(
        "/api/web/messages", content=body, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413
    assert response.json()["detail"] == "Tin nhắn quá lớn."
    assert body.taken <= 256 * 1024 + CHUNK


async def test_a_huge_streamed_photo_upload_is_cut_off_at_the_limit(
    client: httpx.AsyncClient,
) -> None:
    body = Upload(photo_form_head(), cap=UPLOAD_LIMIT + CHUNK)
    response = await client.post(
        "/api/web/messages",
        content=body,
        headers={"Content-Type": "multipart/form-data; boundary=b0undary"},
    )
    assert response.status_code == 413
    assert response.json()["detail"] == (
        "Tệp quá lớn: ảnh tối đa 10 MB, tệp tài liệu tối đa 20 MB."
    )
    assert body.taken <= UPLOAD_LIMIT + CHUNK


async def test_huge_webhook_bodies_are_cut_off_at_the_limit(webhooks: Webhooks) -> None:
    client, calls = webhooks
    for path, secret in calls:
        streamed = Upload(b'{"update_id": 1, "message": {"text": "')
        response = await client.post(path, content=streamed, headers=secret)
        assert response.status_code == 413, path
        assert streamed.taken <= MB + CHUNK
        declared = Upload()
        response = await client.post(
            path, content=declared, headers={**secret, "Content-Length": str(500 * MB)}
        )
        assert response.status_code == 413 and declared.taken == 0


async def test_bodies_within_their_limits_still_go_through(users: Any, demo: DemoInvites) -> None:
    member: WebUser = users()
    await member.say("x" * 3000)  # long, under the limit: the chat itself says what is wrong
    assert member.last
    noise = Image.frombytes("RGB", (1000, 1000), os.urandom(3_000_000))
    buffer = io.BytesIO()
    noise.save(buffer, "PNG")
    big_photo = buffer.getvalue()  # about 3 MB: far past a JSON message's limit
    assert len(big_photo) > 2 * MB
    response = await member.client.post(
        "/api/web/messages", files={"photo": ("a.png", big_photo, "image/png")}
    )
    assert response.status_code == 200


# Posts from another origin


async def test_a_page_of_another_site_or_port_cannot_post_into_a_logged_in_chat(
    users: Any, demo: DemoInvites
) -> None:
    member: WebUser = users()
    await member.register(demo.member.code)
    await member.say("/baotin")
    await member.tap("Ma túy")
    await member.say("Có người lạ tụ tập sử dụng ma túy ở nhà hoang")
    await member.say("Nhà hoang cuối xóm 3, thôn Đông")
    await member.tap("Bây giờ")
    await member.tap("tôi trực tiếp")
    await member.tap("Bình thường")
    assert "Gửi một ảnh" in member.text
    for origin in (
        {"Origin": "https://evil.example"},
        {"Origin": "http://testserver:8081"},  # another port of the same host
        {"Origin": "https://testserver"},  # another scheme
        {"Origin": "null"},  # a sandboxed frame, a file:// page
        {"Referer": "https://evil.example/page.html"},  # an old browser: no Origin
    ):
        photo = await member.client.post(
            "/api/web/messages", files={"photo": ("a.jpg", JPEG, "image/jpeg")}, headers=origin
        )
        assert photo.status_code == 403, origin
        assert photo.json()["detail"] == OTHER_SITE
        text = await member.client.post("/api/web/messages", json={"text": "/huy"}, headers=origin)
        assert text.status_code == 403, origin
    # Nothing of it reached the chat: the tip still waits for its photo.
    same_site = await member.client.post(
        "/api/web/messages",
        files={"photo": ("a.jpg", JPEG, "image/jpeg")},
        headers={"Origin": "http://testserver", "Referer": "http://testserver/"},
    )
    assert same_site.status_code == 200
    assert "Kiểm tra lại trước khi lưu" in " ".join(m["text"] for m in same_site.json()["messages"])


async def test_behind_https_the_public_origin_is_accepted(
    settings: Settings, database: Database
) -> None:
    secure = create_app(settings.model_copy(update={"web_cookie_secure": True}), database)
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=secure), base_url="http://chat.example.vn"
    ) as client:
        ok = await client.post(
            "/api/web/messages",
            json={"text": "/help"},
            headers={"Origin": "https://chat.example.vn"},
        )
        assert ok.status_code == 200
        other = await client.post(
            "/api/web/messages",
            json={"text": "/help"},
            headers={"Origin": "https://chat.example.vn.evil.example"},
        )
        assert other.status_code == 403


# Photos must decode


async def test_a_photo_must_decode_not_merely_start_like_one(users: Any, demo: DemoInvites) -> None:
    member: WebUser = users()
    await member.register(demo.member.code)
    real = image_bytes("JPEG", (64, 48))
    refused = {
        "header only": FAKE_JPEG,
        "cut short": real[: len(real) // 2],
        "a header, then junk": real[:200] + os.urandom(4000),
        "PNG magic, not a PNG": b"\x89PNG\r\n\x1a\n" + bytes(500),
        # 85 million pixels in a few bytes: whoever opens it runs out of memory
        "decompression bomb": png_claiming(9_500, 9_000),
    }
    for what, data in refused.items():
        response = await member.client.post(
            "/api/web/messages", files={"photo": ("a.jpg", data, "image/jpeg")}
        )
        assert response.status_code == 415, what
        assert "Không đọc được ảnh" in response.json()["detail"], what
    for kind in ("JPEG", "PNG", "WEBP"):
        await member.photo(image_bytes(kind), name=f"a.{kind.lower()}")  # asserts a 200


# Fields out of range


async def test_a_file_the_chat_may_not_open_is_refused_in_the_catalogs_words(
    client: httpx.AsyncClient,
) -> None:
    response = await client.get("/files/not-a-token")
    assert response.status_code == 404
    assert response.json()["detail"] == text("web_no_such_file", "vi") == "Không có tệp này."


async def test_an_after_past_what_ids_can_be_is_a_clear_422(client: httpx.AsyncClient) -> None:
    for after in (2**31, 2**63, 2**64, 10**30, -1):
        response = await client.get("/api/web/messages", params={"after": after})
        assert response.status_code == 422, after
        assert "after" in str(response.json()["detail"])
    assert (await client.get("/api/web/messages", params={"after": 2**31 - 1})).status_code == 200


async def test_texts_and_message_ids_are_bounded(client: httpx.AsyncClient) -> None:
    cases: list[dict[str, Any]] = [
        {"text": "x" * 20_001},
        {"text": "nul \x00 in it"},
        {"choice": "c\x00"},
        {"choice": "c" * 101},
        {"text": "hi", "message_id": "a" * 101},
        {"location": {"latitude": 91, "longitude": 0}},
    ]
    for body in cases:
        response = await client.post("/api/web/messages", json=body)
        assert response.status_code == 422, body
    for message_id in ("bad id\x00", "x" * 101, "<script>"):
        response = await client.post(
            "/api/web/messages",
            files={"photo": ("a.jpg", JPEG, "image/jpeg")},
            data={"message_id": message_id},
        )
        assert response.status_code == 422, message_id
        assert "message_id" in response.json()["detail"]


# Health


async def test_healthz_says_503_when_the_database_is_gone(
    client: httpx.AsyncClient, settings: Settings, database_url: str
) -> None:
    healthy = await client.get("/healthz")
    assert healthy.status_code == 200 and healthy.json() == {"status": "ok"}
    if database_url.startswith("sqlite"):
        path = Path(database_url.removeprefix("sqlite:///"))
        path.rename(path.with_suffix(".gone"))  # the volume it was on went away
        assert (await client.get("/healthz")).status_code == 503
        path.with_suffix(".gone").rename(path)
        assert (await client.get("/healthz")).status_code == 200
    else:
        name = database_url.rsplit("/", 1)[1]
        await _admin_execute(f'DROP DATABASE "{name}" WITH (FORCE)')
        down = await client.get("/healthz")
        assert down.status_code == 503
        assert down.json() == {"status": "database unavailable"}
        # The page's poll meanwhile: a clear 503, never a 500.
        poll = await client.get("/api/web/messages", params={"after": 0})
        assert poll.status_code == 503 and "thử lại" in poll.json()["detail"]


async def test_a_database_that_never_answers_is_reported_without_waiting_for_it() -> None:
    # A server that takes the connection and says nothing: a hung database host.
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        port = silent.getsockname()[1]
        hung = Database(f"postgresql://postgres@127.0.0.1:{port}/antt")
        try:
            assert await asyncio.wait_for(hung.answers(timeout=0.2), 30) is False
        finally:
            await hung.dispose()
