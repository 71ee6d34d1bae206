"""Zalo Bot Platform: a small aiohttp client of our own, long polling or a webhook.

Zalo has no keyboards, callbacks or locations: choices go out as numbered text menus (the core
accepts the number or the label typed back) and a place is a typed address. Answers are checked
for "ok" (HTTP 200 alone is not success) and the token never reaches a log line.
"""

from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass, replace
from typing import Any

import aiohttp
from fastapi import APIRouter, HTTPException, Response

from bot.channels.base import ChannelPlugin
from bot.channels.common import disposition
from bot.channels.declared import BUILT_IN, ZALO, ZALO_MAX_TEXT
from bot.channels.messenger import Delivery, Messenger, PollFailure
from bot.channels.photos import MAX_PHOTO_BYTES, NotAnImage, photo_from_bytes
from bot.channels.plain import merged, numbered, split_text
from bot.conversation import Conversation
from campaign.catalogs import text
from handlers.messages import Incoming, Outgoing, Photo, Piece, SendResult, Sent

CHANNEL = ZALO
MAX_TEXT = ZALO_MAX_TEXT
POLL_TIMEOUT = 30
FILES_PATH = "/zalo/files"  # photos Zalo's servers fetch (they take photos by URL only)
QUOTA_PAUSE = 10.0  # seconds to wait after a 429 (Zalo's answer names no wait)
# No keyboards, callbacks, locations, uploads or edits: what the Zalo Bot API offers bots.
CAPABILITIES = BUILT_IN[CHANNEL]
log = logging.getLogger(__name__)


class ZaloError(Exception):
    """An answer with ok=false; `code` is Zalo's error_code (or the HTTP status)."""

    def __init__(self, method: str, code: int, description: str) -> None:
        super().__init__(f"{method}: {code} {description}")
        self.code = code


class ZaloNothingYet(Exception):
    """HTTP 408 from getUpdates: the long poll ended with no update."""


class ZaloNetworkError(Exception):
    pass


class ZaloClient:
    def __init__(self, token: str, base_url: str) -> None:
        self._prefix = f"{base_url.rstrip('/')}/bot{token}/"
        self._session: aiohttp.ClientSession | None = None

    async def session(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession()
        return self._session

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def call(
        self, method: str, payload: dict[str, Any] | None = None, timeout: float = 20
    ) -> Any:
        session = await self.session()
        try:
            async with session.post(
                self._prefix + method,
                json=payload or {},
                timeout=aiohttp.ClientTimeout(total=timeout),
            ) as response:
                status = response.status
                # bytes: a body in no charset, or one its headers misname, is still an answer
                raw = await response.read()
        except (aiohttp.ClientError, TimeoutError) as error:
            # aiohttp's messages may quote the URL, and the URL holds the token: name the kind only.
            raise ZaloNetworkError(f"{method}: {type(error).__name__}") from None
        try:
            parsed = json.loads(raw.decode("utf-8", "replace"))
        except (ValueError, RecursionError):  # not JSON, or JSON nested beyond Python's stack
            parsed = None
        body: dict[str, Any] = parsed if isinstance(parsed, dict) else {}
        code = body.get("error_code")
        code = code if isinstance(code, int) else status
        if method == "getUpdates" and (status == 408 or code == 408):
            raise ZaloNothingYet
        if status != 200 or body.get("ok") is not True:
            raise ZaloError(method, code if code != 200 else 502, str(body.get("description", "")))
        return body.get("result")

    async def get_me(self) -> Any:
        return await self.call("getMe")

    async def get_updates(self, timeout: int = POLL_TIMEOUT) -> Any:
        return await self.call("getUpdates", {"timeout": timeout}, timeout=timeout + 10)

    async def set_webhook(self, url: str, secret_token: str) -> Any:
        return await self.call("setWebhook", {"url": url, "secret_token": secret_token})

    async def delete_webhook(self) -> Any:
        return await self.call("deleteWebhook")

    async def get_webhook_info(self) -> Any:
        return await self.call("getWebhookInfo")

    async def send_message(self, chat_id: str, text: str) -> Any:
        return await self.call("sendMessage", {"chat_id": chat_id, "text": text})

    async def send_photo(self, chat_id: str, photo_url: str, caption: str = "") -> Any:
        return await self.call(
            "sendPhoto", {"chat_id": chat_id, "photo": photo_url, "caption": caption}
        )

    async def send_chat_action(self, chat_id: str, action: str = "typing") -> Any:
        return await self.call("sendChatAction", {"chat_id": chat_id, "action": action})


class ZaloChannel(Messenger):
    name = CHANNEL
    capabilities = CAPABILITIES
    secret_header = "X-Bot-Api-Secret-Token"

    def __init__(self, conversation: Conversation) -> None:
        settings = conversation.settings
        super().__init__(conversation, settings.zalo)
        self.client = ZaloClient(settings.zalo.token, settings.zalo.api_url)
        self._webhook: asyncio.Task[None] | None = None  # its tries until Zalo takes it

    async def start(self) -> None:
        """Never fails, whatever Zalo answers: the web chat and the other channels do not need
        it. getMe only checks the token; a webhook Zalo refuses is tried again until taken."""
        await self._optional("getMe", self.client.get_me, self.startup_wait)
        if self.webhook_base:
            first_try = asyncio.Event()
            self._webhook = asyncio.create_task(
                self.register_webhook(first_try), name="zalo-webhook"
            )
            try:
                async with asyncio.timeout(self.startup_wait):
                    await first_try.wait()
            except TimeoutError:
                log.warning("zalo: serving while Zalo is slow to take the webhook")
        else:
            await self._optional("deleteWebhook", self.client.delete_webhook, self.startup_wait)
            self._poller = asyncio.create_task(self.poll_forever(), name="zalo-polling")
            log.info("zalo: long polling started")

    async def stop(self) -> None:
        for task in (self._webhook, self._poller):
            if task is not None:
                task.cancel()
                await asyncio.gather(task, return_exceptions=True)
        await self.client.close()

    async def set_webhook(self) -> None:
        await self.client.set_webhook(f"{self.webhook_base}{self.path}", self.secret_token)

    def token_refused(self, error: Exception) -> bool:
        return isinstance(error, ZaloError) and error.code == 401

    def why(self, error: Exception) -> str:
        """The client's own errors name the method and Zalo's answer, never the token."""
        return str(error) if isinstance(error, ZaloError | ZaloNetworkError) else super().why(error)

    # Receiving
    async def receive(self) -> None:
        update = await self.client.get_updates()
        try:
            await self.handle_update(update)
        except Exception:  # one bad update must not stop the polling
            log.exception("zalo: an update failed")

    async def after_poll_failure(self, error: Exception) -> PollFailure:
        if isinstance(error, ZaloNothingYet):
            return PollFailure(wait=0)
        return PollFailure(type(error).__name__)  # whatever the server answered, keep polling

    async def handle_update(self, update: Any) -> None:
        group = _group_chat(update)
        if group is not None:
            await self.send(group, [Outgoing(text=text("private_only", self.language))])
            return
        await self.answer(update)

    async def to_incoming(self, update: Any) -> Incoming | None:
        if not isinstance(update, dict):
            return None
        if "message" not in update and isinstance(update.get("result"), dict):
            update = update["result"]  # the webhook body may come wrapped as {ok, result}
        message = update.get("message")
        if not isinstance(message, dict):
            return None
        sender, chat = message.get("from"), message.get("chat")
        if not isinstance(sender, dict) or not isinstance(chat, dict) or sender.get("is_bot"):
            return None
        ids = [_id(chat.get("id")), _id(sender.get("id")), _id(message.get("message_id"))]
        if None in ids:
            return None
        chat_id, user_id, key = (str(i) for i in ids)
        event = str(update.get("event_name", ""))
        base: dict[str, Any] = {
            "channel": CHANNEL,
            "chat_id": chat_id,
            "user_id": user_id,
            "delivery_key": key,
            "display_name": sender.get("display_name"),
        }
        if event == "message.text.received" and isinstance(message.get("text"), str):
            return Incoming(**base, text=message["text"])
        if event == "message.image.received":
            url = message.get("photo") or message.get("photo_url")
            photo = await self._fetch_photo(url) if isinstance(url, str) else None
            if photo is None:
                return Incoming(**base, problem="photo_failed")
            caption = message.get("caption")
            return Incoming(
                **base, photo=photo, caption=caption if isinstance(caption, str) else None
            )
        return Incoming(**base, problem="unsupported")

    async def _fetch_photo(self, url: str) -> Photo | None:
        if not url.startswith(("https://", "http://")):
            return None
        session = await self.client.session()
        try:
            async with session.get(url, timeout=aiohttp.ClientTimeout(total=30)) as response:
                if response.status != 200:
                    return None
                data = b""
                async for chunk in response.content.iter_chunked(64 * 1024):
                    data += chunk
                    if len(data) > MAX_PHOTO_BYTES:
                        return None
        except (aiohttp.ClientError, TimeoutError):
            log.warning("zalo: photo download failed")
            return None
        if len(data) > MAX_PHOTO_BYTES:
            return None
        try:
            return photo_from_bytes(data)
        except NotAnImage:
            return None

    # Webhook
    def parse_update(self, body: bytes) -> Any:
        try:
            return json.loads(body)
        except (ValueError, RecursionError):  # not JSON (UTF-8), or nested past the stack
            raise HTTPException(400, "not JSON") from None

    def router(self) -> APIRouter:
        api = super().router()
        api.include_router(self._served_photo())
        return api

    # Sending
    async def send(
        self, chat_id: str, replies: list[Outgoing], *, queue_unsent: bool = True
    ) -> bool:
        """Send in order; replies still unsent after the retries go to the outbox."""
        ordered = merged([self._as_zalo_can(r) for r in replies], MAX_TEXT)
        for position, reply in enumerate(ordered):
            requests = self._requests(reply)
            for number, request in enumerate(requests):
                outcome = await self._send_request(chat_id, request)
                if outcome == "failed" and queue_unsent:
                    rest = [
                        Outgoing(
                            text=r.text,
                            image_url=reply.image_url if r.photo_url else None,
                            ephemeral=reply.ephemeral,
                        )
                        for r in requests[number:]
                    ]
                    await self.conversation.queue_for_later(
                        CHANNEL, chat_id, [*rest, *ordered[position + 1 :]]
                    )
                if outcome != "sent":
                    return False
        return True

    def _photo_url(self, reply: Outgoing) -> str | None:
        """Where Zalo's servers fetch a photo of ours: Zalo takes photos by public URL only,
        so only a bot with a public address (its webhook's) can send them."""
        if not (self.webhook_base and reply.image_url):
            return None
        return f"{self.webhook_base}{FILES_PATH}/{reply.image_url.removeprefix('/files/')}"

    def _as_zalo_can(self, reply: Outgoing) -> Outgoing:
        """A file Zalo cannot take (a workbook; a photo without a public address) is
        mentioned instead, to be opened from the web chat."""
        if not (reply.image_url or reply.file_url) or self._photo_url(reply):
            return reply
        return Outgoing(text=self._with_web_pointer(reply.text))

    def _with_web_pointer(self, body: str) -> str:
        """The text and a line saying the file is to be seen in the web chat."""
        pointer = f"📎 {text('file_on_web', self.language)}"
        return f"{body}\n{pointer}" if body else pointer

    def _requests(self, reply: Outgoing) -> list[ZaloRequest]:
        body = numbered(replace(reply, image_url=None))
        photo_url = self._photo_url(reply)
        if photo_url is None:
            return [ZaloRequest(piece) for piece in split_text(body, MAX_TEXT)]
        if len(body) <= MAX_TEXT:
            return [ZaloRequest(body, photo_url)]  # the text as the photo's caption
        return [
            *(ZaloRequest(piece) for piece in split_text(body, MAX_TEXT)),
            ZaloRequest("", photo_url),
        ]

    async def _send_request(self, chat_id: str, request: ZaloRequest) -> Delivery:
        return await self.deliver(chat_id, lambda: self._attempt(chat_id, request))

    async def _attempt(self, chat_id: str, request: ZaloRequest) -> SendResult:
        """One sendMessage or sendPhoto, tried once: how it ended."""
        try:
            if request.photo_url is None:
                await self.client.send_message(chat_id, request.text)
            else:
                await self.client.send_photo(chat_id, request.photo_url, request.text)
        except ZaloError as error:
            if error.code == 403:
                return SendResult(Sent.BLOCKED)
            if error.code == 429:  # Zalo names no wait: a quota, so pause a while
                return SendResult(Sent.TOO_FAST, QUOTA_PAUSE)
            if error.code >= 500 or error.code == 408:
                return SendResult(Sent.LATER)
            if error.code in (401, 404):  # the bot's token or address is wrong, not the message
                log.error("zalo: %s (check ANTT_ZALO_TOKEN and ANTT_ZALO_API_URL)", error)
                return SendResult(Sent.LATER)
            log.warning("zalo: message refused: %s", error)
            if request.photo_url is not None:  # Zalo could not fetch the photo: the text still goes
                return await self._attempt(chat_id, self._without_photo(request))
            return SendResult(Sent.REFUSED)
        except ZaloNetworkError as error:
            log.warning("zalo: send failed: %s", error)
            return SendResult(Sent.LATER)
        return SendResult.ok()

    def _without_photo(self, request: ZaloRequest) -> ZaloRequest:
        with_pointer = self._with_web_pointer(request.text)
        return ZaloRequest(with_pointer if len(with_pointer) <= MAX_TEXT else request.text)

    def pieces(self, chat_id: str, payload: dict[str, Any]) -> list[Piece]:
        """An outbox message as the requests that send it, each tried once when called."""
        requests = self._requests(self._as_zalo_can(Outgoing.from_dict(payload)))
        return [lambda r=request: self._attempt(chat_id, r) for request in requests]  # type: ignore[misc]

    def _served_photo(self) -> APIRouter:
        """GET FILES_PATH/<token>: a photo for Zalo's servers to fetch (a made chart of a Zalo
        chat, a broadcast's photo), by its unguessable token alone, as a link sent in a
        message is. Photos only: a workbook stays with the web chat."""
        api = APIRouter()

        @api.get(FILES_PATH + "/{token}", include_in_schema=False)
        async def photo(token: str) -> Response:
            found = await self.conversation.file(token[:64], CHANNEL, None)
            if found is None or not found[1].startswith("image/"):
                raise HTTPException(404, "Không có ảnh này.")
            name, content_type, data = found
            return Response(
                data,
                media_type=content_type,
                headers={
                    "Content-Disposition": disposition("inline", name),
                    "Cache-Control": "private, max-age=3600",
                    "X-Content-Type-Options": "nosniff",
                },
            )

        return api


@dataclass(frozen=True)
class ZaloRequest:
    text: str
    photo_url: str | None = None  # sendPhoto with the text as its caption


def _id(value: Any) -> str | None:
    """Zalo ids are strings (numbers accepted); anything else means a malformed update."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    text_id = str(value).strip()
    return text_id or None


def _group_chat(update: Any) -> str | None:
    """The chat id if the update comes from a group (the bot works in private chats only)."""
    if not isinstance(update, dict):
        return None
    if "message" not in update and isinstance(update.get("result"), dict):
        update = update["result"]
    message = update.get("message")
    chat = message.get("chat") if isinstance(message, dict) else None
    if not isinstance(chat, dict) or str(chat.get("chat_type", "PRIVATE")).upper() != "GROUP":
        return None
    return _id(chat.get("id"))


PLUGIN = ChannelPlugin(
    CHANNEL,
    CAPABILITIES,
    configured=lambda settings: bool(settings.zalo.token),
    build=ZaloChannel,
)
