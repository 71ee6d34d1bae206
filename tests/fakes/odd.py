"""Answers a Bot API server (or what stands in its place: a proxy, a self-hosted server)
may give that are not the documented ones, for the fakes to give on request."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from dataclasses import dataclass

from aiohttp import web


@dataclass(frozen=True)
class OddAnswer:
    status: int
    body: bytes
    content_type: str = "application/json"
    hang: float = 0.0  # seconds to keep the caller waiting (ended early when the fake stops)

    async def respond(
        self, changed: asyncio.Condition, closing: Callable[[], bool]
    ) -> web.Response:
        if self.hang:
            async with changed:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(changed.wait_for(closing), self.hang)
        response = web.Response(status=self.status, body=self.body)
        response.headers["Content-Type"] = self.content_type
        return response


ODD_ANSWERS = {
    "500-html": OddAnswer(
        500, b"<html><body><h1>500 Internal Server Error</h1></body></html>", "text/html"
    ),
    "weird-json": OddAnswer(200, b'{"weird": true}'),
    "not-json": OddAnswer(200, b"OK", "text/plain"),
    "404-odd-body": OddAnswer(404, b'{"error": "no such method", "status": "fail"}'),
    "bad-bytes": OddAnswer(
        200, b'{"ok": true, "result": "\xff\xfe"}\x00', "application/json; charset=utf-8"
    ),
    "deep-json": OddAnswer(200, b"[" * 100_000 + b"]" * 100_000),
    "hang": OddAnswer(200, b'{"ok": true, "result": true}', hang=60),
}
