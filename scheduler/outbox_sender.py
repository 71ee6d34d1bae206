"""The paced outbox: sends the queued messages of the messenger channels at their limits.

One process sends (Leadership, like the jobs), so the limits hold for the bot as a whole:
- each channel has a `Lane`: requests spaced 1/rate apart (Telegram: 30 a second), one chat
  served at most once per `chat_interval` (Telegram: one a second), nothing while a 429's
  `retry_after` runs;
- a chat's messages go in the order queued (`outbox.claim` gives a chat's row only once the
  chat's earlier rows are settled);
- each request is recorded as soon as it is answered (a split message records each piece), so
  a restart goes on where the last one stopped. What cannot be known after a crash is whether
  the requests on the wire at that moment arrived: `outbox.recover` sends those again.
  Stopping (a deploy) finishes the requests on the wire and gives back the rest untouched;
- an answered request's outcome is kept by the process, not by the row's task, and written
  until the database takes it, whether or not the process still leads: the process writes
  them before it takes any row back, so a long outage (the lead lost with it) repeats nothing;
- the lead is checked every LEAD_CHECK seconds: a sender whose lock went with its database
  connection stops after the requests on the wire, and a new sender that finds rows held
  (PostgreSQL) waits HANDOVER seconds before taking them back, so two never send one row and
  a sender that lost its lock in an outage has written what it sent by then.
A mailbox channel (the web chat) needs none of this: its page reads its outbox rows itself.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any

from sqlalchemy import Connection

from handlers.channels import mailboxes
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
LEAD_CHECK = 2.0  # seconds between checks that the sending process still holds its lock
HANDOVER = LEAD_CHECK + STOP_GRACE / 2  # a sender that lost its lock has stopped by then
RECORD_RETRY = 0.5  # seconds between tries to write what a request did (well under HANDOVER)
TOO_FAST_LIMIT = 10  # 429s in a row for one message before it waits as a failed try (a quota)

Courier = Callable[[str, dict[str, Any]], list[Piece]]
# How a request's answer is counted (bot/metrics.py): a retry later is a failed attempt.
OUTCOMES = {
    Sent.OK: "sent",
    Sent.TOO_FAST: "429",
    Sent.BLOCKED: "blocked",
    Sent.REFUSED: "failed",
    Sent.LATER: "failed",
}


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


class OutboxSender:
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
        self._term_over = asyncio.Event()  # this spell as the sender ends: a stop or a lost lock
        self._term_began = asyncio.Event()  # leading, with what a stopped sender held taken back
        self._tasks: list[asyncio.Task[None]] = []
        self._rows: dict[str, set[asyncio.Task[None]]] = {c: set() for c in couriers}
        self._held: dict[int, outbox.OutboxRow] = {}  # claimed and not settled
        # What answered requests did, not yet written, in order per row; one writer writes them
        # (a settle that re-routes must not run twice), outliving the row's task and the term.
        self._outcomes: dict[int, list[Callable[[Connection], None]]] = {}
        self._written: dict[int, asyncio.Event] = {}
        self._writer: asyncio.Task[None] | None = None
        self._writing = asyncio.Lock()
        self._unwritten_since_logged = False
        # Requests answered by (channel, outcome in OUTCOMES), since the process started.
        self.tally: Counter[tuple[str, str]] = Counter()

    # Start and stop
    async def start(self) -> None:
        self._stopping.clear()
        self._tasks = [asyncio.create_task(self._serve(), name="outbox")]

    async def stop(self) -> None:
        """Finish the requests on the wire, give back the rows not started, let go the lead."""
        self._stopping.set()
        self._term_over.set()
        if self._tasks:
            _, late = await asyncio.wait(self._tasks, timeout=3 * STOP_GRACE)
            await _cancel(late)
            self._tasks = []
        await self.leadership.release()
        writer = self._writer
        if writer is not None and not writer.done():
            _, late = await asyncio.wait({writer}, timeout=STOP_GRACE)
            if late:  # the database is still away: those messages go again after a restart
                log.error("outbox: %d sends not recorded at the stop", len(self._outcomes))
                await _cancel(late)

    async def _serve(self) -> None:
        while await self._take_lead():
            try:
                await self._send_while_leading()
            finally:
                await self._end_term()

    async def _take_lead(self) -> bool:
        """Wait to lead and take back what a stopped sender held; False if stopped first."""
        while not self._stopping.is_set():
            try:
                if await self.leadership.acquire():
                    return await self._begin_term()
            except Exception:  # the database is away: try again later
                log.exception("outbox: cannot start sending yet")
                await self.leadership.release()
            if await self._stopped_within(LEADER_RETRY):
                return False
        return False

    async def _begin_term(self) -> bool:
        channels = list(self.couriers)
        # What this process sent in an earlier term goes in first, or it would go again.
        if not await self._write_outcomes():
            raise ConnectionError("what was sent is not recorded yet")
        held = await self.database.run(partial(outbox.held, channels=channels))
        # Rows held by a sender that lost its lock (PostgreSQL) with the process still alive:
        # it may be finishing its requests or writing what they did once the database is back.
        if held and self.leadership.lost_while_alive and await self._stopped_within(HANDOVER):
            return False
        given_back = await self.database.run(partial(outbox.recover, channels=channels))
        if given_back:
            log.warning("outbox: %d messages a stopped sender held go again", given_back)
        served = [*channels, *mailboxes()]  # a mailbox channel's page reads its own rows
        moved = await self.database.run(
            partial(outbox.reroute_unserved, served=served, now=self.now())
        )
        if moved:
            log.warning("outbox: %d messages for a channel switched off moved or failed", moved)
        if self._stopping.is_set():  # stopped while starting: the stop set _term_over
            return False
        self._term_over.clear()
        self._term_began.set()
        log.info("outbox: sending for %s", ", ".join(channels) or "no messenger")
        return True

    async def _send_while_leading(self) -> None:
        lanes = [self._run_lane(channel) for channel in self.couriers]
        await asyncio.gather(*lanes, self._report_progress(), self._watch_lead())

    async def _end_term(self) -> None:
        """The requests on the wire end (within STOP_GRACE); on a stop the rows not started are
        given back. After a lost lock they are left as they are: another sender may hold them
        by now, and the next one to lead takes them back."""
        self._term_over.set()
        self._term_began.clear()
        rows = [task for tasks in self._rows.values() for task in tasks]
        if rows:
            _, late = await asyncio.wait(rows, timeout=STOP_GRACE)
            await _cancel(late)
        # A row whose outcome is still to be written is not given back: it would go again.
        held = [row_id for row_id in self._held if row_id not in self._outcomes]
        self._held = {}
        still_leading = await self.leadership.still_held()
        if held and still_leading:
            try:
                await self.database.run(lambda c: outbox.release(c, held))
            except Exception:  # the next sender's recover gives them back instead
                log.exception("outbox: giving back %d messages failed", len(held))
        await self.leadership.release()

    async def _watch_lead(self) -> None:
        while not await self._term_ends_within(LEAD_CHECK):
            if not await self.leadership.still_held():
                log.error("outbox: the sending lock is lost; sending stops until it is back")
                self._term_over.set()
                return

    async def _stopped_within(self, seconds: float) -> bool:
        return await _set_within(self._stopping, seconds)

    async def _term_ends_within(self, seconds: float) -> bool:
        return await _set_within(self._term_over, seconds)

    # Sending
    async def _run_lane(self, channel: str) -> None:
        running = self._rows[channel]
        while not self._term_over.is_set():
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
        task = asyncio.create_task(self._send_row(row))
        self._rows[row.channel].add(task)
        task.add_done_callback(lambda done: self._finished(row.channel, done))

    async def _wake_when(self, running: set[asyncio.Task[None]]) -> None:
        """Wait for a row to finish (room again), new rows (a while) or the term's end."""
        waits: list[asyncio.Future[Any]] = [asyncio.ensure_future(self._term_over.wait())]
        if running:
            waits.append(
                asyncio.ensure_future(asyncio.wait(running, return_when=asyncio.FIRST_COMPLETED))
            )
        try:
            await asyncio.wait(waits, timeout=IDLE_POLL, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiting in waits:
                waiting.cancel()

    def _finished(self, channel: str, task: asyncio.Task[None]) -> None:
        self._rows[channel].discard(task)
        if not task.cancelled() and task.exception() is not None:
            # The row stays held: given back at the stop, or recovered by the next sender.
            log.error("outbox: sending failed", exc_info=task.exception())

    async def _send_row(self, row: outbox.OutboxRow) -> None:
        lane = self.lanes[row.channel]
        try:
            pieces = self.couriers[row.channel](row.chat_id, row.payload)
        except Exception:
            log.exception("outbox: message %s cannot be rendered", row.id)
            self.tally[row.channel, "failed"] += 1
            await self._settle(row, Sent.REFUSED)
            return
        done, too_fast = row.pieces_sent, 0
        while done < len(pieces):
            if not await self._turn(lane, row.chat_id):
                return  # the term is over: the row is given back or recovered
            try:
                result = await pieces[done]()
            except Exception:  # the adapters answer with a result; this is a defect
                log.exception("outbox: sending message %s failed", row.id)
                result = SendResult(Sent.LATER)
            finally:
                lane.answered(row.chat_id)
            self.tally[row.channel, OUTCOMES[result.kind]] += 1
            if result.kind is Sent.TOO_FAST:  # the same piece again once the wait is over
                log.info("outbox: %s asks to wait %.1f s", row.channel, result.retry_after)
                lane.pause(max(result.retry_after, 1.0))
                too_fast += 1
                if too_fast < TOO_FAST_LIMIT:
                    continue
                result = SendResult(Sent.LATER)  # a quota, not a burst: wait as a failed try
            if result.kind is not Sent.OK:
                await self._settle(row, result.kind)
                return
            done, too_fast = done + 1, 0
            if done < len(pieces):
                await self._record(row.id, partial(outbox.piece_sent, row_id=row.id, pieces=done))
        await self._settle(row, Sent.OK)

    async def _turn(self, lane: Lane, chat_id: str) -> bool:
        """Wait until the lane lets a request to this chat go; False if the term ends first."""
        while (wait := lane.wait_for(chat_id)) > 0:
            if await self._term_ends_within(wait):
                return False
        if self._term_over.is_set():
            return False
        lane.take(chat_id)
        return True

    async def _settle(self, row: outbox.OutboxRow, kind: Sent) -> None:
        now = self.now()
        await self._record(row.id, lambda c: outbox.settle(c, row, kind, now))
        self._held.pop(row.id, None)

    async def _record(self, row_id: int, work: Callable[[Connection], None]) -> None:
        """Write what a request did, and wait until it is written. Until then the message would
        look unsent and go again, so the process keeps it and writes it once the database is
        back, even if this task is cancelled meanwhile (the chat's next message waits too: it
        is not claimed while this row is held)."""
        self._outcomes.setdefault(row_id, []).append(work)
        written = self._written.setdefault(row_id, asyncio.Event())
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write_until_done(), name="outbox outcomes")
        await written.wait()

    async def _write_until_done(self) -> None:
        while not await self._write_outcomes():
            await asyncio.sleep(RECORD_RETRY)

    async def _write_outcomes(self) -> bool:
        """Write the outcomes kept, each row's in order; False if the database is away."""
        async with self._writing:
            while self._outcomes:  # outcomes come in while others are being written
                row_id, works = next(iter(self._outcomes.items()))
                while works:
                    try:
                        await self.database.run(works[0])
                    except Exception:
                        if not self._unwritten_since_logged:  # once an outage, not each try
                            log.warning(
                                "outbox: recording sends failed; trying again", exc_info=True
                            )
                            self._unwritten_since_logged = True
                        return False
                    works.pop(0)
                del self._outcomes[row_id]
                self._written.pop(row_id).set()
            if self._unwritten_since_logged:
                log.warning("outbox: the sends are recorded again")
                self._unwritten_since_logged = False
            return True

    # Broadcast progress
    async def _report_progress(self) -> None:
        while not await self._term_ends_within(min(self.progress_every, IDLE_POLL * 5)):
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
            await asyncio.wait_for(self._term_began.wait(), timeout)
            while time.monotonic() < deadline and channels:
                if not await self.database.run(lambda c: outbox.busy(c, channels, self.now())):
                    break
                await asyncio.sleep(0.02)
        finally:
            await self.stop()


async def _set_within(event: asyncio.Event, seconds: float) -> bool:
    try:
        await asyncio.wait_for(event.wait(), seconds)
    except TimeoutError:
        return False
    return True


async def _cancel(tasks: set[asyncio.Task[None]]) -> None:
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
