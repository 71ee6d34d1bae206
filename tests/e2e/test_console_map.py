"""The console's map in a real headless Chromium: an officer opens the console by the link the
chat gives, and the map shows the commune's located tips as markers, with the list beside
it, over the configured tiles; with no tile server, or one that does not answer, over a plain
background naming the unit. The page asks nothing of any site but the bot (and the tile
server when one is configured), and breaks no rule of the console's CSP."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import uvicorn
from playwright.sync_api import Browser, Page, expect, sync_playwright

from bot.app import create_app
from bot.settings import load_settings
from services.demo import DemoInvites, ensure_demo
from storage.database import Database
from storage.migrate import upgrade
from storage.unit_of_work import UnitOfWork
from tests.e2e.browsing import CHROMIUM, LAN_NAME, PNG, free_port, phone, register, send, tap

TILE_HOSTS = "tiles.test"  # a name for the tile server's subdomains ({s}.tiles.test)
WHERE = ((21.02851, 105.85423), (21.03412, 105.84121))  # two tips, two places in the commune
# Markup in the setting is shown as text: no element is made from it (a style attribute
# would also break the CSP).
CREDIT = '<b style="color:red">© Bản đồ nền nội bộ</b>'
LINK = re.compile(r"(http://\S+/quanly/vao#t=[A-Za-z0-9_-]+)")


@dataclass
class Watched:
    """What the console's page asked of the network and said on its console."""

    requests: list[str] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (text, the resource's URL)


@pytest.fixture
def browser() -> Iterator[Browser]:
    """As tests/e2e/browsing.py's, and the tile server's subdomains lead to this machine."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                f"--host-resolver-rules=MAP {LAN_NAME} 127.0.0.1, MAP *.{TILE_HOSTS} 127.0.0.1",
            ],
        )
        yield chromium
        chromium.close()


class _Tiles(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("content-type", "image/png")
        self.send_header("content-length", str(len(PNG)))
        self.end_headers()
        self.wfile.write(PNG)

    def log_message(self, format: str, *args: Any) -> None:
        return


@contextmanager
def tile_server() -> Iterator[int]:
    """A tile server on this machine answering every tile with a small PNG."""
    tiles = ThreadingHTTPServer(("127.0.0.1", 0), _Tiles)
    thread = threading.Thread(target=tiles.serve_forever, daemon=True)
    thread.start()
    yield int(tiles.server_address[1])
    tiles.shutdown()
    tiles.server_close()


@contextmanager
def served(tmp_path: Path, tiles: str, credit: str) -> Iterator[tuple[str, DemoInvites]]:
    """The bot with its console on a fresh SQLite with the demo, with `tiles` configured."""
    url = f"sqlite:///{tmp_path / 'antt.db'}"
    upgrade(url)
    port = free_port()
    settings = load_settings(
        data_dir=tmp_path,
        database_url=url,
        secret_key="b" * 40,
        web_port=port,
        map_tiles=tiles,
        map_attribution=credit,
    )
    demo = Database(url).run_blocking(
        lambda c: ensure_demo(UnitOfWork(c).units, datetime.now(settings.zone))
    )
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    web = uvicorn.Server(config)
    thread = threading.Thread(target=web.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60  # a bound for a hung start, not a timing check
    while not web.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert web.started, "the bot did not start"
    try:
        yield f"http://127.0.0.1:{port}/", demo
    finally:
        web.should_exit = True
        thread.join(timeout=10)


def log_located_tips(browser: Browser, url: str, demo: DemoInvites) -> None:
    """A member gives two tips from her phone, sharing where she stands each time."""
    member = phone(browser, where=WHERE[0])
    register(member, url, demo.member.code, "Nguyễn Thị Hoa")
    log = member.locator("#log")
    for count, where in enumerate(WHERE, start=1):
        member.context.set_geolocation({"latitude": where[0], "longitude": where[1]})
        tap(member, "Báo nguồn tin")
        tap(member, "Ma túy")
        send(member, "Có người lạ tụ tập ở nhà hoang")
        member.get_by_role("button", name="📍 Gửi vị trí của tôi").click()
        tap(member, "Bây giờ")
        tap(member, "Người dân cung cấp (có tên)")
        send(member, "Bà Lê Thị Kín")
        tap(member, "Bỏ qua")
        tap(member, "Bình thường")
        tap(member, "Bỏ qua")
        tap(member, "Lưu")
        expect(log).to_contain_text(re.compile(rf"NT-\d{{4}}-00000{count}"))
    member.context.close()


def officers_link(browser: Browser, url: str, demo: DemoInvites) -> str:
    """The commune's officer asks the chat for a console link, as the chat says to."""
    officer = phone(browser)
    register(officer, url, demo.officer.code, "Đỗ Văn Công")
    send(officer, "/quanly")
    log = officer.locator("#log")
    link = log.locator("a", has_text="/quanly/vao#t=").last
    expect(link).to_be_visible()
    address = str(link.evaluate("a => a.href"))  # relative on the chat's page: its origin
    found = LINK.fullmatch(address)
    assert found, address
    officer.context.close()
    return found.group(1)


def console_page(browser: Browser, width: int, height: int) -> tuple[Page, Watched]:
    context = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN")
    page = context.new_page()
    watched = Watched()
    page.on("request", lambda request: watched.requests.append(request.url))
    page.on(
        "console",
        lambda message: (
            watched.errors.append((message.text, message.location.get("url", "")))
            if message.type in ("error", "warning")
            else None
        ),
    )
    page.on("pageerror", lambda error: watched.errors.append((str(error), "")))
    return page, watched


def open_map(page: Page, link: str) -> None:
    page.goto(link)  # the login page posts the token from the fragment itself
    expect(page.get_by_role("heading", name="Xin chào Đỗ Văn Công")).to_be_visible()
    page.get_by_role("navigation").get_by_role("link", name="Bản đồ").click()
    expect(page.get_by_role("heading", name="Bản đồ vụ việc và nguồn tin")).to_be_visible()


def origin(address: str) -> str:
    parts = urlsplit(address)
    return f"{parts.scheme}://{parts.netloc}"


def check_map(page: Page, watched: Watched, url: str, tiled: bool, tile_origins: set[str]) -> None:
    rows = page.locator(".map-points li[data-ref]")
    expect(rows).to_have_count(2)
    expect(page.locator(".leaflet-marker-icon")).to_have_count(2)
    box = page.locator("#map-box")
    if tiled:
        expect(page.locator(".leaflet-tile-loaded").first).to_be_visible()
        expect(page.locator(".leaflet-control-attribution")).to_contain_text(CREDIT)
        assert page.locator(".leaflet-control-attribution b").count() == 0
        expect(box).to_have_class(re.compile(r"\btiled\b"))
        expect(page.locator("#map-name")).to_be_hidden()
    else:
        expect(box).to_have_class(re.compile(r"\bplain\b"))
        expect(page.locator(".leaflet-tile")).to_have_count(0)  # the layer is gone
        expect(page.locator("#map-name")).to_contain_text("Xã Hòa Bình")
        expect(page.locator("#map-name")).to_be_visible()
        expect(page.get_by_text("Không có bản đồ nền")).to_be_visible()
    # Both places are in view (fitted to the markers).
    frame = page.locator("#map").bounding_box()
    assert frame
    for marker in page.locator(".leaflet-marker-icon").all():
        spot = marker.bounding_box()
        assert spot and frame["x"] <= spot["x"] <= frame["x"] + frame["width"]
        assert frame["y"] <= spot["y"] <= frame["y"] + frame["height"]
    # A row of the list opens its marker's popup, which links to the entry.
    first = rows.first.get_attribute("data-ref")
    page.get_by_role("button", name=f"Xem {first} trên bản đồ").click()
    popup = page.locator(".leaflet-popup-content")
    expect(popup).to_contain_text(str(first))
    expect(popup.get_by_role("link", name=str(first))).to_have_attribute(
        "href", f"/quanly/muc/{first}"
    )
    assert "Lê Thị Kín" not in page.content()
    # Nothing from another site but the tiles; no script error, no CSP violation.
    asked = {origin(address) for address in watched.requests if not address.startswith("data:")}
    assert asked <= {origin(url), *tile_origins}, asked
    if tiled:
        assert asked & tile_origins, asked
    unexpected = [
        (text, where)
        for text, where in watched.errors
        if not (where and origin(where) in tile_origins and "Failed to load resource" in text)
    ]
    assert unexpected == [], unexpected
    assert not any("Content Security Policy" in text for text, _ in watched.errors)


@dataclass(frozen=True)
class Served:
    url: str
    demo: DemoInvites
    tiled: bool  # tiles configured and answering
    tile_origins: set[str]  # where the page may ask for tiles


@pytest.fixture(params=["none", "unreachable", "reachable"])
def map_server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Served]:
    """The bot with no tile server configured, with one where nothing listens, or with one
    that answers on subdomains ({s}); started before the browser (Playwright's sync API
    holds an event loop in the test's thread)."""
    with tile_server() as tile_port:
        closed = free_port()  # nothing listens there
        template, tile_origins = {
            "none": ("", set()),
            "unreachable": (
                f"http://127.0.0.1:{closed}/{{z}}/{{x}}/{{y}}.png",
                {f"http://127.0.0.1:{closed}"},
            ),
            "reachable": (
                f"http://{{s}}.{TILE_HOSTS}:{tile_port}/{{z}}/{{x}}/{{y}}.png",
                {f"http://{s}.{TILE_HOSTS}:{tile_port}" for s in "abc"},
            ),
        }[request.param]
        with served(tmp_path, template, CREDIT if template else "") as (url, demo):
            yield Served(url, demo, request.param == "reachable", tile_origins)


def test_the_map_shows_the_points_over_tiles_or_a_plain_background(
    map_server: Served, browser: Browser
) -> None:
    url, demo = map_server.url, map_server.demo
    log_located_tips(browser, url, demo)
    link = officers_link(browser, url, demo)
    page, watched = console_page(browser, 1366, 768)
    open_map(page, link)
    check_map(page, watched, url, map_server.tiled, map_server.tile_origins)
    # The list sits beside the map on a laptop, under it on a tablet.
    listed = page.locator(".map-list").bounding_box()
    drawn = page.locator("#map-box").bounding_box()
    assert listed and drawn and listed["x"] >= drawn["x"] + drawn["width"]
    page.set_viewport_size({"width": 820, "height": 1180})
    listed = page.locator(".map-list").bounding_box()
    drawn = page.locator("#map-box").bounding_box()
    assert listed and drawn and listed["y"] >= drawn["y"] + drawn["height"]
    expect(page.locator(".leaflet-marker-icon")).to_have_count(2)
