"""Alembic environment: SQLite through pysqlite, PostgreSQL through asyncpg."""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy import URL, Connection, create_engine, text
from sqlalchemy.ext.asyncio import create_async_engine

from storage.database import normalize_url
from storage.schema import metadata

# Any fixed number: processes starting together on one PostgreSQL migrate one at a time.
MIGRATION_LOCK = 7_302_023


def _migrate(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def _locked_migrate(connection: Connection) -> None:
    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
    _migrate(connection)


async def _run_postgres(url: URL) -> None:
    engine = create_async_engine(url)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(_locked_migrate)
    finally:
        await engine.dispose()


def run() -> None:
    url = normalize_url(context.config.attributes["url"])
    if url.get_backend_name() == "sqlite":
        engine = create_engine(url)
        with engine.begin() as connection:
            _migrate(connection)
        engine.dispose()
    else:
        asyncio.run(_run_postgres(url))


run()
