"""What the messenger adapters share: sending with retries and back-off, long polling, the
webhook's registration and the optional start-up calls, each honouring the wait a messenger
asks for (Telegram's retry_after, Zalo's quota pause) on every path.

An adapter says only how its API answers: one attempt as a `SendResult`, one poll, one
setWebhook, and what a failed poll means (`PollFailure`).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, ClassVar, Literal

from fastapi import APIRouter, FastAPI, Request, Response
from starlette.types import Scope

from bot.channels.base import OutboxLane
from bot.channels.common import derived, require_secret
from bot.conversation import Conversation
from bot.limits import MAX_WEBHOOK_BYTES, too_large
from bot.settings import MessengerSettings
from handlers.channels import Capabilities
from handlers.messages import Incoming, Outgoing, Piece, Sent
from scheduler.outbox_sender import Pace

SEND_ATTEMPTS = 4
FIRST_PAUSE = 1.0  # seconds before the first retry of a network error
POLL_PAUSE_MAX = 60.0  # seconds between polls of a messenger that keeps failing
WEBHOOK_RETRY_MAX = 600.0  # seconds between tries of a webhook the messenger keeps refusing
# Start-up waits this long for a messenger's optional answers (the menu, getMe, the webhook's
# first registration), then serves without them while they go on in the background.
STARTUP_WAIT = 10.0
Delivery = Literal["sent", "blocked", "failed"]
log = logging.getLogger(__name__)


class Backoff:
    """Pauses doubling from `first` up to `most`, until `reset`."""

    def __init__(self, first: float, most: float) -> None:
        self.first, self.most, self.next = first, most, first

    def take(self) -> float:
        pause = self.next
        self.next = min(self.next * 2, self.most)
        return pause

    def reset(self) -> None:
        self.next = self.first


@dataclass(frozen=True)
class PollFailure:
    """What a failed poll means: wait `wait` seconds (the messenger named it, or 0 for a poll
    that ended empty), or back off and log `reason`; `stop` when polling can never succeed
    (the token refused)."""

    reason: str = ""
    wait: float | None = None
    stop: bool = False


class Messenger:
    """The base of a messenger adapter (the bot's side of a Bot API)."""

    name: ClassVar[str]
    capabilities: ClassVar[Capabilities]
    secret_header: ClassVar[str]  # where the messenger sends the webhook's secret token

    def __init__(self, conversation: Conversation, section: MessengerSettings) -> None:
        secret_key = conversation.settings.secret_key
        self.conversation = conversation
        self.language = conversation.settings.language
        self.webhook_base = section.webhook_url
        self.pace = Pace(section.messages_per_second, section.chat_interval)
        # Derived from the secret key: the same after a restart, so the webhook stays valid.
        self.secret_token = derived(secret_key, f"{self.name} webhook secret", 48)
        self.path = self.path_prefix + derived(secret_key, f"{self.name} webhook path", 24)
        self.retry_pause = FIRST_PAUSE
        self.startup_wait = STARTUP_WAIT
        # Told of a wait met by a conversation's answer, so the outbox of this process waits too.
        self.on_too_fast: Callable[[float], None] | None = None
        self._poller: asyncio.Task[None] | None = None  # long polling, when there is no webhook

    @property
    def path_prefix(self) -> str:
        """Where its webhook's routes start: under the channel's name."""
        return f"/{self.name}/"

    # What an adapter says about its API
    async def start(self) -> None:
        """Never fails, whatever the messenger answers: the other channels do not need it."""
        raise NotImplementedError

    async def stop(self) -> None:
        raise NotImplementedError

    async def receive(self) -> None:
        """One poll, its updates handled; raises what the messenger answered otherwise."""
        raise NotImplementedError

    async def after_poll_failure(self, error: Exception) -> PollFailure:
        raise NotImplementedError

    async def set_webhook(self) -> None:
        raise NotImplementedError

    def token_refused(self, error: Exception) -> bool:
        raise NotImplementedError

    def why(self, error: Exception) -> str:
        """What a log line may say of an error (never a URL: it can hold the token)."""
        return "no answer in time" if isinstance(error, TimeoutError) else type(error).__name__

    def parse_update(self, body: bytes) -> Any:
        """A webhook body as an update; HTTPException(400) for one that is none."""
        raise NotImplementedError

    async def handle_update(self, update: Any) -> None:
        raise NotImplementedError

    async def to_incoming(self, update: Any) -> Incoming | None:
        """The update as the core reads it; None for one it has nothing to say to."""
        raise NotImplementedError

    async def send(
        self, chat_id: str, replies: list[Outgoing], *, queue_unsent: bool = True
    ) -> bool:
        raise NotImplementedError

    async def answer(self, update: Any) -> None:
        """A private chat's update handled by the core and its replies sent."""
        incoming = await self.to_incoming(update)
        if incoming is None:
            return
        # Messengers redeliver what they think was lost; the first answer already went out.
        replies = await self.conversation.handle(incoming, answer_redeliveries=False)
        await self.send(incoming.chat_id, replies)

    def pieces(self, chat_id: str, payload: dict[str, Any]) -> list[Piece]:
        raise NotImplementedError

    # Webhook
    def router(self) -> APIRouter:
        api = APIRouter()

        @api.post(self.path, include_in_schema=False)
        async def webhook(request: Request) -> Response:
            require_secret(request, self.secret_header, self.secret_token)
            update = self.parse_update(await request.body())
            try:
                await self.handle_update(update)
            except Exception:  # an error answer would only bring the same update again
                log.exception("%s: a webhook update failed", self.name)
            return Response(status_code=200)

        return api

    # The plugin's side (bot.channels.base.ChannelAdapter)
    def serve_on(self, app: FastAPI) -> None:
        if self.webhook_base:  # polling otherwise: no route
            app.include_router(self.router())

    def body_limit(self, scope: Scope) -> tuple[int, str] | None:
        return (
            (MAX_WEBHOOK_BYTES, too_large()) if scope["path"].startswith(self.path_prefix) else None
        )

    def outbox_lane(self) -> OutboxLane:
        return OutboxLane(self.pieces, self.pace)

    def hold_back_with(self, pause: Callable[[float], None]) -> None:
        self.on_too_fast = pause

    # Sending
    async def deliver(self, chat_id: str, attempt: Piece) -> Delivery:
        """Try one request until it is taken: "sent" (or refused: the same request would be
        refused again), "blocked" (the chat is marked unreachable) or "failed" (the messenger
        unreachable or busy after the retries)."""
        pause = self.retry_pause
        for number in range(SEND_ATTEMPTS):
            result = await attempt()
            if result.kind in (Sent.OK, Sent.REFUSED):
                return "sent"
            if result.kind is Sent.BLOCKED:
                log.info("%s: chat %s cannot be reached; marked unreachable", self.name, chat_id)
                await self.conversation.mark_unreachable(self.name, chat_id)
                return "blocked"
            if result.kind is Sent.TOO_FAST:
                log.info("%s: too fast, waiting %s s", self.name, result.retry_after)
                if self.on_too_fast is not None:
                    self.on_too_fast(result.retry_after)
                await asyncio.sleep(result.retry_after)
            elif number < SEND_ATTEMPTS - 1:
                await asyncio.sleep(pause)
                pause *= 2
        log.warning("%s: giving up sending to %s for now", self.name, chat_id)
        return "failed"

    # Receiving
    async def poll_forever(self) -> None:
        backoff = Backoff(self.retry_pause, POLL_PAUSE_MAX)
        while True:
            try:
                await self.receive()
            except Exception as error:  # whatever the server answered, keep polling
                failure = await self.after_poll_failure(error)
                if failure.stop:
                    return
                await asyncio.sleep(self._poll_pause(failure, backoff))
                continue
            backoff.reset()

    def _poll_pause(self, failure: PollFailure, backoff: Backoff) -> float:
        if failure.wait is not None:
            return failure.wait
        pause = backoff.take()
        log.warning("%s: polling failed, retrying in %.0f s: %s", self.name, pause, failure.reason)
        return pause

    # Start-up
    async def _optional(
        self, what: str, call: Callable[[], Awaitable[Any]], timeout: float | None = None
    ) -> None:
        """A call the bot can live without: log its failure, whatever it is, and go on."""
        try:
            async with asyncio.timeout(timeout):
                await call()
        except Exception as error:  # an undecodable body, an HTML page, no answer
            log.warning("%s: %s failed, continuing: %s", self.name, what, self.why(error))

    async def register_webhook(self, first_try: asyncio.Event) -> None:
        """Until the messenger takes the webhook (or refuses the token); `first_try` is set
        once the first try has ended, however it did."""
        backoff = Backoff(self.retry_pause, WEBHOOK_RETRY_MAX)
        while True:
            try:
                async with asyncio.timeout(self.startup_wait):  # a hung try is tried again
                    await self.set_webhook()
            except Exception as error:  # a 500, an HTML page, a body that is no API answer
                if self.token_refused(error):
                    log.error(
                        "%s: the token was refused (revoked?); no webhook, no updates", self.name
                    )
                    first_try.set()
                    return
                pause = backoff.take()
                log.warning(
                    "%s: setWebhook failed, retrying in %.0f s: %s",
                    self.name,
                    pause,
                    self.why(error),
                )
                first_try.set()
                await asyncio.sleep(pause)
                continue
            log.info("%s: webhook set", self.name)
            first_try.set()
            return
