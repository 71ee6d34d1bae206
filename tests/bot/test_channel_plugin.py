"""Adding a channel is one plugin: a tiny pager channel (tests only) registered with the
registry is served, answered by the same core, given an outbox lane and counted in the
capabilities the core asks (a broadcast's text limit) — with no other file changed."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

import httpx
import pytest
from fastapi import APIRouter, FastAPI
from pydantic import BaseModel
from starlette.types import Scope

from bot.app import create_app
from bot.channels import registry
from bot.channels.base import ChannelPlugin, OutboxLane
from bot.channels.plain import numbered
from bot.conversation import Conversation
from bot.settings import Settings
from handlers import channels as capability_table
from handlers.channels import Capabilities
from handlers.messages import Incoming, Outgoing, Piece, SendResult
from scheduler.outbox_sender import Pace
from services.demo import DemoInvites
from storage import outbox
from storage.database import Database

PAGER = "pager"
PAGE_LIMIT = 160


class Page(BaseModel):
    sender: str
    text: str


class PagerChat:
    """A text-only channel: a page comes in over HTTP, the answers go back in the response,
    and what the outbox sends is kept in `delivered`."""

    name = PAGER

    def __init__(self, conversation: Conversation) -> None:
        self.conversation = conversation
        self.delivered: list[tuple[str, str]] = []

    async def start(self) -> None:
        pass

    async def stop(self) -> None:
        pass

    def serve_on(self, app: FastAPI) -> None:
        api = APIRouter()

        @api.post("/pager/in")
        async def page(body: Page) -> list[str]:
            incoming = Incoming(
                channel=PAGER,
                chat_id=body.sender,
                user_id=body.sender,
                delivery_key=uuid.uuid4().hex,
                text=body.text,
            )
            return [numbered(reply) for reply in await self.conversation.handle(incoming)]

        app.include_router(api)

    def body_limit(self, scope: Scope) -> tuple[int, str] | None:
        return (1000, "too long") if scope["path"].startswith("/pager/") else None

    def outbox_lane(self) -> OutboxLane:
        return OutboxLane(self.pieces, Pace(per_second=1000, chat_interval=0))

    def pieces(self, chat_id: str, payload: dict[str, Any]) -> list[Piece]:
        async def send() -> SendResult:
            self.delivered.append((chat_id, numbered(Outgoing.from_dict(payload))))
            return SendResult.ok()

        return [send]

    def hold_back_with(self, pause: Callable[[float], None]) -> None:
        pass


PLUGIN = ChannelPlugin(
    PAGER, Capabilities(max_text=PAGE_LIMIT), configured=lambda _: True, build=PagerChat
)


@pytest.fixture
def pager() -> Iterator[ChannelPlugin]:
    registry.register(PLUGIN)
    yield PLUGIN
    registry.unregister(PAGER)


async def test_a_registered_channel_is_served_by_the_same_core(
    pager: ChannelPlugin, settings: Settings, database: Database, demo: DemoInvites
) -> None:
    app = create_app(settings, database)
    channel: PagerChat = app.state.pager
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bot") as client:

        async def say(text: str) -> str:
            response = await client.post("/pager/in", json={"sender": "555", "text": text})
            assert response.status_code == 200, response.text
            return "\n".join(response.json())

        assert "/baotin" in await say("/help")
        await say(f"/start {demo.member.code}")
        consent = await say("Nguyễn Thị Hoa")
        agree = next(line for line in consent.splitlines() if line.endswith(". Đồng ý"))
        assert "Đăng ký thành công" in await say(agree.split(".")[0])  # a numbered menu typed
        too_long = await client.post("/pager/in", content=b"x" * 2000)
        assert too_long.status_code == 413  # its own body limit

    # The outbox has a lane for it, and a notice reaches the member's pager chat.
    assert PAGER in app.state.outbox.lanes
    now = datetime.now(settings.zone)
    notice = Outgoing(text="Nhắc việc")
    await database.run(lambda c: outbox.queue(c, PAGER, "555", [notice], now))
    await app.state.outbox.send_pending()
    assert ("555", "Nhắc việc") in channel.delivered
    # The core asks the capability, not the name: a broadcast now fits one page.
    assert capability_table.smallest_text_limit() == PAGE_LIMIT


def test_a_withdrawn_channel_leaves_the_capabilities() -> None:
    registry.register(PLUGIN)
    registry.unregister(PAGER)
    assert capability_table.capabilities(PAGER) is None
    assert PAGER not in [plugin.name for plugin in registry.plugins()]
    assert capability_table.smallest_text_limit() == 2000  # the built-in channels' smallest
