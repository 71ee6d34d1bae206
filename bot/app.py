"""The ASGI application: the web chat, its API and a health check."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import SQLAlchemyError
from starlette.types import Scope

from bot import reports
from bot.channels.telegram import CHANNEL as TELEGRAM
from bot.channels.telegram import TelegramChannel
from bot.channels.web import STATIC, WebChat
from bot.channels.web import body_limit as web_body_limit
from bot.channels.zalo import CHANNEL as ZALO
from bot.channels.zalo import ZaloChannel
from bot.conversation import Conversation
from bot.limits import MAX_WEBHOOK_BYTES, TOO_LARGE, BodyLimit
from bot.settings import Settings
from scheduler.dispatch import Courier, Dispatcher, Pace
from scheduler.jobs import Keeping
from scheduler.runner import JobRunner
from storage.database import Database

HEALTH_TIMEOUT = 2.0  # seconds the health check waits for the database
DATABASE_AWAY = "Máy chủ tạm thời không đọc được dữ liệu. Vui lòng thử lại sau ít phút."
log = logging.getLogger(__name__)


def body_limit(scope: Scope) -> tuple[int, str]:
    """The largest body a request may carry, by route (every route is bounded)."""
    if scope["path"].startswith(("/telegram/", "/zalo/")):
        return MAX_WEBHOOK_BYTES, TOO_LARGE
    return web_body_limit(scope)


def create_app(settings: Settings, database: Database | None = None) -> FastAPI:
    """Build the app; migrations must already be applied (the CLI does it before serving)."""
    db = database or Database(settings.resolved_database_url)
    conversation = Conversation(settings, db)
    telegram = TelegramChannel(conversation) if settings.telegram_token else None
    zalo = ZaloChannel(conversation) if settings.zalo_token else None
    couriers: dict[str, Courier] = {}
    if telegram is not None:
        couriers[TELEGRAM] = telegram.pieces
    if zalo is not None:
        couriers[ZALO] = zalo.pieces
    paces = {
        TELEGRAM: Pace(settings.telegram_messages_per_second, settings.telegram_chat_interval),
        ZALO: Pace(settings.zalo_messages_per_second, settings.zalo_chat_interval),
    }
    outbox = Dispatcher(
        db, couriers, paces, conversation.now, progress_every=settings.broadcast_progress_seconds
    )
    if telegram is not None:  # a 429 met by an answer holds this process's outbox back too
        telegram.on_too_fast = outbox.lanes[TELEGRAM].pause
    jobs = JobRunner(
        db,
        conversation.repository,
        settings.zone,
        conversation.now,
        renderer=reports,
        keeping=Keeping(
            flow_timeout=conversation.flow_timeout,
            outbox=timedelta(days=settings.outbox_retention_days),
        ),
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        channels = [c for c in (telegram, zalo) if c is not None]
        for channel in channels:
            await channel.start()
        await outbox.start()
        if settings.scheduler:
            await jobs.start()
        try:
            yield
        finally:
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
    app.state.telegram = telegram
    app.state.zalo = zalo
    app.state.jobs = jobs
    app.state.outbox = outbox
    app.include_router(WebChat(conversation).router())
    for channel in (telegram, zalo):
        if channel is not None and channel.webhook_base:
            app.include_router(channel.router())
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(BodyLimit, limit_for=body_limit)

    @app.get("/healthz", include_in_schema=False)
    async def health() -> JSONResponse:
        # An orchestrator restarts or stops routing to a process whose database is gone.
        if await db.answers(HEALTH_TIMEOUT):
            return JSONResponse({"status": "ok"})
        return JSONResponse({"status": "database unavailable"}, status_code=503)

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
        return JSONResponse({"detail": DATABASE_AWAY}, status_code=503)

    return app
