"""Apply the Alembic migrations (on start and by `antt-bot db upgrade`).

Several processes may start together on one database (web processes and the jobs process):
they migrate one at a time. On PostgreSQL an advisory lock held by the migration's own
transaction does it (storage/migrations/env.py); on SQLite in a file, an exclusive lock on a
file beside the database. The second one then finds the schema at its head and does nothing."""

from __future__ import annotations

import fcntl
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import create_engine, make_url, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

from storage.database import normalize_url

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
_REVISION = re.compile(r'^revision\s*=\s*"([^"]+)"', re.MULTILINE)


def alembic_config(raw_url: str) -> Config:
    # Imported when migrating, not with this module: a process that does not migrate skips it.
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["url"] = raw_url
    return config


def upgrade(raw_url: str, revision: str = "head") -> None:
    """Blocking; call it outside the event loop (or in a worker thread)."""
    if revision == "head" and at_head(raw_url):
        return
    from alembic import command

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


def head() -> str:
    """The newest migration's revision, read from the newest file's text (the chain is linear
    and numbered; a test holds this to Alembic's own answer)."""
    newest = max((MIGRATIONS / "versions").glob("[0-9]*.py"))
    found = _REVISION.search(newest.read_text(encoding="utf-8"))
    if found is None:
        raise ValueError(f"{newest.name} names no revision")
    return found.group(1)


def at_head(raw_url: str) -> bool:
    """Whether an SQLite database is already up to date, asked without Alembic: loading it and
    its 20-odd migration scripts is most of a warm start's migration step (a few tenths of a
    second and ~10 MB kept). PostgreSQL always goes through Alembic (and its lock)."""
    url = normalize_url(raw_url)
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return False
    if not Path(url.database).is_file():
        return False
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            stored = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    except SQLAlchemyError:  # no alembic_version yet
        return False
    finally:
        engine.dispose()
    return [row[0] for row in stored] == [head()]
