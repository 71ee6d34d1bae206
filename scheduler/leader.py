"""Leadership: which one of the processes serving a bot runs a one-process task (the jobs,
the paced outbox).

PostgreSQL: an advisory lock held on a connection of its own. SQLite in a file: an exclusive
lock on a file next to the database (the kernel drops it when the process dies, so a second
process on the same file takes over). An in-memory database has one process by nature.
"""

from __future__ import annotations

import fcntl
import logging
import os
from pathlib import Path

import asyncpg

from storage.database import Database

log = logging.getLogger(__name__)


class Leadership:
    def __init__(self, database: Database, key: int, name: str) -> None:
        self.database = database
        self.key = key
        self.name = name
        self._connection: asyncpg.Connection | None = None
        self._lock_file: int | None = None

    @property
    def held(self) -> bool:
        return self._connection is not None or self._lock_file is not None

    async def acquire(self) -> bool:
        """Try once; True if this process leads (now or already)."""
        if self.held:
            return True
        dsn = self.database.advisory_dsn()
        if dsn is not None:
            return await self._advisory_lock(dsn)
        path = self._lock_path()
        if path is None:
            self._lock_file = -1  # in memory: nobody else can share it
            return True
        return self._file_lock(path)

    async def release(self) -> None:
        if self._connection is not None:
            await self._connection.close()  # releases the advisory lock
            self._connection = None
        if self._lock_file is not None:
            if self._lock_file >= 0:
                os.close(self._lock_file)  # releases the file lock
            self._lock_file = None

    async def _advisory_lock(self, dsn: str) -> bool:
        try:
            connection = await asyncpg.connect(dsn)
        except (OSError, asyncpg.PostgresError):
            log.warning("%s: no connection for the leader lock; will try again", self.name)
            return False
        if await connection.fetchval("SELECT pg_try_advisory_lock($1)", self.key):
            self._connection = connection
            return True
        await connection.close()
        return False

    def _lock_path(self) -> Path | None:
        name = self.database.url.database
        if not name or name == ":memory:" or name.startswith("file:"):
            return None
        return Path(f"{name}.{self.name}.lock")

    def _file_lock(self, path: Path) -> bool:
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(descriptor)
            return False
        self._lock_file = descriptor
        return True
