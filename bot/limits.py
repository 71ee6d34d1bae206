"""A bound on every request body, met before any route reads it.

Starlette reads a body whole into memory (`request.body()`), so a 500 MB post would be held
in the process before a route could look at its size. This pure ASGI middleware refuses a
body over its route's limit from its Content-Length, before reading a byte of it, and counts
the bytes of a body without one (chunked) as they arrive, refusing it as soon as the count
passes the limit. A refusal closes the connection, so the rest of the upload is not read.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from fastapi import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from campaign.catalogs import DEFAULT_LANGUAGE, text

MAX_WEBHOOK_BYTES = 1024 * 1024  # an update from Telegram or Zalo is a few KB
_CLOSE = {"Connection": "close"}


class BodyTooLarge(HTTPException):
    """Raised while a route reads a body that has passed its limit: an HTTPException, so
    FastAPI's own handlers answer it (413) wherever in a route it comes up."""

    def __init__(self, detail: str) -> None:
        super().__init__(413, detail, headers=_CLOSE)


def too_large() -> str:
    """What a body over a webhook's bound is answered (in the default language: the request
    is refused before anyone's chat is looked up)."""
    return text("http_body_too_large", DEFAULT_LANGUAGE)


class BodyLimit:
    """Refuse (413) a request body over `limit_for(scope)` bytes before it is read whole."""

    def __init__(self, app: ASGIApp, limit_for: Callable[[Scope], tuple[int, str]]) -> None:
        self.app = app
        self.limit_for = limit_for

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit, detail = self.limit_for(scope)
        declared = _content_length(scope)
        if declared is None:
            await _refuse(send, 400, "Content-Length không hợp lệ.")
            return
        if declared > limit:
            await _refuse(send, 413, detail)
            return
        received = 0

        async def bounded() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(detail)
            return message

        started = False

        async def watched(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, bounded, watched)
        except BodyTooLarge as error:
            if started:  # too late to answer: the server closes the connection
                raise
            await _refuse(send, 413, str(error.detail))


def _content_length(scope: Scope) -> int | None:
    """The declared length, 0 when none is given; None when it is not a number."""
    for name, value in scope["headers"]:
        if name == b"content-length":
            text = value.decode("latin-1").strip()
            return int(text) if text.isdigit() and len(text) < 20 else None
    return 0


async def _refuse(send: Send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}, ensure_ascii=False).encode("utf-8")
    headers: list[tuple[bytes, bytes]] = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"connection", b"close"),  # the rest of the upload is not read
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
