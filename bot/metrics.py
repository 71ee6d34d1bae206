"""Prometheus metrics of one process, at /metrics when ANTT_METRICS is on.

Each process serves its own (a web process its turns; the leader its jobs and sends), in a
registry of its own: Prometheus scrapes every process and sums. Nothing here is personal data,
but counts by channel and job names are no business of the public: /metrics answers loopback
and the networks in ANTT_METRICS_ALLOW only, and never a request that came through a proxy.

- turns (`antt_turns_total{channel,result}`, `antt_turn_seconds{channel}`) and direct replies
  that could not be delivered (`antt_replies_failed_total{channel,reason}`) come from hooks on
  the Conversation;
- sends (`antt_sends_total{channel,outcome}`) and job runs (`antt_job_runs_total{job,result}`,
  `antt_job_last_success_timestamp_seconds{job}`) are the outbox sender's and the job runner's
  own tallies, read at scrape time;
- the outbox backlog (`antt_outbox_depth{channel}`, `antt_outbox_oldest_seconds{channel}`) is
  one indexed GROUP BY, run at most every SNAPSHOT_TTL seconds and given up after
  SNAPSHOT_TIMEOUT (the last values are kept, with their age);
- the pool (`antt_db_pool_in_use`, `antt_db_pool_size`) and the leads (`antt_leader{role}`)
  are read from the process.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from fastapi import FastAPI, Request
from fastapi.responses import PlainTextResponse, Response
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    ProcessCollector,
)
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.exposition import generate_latest
from prometheus_client.registry import Collector

from scheduler.outbox_sender import OUTCOMES
from storage import observed
from storage.database import POOL_SIZE, Database

if TYPE_CHECKING:
    from bot.conversation import Conversation
    from bot.render_pool import RenderPool
    from scheduler.outbox_sender import OutboxSender
    from scheduler.runner import JobRunner

log = logging.getLogger(__name__)
# A turn is a few ms on a quiet machine; a second is a member who gives up.
TURN_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)
RENDER_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
SNAPSHOT_TTL = 5.0  # seconds a backlog read serves scrapes (several Prometheus replicas)
SNAPSHOT_TIMEOUT = 2.0  # seconds a backlog read may take before the last values serve again
SEND_OUTCOMES = tuple(dict.fromkeys(OUTCOMES.values()))  # sent, 429, blocked, failed
LOOPBACK = (ipaddress.ip_network("127.0.0.0/8"), ipaddress.ip_network("::1/128"))
PROXIED = ("x-forwarded-for", "forwarded", "x-real-ip")

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def allowed_networks(allow: str) -> tuple[Network, ...]:
    """Loopback and the CIDRs of ANTT_METRICS_ALLOW (comma-separated); a wrong one stops the
    start rather than leave the endpoint open or shut by surprise."""
    networks: list[Network] = list(LOOPBACK)
    for part in (part.strip() for part in allow.split(",")):
        if not part:
            continue
        try:
            networks.append(ipaddress.ip_network(part, strict=False))
        except ValueError:
            raise ValueError(f"ANTT_METRICS_ALLOW: {part!r} is not a network (CIDR)") from None
    return tuple(networks)


def may_scrape(request: Request, networks: tuple[Network, ...]) -> bool:
    """A direct client in one of the networks; a request a proxy passed on is refused, whatever
    the proxy says its client was (the public proxy in front of the bot is loopback too)."""
    if any(name in request.headers for name in PROXIED):
        return False
    host = request.client.host if request.client else ""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return any(address in network for network in networks)


@dataclass
class Snapshot:
    """The outbox backlog as last read, and when."""

    backlog: list[observed.Backlog] = field(default_factory=list)
    read_at: float = 0.0  # time.time() of the last successful read; 0: never
    tried_at: float = 0.0  # time.monotonic() of the last try


class Metrics:
    def __init__(
        self,
        database: Database,
        outbox: OutboxSender,
        jobs: JobRunner,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.database = database
        self.outbox = outbox
        self.jobs = jobs
        self.clock = clock
        self.snapshot = Snapshot()
        self._reading: asyncio.Task[None] | None = None
        self._slow_logged = False
        # The labelled children of the per-turn series, by channel: a dict hit per turn
        # instead of prometheus-client's labels() lookup under its lock.
        self._turn_series: dict[str, tuple[Counter, Counter, Histogram]] = {}
        self.registry = CollectorRegistry(auto_describe=True)
        self.turns = Counter(
            "antt_turns",
            "Messages handled (result: ok, committed; error, rolled back and 'try again' said)",
            ["channel", "result"],
            registry=self.registry,
        )
        self.turn_seconds = Histogram(
            "antt_turn_seconds",
            "Time to handle one message, its transaction included",
            ["channel"],
            buckets=TURN_BUCKETS,
            registry=self.registry,
        )
        self.replies_failed = Counter(
            "antt_replies_failed",
            "Direct replies a messenger did not take (failed: queued for later; blocked)",
            ["channel", "reason"],
            registry=self.registry,
        )
        self.render_queue = Gauge(
            "antt_render_queue",
            "Drawings (charts, workbooks, documents) waiting for or in a render worker",
            registry=self.registry,
        )
        self.render_seconds = Histogram(
            "antt_render_seconds",
            "Time from asking for a drawing to having it, by task",
            ["kind"],
            buckets=RENDER_BUCKETS,
            registry=self.registry,
        )
        self.registry.register(_ProcessState(self))
        ProcessCollector(registry=self.registry)  # process_resident_memory_bytes, CPU seconds

    # Hooks
    def turned(self, channel: str, seconds: float, ok: bool) -> None:
        series = self._turn_series.get(channel)
        if series is None:
            series = self._turn_series[channel] = (
                self.turns.labels(channel, "ok"),
                self.turns.labels(channel, "error"),
                self.turn_seconds.labels(channel),
            )
        (series[0] if ok else series[1]).inc()
        series[2].observe(seconds)

    def reply_failed(self, channel: str, reason: str) -> None:
        self.replies_failed.labels(channel, reason).inc()

    def render_started(self) -> None:
        """For the render pool: a drawing was asked for."""
        self.render_queue.inc()

    def render_finished(self, kind: str, seconds: float) -> None:
        """For the render pool: a drawing is done (or failed) after `seconds`."""
        self.render_queue.dec()
        self.render_seconds.labels(kind).observe(seconds)

    # Scrape
    async def refresh(self) -> None:
        """Read the backlog if the last read is older than SNAPSHOT_TTL, one read at a time. A
        scrape waits for it SNAPSHOT_TIMEOUT at most from the read's start: a slow read (the
        database thread on a long report) finishes for a later scrape, the last figures serve."""
        if self._reading is None or self._reading.done():
            if time.monotonic() - self.snapshot.tried_at < SNAPSHOT_TTL:
                return
            self.snapshot.tried_at = time.monotonic()
            self._reading = asyncio.create_task(self._read(), name="metrics backlog")
        left = SNAPSHOT_TIMEOUT - (time.monotonic() - self.snapshot.tried_at)
        if left <= 0:
            return
        try:
            await asyncio.wait_for(asyncio.shield(self._reading), left)
        except TimeoutError:
            if not self._slow_logged:  # once until a read is back in time, not every scrape
                log.warning("metrics: the outbox backlog is slow to read; last figures kept")
                self._slow_logged = True
        else:
            self._slow_logged = False

    async def _read(self) -> None:
        channels = list(self.outbox.couriers)
        try:
            # run_long: on SQLite the database's own thread, never the event loop's.
            backlog = await self.database.run_long(
                lambda c: observed.outbox_backlog(c, channels, SNAPSHOT_TIMEOUT)
            )
        except Exception:  # the last values stay, their age grows
            log.warning("metrics: the outbox backlog cannot be read", exc_info=True)
            return
        self.snapshot.backlog, self.snapshot.read_at = backlog, self.clock()

    def exposition(self) -> bytes:
        return generate_latest(self.registry)


class _ProcessState(Collector):
    """What is read at scrape time rather than counted as it happens."""

    def __init__(self, metrics: Metrics) -> None:
        self.metrics = metrics

    def collect(self) -> Iterable[Metric]:
        yield from self._outbox()
        yield from self._sends()
        yield from self._jobs()
        pool = GaugeMetricFamily(
            "antt_db_pool_in_use", "Database connections checked out of this process's pool"
        )
        pool.add_metric([], self.metrics.database.pool_in_use())
        yield pool
        if not self.metrics.database.is_sqlite:  # SQLite's connections are its two threads'
            size = GaugeMetricFamily("antt_db_pool_size", "Connections the pool may hold")
            size.add_metric([], POOL_SIZE)
            yield size
        leader = GaugeMetricFamily(
            "antt_leader",
            "1 while this process holds the lead (scheduler, outbox)",
            labels=["role"],
        )
        leader.add_metric(["scheduler"], 1 if self.metrics.jobs.is_leader else 0)
        leader.add_metric(["outbox"], 1 if self.metrics.outbox.leadership.held else 0)
        yield leader

    def _outbox(self) -> Iterable[Metric]:
        snapshot, now = self.metrics.snapshot, self.metrics.clock()
        depth = GaugeMetricFamily(
            "antt_outbox_depth",
            "Messages waiting to be sent by the paced outbox (pending or being sent)",
            labels=["channel"],
        )
        oldest = GaugeMetricFamily(
            "antt_outbox_oldest_seconds",
            "Age of the oldest message waiting (0: none waits)",
            labels=["channel"],
        )
        found = {b.channel: b for b in snapshot.backlog}
        for channel in self.metrics.outbox.couriers:
            backlog = found.get(channel)
            depth.add_metric([channel], backlog.depth if backlog else 0)
            age = max(0.0, now - backlog.oldest.timestamp()) if backlog else 0.0
            oldest.add_metric([channel], age)
        yield depth
        yield oldest
        read = GaugeMetricFamily(
            "antt_outbox_read_age_seconds",
            "Seconds since the outbox backlog was last read (it is kept when a read fails)",
        )
        read.add_metric([], now - snapshot.read_at if snapshot.read_at else 0.0)
        yield read

    def _sends(self) -> Iterable[Metric]:
        sends = CounterMetricFamily(
            "antt_sends",
            "Requests of the paced outbox to a messenger, by how they were answered",
            labels=["channel", "outcome"],
        )
        tally = self.metrics.outbox.tally
        for channel in self.metrics.outbox.couriers:
            for outcome in SEND_OUTCOMES:  # every series from the start, for rate()
                sends.add_metric([channel, outcome], tally.get((channel, outcome), 0))
        yield sends

    def _jobs(self) -> Iterable[Metric]:
        runner = self.metrics.jobs
        runs = CounterMetricFamily(
            "antt_job_runs", "Scheduled job runs by this process", labels=["job", "result"]
        )
        last = GaugeMetricFamily(
            "antt_job_last_success_timestamp_seconds",
            "When each job last ran to the end (Unix time; from job_runs after a restart)",
            labels=["job"],
        )
        if runner.is_leader:  # only the leader runs jobs; another process would say 0
            for job in runner.jobs:
                for result in ("ok", "failed"):
                    runs.add_metric([job, result], runner.tally.get((job, result), 0))
                if job in runner.last_success:
                    last.add_metric([job], runner.last_success[job].timestamp())
        yield runs
        yield last


def serve_metrics(
    app: FastAPI,
    networks: tuple[Network, ...],
    database: Database,
    conversation: Conversation,
    outbox: OutboxSender,
    jobs: JobRunner,
) -> Metrics:
    """Count this process's work and serve it at /metrics."""
    metrics = Metrics(database, outbox, jobs)
    conversation.on_turn = metrics.turned
    conversation.on_reply_failed = metrics.reply_failed
    observe_renders(conversation.render_pool, metrics)
    app.state.metrics = metrics

    @app.get("/metrics", include_in_schema=False)
    async def scrape(request: Request) -> Response:
        if not may_scrape(request, networks):
            return PlainTextResponse("forbidden\n", status_code=403)
        await metrics.refresh()
        return Response(metrics.exposition(), media_type=CONTENT_TYPE_LATEST)

    return metrics


def observe_renders(pool: RenderPool, metrics: Metrics) -> None:
    """Count every drawing handed to the process's render pool (the drawer's, the weekly
    board's, the console's): `antt_render_queue` while it waits or is drawn, then
    `antt_render_seconds{kind}`, the kind being the task's name (a fixed set of module-level
    functions, never anything a client chose)."""
    run = pool.run

    async def counted(task: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        metrics.render_started()
        started = time.perf_counter()
        try:
            return await run(task, *args, **kwargs)
        finally:
            kind = getattr(task, "__name__", "task")
            metrics.render_finished(kind, time.perf_counter() - started)

    pool.run = counted  # type: ignore[method-assign]
