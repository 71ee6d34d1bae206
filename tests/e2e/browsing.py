"""What the browser tests share: a served web chat on a fresh SQLite with the demo, headless
Chromium, phone-sized pages and the gestures of a person using the page."""

from __future__ import annotations

import io
import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
import uvicorn
from PIL import Image

from bot.app import create_app
from bot.settings import load_settings
from services.demo import DemoInvites, ensure_demo
from storage.database import Database
from storage.unit_of_work import UnitOfWork
from tests.conftest import migrated_sqlite_copy

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None:
    if os.environ.get("ANTT_REQUIRE_BROWSER"):
        raise RuntimeError("Chromium is required for the browser test (apt-get install chromium)")
    pytest.skip("Chromium is not installed", allow_module_level=True)

from playwright.sync_api import Browser, Page, expect, sync_playwright  # noqa: E402

# A bound on each wait for the page to show something, not a timing check: generous, so a
# loaded machine passes.
expect.set_options(timeout=60_000)

# A name for this machine that is not "localhost": a page opened by it is not a secure context,
# as on a phone reaching the server by its LAN address over plain http.
LAN_NAME = "antt-chat.test"


def tiny_png() -> bytes:
    """A real 2x2 PNG: what a phone's camera sends is larger, but the path is the same."""
    buffer = io.BytesIO()
    Image.new("RGB", (2, 2), (30, 120, 200)).save(buffer, "PNG")
    return buffer.getvalue()


PNG = tiny_png()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path, migrated_sqlite: Path) -> Iterator[tuple[str, DemoInvites]]:
    url = migrated_sqlite_copy(migrated_sqlite, tmp_path / "antt.db")
    settings = load_settings(data_dir=tmp_path, database_url=url, secret_key="b" * 40)
    demo = Database(url).run_blocking(
        lambda c: ensure_demo(UnitOfWork(c).units, datetime.now(settings.zone))
    )
    port = free_port()
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    web = uvicorn.Server(config)
    thread = threading.Thread(target=web.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60  # a bound for a hung start, not a timing check
    while not web.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert web.started, "the web chat did not start"
    yield f"http://127.0.0.1:{port}/", demo
    web.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def browser() -> Iterator[Browser]:
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
                f"--host-resolver-rules=MAP {LAN_NAME} 127.0.0.1",
            ],
        )
        yield chromium
        chromium.close()


def phone(
    browser: Browser, where: tuple[float, float] | None = None, init_script: str | None = None
) -> Page:
    """A phone-sized page with its own cookies: one person (optionally with GPS allowed)."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="vi-VN", is_mobile=True, has_touch=True
    )
    if init_script is not None:
        context.add_init_script(init_script)
    if where is not None:
        context.grant_permissions(["geolocation"])
        context.set_geolocation({"latitude": where[0], "longitude": where[1]})
    return context.new_page()


@pytest.fixture
def page(browser: Browser) -> Page:
    return phone(browser)


# Records what the page does to call the person: navigator.vibrate and a tone started.
SIGNALS = """
window.signals = [];
navigator.vibrate = (pattern) => { window.signals.push("vibrate"); return true; };
const start = OscillatorNode.prototype.start;
OscillatorNode.prototype.start = function (...args) {
  window.signals.push("beep");
  return start.apply(this, args);
};
"""


def register(page: Page, url: str, code: str, name: str) -> None:
    page.goto(url)
    log = page.locator("#log")
    expect(log).to_contain_text("mã mời")
    send(page, code)
    expect(log).to_contain_text("Họ và tên của bạn?")
    send(page, name)
    expect(log).to_contain_text("dữ liệu cá nhân")
    tap(page, "Đồng ý")
    expect(log).to_contain_text("Đăng ký thành công")


def send(page: Page, text: str) -> None:
    page.get_by_label("Tin nhắn").fill(text)
    page.get_by_role("button", name="Gửi", exact=True).click()


def tap(page: Page, label: str) -> None:
    # The label may follow an icon ("🚨 Báo nguồn tin"); "Đồng ý" must not match "Không đồng ý".
    exact_end = re.compile(rf"(^|\s){re.escape(label)}$")
    page.locator(".choices button:enabled", has_text=exact_end).last.click()
