"""A Telegram Bot API server on loopback for the tests, answering with the documented shapes.

It keeps a queue of updates for getUpdates (offset semantics as documented), records what the
bot sends, serves files for getFile, and can be told to fail the next calls (429, 403, 500).
With `limit(per_second, chat_interval)` it answers 429 (retry_after 1) as Telegram does to a bot
sending faster than that overall (a bucket of one second's requests) or to one chat; a send
that comes before a 429's retry_after has passed is counted in `too_early`. With
`hold_sends_after(n)` it takes n messages and then holds every further send unanswered, so a
test can stop the bot at a known point (`let_go` answers or drops what was held).
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.fakes.odd import OddAnswer
from tests.waiting import PATIENCE

BOT_USER = {"id": 7000001, "is_bot": True, "first_name": "ANTT", "username": "antt_test_bot"}


@dataclass
class Sent:
    method: str
    params: dict[str, Any]  # the form's fields, JSON ones decoded
    message: dict[str, Any] | None
    form: dict[str, str] = field(default_factory=dict)  # the form's fields as they came


@dataclass
class FakeTelegram:
    updates: list[dict[str, Any]] = field(default_factory=list)
    sent: list[Sent] = field(default_factory=list)
    calls: list[str] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)
    failures: dict[str, list[tuple[int, dict[str, Any]]]] = field(default_factory=dict)
    forbidden_chats: set[int] = field(default_factory=set)
    highest_offset: int = 0
    update_ids: Iterator[int] = field(default_factory=lambda: itertools.count(1))
    message_ids: Any = field(default_factory=lambda: itertools.count(1))
    changed: asyncio.Condition = field(default_factory=asyncio.Condition)
    runner: web.AppRunner | None = None
    closing: bool = False
    url: str = ""
    per_second: float | None = None
    chat_interval: float = 0.0
    too_fast: int = 0  # 429 answers given for the limits
    received: Counter[int] = field(default_factory=Counter)  # messages taken, per chat
    received_at: float = 0.0  # time.monotonic() of the latest
    too_early: int = 0  # sends that came before a 429's retry_after had passed
    hold_after: int | None = None  # messages taken before sends are held
    held: int = 0  # sends held unanswered so far
    _retry_until: float = 0.0
    _gate: asyncio.Event = field(default_factory=asyncio.Event)
    _deliver_held: bool = True
    _tokens: float = 0.0
    _refilled: float = 0.0
    _chat_last: dict[int, float] = field(default_factory=dict)
    odd: dict[str, list[OddAnswer]] = field(default_factory=dict)  # see answer_next

    # Server
    async def start(self) -> str:
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self._method)
        app.router.add_get("/file/bot{token}/{path:.*}", self._file)
        self.runner = web.AppRunner(app)
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.url = f"http://127.0.0.1:{port}"
        return self.url

    async def stop(self) -> None:
        async with self.changed:  # release long polls still waiting
            self.closing = True
            self.changed.notify_all()
        if self.runner is not None:
            await self.runner.cleanup()

    def limit(self, per_second: float, chat_interval: float) -> None:
        self.per_second, self.chat_interval = per_second, chat_interval
        self._tokens, self._refilled = per_second, time.monotonic()

    def _over_limit(self, chat_id: int) -> bool:
        if self.per_second is None:
            return False
        now = time.monotonic()
        self._tokens = min(self.per_second, self._tokens + (now - self._refilled) * self.per_second)
        self._refilled = now
        last = self._chat_last.get(chat_id)
        if self._tokens < 1 or (last is not None and now - last < self.chat_interval):
            self.too_fast += 1
            return True
        self._tokens -= 1
        self._chat_last[chat_id] = now
        return False

    def answer_next(self, method: str, answer: OddAnswer, times: int = 1) -> None:
        """The next `times` calls of `method` get this answer instead of the documented one."""
        self.odd.setdefault(method, []).extend([answer] * times)

    async def until_called(self, method: str, times: int = 1, timeout: float = PATIENCE) -> None:
        """Until the bot has asked `method` this many times."""
        async with asyncio.timeout(timeout):
            while self.calls.count(method) < times:
                await asyncio.sleep(0.01)

    def fail_next(self, method: str, status: int, **body: Any) -> None:
        self.failures.setdefault(method, []).append((status, body))

    def hold_sends_after(self, count: int) -> None:
        self.hold_after = count
        self._gate.clear()

    def let_go(self, *, deliver: bool) -> None:
        """Stop holding: the sends held so far are answered and taken (deliver), or answered
        with an error and not taken, as if they never arrived (the bot is dead by then)."""
        self.hold_after, self._deliver_held = None, deliver
        self._gate.set()

    def _answer_429(self, status: int, body: dict[str, Any]) -> None:
        retry_after = (body.get("parameters") or {}).get("retry_after")
        if status == 429 and retry_after:
            self._retry_until = max(self._retry_until, time.monotonic() + retry_after)

    async def _method(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        self.calls.append(method)
        if self.odd.get(method):
            return await self.odd[method].pop(0).respond(self.changed, lambda: self.closing)
        form = await request.post()
        fields = {k: v for k, v in form.items() if isinstance(v, str)}
        params = {k: _decode(v) for k, v in fields.items()}
        uploads = {}
        for value in form.values():
            if isinstance(value, web.FileField):
                data = value.file.read()
                uploads = {
                    "name": value.filename,
                    "size": len(data),
                    "head": data[:8],
                    "data": data,
                }
        sending = method in ("sendMessage", "sendPhoto", "sendDocument")
        if sending:
            if time.monotonic() < self._retry_until:
                self.too_early += 1
            if self.hold_after is not None and self.received.total() >= self.hold_after:
                self.held += 1
                await self._gate.wait()
                if not self._deliver_held:
                    return web.json_response(
                        {"ok": False, "error_code": 502, "description": "Bad Gateway"}, status=502
                    )
        if self.failures.get(method):
            status, body = self.failures[method].pop(0)
            self._answer_429(status, body)
            return web.json_response({"ok": False, "error_code": status, **body}, status=status)
        if sending:
            chat_id = int(params["chat_id"])
            if self._over_limit(chat_id):
                body = {
                    "ok": False,
                    "error_code": 429,
                    "description": "Too Many Requests: retry after 1",
                    "parameters": {"retry_after": 1},
                }
                self._answer_429(429, body)
                return web.json_response(body, status=429)
            if chat_id not in self.forbidden_chats:
                self.received[chat_id] += 1
                self.received_at = time.monotonic()
        if method in ("sendPhoto", "sendDocument"):
            return await self._upload(method, params, uploads)
        handler = getattr(self, f"_{method}", None)
        if handler is None:
            return web.json_response(
                {"ok": False, "error_code": 404, "description": "Not Found: method not found"},
                status=404,
            )
        answer: web.Response = await handler(params)
        if self.sent and self.sent[-1].params is params:  # this request's record
            self.sent[-1].form = fields
        return answer

    async def _ok(self, result: Any) -> web.Response:
        return web.json_response({"ok": True, "result": result})

    async def _getMe(self, params: dict[str, Any]) -> web.Response:
        return await self._ok(BOT_USER)

    async def _getUpdates(self, params: dict[str, Any]) -> web.Response:
        offset = int(params.get("offset") or 0)
        timeout = min(float(params.get("timeout") or 0), 2.0)
        async with self.changed:
            self.highest_offset = max(self.highest_offset, offset)
            self.updates = [u for u in self.updates if u["update_id"] >= offset]
            self.changed.notify_all()
            if not self.updates and timeout:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(
                        self.changed.wait_for(lambda: bool(self.updates) or self.closing), timeout
                    )
            ready = list(self.updates[:100])
        return await self._ok(ready)

    async def _sendMessage(self, params: dict[str, Any]) -> web.Response:
        chat_id = int(params["chat_id"])
        if chat_id in self.forbidden_chats:
            return web.json_response(
                {
                    "ok": False,
                    "error_code": 403,
                    "description": "Forbidden: bot was blocked by the user",
                },
                status=403,
            )
        message = {
            "message_id": next(self.message_ids),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private"},
            "from": BOT_USER,
            "text": params["text"],
        }
        # What the user sees includes any reply keyboard; the answer to the bot carries only an
        # inline keyboard, as the Bot API documents for Message.reply_markup.
        seen = dict(message)
        if params.get("reply_markup"):
            seen["reply_markup"] = params["reply_markup"]
            if "inline_keyboard" in params["reply_markup"]:
                message["reply_markup"] = params["reply_markup"]
        async with self.changed:
            self.sent.append(Sent("sendMessage", params, seen))
            self.changed.notify_all()
        return await self._ok(message)

    async def _upload(
        self, method: str, params: dict[str, Any], request_files: dict[str, Any]
    ) -> web.Response:
        message = {
            "message_id": next(self.message_ids),
            "date": int(time.time()),
            "chat": {"id": int(params["chat_id"]), "type": "private"},
            "from": BOT_USER,
            "caption": params.get("caption", ""),
        }
        if method == "sendPhoto":
            message["photo"] = [
                {
                    "file_id": "up1",
                    "file_unique_id": "uup1",
                    "width": 900,
                    "height": 900,
                    "file_size": request_files.get("size", 0),
                }
            ]
        else:
            message["document"] = {
                "file_id": "doc1",
                "file_unique_id": "udoc1",
                "file_name": request_files.get("name", "file"),
            }
        async with self.changed:
            self.sent.append(Sent(method, {**params, "upload": request_files}, None))
            self.changed.notify_all()
        return await self._ok(message)

    async def _answerCallbackQuery(self, params: dict[str, Any]) -> web.Response:
        return await self._ok(True)

    async def _setMyCommands(self, params: dict[str, Any]) -> web.Response:
        self.sent.append(Sent("setMyCommands", params, None))
        return await self._ok(True)

    async def _deleteWebhook(self, params: dict[str, Any]) -> web.Response:
        return await self._ok(True)

    async def _setWebhook(self, params: dict[str, Any]) -> web.Response:
        self.sent.append(Sent("setWebhook", params, None))
        return await self._ok(True)

    async def _getFile(self, params: dict[str, Any]) -> web.Response:
        file_id = params["file_id"]
        data = self.files[file_id]
        return await self._ok(
            {
                "file_id": file_id,
                "file_unique_id": f"u{file_id}",
                "file_size": len(data),
                "file_path": f"photos/{file_id}.jpg",
            }
        )

    async def _file(self, request: web.Request) -> web.Response:
        file_id = request.match_info["path"].split("/")[-1].removesuffix(".jpg")
        return web.Response(body=self.files[file_id])

    # What a Telegram user does
    async def push(self, update: dict[str, Any]) -> int:
        update_id = next(self.update_ids)
        async with self.changed:
            self.updates.append({"update_id": update_id, **update})
            self.changed.notify_all()
        return update_id

    async def processed(self, update_id: int, timeout: float = PATIENCE) -> None:
        """The bot asked for updates after this one: it has handled it (and sent its replies)."""
        async with self.changed:
            await asyncio.wait_for(
                self.changed.wait_for(lambda: self.highest_offset > update_id), timeout
            )


def _decode(value: str) -> Any:
    if value[:1] in "{[":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


class TelegramUser:
    """A person on Telegram talking to the bot through the fake server."""

    def __init__(self, server: FakeTelegram, user_id: int, name: str = "Người Dùng") -> None:
        self.server, self.user_id, self.name = server, user_id, name
        self.seen = 0  # how many of the bot's messages to this chat have been read

    def _user(self) -> dict[str, Any]:
        return {"id": self.user_id, "is_bot": False, "first_name": self.name, "language_code": "vi"}

    def _message(self, **content: Any) -> dict[str, Any]:
        return {
            "message_id": next(self.server.message_ids),
            "date": int(time.time()),
            "chat": {"id": self.user_id, "type": "private", "first_name": self.name},
            "from": self._user(),
            **content,
        }

    async def _exchange(self, update: dict[str, Any]) -> list[dict[str, Any]]:
        update_id = await self.server.push(update)
        await self.server.processed(update_id)
        return self.new_messages()

    def new_messages(self) -> list[dict[str, Any]]:
        mine = self.messages()
        fresh, self.seen = mine[self.seen :], len(mine)
        self.last = fresh
        return fresh

    def messages(self) -> list[dict[str, Any]]:
        return [
            s.message
            for s in self.server.sent
            if s.message is not None and s.message["chat"]["id"] == self.user_id
        ]

    async def say(self, text: str) -> list[dict[str, Any]]:
        return await self._exchange({"message": self._message(text=text)})

    async def share_location(self, latitude: float, longitude: float) -> list[dict[str, Any]]:
        where = {"latitude": latitude, "longitude": longitude}
        return await self._exchange({"message": self._message(location=where)})

    async def send_photo(self, data: bytes, caption: str | None = None) -> list[dict[str, Any]]:
        file_id = f"f{len(self.server.files) + 1}"
        self.server.files[file_id] = data
        sizes = [
            {
                "file_id": file_id,
                "file_unique_id": f"u{file_id}",
                "width": 800,
                "height": 600,
                "file_size": len(data),
            }
        ]
        content: dict[str, Any] = {"photo": sizes}
        if caption is not None:
            content["caption"] = caption
        return await self._exchange({"message": self._message(**content)})

    async def send_sticker(self) -> list[dict[str, Any]]:
        sticker = {
            "file_id": "s1",
            "file_unique_id": "us1",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
        }
        return await self._exchange({"message": self._message(sticker=sticker)})

    def button(
        self, label: str, messages: list[dict[str, Any]] | None = None
    ) -> tuple[dict[str, Any], str]:
        for message in reversed(messages if messages is not None else self.messages()):
            markup = message.get("reply_markup") or {}
            for row in markup.get("inline_keyboard", []):
                for button in row:
                    if button["text"] == label or button["text"].endswith(" " + label):
                        return message, button["callback_data"]
        raise AssertionError(f"no inline button {label!r}")

    async def tap(
        self, label: str, messages: list[dict[str, Any]] | None = None
    ) -> list[dict[str, Any]]:
        message, data = self.button(label, messages)
        query = {
            "id": str(next(self.server.update_ids)),
            "from": self._user(),
            "message": message,
            "chat_instance": "1",
            "data": data,
        }
        return await self._exchange({"callback_query": query})

    @property
    def text(self) -> str:
        return "\n".join(m.get("text") or m.get("caption", "") for m in self.last)


# Run as a process of its own for the benchmark: the bot under test gets a core to itself.
async def _serve(port: int) -> None:
    fake = FakeTelegram()
    stats = {"first_served": 0.0, "last_sent": 0.0, "sent": 0}
    original_updates, original_send = fake._getUpdates, fake._sendMessage

    async def get_updates(params: dict[str, Any]) -> web.Response:
        response = await original_updates(params)
        if not stats["first_served"] and fake.updates:
            stats["first_served"] = time.perf_counter()
        return response

    async def send_message(params: dict[str, Any]) -> web.Response:
        stats["sent"] += 1
        stats["last_sent"] = time.perf_counter()
        fake.sent.clear()  # keep memory flat over long runs
        return await original_send(params)

    fake._getUpdates = get_updates  # type: ignore[method-assign]
    fake._sendMessage = send_message  # type: ignore[method-assign]

    async def load(request: web.Request) -> web.Response:
        updates = await request.json()
        async with fake.changed:
            stats.update(first_served=0.0, last_sent=0.0, sent=0)
            fake.highest_offset = 0
            fake.updates = list(updates)
            fake.changed.notify_all()
        return web.json_response({"loaded": len(updates)})

    async def report(request: web.Request) -> web.Response:
        return web.json_response(
            {**stats, "highest_offset": fake.highest_offset, "left": len(fake.updates)}
        )

    app = web.Application()
    app.router.add_post("/bot{token}/{method}", fake._method)
    app.router.add_post("/control/load", load)
    app.router.add_get("/control/stats", report)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    await asyncio.Event().wait()


if __name__ == "__main__":
    import sys

    asyncio.run(_serve(int(sys.argv[1])))
