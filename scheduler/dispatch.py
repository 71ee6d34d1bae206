"""The paced outbox: sends the queued messages of the messenger channels at their limits.

One process sends (Leadership, like the jobs), so the limits hold for the bot as a whole:
- each channel has a `Lane`: requests spaced 1/rate apart (Telegram: 30 a second), one chat
  served at most once per `chat_interval` (Telegram: one a second), nothing while a 429's
  `retry_after` runs;
- a chat's messages go in the order queued (a row waits for the chat's previous row);
- each request is recorded as soon as it is answered (a split message records each piece), so
  a restart goes on where the last one stopped. What cannot be known after a crash is whether
  the requests on the wire at that moment arrived: `outbox.recover` sends those again.
  Stopping (a deploy) finishes the requests on the wire and gives back the rest untouched.
The web chat needs none of this: its page reads its outbox rows itself.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any

from sqlalchemy import Connection

from handlers.messages import Piece, SendResult, Sent
from scheduler import progress
from scheduler.leader import Leadership
from storage import outbox
from storage.database import Database

log = logging.getLogger(__name__)
LOCK_KEY = 0x616E7475  # the advisory lock of the one sending process
LEADER_RETRY = 30.0
IN_FLIGHT = 64  # rows held by one lane at a time (most wait for their turn, not on the wire)
CLAIM_AT_LEAST = 16  # rows claimed at once from a busy outbox (fewer claims)
IDLE_POLL = 1.0  # seconds between looks at an empty outbox
STOP_GRACE = 10.0  # seconds a stop waits for the requests on the wire
RECORD_ATTEMPTS = 8  # writes of a send's outcome tried over about a minute

Courier = Callable[[str, dict[str, Any]], list[Piece]]


@dataclass(frozen=True)
class Pace:
    per_second: float  # requests a second on the channel as a whole
    chat_interval: float  # seconds between two requests to the same chat


class Lane:
    """One channel's limits, as a schedule of request times."""

    def __init__(self, pace: Pace, clock: Callable[[], float] = time.monotonic) -> None:
        self.interval = 1.0 / pace.per_second
        self.chat_interval = pace.chat_interval
        self.clock = clock
        self.next_slot = 0.0
        self.paused_until = 0.0
        self.chat_free: dict[str, float] = {}  # when a chat may get its next request

    def wait_for(self, chat_id: str) -> float:
        """Seconds until a request to this chat may go (0: now)."""
        ready = max(self.next_slot, self.paused_until, self.chat_free.get(chat_id, 0.0))
        return max(0.0, ready - self.clock())

    def take(self, chat_id: str) -> None:
        """A request to this chat starts now."""
        now = self.clock()
        # Spaced from the slot it was due, so a late wake-up does not lower the rate; after an
        # idle spell (or a 429's pause) the schedule starts again from now, with no burst.
        on_time = now - self.next_slot < self.interval / 2
        self.next_slot = (self.next_slot if on_time else now) + self.interval
        self.chat_free[chat_id] = math.inf  # until it is answered

    def answered(self, chat_id: str) -> None:
        # Counted from the answer, which comes after the messenger took the request.
        self.chat_free[chat_id] = self.clock() + self.chat_interval
        if len(self.chat_free) > 10_000:
            now = self.clock()
            self.chat_free = {c: t for c, t in self.chat_free.items() if t > now}

    def pause(self, seconds: float) -> None:
        self.paused_until = max(self.paused_until, self.clock() + seconds)


class Dispatcher:
    def __init__(
        self,
        database: Database,
        couriers: dict[str, Courier],
        paces: dict[str, Pace],
        now: Callable[[], datetime],
        *,
        progress_every: float = 60.0,
    ) -> None:
        self.database = database
        self.couriers = couriers
        self.lanes = {channel: Lane(paces[channel]) for channel in couriers}
        self.now = now
        self.progress_every = progress_every
        self.leadership = Leadership(database, LOCK_KEY, "outbox")
        self._stopping = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []
        self._rows: dict[str, set[asyncio.Task[None]]] = {c: set() for c in couriers}
        self._held: dict[int, outbox.OutboxRow] = {}  # claimed and not settled
        self._chat_tail: dict[tuple[str, str], asyncio.Task[None]] = {}

    # Start and stop
    async def start(self) -> None:
        self._stopping.clear()
        self._tasks = [asyncio.create_task(self._lead(), name="outbox")]

    async def stop(self) -> None:
        """Finish the requests on the wire, give back the rows not started, let go the lead."""
        self._stopping.set()
        if self._tasks:
            _, late = await asyncio.wait(self._tasks, timeout=STOP_GRACE)
            await _cancel(late)
        rows = [task for tasks in self._rows.values() for task in tasks]
        if rows:
            _, late = await asyncio.wait(rows, timeout=STOP_GRACE)
            await _cancel(late)
        if self._held:
            held = list(self._held)
            await self.database.run(lambda c: outbox.release(c, held))
            self._held.clear()
        await self.leadership.release()

    async def _lead(self) -> None:
        channels = list(self.couriers)
        while True:
            try:
                if await self.leadership.acquire():
                    given_back = await self.database.run(lambda c: outbox.recover(c, channels))
                    break
            except Exception:  # the database is away: try again later
                log.exception("outbox: cannot start sending yet")
                await self.leadership.release()
            if await self._stopped_within(LEADER_RETRY):
                return
        if given_back:
            log.warning("outbox: %d messages a stopped sender held are sent again", given_back)
        log.info("outbox: sending for %s", ", ".join(channels) or "no messenger")
        lanes = [self._run_lane(channel) for channel in channels]
        await asyncio.gather(*lanes, self._report_progress())

    async def _stopped_within(self, seconds: float) -> bool:
        try:
            await asyncio.wait_for(self._stopping.wait(), seconds)
        except TimeoutError:
            return False
        return True

    # Sending
    async def _run_lane(self, channel: str) -> None:
        running = self._rows[channel]
        while not self._stopping.is_set():
            room = IN_FLIGHT - len(running)
            rows: list[outbox.OutboxRow] = []
            if room >= CLAIM_AT_LEAST:
                try:
                    rows = await self.database.run(
                        partial(outbox.claim, channel=channel, limit=room, now=self.now())
                    )
                except Exception:
                    log.exception("outbox: claiming %s messages failed", channel)
            for row in rows:
                self._start_row(row)
            if room < CLAIM_AT_LEAST or len(rows) < room:  # the lane full, or the outbox empty
                await self._wake_when(running)

    def _start_row(self, row: outbox.OutboxRow) -> None:
        self._held[row.id] = row
        key = (row.channel, row.chat_id)
        task = asyncio.create_task(self._send_row(row, self._chat_tail.get(key)))
        self._chat_tail[key] = task
        self._rows[row.channel].add(task)
        task.add_done_callback(lambda done: self._finished(key, done))

    async def _wake_when(self, running: set[asyncio.Task[None]]) -> None:
        """Wait for a row to finish (room again), new rows (a while) or the stop."""
        waits: list[asyncio.Future[Any]] = [asyncio.ensure_future(self._stopping.wait())]
        if running:
            waits.append(
                asyncio.ensure_future(asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED))
            )
        try:
            await asyncio.wait(waits, timeout=IDLE_POLL, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiting in waits:
                waiting.cancel()

    def _finished(self, key: tuple[str, str], task: asyncio.Task[None]) -> None:
        self._rows[key[0]].discard(task)
        if self._chat_tail.get(key) is task:
            del self._chat_tail[key]
        if not task.cancelled() and task.exception() is not None:
            # The row stays held: given back at the stop, or recovered by the next sender.
            log.error("outbox: sending failed", exc_info=task.exception())

    async def _send_row(self, row: outbox.OutboxRow, after: asyncio.Task[None] | None) -> None:
        if after is not None:  # the chat's previous message first
            await asyncio.wait([after])
        lane = self.lanes[row.channel]
        try:
            pieces = self.couriers[row.channel](row.chat_id, row.payload)
        except Exception:
            log.exception("outbox: message %s cannot be rendered", row.id)
            await self._settle(row, Sent.REFUSED)
            return
        done = row.pieces_sent
        while done < len(pieces):
            if not await self._turn(lane, row.chat_id):
                return  # stopping: the row is given back by stop()
            try:
                result = await pieces[done]()
            except Exception:  # the adapters answer with a result; this is a defect
                log.exception("outbox: sending message %s failed", row.id)
                result = SendResult(Sent.LATER)
            finally:
                lane.answered(row.chat_id)
            if result.kind is Sent.TOO_FAST:  # the same piece again once the wait is over
                log.info("outbox: %s asks to wait %.1f s", row.channel, result.retry_after)
                lane.pause(result.retry_after)
                continue
            if result.kind is not Sent.OK:
                await self._settle(row, result.kind)
                return
            done += 1
            if done < len(pieces):
                await self._record(partial(outbox.piece_sent, row_id=row.id, pieces=done))
        await self._settle(row, Sent.OK)

    async def _turn(self, lane: Lane, chat_id: str) -> bool:
        """Wait until the lane lets a request to this chat go; False if stopping meanwhile."""
        while (wait := lane.wait_for(chat_id)) > 0:
            if await self._stopped_within(wait):
                return False
        if self._stopping.is_set():
            return False
        lane.take(chat_id)
        return True

    async def _settle(self, row: outbox.OutboxRow, kind: Sent) -> None:
        now = self.now()
        await self._record(lambda c: outbox.settle(c, row, kind, now))
        self._held.pop(row.id, None)

    async def _record(self, work: Callable[[Connection], None]) -> None:
        """Write what a request did; the database briefly away must not make a message that
        went out look unsent (it would go again after a restart), so keep trying."""
        pause = 0.5
        for attempt in range(RECORD_ATTEMPTS):
            try:
                await self.database.run(work)
                return
            except Exception:
                if attempt == RECORD_ATTEMPTS - 1:
                    raise
                log.warning("outbox: recording a send failed; trying again", exc_info=True)
                await asyncio.sleep(pause)
                pause = min(pause * 2, 10.0)

    # Broadcast progress
    async def _report_progress(self) -> None:
        while not await self._stopped_within(min(self.progress_every, IDLE_POLL * 5)):
            try:
                await self.database.run(
                    lambda c: progress.tell_senders(c, self.now(), self.progress_every)
                )
            except Exception:
                log.exception("outbox: reporting broadcast progress failed")

    # For tests and the CLI
    async def send_pending(self, timeout: float = 30.0) -> None:
        """Lead and send until no message is ready (rows waiting for a retry stay)."""
        await self.start()
        deadline = time.monotonic() + timeout
        channels = list(self.couriers)
        try:
            while time.monotonic() < deadline and channels:
                if not await self.database.run(lambda c: outbox.busy(c, channels, self.now())):
                    break
                await asyncio.sleep(0.02)
        finally:
            await self.stop()


async def _cancel(tasks: set[asyncio.Task[None]]) -> None:
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
