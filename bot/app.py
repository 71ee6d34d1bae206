"""The ASGI application: every configured channel plugin's routes, the outbox, the jobs and a
health check. No channel is named here: they come from `bot.channels.registry`."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import timedelta

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from sqlalchemy.exc import SQLAlchemyError
from starlette.types import Scope

from bot.board_charts import pooled
from bot.channels import registry
from bot.channels.base import ChannelAdapter
from bot.channels.messenger import Messenger
from bot.console.app import body_limit as console_body_limit
from bot.console.app import serve_console
from bot.conversation import Conversation
from bot.limits import MAX_WEBHOOK_BYTES, BodyLimit, too_large
from bot.render_pool import InProcess, RenderPool
from bot.settings import Settings
from campaign.catalogs import DEFAULT_LANGUAGE, read_all, text
from scheduler.backups import daily_backup
from scheduler.jobs import JOBS, Drafting, Keeping
from scheduler.outbox_sender import Courier, OutboxSender, Pace
from scheduler.runner import JobRunner
from services.housekeeping import Retention
from storage.database import Database

HEALTH_TIMEOUT = 2.0  # seconds the health check waits for the database
log = logging.getLogger(__name__)


def body_limit_of(channels: list[ChannelAdapter]) -> Callable[[Scope], tuple[int, str]]:
    """The largest body a request may carry, by route: the console's own bound under
    /quanly/, else the first channel claiming the path (every route is bounded: a path no
    channel claims gets a webhook's bound)."""

    def limit(scope: Scope) -> tuple[int, str]:
        console = console_body_limit(scope)
        if console is not None:
            return console
        for channel in channels:
            found = channel.body_limit(scope)
            if found is not None:
                return found
        return MAX_WEBHOOK_BYTES, too_large()

    return limit


def outbox_for(
    db: Database, channels: list[ChannelAdapter], conversation: Conversation
) -> OutboxSender:
    """The paced outbox, a lane per channel that does not read its own mailbox; a wait a
    messenger asks of an answer holds that lane back too."""
    couriers: dict[str, Courier] = {}
    paces: dict[str, Pace] = {}
    for channel in channels:
        lane = channel.outbox_lane()
        if lane is not None:
            couriers[channel.name], paces[channel.name] = lane.courier, lane.pace
    outbox = OutboxSender(
        db,
        couriers,
        paces,
        conversation.now,
        progress_every=conversation.settings.broadcast_progress_seconds,
    )
    for channel in channels:
        if channel.name in outbox.lanes:
            channel.hold_back_with(outbox.lanes[channel.name].pause)
    return outbox


def started_by(role: str, channel: ChannelAdapter) -> bool:
    """Whether a process of this role starts the channel. A messenger without a webhook is
    read by long polling, which one process only may do (a second one's getUpdates conflicts):
    the jobs process, of which a province runs one; web processes leave it alone."""
    polls = isinstance(channel, Messenger) and not channel.webhook_base
    return not (role == "web" and polls)


async def start_by_role(
    settings: Settings, channels: list[ChannelAdapter], outbox: OutboxSender, jobs: JobRunner
) -> None:
    for channel in channels:
        if started_by(settings.role, channel):
            await channel.start()
    # A web process never leads: the jobs process (or an "all" one) sends and schedules.
    if settings.role != "web":
        await outbox.start()
        if settings.scheduler:
            await jobs.start()


def sweeping(settings: Settings, jobs: JobRunner) -> Callable[[], bool]:
    """Whether this process draws the files left over now: the jobs' leader does. A process
    running no scheduler (ANTT_SCHEDULER=false) never leads, and what it queued again (a
    worker died under a drawing, a stop cut one short) would wait for ever: it sweeps too
    (taking a row compares its attempt number: two sweepers never deliver one file twice)."""
    if settings.role == "web":
        return lambda: False
    if not settings.scheduler:
        return lambda: True
    return lambda: jobs.is_leader


def create_app(
    settings: Settings, database: Database | None = None, render_pool: RenderPool | None = None
) -> FastAPI:
    """Build the app; migrations must already be applied (the CLI does it before serving).
    The render pool's workers start on its first drawing (tests share one)."""
    db = database or Database(settings.resolved_database_url)
    conversation = Conversation(settings, db, render_pool)
    channels = [plugin.build(conversation) for plugin in registry.configured(settings)]
    outbox = outbox_for(db, channels, conversation)
    jobs = JobRunner(
        db,
        conversation.repository,
        settings.zone,
        conversation.now,
        renderer=InProcess(),
        keeping=Keeping(
            flow_timeout=conversation.flow_timeout,
            outbox=timedelta(days=settings.outbox_retention_days),
            retention=Retention(
                entries_days=settings.retain_entries_days,
                tips_days=settings.retain_tips_days,
                attachments_days=settings.retain_attachments_days,
                audit_days=settings.retain_audit_days,
                files_days=settings.retain_files_days,
            ),
        ),
        drafting=Drafting(settings.report_draft_days),
        jobs=JOBS + daily_backup(settings),
        draw=pooled(conversation.render_pool),  # the weekly board's charts, off the event loop
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # Every offered catalog is read before serving, off the event loop: no first message
        # waits on parsing, and a catalog that does not parse stops the start.
        await asyncio.to_thread(read_all)
        await start_by_role(settings, channels, outbox, jobs)
        # The leader also draws the files left over (a job's drafts, a stopped process's).
        await conversation.drawer.start(sweeping(settings, jobs))
        try:
            yield
        finally:
            await conversation.drawer.stop()  # drawings under way are queued for the next
            if render_pool is None:  # we made it: its workers go too
                await conversation.render_pool.close()
            await jobs.stop()
            await outbox.stop()
            for channel in channels:
                await channel.stop()
            await db.dispose()  # connections closed, SQLite's WAL checkpointed
            if database is None:  # we made it: its worker thread goes too
                db.close()

    app = FastAPI(
        title="antt-bot",
        summary="Web chat of antt-bot (Lực lượng tham gia bảo vệ ANTT ở cơ sở)",
        version="0.1.0",
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.state.conversation = conversation
    app.state.channels = {channel.name: channel for channel in channels}
    for channel in channels:  # app.state.<channel name>, as tests and operators reach it
        setattr(app.state, channel.name, channel)
    app.state.jobs = jobs
    app.state.render_pool = conversation.render_pool
    app.state.outbox = outbox
    if settings.role != "jobs":  # a jobs process serves its health check only
        for channel in channels:
            channel.serve_on(app)
        serve_console(app, conversation)
    app.add_middleware(BodyLimit, limit_for=body_limit_of(channels))

    @app.get("/healthz", include_in_schema=False)
    async def health() -> JSONResponse:
        # An orchestrator restarts or stops routing to a process whose database is gone.
        if await db.answers(HEALTH_TIMEOUT):
            return JSONResponse({"status": "ok"})
        return JSONResponse({"status": "database unavailable"}, status_code=503)

    observe(app, settings, db, conversation, outbox, jobs)

    @app.exception_handler(SQLAlchemyError)
    @app.exception_handler(OSError)
    async def database_away(request: Request, error: Exception) -> JSONResponse:
        # A read (the page's poll, a file) while the database is away: say so, not a 500.
        log.warning(
            "web: %s %s while the database is away: %s",
            request.method,
            request.url.path[:12],
            type(error).__name__,
        )
        away = text("http_database_away", DEFAULT_LANGUAGE)
        return JSONResponse({"detail": away}, status_code=503)

    return app


def observe(
    app: FastAPI,
    settings: Settings,
    db: Database,
    conversation: Conversation,
    outbox: OutboxSender,
    jobs: JobRunner,
) -> None:
    """/livez, and /metrics when ANTT_METRICS is on (prometheus-client is imported only then)."""

    @app.get("/livez", include_in_schema=False)
    async def alive() -> JSONResponse:
        # Liveness: the event loop answers; a database outage is readiness's (/healthz), and
        # restarting the process would not bring the database back.
        return JSONResponse({"status": "alive"})

    if settings.metrics:
        from bot.metrics import allowed_networks, serve_metrics

        networks = allowed_networks(settings.metrics_allow)
        serve_metrics(app, networks, db, conversation, outbox, jobs)
