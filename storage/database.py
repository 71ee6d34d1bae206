"""The database runner: every unit of work is one function run in one transaction.

SQLite: a sync engine; a short unit of work (one message) runs right in the event loop's
thread, since with WAL and synchronous=NORMAL a commit does not wait for the disk and a thread
hop costs more than the work (bench/telegram_throughput.py: about 440 -> 510 updates/s).
That thread keeps one connection open instead of checking one out of the pool per message
(an empty transaction: 145 -> 31 us with BEGIN IMMEDIATE sent straight to the driver).
Long work (`run_long`: reports, imports) goes to one dedicated thread instead. BEGIN IMMEDIATE
makes other processes wait for the write lock instead of failing mid-transaction. SQLite's
automatic checkpoint ran inside every ~85th commit of that kept connection (~1,000 pages copied
and synced, 10-18 ms with every other chat waiting): a thread of its own now copies the WAL
every `CHECKPOINT_EVERY` commits (PASSIVE: it never blocks the writer), and the automatic one,
needed to start the WAL over (only a writer finding it all copied can), comes rarely and finds
little left to copy.
PostgreSQL: asyncpg through SQLAlchemy's async engine. The whole unit of work (checkout,
statements, commit, checkin) runs in one greenlet on the engine's sync face, as SQLAlchemy's
own `run_sync` does for the statements alone: an empty transaction costs ~85 us of CPU
instead of ~280 us through `AsyncEngine.begin()` + `run_sync`. Row locks (SELECT ... FOR
UPDATE) serialise turns of one chat across processes.
(The design card's measurements: a single-thread sync SQLite transaction ran at about twice
the speed of SQLAlchemy's async adapter over aiosqlite, so the hot path does not use it.)
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event, make_url
from sqlalchemy.engine import URL
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.util import greenlet_spawn

T = TypeVar("T")
log = logging.getLogger(__name__)
POOL_SIZE = 8  # PostgreSQL connections per process
CHECKPOINT_EVERY = 64  # SQLite: the event loop's commits between two background checkpoints
WAL_PAGES = 4000  # SQLite: the kept connection's automatic checkpoint (the default is 1,000)


class DatabaseUrlError(ValueError):
    pass


def normalize_url(raw: str) -> URL:
    """Map user-facing URLs to the drivers we run: pysqlite for SQLite, asyncpg for PostgreSQL."""
    try:
        url = make_url(raw)
    except Exception as exc:  # SQLAlchemy raises ArgumentError with a long text
        raise DatabaseUrlError(f"not a database URL: {raw!r}") from exc
    backend = url.get_backend_name()
    if backend == "sqlite":
        return url.set(drivername="sqlite+pysqlite")
    if backend in ("postgresql", "postgres"):
        return url.set(drivername="postgresql+asyncpg")
    raise DatabaseUrlError(f"unsupported database {backend!r}; use sqlite or postgresql")


class Database:
    def __init__(self, raw_url: str, *, echo: bool = False) -> None:
        self.url = normalize_url(raw_url)
        self.is_sqlite = self.url.get_backend_name() == "sqlite"
        self._sync_engine: Engine | None = None
        self._async_engine: AsyncEngine | None = None
        self._executor: ThreadPoolExecutor | None = None
        self._blocking_engine: Engine | None = None
        # SQLite: the connection kept open for short work, and the thread it belongs to.
        self._inline: Connection | None = None
        self._inline_thread: int | None = None
        self._commits = 0  # on the kept connection since the last background checkpoint
        self._checkpointer: ThreadPoolExecutor | None = None
        self._checkpointing: Future[None] | None = None
        if self.is_sqlite:
            self._sync_engine = _sqlite_engine(self.url, echo=echo)
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="antt-db")
            self._checkpointer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="antt-wal")
        else:
            # A fixed pool, no overflow: under a steady load above pool_size, overflow
            # connections were opened and closed again every few turns (430 new connections
            # for 4,200 messages in bench/telegram_throughput.py, each a server process to
            # fork and codecs to set up), which cost more CPU than waiting for a free one.
            # A few connections keep a 2-core server busy; more only add contention.
            self._async_engine = create_async_engine(
                self.url,
                echo=echo,
                pool_size=POOL_SIZE,
                max_overflow=0,
                pool_recycle=1800,
                hide_parameters=True,  # an error's log line never quotes what members typed
            )

    async def run(self, work: Callable[[Connection], T]) -> T:
        """Run a short `work(connection)` in one transaction; commit when it returns, roll back
        if it raises."""
        if self._sync_engine is not None:
            return self._run_inline(work)
        return await self._run_postgres(work)

    async def run_long(self, work: Callable[[Connection], T]) -> T:
        """Like `run`, for work long enough that it must not hold up the event loop."""
        if self._sync_engine is not None and self._executor is not None:
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(self._executor, self._run_sqlite, work)
        return await self._run_postgres(work)

    async def _run_postgres(self, work: Callable[[Connection], T]) -> T:
        assert self._async_engine is not None
        return await greenlet_spawn(_in_transaction, self._async_engine.sync_engine, work)

    def _run_inline(self, work: Callable[[Connection], T]) -> T:
        """SQLite, in the event loop's thread, on the connection kept for it."""
        assert self._sync_engine is not None
        thread = threading.get_ident()
        if self._inline is None or self._inline.closed or self._inline.invalidated:
            if self._inline is not None:
                self._inline.close()
            self._inline, self._inline_thread = self._sync_engine.connect(), thread
            _driver_execute(self._inline, f"PRAGMA wal_autocheckpoint={WAL_PAGES}")
        elif self._inline_thread != thread:  # another thread (a second event loop): the pool's
            return self._run_sqlite(work)
        with self._inline.begin():
            done = work(self._inline)
        self._commits += 1
        if self._commits >= CHECKPOINT_EVERY and self._checkpointing is None:
            assert self._checkpointer is not None
            self._commits = 0
            self._checkpointing = self._checkpointer.submit(self._passive_checkpoint)
        return done

    def _passive_checkpoint(self) -> None:
        """Copy what the WAL holds into the database file, in the checkpoint thread."""
        assert self._sync_engine is not None
        try:
            raw = self._sync_engine.raw_connection()
            try:
                cursor = raw.cursor()
                cursor.execute("PRAGMA wal_checkpoint(PASSIVE)")
                cursor.close()
            finally:
                raw.close()
        except Exception:  # the next one tries again; the WAL only grows meanwhile
            log.warning("database: background checkpoint failed", exc_info=True)
        finally:
            self._checkpointing = None

    def _run_sqlite(self, work: Callable[[Connection], T]) -> T:
        assert self._sync_engine is not None
        return _in_transaction(self._sync_engine, work)

    def blocking_engine(self) -> Engine:
        """A synchronous engine on the same database, for libraries that need one (APScheduler's
        job store): SQLite's own engine; for PostgreSQL a small psycopg pool."""
        if self._sync_engine is not None:
            return self._sync_engine
        if self._blocking_engine is None:
            self._blocking_engine = create_engine(
                self.url.set(drivername="postgresql+psycopg"),
                pool_size=1,
                max_overflow=1,
                hide_parameters=True,
            )
        return self._blocking_engine

    def advisory_dsn(self) -> str | None:
        """A plain libpq URL for a dedicated connection (PostgreSQL's advisory lock); None on
        SQLite, where one process is the only one."""
        if self.is_sqlite:
            return None
        return self.url.set(drivername="postgresql").render_as_string(hide_password=False)

    async def answers(self, timeout: float) -> bool:
        """Whether the database answers a read within `timeout` seconds (the health check).
        On a connection of its own: a pool busy with long work is not an outage, and a server
        that accepts a connection but never answers must not hold the caller up."""
        try:
            if self.is_sqlite:
                # A thread of its own: the database's one worker thread may be on a long report.
                await asyncio.wait_for(asyncio.to_thread(self._sqlite_answers, timeout), timeout)
            else:
                await asyncio.wait_for(self._postgres_answers(timeout), timeout)
        except Exception:  # refused, gone, unreadable, not a database, timed out: not answering
            return False
        return True

    def _sqlite_answers(self, timeout: float) -> None:
        path = self.url.database
        if not path or path == ":memory:":
            return
        # Read-only: a missing file is an outage, not a new empty database to create.
        uri = f"{Path(path).absolute().as_uri()}?mode=ro"
        with contextlib.closing(sqlite3.connect(uri, uri=True, timeout=timeout)) as connection:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()

    async def _postgres_answers(self, timeout: float) -> None:
        import asyncpg  # the driver SQLAlchemy runs; a plain connection, outside the pool

        dsn = self.url.set(drivername="postgresql").render_as_string(hide_password=False)
        connection = await asyncpg.connect(dsn, timeout=timeout)
        try:
            await connection.fetchval("SELECT 1")
        finally:
            await connection.close(timeout=timeout)

    def pool_in_use(self) -> int:
        """Connections checked out of the pool now (the metrics' saturation gauge). SQLite:
        the event loop's kept connection and the long-work thread's, when in use."""
        engine = self._async_engine.sync_engine if self._async_engine else self._sync_engine
        assert engine is not None
        checkedout = getattr(engine.pool, "checkedout", None)
        return int(checkedout()) if callable(checkedout) else 0

    def run_blocking(self, work: Callable[[Connection], T]) -> T:
        """For the CLI and start-up, outside any event loop."""
        return asyncio.run(self._run_once(work))

    async def _run_once(self, work: Callable[[Connection], T]) -> T:
        try:
            return await self.run(work)
        finally:
            await self.dispose()

    async def dispose(self) -> None:
        if self._inline is not None:
            self._inline.close()
            self._inline = None
        pending = self._checkpointing
        if pending is not None:  # the checkpoint at shutdown below would find it busy
            await asyncio.wrap_future(pending)
        if self._async_engine is not None:
            await self._async_engine.dispose()
        if self._sync_engine is not None:
            self._checkpoint()
            self._sync_engine.dispose()
        if self._blocking_engine is not None:
            self._blocking_engine.dispose()

    async def forget_log(self) -> None:
        """SQLite: checkpoint and empty the WAL now (best effort), so what was just deleted (an
        erasure) does not linger in the WAL file's old frames until the bot stops. Nothing on
        PostgreSQL (its WAL is the server's)."""
        if self._sync_engine is None or self._executor is None:
            return
        await asyncio.get_running_loop().run_in_executor(self._executor, self._checkpoint)

    def _checkpoint(self) -> None:
        """SQLite: move the WAL into the database file and empty it, so a stopped bot leaves
        one whole file (a copy of it alone is a complete backup). Another process still using
        the database keeps its WAL: then this does what it can."""
        assert self._sync_engine is not None
        try:
            raw = self._sync_engine.raw_connection()
        except Exception:  # the file went away: nothing to checkpoint
            log.warning("database: no checkpoint at shutdown", exc_info=True)
            return
        try:
            cursor = raw.cursor()
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            busy = cursor.fetchone()
            cursor.close()
            if busy and busy[0]:
                log.info("database: another process holds the WAL; checkpoint left to it")
        except Exception:
            log.warning("database: checkpoint at shutdown failed", exc_info=True)
        finally:
            raw.close()

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True)
        if self._checkpointer is not None:
            self._checkpointer.shutdown(wait=True)


def _driver_execute(connection: Connection, statement: str) -> None:
    driver = connection.connection.dbapi_connection
    assert driver is not None
    cursor = driver.cursor()
    cursor.execute(statement)
    cursor.close()


def _in_transaction(engine: Engine, work: Callable[[Connection], T]) -> T:
    with engine.begin() as connection:
        return work(connection)


def _sqlite_engine(url: URL, *, echo: bool) -> Engine:
    path = url.database
    if path and path != ":memory:" and not path.startswith("file:"):
        # SQLite gives its WAL and shared-memory files the database file's mode: made 0600
        # here, all three are private whatever the umask.
        Path(path).touch(mode=0o600, exist_ok=True)
    engine = create_engine(
        url,
        echo=echo,
        connect_args={"check_same_thread": False},
        hide_parameters=True,  # an error's log line never quotes what members typed
    )

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control from the driver so BEGIN IMMEDIATE below is ours.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        # Deleted rows (an erasure, retention) are overwritten, not left in free pages: some
        # SQLite builds default to off.
        cursor.execute("PRAGMA secure_delete=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        # Straight to the driver: through `exec_driver_sql` this statement cost ~35 us a turn.
        driver = connection.connection.dbapi_connection
        assert driver is not None
        cursor = driver.cursor()
        cursor.execute("BEGIN IMMEDIATE")
        cursor.close()

    return engine
