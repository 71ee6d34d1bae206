"""The app as `antt-bot run` serves it: its start-up brings the messenger channels up."""

from __future__ import annotations

import asyncio
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn

from bot.app import create_app
from bot.channels.common import derived
from bot.settings import Settings
from services.demo import DemoInvites
from storage.database import Database
from tests.conftest import JPEG
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
    settings: Settings, database: Database, demo: DemoInvites
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


# `antt-bot run` in a process of its own: what its memory and its access log show.

MB = 1024 * 1024
HUGE = 500 * MB
SERVED_SECRET = "s" * 40


@dataclass
class Served:
    process: subprocess.Popen[bytes]
    url: str
    log: Path

    def memory(self) -> tuple[int, int]:
        """The process's resident memory now and at its peak, in bytes."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        found = dict(re.findall(r"^(VmRSS|VmHWM):\s+(\d+) kB", status, re.MULTILINE))
        return int(found["VmRSS"]) * 1024, int(found["VmHWM"]) * 1024


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    home = tmp_path_factory.mktemp("served")
    port = free_port()
    environment = {
        **os.environ,
        "ANTT_DATA_DIR": str(home / "data"),
        "ANTT_DATABASE_URL": f"sqlite:///{home / 'antt.db'}",
        "ANTT_SECRET_KEY": SERVED_SECRET,
        "ANTT_WEB_HOST": "127.0.0.1",
        "ANTT_WEB_PORT": str(port),
        "ANTT_SCHEDULER": "false",
    }
    log = home / "server.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot.cli", "run"],
            cwd=home,  # no .env of the developer's
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):  # its start-up: migrations, demo data
            assert process.poll() is None, log.read_text()
            try:
                if httpx.get(f"{url}/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.05)
        else:
            raise AssertionError(f"not serving after its start-up:\n{log.read_text()}")
        yield Served(process, url, log)
    finally:
        process.terminate()
        process.wait(15)


class Endless:
    """A body that would be `total` bytes, made as it is sent. It stops the test if the server
    has grown by `budget` bytes meanwhile, rather than grow the server to the full size."""

    def __init__(self, served: Served, head: bytes, budget: int) -> None:
        self.served, self.head, self.budget = served, head, budget
        self.start = served.memory()[0]
        self.sent = 0

    async def __aiter__(self) -> AsyncIterator[bytes]:
        yield self.head
        chunk = bytes(256 * 1024)
        while self.sent < HUGE:
            if self.sent % (8 * MB) == 0:
                grown = self.served.memory()[0] - self.start
                assert grown < self.budget, f"the server grew by {grown // MB} MB"
            self.sent += len(chunk)
            yield chunk


async def huge_post(
    client: httpx.AsyncClient, served: Served, head: bytes, headers: dict[str, str]
) -> tuple[int | None, int]:
    """Post a 500 MB body: the status if one came before the server closed, and what was sent."""
    body = Endless(served, head, budget=64 * MB)
    try:
        response = await client.post(
            f"{served.url}/api/web/messages", content=body, headers=headers
        )
    except httpx.TransportError:  # cut off while sending: the server closed the connection
        return None, body.sent
    return response.status_code, body.sent


async def test_three_huge_posts_at_once_do_not_move_the_servers_memory(served: Served) -> None:
    photo_form = (
        b'--b0\r\nContent-Disposition: form-data; name="photo"; filename="a.jpg"\r\n'
        b"Content-Type: image/jpeg\r\n\r\n"
    )
    async with httpx.AsyncClient(timeout=60) as client:
        three = [
            (b"{", {"Content-Type": "application/json", "Content-Length": str(HUGE)}),
            (b'{"text": "', {"Content-Type": "application/json"}),  # chunked
            (photo_form, {"Content-Type": "multipart/form-data; boundary=b0"}),  # chunked
        ]
        # A first round loads what the first requests of each kind load (the form parser...).
        await client.post(f"{served.url}/api/web/messages", json={"text": "/help"})
        await client.post(
            f"{served.url}/api/web/messages", files={"photo": ("a.jpg", JPEG, "image/jpeg")}
        )
        await asyncio.gather(*(huge_post(client, served, h, headers) for h, headers in three))
        before, peak_before = served.memory()
        results = await asyncio.gather(
            *(huge_post(client, served, h, headers) for h, headers in three)
        )
        after, peak_after = served.memory()
        # Still serving.
        answered = await client.post(f"{served.url}/api/web/messages", json={"text": "/help"})
        assert answered.status_code == 200
    for status, sent in results:
        assert status in (413, None)
        assert sent < 64 * MB  # cut off far short of the 500 MB
    assert after - before < 8 * MB, (before, after)
    assert peak_after - peak_before < 8 * MB, (peak_before, peak_after)


async def test_the_access_log_keeps_no_webhook_path_or_file_token_whole(served: Served) -> None:
    secrets = {
        "/telegram/": derived(SERVED_SECRET, "telegram webhook path", 24),
        "/zalo/": derived(SERVED_SECRET, "zalo webhook path", 24),
        "/files/": "Tq3vN9xYbKp0wHs2LmZa7RfCu1Ej5GdO8iVn4kXyQbA",
        "/zalo/files/": "Ze8pW2sRkN5vBq7mXt0LhYc3JdF9uGa1oIn6KyTbVwE",
    }
    async with httpx.AsyncClient() as client:
        for prefix, secret in secrets.items():
            await client.post(f"{served.url}{prefix}{secret}", json={})
            await client.get(f"{served.url}{prefix}{secret}?download=1")
        # A line is written for each; the last one tells that all came through.
        await client.get(f"{served.url}/healthz?last=1")
        for _ in range(200):
            if "/healthz?last=…" in served.log.read_text():  # a query's values left out
                break
            await asyncio.sleep(0.05)
    logged = served.log.read_text()
    assert "/healthz?last=…" in logged
    for prefix, secret in secrets.items():
        assert secret not in logged
        assert secret[:8] not in logged
        assert f'"GET {prefix}{secret[:4]}... HTTP/1.1" 404' in logged, logged[-2000:]
