"""What a channel plugin is: how the app builds, serves, starts and stops a channel without
naming it, and what the outbox needs of it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from fastapi import FastAPI
from starlette.types import Scope

from bot.conversation import Conversation
from bot.settings import Settings
from handlers.channels import Capabilities
from scheduler.outbox_sender import Courier, Pace


@dataclass(frozen=True)
class OutboxLane:
    """How the paced outbox sends this channel's rows."""

    courier: Courier
    pace: Pace


class ChannelAdapter(Protocol):
    """A running channel: turns its updates into `Incoming`, renders `Outgoing`."""

    @property
    def name(self) -> str: ...

    async def start(self) -> None:
        """Never fails: the other channels do not need this one."""

    async def stop(self) -> None: ...

    def serve_on(self, app: FastAPI) -> None:
        """Adds its routes (a webhook, a page and its files), if it has any."""

    def body_limit(self, scope: Scope) -> tuple[int, str] | None:
        """The largest body a request to one of its routes may carry and what a refusal says;
        None for a path not its own."""

    def outbox_lane(self) -> OutboxLane | None:
        """How the outbox sends its rows; None for a mailbox channel (its page reads them)."""

    def hold_back_with(self, pause: Callable[[float], None]) -> None:
        """Told how to pause its outbox lane: a wait the messenger asks of an answer holds
        this process's outbox back too."""


@dataclass(frozen=True)
class ChannelPlugin:
    name: str  # the channel as stored with its chats and outbox rows
    capabilities: Capabilities
    configured: Callable[[Settings], bool]  # whether this deployment runs it
    build: Callable[[Conversation], ChannelAdapter]
