"""Apply the Alembic migrations (on start and by `antt-bot db upgrade`).

Several processes may start together on one database (web processes and the jobs process):
they migrate one at a time. On PostgreSQL an advisory lock held by the migration's own
transaction does it (storage/migrations/env.py); on SQLite in a file, an exclusive lock on a
file beside the database. The second one then finds the schema at its head and does nothing."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import make_url

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(raw_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["url"] = raw_url
    return config


def upgrade(raw_url: str, revision: str = "head") -> None:
    """Blocking; call it outside the event loop (or in a worker thread)."""
    with one_migrator(raw_url):
        command.upgrade(alembic_config(raw_url), revision)


def migration_lock_path(raw_url: str) -> Path | None:
    """The lock file of a SQLite database in a file; None otherwise (PostgreSQL locks in the
    database, an in-memory database has one process)."""
    try:
        url = make_url(raw_url)
    except Exception:  # the migration itself says what is wrong with the URL
        return None
    name = url.database
    if url.get_backend_name() != "sqlite" or not name:
        return None
    if name == ":memory:" or name.startswith("file:"):
        return None
    return Path(f"{name}.migrate.lock")


@contextmanager
def one_migrator(raw_url: str) -> Iterator[None]:
    path = migration_lock_path(raw_url)
    if path is None or not path.parent.is_dir():
        yield
        return
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)  # waits for the other process's migration
        yield
    finally:
        os.close(descriptor)  # releases the lock
