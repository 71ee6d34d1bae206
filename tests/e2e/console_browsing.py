"""What the console's browser tests share: a served bot (SQLite, the whole demo), a laptop-
and a tablet-sized page, logging in by a one-time link, and a watch on what the page loads
and on any Content-Security-Policy violation."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest
import uvicorn
from playwright.sync_api import Browser, Page, ViewportSize
from sqlalchemy import create_engine

from bot.app import create_app
from bot.settings import Settings, load_settings
from services import console_access
from services.demo import DemoInvites, ensure_demo, ensure_demo_extras
from storage.database import Database
from storage.repository import Repository
from storage.sealing import Sealer
from storage.unit_of_work import UnitOfWork
from tests.bot.test_web_flows import REFERENCE
from tests.conftest import migrated_sqlite_copy
from tests.e2e.browsing import free_port

T = TypeVar("T")
LAPTOP: ViewportSize = {"width": 1366, "height": 768}
TABLET: ViewportSize = {"width": 820, "height": 1180}


@dataclass
class Served:
    url: str  # ends with "/"
    settings: Settings
    demo: DemoInvites
    database: Database

    def run(self, work: Callable[[Repository], T]) -> T:
        """One transaction on the served database, from the test's thread (Playwright's sync
        API holds an event loop there, so not through `Database.run_blocking`)."""
        engine = create_engine(self.settings.resolved_database_url)
        try:
            with engine.begin() as connection:
                return work(Repository(connection, Sealer(self.settings.secret_key)))
        finally:
            engine.dispose()

    def link_for(self, member_id: int) -> str:
        """A one-time link for the member, as `antt-bot console link` prints it."""
        now = datetime.now(self.settings.zone)

        def issue(repository: Repository) -> str:
            member = repository.active_member(member_id)
            assert member is not None
            return console_access.issue_link(repository, member, "cli", now)

        return f"{self.url}quanly/vao#t={self.run(issue)}"

    def member_named(self, full_name: str) -> int:
        found = self.run(lambda repository: repository.members_known_as(full_name))
        assert len(found) == 1, full_name
        return found[0].id


@pytest.fixture
def console_server(tmp_path: Path, migrated_sqlite: Path) -> Iterator[Served]:
    url = migrated_sqlite_copy(migrated_sqlite, tmp_path / "antt.db")
    settings = load_settings(data_dir=tmp_path, database_url=url, secret_key="b" * 40)
    database = Database(url)

    def make_demo(connection: Any) -> DemoInvites:
        work = UnitOfWork(connection, Sealer(settings.secret_key), None, settings.zone)
        now = datetime.now(settings.zone)
        made = ensure_demo(work.units, now)
        repository = Repository(connection, Sealer(settings.secret_key), None, settings.zone)
        ensure_demo_extras(repository, work.units, now)
        return made

    demo = database.run_blocking(make_demo)
    port = free_port()
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    web = uvicorn.Server(config)
    thread = threading.Thread(target=web.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60  # a bound for a hung start, not a timing check
    while not web.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert web.started, "the bot did not start"
    yield Served(f"http://127.0.0.1:{port}/", settings, demo, database)
    web.should_exit = True
    thread.join(timeout=10)
    database.close()


@dataclass
class Watch:
    """What a page asked for, and what Chromium said went wrong (CSP violations are logged to
    the console as errors)."""

    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def foreign(self, own: str) -> list[str]:
        return [url for url in self.requests if not url.startswith(own) and "data:" not in url[:5]]


def desk(
    browser: Browser, size: ViewportSize = LAPTOP, locale: str = "vi-VN"
) -> tuple[Page, Watch]:
    """A laptop-sized page with its own cookies, watched."""
    context = browser.new_context(viewport=size, locale=locale)
    page = context.new_page()
    watch = Watch()
    page.on("request", lambda request: watch.requests.append(request.url))
    page.on(
        "console",
        lambda message: watch.errors.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: watch.errors.append(str(error)))
    return page, watch


class Chat:
    """A person in the web chat of a served bot, through its JSON API (sync: the browser
    tests' thread holds Playwright's event loop)."""

    def __init__(self, url: str) -> None:
        self.client = httpx.Client(base_url=url, timeout=60)
        self.last: list[dict[str, Any]] = []

    def post(self, body: dict[str, Any]) -> str:
        response = self.client.post("/api/web/messages", json=body)
        assert response.status_code == 200, response.text
        self.last = response.json()["messages"]
        return self.text

    def say(self, words: str) -> str:
        return self.post({"text": words})

    def tap(self, label: str) -> str:
        for message in reversed(self.last):
            for choice in message["choices"]:
                if label.casefold() in choice["label"].casefold():
                    return self.post({"choice": choice["id"]})
        raise AssertionError(f"no choice {label!r} in {self.text}")

    def share(self, latitude: float, longitude: float) -> str:
        return self.post({"location": {"latitude": latitude, "longitude": longitude}})

    @property
    def text(self) -> str:
        return "\n".join(
            [m["text"] for m in self.last]
            + [f"[{c['label']}]" for m in self.last for c in m["choices"]]
        )

    def register(self, code: str, name: str) -> None:
        self.say(f"/start {code}")
        if "Họ và tên" in self.text:
            self.say(name)
        self.tap("Đồng ý")
        assert "Đăng ký thành công" in self.text, self.text

    def tip(
        self,
        what: str,
        *,
        informant: tuple[str, str] | None = None,
        at: tuple[float, float] | None = None,
    ) -> str:
        """A tip (a named informant sealed when given; the place shared from the phone when
        `at`); its reference."""
        self.say("/baotin")
        self.tap("Ma túy")
        self.say(what)
        if at:
            self.share(*at)
        else:
            self.say("Nhà hoang cuối xóm 3, thôn Đông")
        self.tap("Bây giờ")
        if informant:
            self.tap("có tên")
            self.say(informant[0])
            self.say(informant[1])
        else:
            self.tap("tôi trực tiếp")
        self.tap("Bình thường")
        self.tap("Bỏ qua")
        self.tap("Lưu")
        return self.saved()

    def saved(self) -> str:
        found = REFERENCE.search(self.text)
        assert found and "Đã lưu" in self.text, self.text
        return found.group(0)
