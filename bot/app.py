"""The ASGI application: the web chat, its API and a health check."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from bot import reports
from bot.channels.telegram import CHANNEL as TELEGRAM
from bot.channels.telegram import TelegramChannel
from bot.channels.web import STATIC, WebChat
from bot.channels.zalo import CHANNEL as ZALO
from bot.channels.zalo import ZaloChannel
from bot.conversation import Conversation
from bot.settings import Settings
from scheduler.dispatch import Courier, Dispatcher, Pace
from scheduler.runner import JobRunner
from storage.database import Database


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
        outbox_retention=timedelta(days=settings.outbox_retention_days),
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
            if database is None:  # we made it, we close it
                await db.dispose()
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

    @app.get("/healthz", include_in_schema=False)
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    return app
