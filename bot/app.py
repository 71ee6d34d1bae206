"""The ASGI application: the web chat, its API and a health check."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from bot.channels.web import STATIC, WebChat
from bot.conversation import Conversation
from bot.settings import Settings
from storage.database import Database


def create_app(settings: Settings, database: Database | None = None) -> FastAPI:
    """Build the app; migrations must already be applied (the CLI does it before serving)."""
    db = database or Database(settings.resolved_database_url)
    conversation = Conversation(settings, db)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
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
    app.include_router(WebChat(conversation).router())
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/healthz", include_in_schema=False)
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    return app
