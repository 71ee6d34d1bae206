"""A throwaway PostgreSQL database for a benchmark run, dropped afterwards."""

from __future__ import annotations

import uuid

import asyncpg
from sqlalchemy import make_url


async def _execute(server: str, sql: str) -> None:
    url = make_url(server)
    connection = await asyncpg.connect(
        host=url.host,
        port=url.port or 5432,
        user=url.username,
        password=url.password,
        database=url.database or "postgres",
    )
    try:
        await connection.execute(sql)
    finally:
        await connection.close()


async def create(server: str, prefix: str) -> tuple[str, str]:
    """(URL of a new empty database on `server`, its name)."""
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    await _execute(server, f'CREATE DATABASE "{name}"')
    return make_url(server).set(database=name).render_as_string(hide_password=False), name


async def drop(server: str, name: str) -> None:
    await _execute(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
