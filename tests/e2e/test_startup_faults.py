"""The app starts and serves whatever a messenger's server answers its optional start-up calls
(the commands menu, the token check, deleting or setting the webhook): a 500 page, a body that
is no Bot API answer, a 404 of a server that lacks the method, or no answer for a while."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import pytest
import uvicorn

from bot.app import create_app
from bot.channels.telegram import TelegramChannel
from bot.channels.zalo import ZaloChannel
from bot.settings import Settings
from storage.database import Database
from tests.e2e.test_telegram import TOKEN as TELEGRAM_TOKEN
from tests.e2e.test_zalo import TOKEN as ZALO_TOKEN
from tests.fakes.odd import ODD_ANSWERS, OddAnswer
from tests.fakes.telegram_api import FakeTelegram, TelegramUser
from tests.fakes.zalo_api import FakeZalo, ZaloUser
from tests.waiting import PATIENCE

WEBHOOK = "https://bot.example.vn"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@asynccontextmanager
async def fakes() -> AsyncIterator[tuple[FakeTelegram, FakeZalo]]:
    telegram_api, zalo_api = FakeTelegram(), FakeZalo()
    await telegram_api.start()
    await zalo_api.start()
    try:
        yield telegram_api, zalo_api
    finally:
        await telegram_api.stop()
        await zalo_api.stop()


@asynccontextmanager
async def served(
    settings: Settings,
    database: Database,
    telegram_api: FakeTelegram,
    zalo_api: FakeZalo,
    **extra: str,
) -> AsyncIterator[str]:
    """The app as `antt-bot run` serves it; yields its address once it has started."""
    configured = settings.model_copy(
        update={
            "telegram_token": TELEGRAM_TOKEN,
            "telegram_api_url": telegram_api.url,
            "zalo_token": ZALO_TOKEN,
            "zalo_api_url": zalo_api.url,
            **extra,
        }
    )
    app = create_app(configured, database)
    telegram: TelegramChannel = app.state.telegram
    zalo: ZaloChannel = app.state.zalo
    for channel in (telegram, zalo):
        channel.startup_wait = 0.3  # what start-up waits for a server that does not answer
        channel.retry_pause = 0.01
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="critical", lifespan="on")
    )
    serving = asyncio.create_task(server.serve())
    try:
        async with asyncio.timeout(PATIENCE):  # a bound for a hung start, not a timing check
            while not server.started and not serving.done():
                await asyncio.sleep(0.02)
        assert server.started, "the app did not start"
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await asyncio.wait_for(serving, PATIENCE)


async def healthy(base: str) -> bool:
    async with httpx.AsyncClient() as client:
        return (await client.get(f"{base}/healthz")).status_code == 200


@pytest.mark.parametrize("odd", ODD_ANSWERS.values(), ids=ODD_ANSWERS.keys())
async def test_the_bot_polls_and_answers_whatever_its_optional_start_up_calls_get(
    settings: Settings, database: Database, odd: OddAnswer
) -> None:
    async with fakes() as (telegram_api, zalo_api):
        telegram_api.answer_next("setMyCommands", odd, times=3)  # each language, and the default
        telegram_api.answer_next("deleteWebhook", odd)
        zalo_api.answer_next("getMe", odd)
        zalo_api.answer_next("deleteWebhook", odd)
        async with served(settings, database, telegram_api, zalo_api) as base:
            assert await healthy(base)
            telegram_user, zalo_user = (
                TelegramUser(telegram_api, 6001),
                ZaloUser(zalo_api, "z-6001"),
            )
            await telegram_user.say("/help")
            await zalo_user.say("/help")
            assert "/baotin" in telegram_user.text and "/baotin" in zalo_user.text


@pytest.mark.parametrize("odd", ODD_ANSWERS.values(), ids=ODD_ANSWERS.keys())
async def test_a_refused_webhook_is_tried_again_while_the_app_serves(
    settings: Settings, database: Database, odd: OddAnswer
) -> None:
    async with fakes() as (telegram_api, zalo_api):
        for api in (telegram_api, zalo_api):
            api.answer_next("setWebhook", odd, times=2)
        telegram_api.answer_next("setMyCommands", odd, times=3)
        zalo_api.answer_next("getMe", odd)
        async with served(
            settings,
            database,
            telegram_api,
            zalo_api,
            telegram_webhook_url=WEBHOOK,
            zalo_webhook_url=WEBHOOK,
        ) as base:
            assert await healthy(base)  # serving before either messenger took its webhook
            await telegram_api.until_called("setWebhook", 3)
            await zalo_api.until_called("setWebhook", 3)
            telegram_hook = next(s.params for s in telegram_api.sent if s.method == "setWebhook")
            zalo_hook = next(b for m, b in zalo_api.sent if m == "setWebhook")
            update = {
                "update_id": 77,
                "message": {
                    "message_id": 1,
                    "date": 1750000000,
                    "chat": {"id": 6002, "type": "private"},
                    "from": {"id": 6002, "is_bot": False, "first_name": "Web"},
                    "text": "/help",
                },
            }
            zalo_update = ZaloUser(zalo_api, "z-6002").update("message.text.received", text="/help")
            async with httpx.AsyncClient() as client:
                answered = await client.post(
                    telegram_hook["url"].replace(WEBHOOK, base),
                    json=update,
                    headers={"X-Telegram-Bot-Api-Secret-Token": telegram_hook["secret_token"]},
                )
                assert answered.status_code == 200
                answered = await client.post(
                    zalo_hook["url"].replace(WEBHOOK, base),
                    json=zalo_update,
                    headers={"X-Bot-Api-Secret-Token": zalo_hook["secret_token"]},
                )
                assert answered.status_code == 200
            assert any(
                "/baotin" in s.params["text"]
                for s in telegram_api.sent
                if s.method == "sendMessage"
            )
            assert any("/baotin" in b["text"] for m, b in zalo_api.sent if m == "sendMessage")


async def test_a_webhook_left_set_is_deleted_again_when_telegram_refuses_the_polls(
    settings: Settings, database: Database
) -> None:
    """deleteWebhook failed at start-up and a webhook is still set: Telegram answers every
    getUpdates 409; the poller deletes the webhook again, and the user is answered."""
    conflict = OddAnswer(
        409,
        b'{"ok": false, "error_code": 409, "description": "Conflict: can\'t use getUpdates'
        b' method while webhook is active; use deleteWebhook to delete the webhook first"}',
    )
    async with fakes() as (telegram_api, zalo_api):
        telegram_api.answer_next("deleteWebhook", ODD_ANSWERS["500-html"])
        telegram_api.answer_next("getUpdates", conflict)
        async with served(settings, database, telegram_api, zalo_api):
            user = TelegramUser(telegram_api, 6003)
            await user.say("/help")
            assert "/baotin" in user.text
            assert telegram_api.calls.count("deleteWebhook") == 2
