"""Shared fixtures: a real database (SQLite, and PostgreSQL when ANTT_TEST_POSTGRES_URL is set),
settings in a temporary data dir, the ASGI app and a web chat user driving it."""

from __future__ import annotations

import asyncio
import io
import os
import shutil
import sqlite3
import uuid
from collections import deque
from collections.abc import AsyncIterator, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import closing
from datetime import datetime
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from PIL import Image
from sqlalchemy import make_url

from bot.app import create_app
from bot.render_pool import RenderPool
from bot.settings import Settings, load_settings
from services.demo import DemoInvites, ensure_demo
from storage.database import Database
from storage.migrate import upgrade
from storage.unit_of_work import UnitOfWork

POSTGRES_URL = os.environ.get("ANTT_TEST_POSTGRES_URL")
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if POSTGRES_URL:
        return
    skip = pytest.mark.skip(reason="ANTT_TEST_POSTGRES_URL is not set")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "postgres: needs the PostgreSQL server")


async def _admin_execute(sql: str) -> None:
    assert POSTGRES_URL
    url = make_url(POSTGRES_URL)
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


# A DROP DATABASE waits for a checkpoint (seconds on a busy disk): the next test need not wait
# for it too. Dropped in a thread of their own, a few at most waiting; all done by the end.
_DROPPER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="drop-database")
_DROPPING: deque[Future[None]] = deque()
MAX_DROPPING = 4


def drop_later(name: str) -> None:
    """Drop the test database `name` in the background (its test is over)."""
    while len(_DROPPING) >= MAX_DROPPING:
        _DROPPING.popleft().result()
    _DROPPING.append(
        _DROPPER.submit(
            asyncio.run, _admin_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        )
    )


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    while _DROPPING:
        _DROPPING.popleft().result()
    _DROPPER.shutdown()


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file the migrations ran on once for the whole run: a test copies it (running
    the migrations costs about a second a test)."""
    path = tmp_path_factory.mktemp("migrated") / "antt.db"
    upgrade(f"sqlite:///{path}")
    with closing(sqlite3.connect(path)) as connection:  # all in the file, no -wal beside it
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def migrated_sqlite_copy(template: Path, path: Path) -> str:
    """The URL of a fresh, migrated SQLite database at `path` (a copy of `template`)."""
    shutil.copyfile(template, path)
    return f"sqlite:///{path}"


@pytest.fixture(scope="session")
def migrated_postgres() -> Iterator[str]:
    """A PostgreSQL database the migrations ran on once for the whole run, the template each
    test's database is created from (nobody connects to it after)."""
    assert POSTGRES_URL
    name = f"antt_test_template_{uuid.uuid4().hex[:12]}"
    asyncio.run(_admin_execute(f'CREATE DATABASE "{name}"'))
    try:
        upgrade(make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False))
        yield name
    finally:
        asyncio.run(_admin_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, migrated database for one test: a copy of the run's migrated one."""
    if request.param == "sqlite":
        yield migrated_sqlite_copy(request.getfixturevalue("migrated_sqlite"), tmp_path / "antt.db")
        return
    assert POSTGRES_URL
    template = request.getfixturevalue("migrated_postgres")
    name = f"antt_test_{uuid.uuid4().hex[:12]}"
    asyncio.run(_admin_execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    url = make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        drop_later(name)


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return load_settings(data_dir=tmp_path / "data", database_url=database_url, secret_key="k" * 40)


@pytest.fixture
def demo(settings: Settings) -> DemoInvites:
    """The demo's units, roster and codes, without its plan: tests load the plan they
    exercise (the demo plan has its own tests, tests/bot/test_demo.py)."""
    database = Database(settings.resolved_database_url)
    return database.run_blocking(
        lambda c: ensure_demo(UnitOfWork(c).units, datetime.now(settings.zone), plan=False)
    )


@pytest.fixture
async def database(settings: Settings) -> AsyncIterator[Database]:
    db = Database(settings.resolved_database_url)
    yield db
    await db.dispose()
    db.close()


@pytest.fixture(scope="session")
def render_pool() -> Iterator[RenderPool]:
    """One worker process for the whole run, started on the first drawing (a spawned worker
    costs a second or two to start: not one per test)."""
    pool = RenderPool(1)
    yield pool
    pool.shutdown()


@pytest.fixture
async def app(settings: Settings, database: Database, render_pool: RenderPool) -> Any:
    made = create_app(settings, database, render_pool)
    yield made
    await made.state.conversation.drawer.stop()


class WebUser:
    """A person in the web chat: their own cookie jar, typing and tapping like on the page."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.client = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://testserver"
        )
        self.last: list[dict[str, Any]] = []

    async def post(self, body: dict[str, Any]) -> list[dict[str, Any]]:
        response = await self.client.post("/api/web/messages", json=body)
        assert response.status_code == 200, response.text
        self.last = response.json()["messages"]
        return self.last

    async def say(self, text: str, message_id: str | None = None) -> list[dict[str, Any]]:
        body: dict[str, Any] = {"text": text}
        if message_id:
            body["message_id"] = message_id
        return await self.post(body)

    def choice_id(self, label: str) -> str:
        for message in reversed(self.last):
            for choice in message["choices"]:
                if label.casefold() in choice["label"].casefold():
                    return str(choice["id"])
        shown = [c["label"] for m in self.last for c in m["choices"]]
        raise AssertionError(f"no choice {label!r} among {shown}")

    async def tap(self, label: str, message_id: str | None = None) -> list[dict[str, Any]]:
        body: dict[str, Any] = {"choice": self.choice_id(label)}
        if message_id:
            body["message_id"] = message_id
        return await self.post(body)

    async def photo(self, data: bytes, name: str = "a.jpg") -> list[dict[str, Any]]:
        response = await self.client.post(
            "/api/web/messages", files={"photo": (name, data, "image/jpeg")}
        )
        assert response.status_code == 200, response.text
        self.last = response.json()["messages"]
        return self.last

    async def inbox(self, after: int = 0) -> list[dict[str, Any]]:
        response = await self.client.get("/api/web/messages", params={"after": after})
        assert response.status_code == 200
        return list(response.json()["messages"])

    async def drawn(self) -> list[dict[str, Any]]:
        """The last reply and what followed it once the files it asked for were drawn (a
        chart, a workbook, a report: sent when ready, as the page's poll shows them)."""
        await self.app.state.conversation.drawer.drain()
        after = max((m["id"] or 0 for m in self.last), default=0)
        self.last = [*self.last, *await self.inbox(after)]
        return self.last

    @property
    def text(self) -> str:
        """What the person sees: the texts and the buttons under them."""
        lines = []
        for message in self.last:
            lines.append(message["text"])
            lines.extend(f"[{c['label']}]" for c in message["choices"])
        return "\n".join(lines)

    async def register(self, code: str, name: str = "Nguyễn Thị Hoa") -> None:
        await self.say(f"/start {code}")
        if "Họ và tên" in self.text:
            await self.say(name)
        await self.tap("Đồng ý")
        assert "Đăng ký thành công" in self.text, self.text

    async def close(self) -> None:
        await self.client.aclose()


@pytest.fixture
async def users(app: Any) -> AsyncIterator[Any]:
    made: list[WebUser] = []

    def make() -> WebUser:
        user = WebUser(app)
        made.append(user)
        return user

    yield make
    for user in made:
        await user.close()


def _tiny_jpeg() -> bytes:
    """A real 8x8 JPEG: photos must decode, a header alone is refused."""
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(buffer, "JPEG")
    return buffer.getvalue()


JPEG = _tiny_jpeg()
