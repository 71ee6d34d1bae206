"""A Zalo Bot API server on loopback for the tests, with the shapes of shared ZALO notes.

getUpdates hands out ONE update per call (no offset) and answers HTTP 408 when nothing came;
sendMessage refuses texts over 2,000 characters; any method can be told to answer ok=false.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.fakes.odd import OddAnswer
from tests.waiting import PATIENCE


@dataclass
class FakeZalo:
    queue: list[dict[str, Any]] = field(default_factory=list)
    sent: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    photos: dict[str, bytes] = field(default_factory=dict)
    failures: dict[str, list[tuple[int, dict[str, Any]]]] = field(default_factory=dict)
    polls: int = 0  # getUpdates calls answered
    served: dict[str, int] = field(default_factory=dict)  # message_id -> poll that served it
    changed: asyncio.Condition = field(default_factory=asyncio.Condition)
    ids: Any = field(default_factory=lambda: itertools.count(1))
    runner: web.AppRunner | None = None
    url: str = ""
    closing: bool = False
    timeouts: int = 0  # 408 answers given
    odd: dict[str, list[OddAnswer]] = field(default_factory=dict)  # see answer_next
    calls: list[str] = field(default_factory=list)  # every method asked, in order

    async def start(self) -> str:
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self._method)
        app.router.add_get("/photos/{name}", self._photo)
        self.runner = web.AppRunner(app)
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.url = f"http://127.0.0.1:{port}"
        return self.url

    async def stop(self) -> None:
        async with self.changed:
            self.closing = True
            self.changed.notify_all()
        if self.runner is not None:
            await self.runner.cleanup()

    def answer_next(self, method: str, answer: OddAnswer, times: int = 1) -> None:
        """The next `times` calls of `method` get this answer instead of the documented one."""
        self.odd.setdefault(method, []).extend([answer] * times)

    async def until_called(self, method: str, times: int = 1, timeout: float = PATIENCE) -> None:
        """Until the bot has asked `method` this many times."""
        async with asyncio.timeout(timeout):
            while self.calls.count(method) < times:
                await asyncio.sleep(0.01)

    def fail_next(self, method: str, status: int = 200, **body: Any) -> None:
        self.failures.setdefault(method, []).append((status, body))

    async def _method(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        self.calls.append(method)
        if self.odd.get(method):
            return await self.odd[method].pop(0).respond(self.changed, lambda: self.closing)
        body = await request.json() if request.can_read_body else {}
        if self.failures.get(method):
            status, answer = self.failures[method].pop(0)
            return web.json_response({"ok": False, **answer}, status=status)
        if method == "getUpdates":
            return await self._get_updates(body)
        if method == "sendMessage":
            text = str(body.get("text", ""))
            if not 1 <= len(text) <= 2000:
                return web.json_response(
                    {"ok": False, "error_code": 400, "description": "text must be 1-2000 chars"}
                )
            async with self.changed:
                self.sent.append((method, body))
                self.changed.notify_all()
            return web.json_response(
                {
                    "ok": True,
                    "result": {"message_id": f"m{next(self.ids)}", "date": int(time.time() * 1000)},
                }
            )
        self.sent.append((method, body))
        results: dict[str, Any] = {
            "getMe": {
                "id": "9001",
                "account_name": "antt.bot",
                "account_type": "BASIC",
                "can_join_groups": False,
            },
            "setWebhook": {"url": body.get("url"), "updated_at": int(time.time() * 1000)},
            "deleteWebhook": {"url": "", "updated_at": int(time.time() * 1000)},
            "getWebhookInfo": {"url": ""},
            "sendChatAction": {},
            "sendPhoto": {"message_id": f"m{next(self.ids)}", "date": int(time.time() * 1000)},
        }
        if method not in results:
            return web.json_response({"ok": False, "error_code": 404, "description": "not found"})
        return web.json_response({"ok": True, "result": results[method]})

    async def _get_updates(self, body: dict[str, Any]) -> web.Response:
        timeout = min(float(body.get("timeout") or 0), 1.0)
        async with self.changed:
            self.polls += 1
            self.changed.notify_all()
            if not self.queue:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(
                        self.changed.wait_for(lambda: bool(self.queue) or self.closing), timeout
                    )
            if not self.queue:
                self.timeouts += 1
                return web.json_response(
                    {"ok": False, "error_code": 408, "description": "Request timeout"}, status=408
                )
            update = self.queue.pop(0)
            self.served[update["message"]["message_id"]] = self.polls
        return web.json_response({"ok": True, "result": update})

    async def _photo(self, request: web.Request) -> web.Response:
        return web.Response(body=self.photos[request.match_info["name"]], content_type="image/jpeg")

    async def push(self, update: dict[str, Any]) -> str:
        async with self.changed:
            self.queue.append(update)
            self.changed.notify_all()
        return str(update["message"]["message_id"])

    async def processed(self, message_id: str, timeout: float = PATIENCE) -> None:
        """The bot polled again after taking this update: it has handled it."""
        async with self.changed:
            await asyncio.wait_for(
                self.changed.wait_for(
                    lambda: message_id in self.served and self.polls > self.served[message_id]
                ),
                timeout,
            )


class ZaloUser:
    def __init__(self, server: FakeZalo, user_id: str, name: str = "Người Dùng") -> None:
        self.server, self.user_id, self.name = server, user_id, name
        self.seen = 0
        self.last: list[str] = []

    def update(self, event: str, **content: Any) -> dict[str, Any]:
        return {
            "event_name": event,
            "message": {
                "from": {"id": self.user_id, "display_name": self.name, "is_bot": False},
                "chat": {"id": self.user_id, "chat_type": "PRIVATE"},
                "message_id": f"z{next(self.server.ids)}",
                "date": int(time.time() * 1000),
                **content,
            },
        }

    async def _exchange(self, update: dict[str, Any]) -> list[str]:
        await self.server.processed(await self.server.push(update))
        mine = self.texts()
        self.last, self.seen = mine[self.seen :], len(mine)
        return self.last

    def texts(self) -> list[str]:
        return [
            b["text"]
            for m, b in self.server.sent
            if m == "sendMessage" and b["chat_id"] == self.user_id
        ]

    async def say(self, text: str) -> list[str]:
        return await self._exchange(self.update("message.text.received", text=text))

    async def send_photo(self, name: str, data: bytes, key: str = "photo") -> list[str]:
        self.server.photos[name] = data
        url = f"{self.server.url}/photos/{name}"
        return await self._exchange(self.update("message.image.received", **{key: url}))

    async def send(self, event: str, **content: Any) -> list[str]:
        return await self._exchange(self.update(event, **content))

    def number_of(self, label: str) -> str:
        """The number the last numbered menu gives this label."""
        for text in reversed(self.last):
            for line in text.splitlines():
                number, dot, rest = line.partition(". ")
                if dot and number.isdigit() and (rest == label or rest.endswith(" " + label)):
                    return number
        raise AssertionError(f"no menu line {label!r} in {self.last}")

    async def pick(self, label: str) -> list[str]:
        return await self.say(self.number_of(label))

    @property
    def text(self) -> str:
        return "\n".join(self.last)
