"""The web chat in a real headless Chromium: register and log a tip by clicking."""

from __future__ import annotations

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

from bot.app import create_app
from bot.settings import load_settings
from storage import admin
from storage.database import Database
from storage.migrate import upgrade

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None:
    if os.environ.get("ANTT_REQUIRE_BROWSER"):
        raise RuntimeError("Chromium is required for the browser test (apt-get install chromium)")
    pytest.skip("Chromium is not installed", allow_module_level=True)

from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, admin.DemoInvites]]:
    url = f"sqlite:///{tmp_path / 'antt.db'}"
    upgrade(url)
    settings = load_settings(data_dir=tmp_path, database_url=url, secret_key="b" * 40)
    demo = Database(url).run_blocking(lambda c: admin.ensure_demo(c, datetime.now(settings.zone)))
    port = _free_port()
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    web = uvicorn.Server(config)
    thread = threading.Thread(target=web.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not web.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert web.started, "the web chat did not start"
    yield f"http://127.0.0.1:{port}/", demo
    web.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def page() -> Iterator[Page]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        context = browser.new_context(
            viewport={"width": 390, "height": 844}, locale="vi-VN", is_mobile=True, has_touch=True
        )
        yield context.new_page()
        context.close()
        browser.close()


def _send(page: Page, text: str) -> None:
    page.get_by_label("Tin nhắn").fill(text)
    page.get_by_role("button", name="Gửi", exact=True).click()


def _tap(page: Page, label: str) -> None:
    # The label may follow an icon ("🚨 Báo nguồn tin"); "Đồng ý" must not match "Không đồng ý".
    exact_end = re.compile(rf"(^|\s){re.escape(label)}$")
    page.locator(".choices button:enabled", has_text=exact_end).last.click()


def test_register_and_log_a_tip_by_clicking(
    server: tuple[str, admin.DemoInvites], page: Page, tmp_path: Path
) -> None:
    url, demo = server
    page.goto(url)
    log = page.locator("#log")
    expect(log).to_contain_text("mã mời")
    _send(page, demo.member.code)
    expect(log).to_contain_text("Họ và tên của bạn?")
    _send(page, "Nguyễn Thị Hoa")
    expect(log).to_contain_text("dữ liệu cá nhân")
    _tap(page, "Đồng ý")
    expect(log).to_contain_text("Đăng ký thành công")
    _tap(page, "Báo nguồn tin")
    _tap(page, "Ma túy")
    hostile = "<img src=x onerror=\"document.title='pwned'\"><b>đậm</b>"
    _send(page, f"Tụ tập đáng ngờ {hostile}")
    expect(page.get_by_role("button", name="📍 Gửi vị trí của tôi")).to_be_visible()
    _send(page, "Nhà văn hóa thôn Đông")
    expect(page.get_by_role("button", name="📍 Gửi vị trí của tôi")).to_be_hidden()
    _tap(page, "Bây giờ")
    _tap(page, "Tôi trực tiếp phát hiện")
    _tap(page, "Bình thường")
    _tap(page, "Bỏ qua")
    expect(log).to_contain_text("Kiểm tra lại trước khi lưu")
    _tap(page, "Lưu")
    expect(log).to_contain_text("Đã lưu")
    assert re.search(r"NT-\d{4}-000001", log.inner_text())
    # User text is shown as text: no element was made from it and no script ran.
    assert page.locator("#log img").count() == 0
    assert page.title() != "pwned"
    expect(log).to_contain_text("<b>đậm</b>")
    # Buttons of answered questions no longer work.
    assert page.locator(".choices button:enabled", has_text="Ma túy").count() == 0
    page.screenshot(path=str(tmp_path / "web-chat.png"), full_page=True)
    # A reload shows the conversation again from the server's history.
    page.reload()
    expect(log).to_contain_text("Đã lưu")
