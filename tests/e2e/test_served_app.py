"""The app as `antt-bot run` serves it: its start-up brings the messenger channels up."""

from __future__ import annotations

import asyncio
import socket

import httpx
import uvicorn

from bot.app import create_app
from bot.settings import Settings
from storage import admin
from storage.database import Database
from tests.e2e.test_telegram import TOKEN as TELEGRAM_TOKEN
from tests.e2e.test_zalo import TOKEN as ZALO_TOKEN
from tests.fakes.telegram_api import FakeTelegram, TelegramUser
from tests.fakes.zalo_api import FakeZalo, ZaloUser
from tests.waiting import PATIENCE, until


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_serving_starts_every_channel_and_stops_cleanly(
    settings: Settings, database: Database, demo: admin.DemoInvites
) -> None:
    telegram_api, zalo_api = FakeTelegram(), FakeZalo()
    await telegram_api.start()
    await zalo_api.start()
    configured = settings.model_copy(
        update={
            "telegram_token": TELEGRAM_TOKEN,
            "telegram_api_url": telegram_api.url,
            "zalo_token": ZALO_TOKEN,
            "zalo_api_url": zalo_api.url,
        }
    )
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(configured, database), host="127.0.0.1", port=port, log_level="warning"
        )
    )
    serving = asyncio.create_task(server.serve())
    try:
        await until(lambda: server.started or serving.done(), "the server started")
        if serving.done():
            serving.result()  # its error, if it died starting
        assert server.started
        await TelegramUser(telegram_api, 4001).say("/help")
        await ZaloUser(zalo_api, "z-4001").say("/help")
        assert any("/baotin" in s.params.get("text", "") for s in telegram_api.sent)
        assert any("/baotin" in b["text"] for m, b in zalo_api.sent if m == "sendMessage")
        async with httpx.AsyncClient() as client:
            page = await client.get(f"http://127.0.0.1:{port}/")
        assert page.status_code == 200 and "antt-bot" in page.text
    finally:
        server.should_exit = True
        await asyncio.wait_for(serving, PATIENCE)
        await telegram_api.stop()
        await zalo_api.stop()
