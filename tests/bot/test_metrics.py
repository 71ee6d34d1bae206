"""/metrics (off by default, loopback and allowed networks only), /livez, and what the counters
say after a turn, a send and a job run."""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from bot.app import create_app
from bot.conversation import Conversation
from bot.metrics import Metrics
from bot.settings import Settings
from handlers.messages import Outgoing, SendResult, Sent
from scheduler.jobs import JobSpec
from scheduler.outbox_sender import OutboxSender, Pace
from scheduler.runner import JobRunner
from services.demo import DemoInvites
from storage import outbox
from storage.database import Database
from tests.conftest import WebUser

UNPACED = Pace(per_second=10_000, chat_interval=0)


def sample(text: str, name: str, **labels: str) -> float | None:
    """One sample's value in an exposition, or None if the series is absent."""
    wanted = ",".join(f'{k}="{v}"' for k, v in sorted(labels.items()))
    for line in text.splitlines():
        found = re.fullmatch(r"([a-z_]+)(?:\{(.*)\})? (\S+)", line)
        if found is None or found.group(1) != name:
            continue
        given = ",".join(sorted((found.group(2) or "").split(","))) if found.group(2) else ""
        if given == wanted:
            return float(found.group(3))
    return None


def client(app: Any, host: str = "127.0.0.1") -> httpx.AsyncClient:
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app, client=(host, 40_000)), base_url="http://bot"
    )


async def test_metrics_are_off_by_default_and_livez_needs_no_database(
    app: Any, database_url: str
) -> None:
    async with client(app) as local:
        assert (await local.get("/metrics")).status_code == 404
        assert (await local.get("/livez")).json() == {"status": "alive"}
        if database_url.startswith("sqlite"):  # readiness goes with the database, liveness not
            from pathlib import Path

            path = Path(database_url.removeprefix("sqlite:///"))
            path.rename(path.with_suffix(".gone"))
            try:
                assert (await local.get("/healthz")).status_code == 503
                assert (await local.get("/livez")).status_code == 200
            finally:
                path.with_suffix(".gone").rename(path)


async def test_a_turn_is_counted_and_only_allowed_clients_may_scrape(
    settings: Settings, database: Database, demo: DemoInvites
) -> None:
    on = settings.model_copy(update={"metrics": True, "metrics_allow": "198.51.100.0/24"})
    app = create_app(on, database)
    member = WebUser(app)
    try:
        await member.register(demo.member.code)
    finally:
        await member.close()
    async with client(app) as local:
        scraped = await local.get("/metrics")
        assert scraped.status_code == 200
        assert scraped.headers["content-type"].startswith("text/plain")
        text = scraped.text
        turns = sample(text, "antt_turns_total", channel="web", result="ok")
        assert turns is not None and turns >= 3  # the code, the name, the consent
        assert sample(text, "antt_turn_seconds_count", channel="web") == turns
        assert sample(text, "antt_db_pool_in_use") is not None
        assert sample(text, "antt_leader", role="scheduler") == 0  # no lifespan: not leading
        # A proxy in front passes the request on with its client's address: refused.
        proxied = await local.get("/metrics", headers={"X-Forwarded-For": "127.0.0.1"})
        assert proxied.status_code == 403
    # A messenger that did not take a direct reply: queued for later, or the chat blocked us.
    await app.state.conversation.queue_for_later("telegram", "999", [Outgoing(text="x")])
    await app.state.conversation.mark_unreachable("zalo", "998")
    async with client(app) as local:
        text = (await local.get("/metrics")).text
    assert sample(text, "antt_replies_failed_total", channel="telegram", reason="failed") == 1
    assert sample(text, "antt_replies_failed_total", channel="zalo", reason="blocked") == 1
    async with client(app, "203.0.113.7") as stranger:
        assert (await stranger.get("/metrics")).status_code == 403
    async with client(app, "198.51.100.20") as prometheus:  # ANTT_METRICS_ALLOW
        assert (await prometheus.get("/metrics")).status_code == 200


async def test_outbox_backlog_sends_and_job_runs_are_exposed(
    settings: Settings, database: Database
) -> None:
    now = datetime.now(UTC)
    answers = [SendResult(Sent.TOO_FAST, 0.0), SendResult(Sent.OK), SendResult(Sent.BLOCKED)]

    def courier(chat_id: str, payload: dict[str, Any]) -> list[Any]:
        async def piece() -> SendResult:
            return answers.pop(0) if answers else SendResult(Sent.OK)

        return [piece]

    sender = OutboxSender(database, {"telegram": courier}, {"telegram": UNPACED}, lambda: now)
    spec_ok = JobSpec("tidy", {"minute": "*"}, lambda job, slot, part: 2)

    def broken(job: Any, slot: datetime, part: str) -> int:
        raise RuntimeError("a job's defect")

    spec_broken = JobSpec("broken", {"minute": "*"}, broken)
    repository = Conversation(settings, database).repository
    jobs = JobRunner(database, repository, settings.zone, lambda: now, (spec_ok, spec_broken))
    clock = [now.timestamp()]
    metrics = Metrics(database, sender, jobs, clock=lambda: clock[0])

    def queue(conn: Any) -> None:
        for chat in ("1", "2", "3"):
            outbox.queue(conn, "telegram", chat, [Outgoing(text="hi")], now - timedelta(minutes=2))

    await database.run(queue)
    await metrics.refresh()
    text = metrics.exposition().decode()
    assert sample(text, "antt_outbox_depth", channel="telegram") == 3
    assert sample(text, "antt_outbox_oldest_seconds", channel="telegram") == pytest.approx(120, 1)
    assert sample(text, "antt_sends_total", channel="telegram", outcome="sent") == 0

    await sender.send_pending(timeout=30)
    assert await jobs.run_due("tidy", now) == 2
    with pytest.raises(RuntimeError):
        await jobs.run_due("broken", now)
    jobs.scheduler = object()  # as if leading: the leader shows its jobs
    clock[0] += 10  # past the backlog's cache
    metrics.snapshot.tried_at -= 10
    await metrics.refresh()
    text = metrics.exposition().decode()
    assert sample(text, "antt_outbox_depth", channel="telegram") == 0
    assert sample(text, "antt_sends_total", channel="telegram", outcome="429") == 1
    assert sample(text, "antt_sends_total", channel="telegram", outcome="sent") == 2
    assert sample(text, "antt_sends_total", channel="telegram", outcome="blocked") == 1
    assert sample(text, "antt_job_runs_total", job="tidy", result="ok") == 1
    assert sample(text, "antt_job_runs_total", job="broken", result="failed") == 1
    assert sample(text, "antt_job_last_success_timestamp_seconds", job="tidy") == pytest.approx(
        now.timestamp()
    )
    assert sample(text, "antt_job_last_success_timestamp_seconds", job="broken") is None
    # A restarted leader reads the last run back from job_runs.
    again = JobRunner(database, repository, settings.zone, lambda: now, (spec_ok, spec_broken))
    await again._recall_last_runs()
    assert set(again.last_success) == {"tidy"}
    assert again.last_success["tidy"].timestamp() == pytest.approx(now.timestamp(), abs=1)


async def test_a_slow_backlog_read_keeps_the_last_figures_and_holds_no_scrape(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from bot import metrics as module

    monkeypatch.setattr(module, "SNAPSHOT_TIMEOUT", 0.05)
    monkeypatch.setattr(module, "SNAPSHOT_TTL", 0.0)
    released = asyncio.Event()
    reads = []

    class Stuck:
        """A database whose long-work thread is busy with a report."""

        is_sqlite = True

        def pool_in_use(self) -> int:
            return 1

        async def run_long(self, work: Any) -> list[Any]:
            reads.append(work)
            await released.wait()
            return []

    sender = OutboxSender(Stuck(), {"zalo": lambda c, p: []}, {"zalo": UNPACED}, datetime.now)  # type: ignore[arg-type]
    not_leading = type("NotLeading", (), {"is_leader": False, "jobs": {}})()
    metrics = Metrics(Stuck(), sender, not_leading)  # type: ignore[arg-type]
    for _ in range(3):  # each scrape gives up after the timeout; one read at a time
        await asyncio.wait_for(metrics.refresh(), 1.0)
    assert len(reads) == 1
    text = metrics.exposition().decode()
    assert sample(text, "antt_outbox_depth", channel="zalo") == 0
    assert sample(text, "antt_outbox_read_age_seconds") == 0  # never read yet
    released.set()
    await asyncio.sleep(0)
    await metrics.refresh()
    assert metrics.snapshot.read_at > 0


def test_a_wrong_network_in_metrics_allow_is_named() -> None:
    from bot.metrics import allowed_networks

    assert len(allowed_networks(" 10.0.5.0/24, ,fd00::/8")) == 4  # with the two loopbacks
    with pytest.raises(ValueError, match=re.escape("ANTT_METRICS_ALLOW: '10.0.5.300/24'")):
        allowed_networks("10.0.5.0/24,10.0.5.300/24")
