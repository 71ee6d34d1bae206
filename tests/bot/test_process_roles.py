"""`antt-bot run --role web|jobs|all`: what each kind of process starts and serves, and the
migrations that processes starting together take in turn."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import inspect as schema_of
from sqlalchemy import make_url
from typer.testing import CliRunner

from bot.app import create_app
from bot.cli import app as cli
from bot.settings import Settings
from storage.database import Database
from storage.migrate import migration_lock_path
from tests.conftest import POSTGRES_URL, _admin_execute

ROOT = Path(__file__).resolve().parents[2]
CLOSED = "http://127.0.0.1:9"  # nothing answers there


def client(app: Any) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver")


async def test_a_web_process_serves_the_chat_and_never_leads(
    settings: Settings, database: Database
) -> None:
    # A Zalo token without a webhook: the jobs process polls it, never a web process.
    web = settings.model_copy(
        update={"role": "web", "zalo_token": "1:zalo-secret-abcdefgh", "zalo_api_url": CLOSED}
    )
    app = create_app(web, database)
    async with app.router.lifespan_context(app), client(app) as http:
        response = await http.post("/api/web/messages", json={"text": "xin chào"})
        assert response.status_code == 200 and response.json()["messages"]
        assert (await http.get("/quanly/")).status_code != 404
        assert (await http.get("/healthz")).status_code == 200
        await asyncio.sleep(0)  # a leader's task would have begun by now
        assert not app.state.jobs.leadership.held
        assert not app.state.outbox.leadership.held
        assert app.state.zalo._poller is None


async def test_a_jobs_process_leads_and_serves_its_health_only(
    settings: Settings, database: Database
) -> None:
    jobs = settings.model_copy(update={"role": "jobs"})
    app = create_app(jobs, database)
    async with app.router.lifespan_context(app), client(app) as http:
        assert (await http.get("/healthz")).status_code == 200
        for path in ("/", "/quanly/", "/api/web/messages"):
            assert (await http.get(path)).status_code == 404, path
        assert app.state.jobs.leadership.held
        for _ in range(100):  # the outbox takes its lead in a task of its own
            if app.state.outbox.leadership.held:
                break
            await asyncio.sleep(0.01)
        assert app.state.outbox.leadership.held
    assert not app.state.jobs.leadership.held  # let go at the stop


def test_the_role_option_is_checked_and_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, database_url: str
) -> None:
    import uvicorn

    from bot import logs

    monkeypatch.setenv("ANTT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ANTT_LANGUAGE", "en")
    monkeypatch.setattr(logs, "configure", lambda secrets, **_: None)
    served: list[Any] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kwargs: served.append(app))
    runner = CliRunner()

    monkeypatch.setenv("ANTT_DATABASE_URL", "sqlite:///:memory:")
    refused = runner.invoke(cli, ["run", "--role", "web"])
    assert refused.exit_code == 2 and "in-memory" in refused.output
    assert runner.invoke(cli, ["run", "--role", "both"]).exit_code == 2

    monkeypatch.setenv("ANTT_DATABASE_URL", database_url)
    monkeypatch.setenv("ANTT_TELEGRAM_TOKEN", "123456:" + "A" * 35)
    said = runner.invoke(cli, ["run", "--role", "web"])
    assert said.exit_code == 0, said.output
    assert "Web process" in said.output and "ANTT_TELEGRAM_WEBHOOK_URL" in said.output
    assert "demo data" not in said.output.lower()  # a web process never makes the demo
    said = runner.invoke(cli, ["run", "--role", "jobs"])
    assert said.exit_code == 0 and "Jobs process" in said.output, said.output
    assert len(served) == 2
    database = Database(database_url)
    try:
        tables = database.run_blocking(lambda c: schema_of(c).get_table_names())
        units = database.run_blocking(
            lambda c: c.exec_driver_sql("SELECT count(*) FROM units").scalar_one()
        )
    finally:
        database.close()
    assert "entries" in tables and units == 0


MIGRATE = "import sys; from storage.migrate import upgrade; upgrade(sys.argv[1])"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def empty_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database nobody migrated yet."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'antt.db'}"
        return
    assert POSTGRES_URL
    name = f"antt_test_roles_{uuid.uuid4().hex[:10]}"
    asyncio.run(_admin_execute(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        asyncio.run(_admin_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def test_processes_starting_together_migrate_in_turn(empty_database: str) -> None:
    """Two processes upgrading one new database at once: both end well, the schema whole
    (PostgreSQL: an advisory lock; SQLite: a lock file beside the database)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", MIGRATE, empty_database],
            cwd=ROOT,
            env=env,
            stderr=subprocess.PIPE,
        )
        for _ in range(2)
    ]
    for process in runs:
        _, errors = process.communicate(timeout=180)
        assert process.returncode == 0, errors.decode()
    database = Database(empty_database)
    try:
        heads = database.run_blocking(
            lambda c: c.exec_driver_sql("SELECT count(*) FROM alembic_version").scalar_one()
        )
    finally:
        database.close()
    assert heads == 1


def test_the_migration_lock_file_sits_beside_a_sqlite_file(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'antt.db'}"
    assert migration_lock_path(url) == tmp_path / "antt.db.migrate.lock"
    assert migration_lock_path("sqlite:///:memory:") is None
    assert migration_lock_path("postgresql://u@h/db") is None
