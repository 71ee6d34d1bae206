"""Sends the queued notices (outbox rows) of the messenger channels.

The web chat reads its rows itself; Telegram and Zalo rows are claimed here and sent through
the channel's adapter. Pacing per channel's limits arrives with the scheduler issue.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from storage import outbox
from storage.database import Database

log = logging.getLogger(__name__)
Sender = Callable[[str, dict[str, Any]], Awaitable[bool]]


class OutboxSender:
    def __init__(
        self,
        database: Database,
        senders: dict[str, Sender],
        now: Callable[[], datetime],
        interval: float = 1.0,
    ) -> None:
        self.database = database
        self.senders = senders
        self.now = now
        self.interval = interval
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        if self.senders:
            self._task = asyncio.create_task(self.run_forever(), name="outbox-sender")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)

    async def run_forever(self) -> None:
        while True:
            try:
                sent = await self.send_once()
            except Exception:
                log.exception("outbox: a round failed")
                sent = 0
            if not sent:
                await asyncio.sleep(self.interval)

    async def send_once(self, limit: int = 50) -> int:
        """Claim and send one batch; how many rows were handled."""
        channels = list(self.senders)
        rows = await self.database.run(lambda c: outbox.claim(c, channels, limit, self.now()))
        for row in rows:
            delivered = False
            try:
                delivered = await self.senders[row.channel](row.chat_id, row.payload)
            except Exception:
                log.exception("outbox: sending row %s failed", row.id)
            await self._settle(row, delivered)
        return len(rows)

    async def _settle(self, row: outbox.OutboxRow, delivered: bool) -> None:
        if delivered:
            await self.database.run(lambda c: outbox.mark_sent(c, row.id, self.now()))
        else:
            give_up = row.attempts >= outbox.MAX_ATTEMPTS
            await self.database.run(lambda c: outbox.release(c, row.id, give_up=give_up))
