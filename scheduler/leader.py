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
from typing import TYPE_CHECKING

from storage.database import Database

if TYPE_CHECKING:
    import asyncpg

log = logging.getLogger(__name__)
CHECK_TIMEOUT = 5.0  # seconds a check of the lock's connection may take


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

    @property
    def lost_while_alive(self) -> bool:
        """Whether the lead can go while its holder lives (PostgreSQL: with the lock's
        connection). A file lock goes only with its process, or when the process lets go."""
        return self.database.advisory_dsn() is not None

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

    async def still_held(self) -> bool:
        """Whether the lead is still this process's. An advisory lock lasts as long as its
        connection: a restarted server, a proxy's idle timeout or a terminated backend take it
        away without a word, and another process may then lead."""
        if self._connection is None:
            return self._lock_file is not None  # a file lock lasts as long as the process
        try:
            await self._connection.fetchval("SELECT 1", timeout=CHECK_TIMEOUT)
        except Exception:
            log.warning("%s: the leader lock's connection is gone", self.name)
            await self.release()
            return False
        return True

    async def release(self) -> None:
        if self._connection is not None:
            connection, self._connection = self._connection, None
            try:
                await connection.close()  # releases the advisory lock
            except Exception:  # already gone, and the lock with it
                connection.terminate()
        if self._lock_file is not None:
            if self._lock_file >= 0:
                os.close(self._lock_file)  # releases the file lock
            self._lock_file = None

    async def _advisory_lock(self, dsn: str) -> bool:
        import asyncpg  # PostgreSQL's driver: a process on SQLite never loads it

        try:
            # Named, so an operator sees in pg_stat_activity which process leads what.
            connection = await asyncpg.connect(
                dsn, server_settings={"application_name": f"antt-bot {self.name} leader"}
            )
        except (OSError, asyncpg.PostgresError):
            log.warning("%s: no connection for the leader lock; will try again", self.name)
            return False
        try:
            locked = await connection.fetchval("SELECT pg_try_advisory_lock($1)", self.key)
        except Exception:
            connection.terminate()
            raise
        if locked:
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
