"""The web chat in a real headless Chromium: register and log a tip by clicking."""

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
from storage import admin
from storage.database import Database
from storage.migrate import upgrade

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


def _tiny_png() -> bytes:
    """A real 2x2 PNG: what a phone's camera sends is larger, but the path is the same."""
    buffer = io.BytesIO()
    Image.new("RGB", (2, 2), (30, 120, 200)).save(buffer, "PNG")
    return buffer.getvalue()


PNG = _tiny_png()


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


def _register(page: Page, url: str, code: str, name: str) -> None:
    page.goto(url)
    log = page.locator("#log")
    expect(log).to_contain_text("mã mời")
    _send(page, code)
    expect(log).to_contain_text("Họ và tên của bạn?")
    _send(page, name)
    expect(log).to_contain_text("dữ liệu cá nhân")
    _tap(page, "Đồng ý")
    expect(log).to_contain_text("Đăng ký thành công")


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
    _register(page, url, demo.member.code, "Nguyễn Thị Hoa")
    log = page.locator("#log")
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
    photo = tmp_path / "hien-truong.png"
    photo.write_bytes(PNG)
    page.set_input_files("#photo", str(photo))
    expect(log).to_contain_text("Kiểm tra lại trước khi lưu")
    expect(log).to_contain_text("Ảnh: đã đính kèm")
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


def test_an_urgent_tip_appears_on_the_officers_phone(
    server: tuple[str, admin.DemoInvites], browser: Browser
) -> None:
    url, demo = server
    officer = phone(browser, init_script=SIGNALS)
    member = phone(browser, where=(21.0285, 105.8542))
    _register(officer, url, demo.officer.code, "Đỗ Văn Công")
    assert officer.title() == "antt-bot — Trò chuyện"
    _register(member, url, demo.member.code, "Nguyễn Thị Hoa")
    _tap(member, "Báo nguồn tin")
    _tap(member, "Trộm cắp, tội phạm")
    _send(member, "Hai người lạ cạy khóa xe máy")
    member.get_by_role("button", name="📍 Gửi vị trí của tôi").click()
    _tap(member, "Bây giờ")
    _tap(member, "Người dân cung cấp (có tên)")
    _send(member, "Bà Lê Thị Kín")
    _tap(member, "Bỏ qua")
    _tap(member, "Khẩn cấp — cần xử lý ngay")
    _tap(member, "Bỏ qua")
    _tap(member, "Lưu")
    expect(member.locator("#log")).to_contain_text("chuyển ngay cho Công an xã")
    # The officer's open page polls and shows the tip, without the informant.
    officer_log = officer.locator("#log")
    expect(officer_log).to_contain_text("TIN KHẨN")
    expect(officer_log).to_contain_text("cạy khóa xe máy")
    expect(officer_log).to_contain_text("Vị trí 21.02850, 105.85420")
    assert "Lê Thị Kín" not in officer_log.inner_text()
    # The tab says so until the officer is back on the page; the phone beeped and buzzed.
    expect(officer).to_have_title("🚨 (1) antt-bot — Trò chuyện")
    signals = officer.evaluate("window.signals")
    assert "vibrate" in signals and "beep" in signals
    # The notice has no buttons, so the officer's menu buttons still work.
    _tap(officer, "Mục tôi đã ghi")
    expect(officer_log).to_contain_text("Bạn chưa ghi nhận mục nào")
    expect(officer).to_have_title("antt-bot — Trò chuyện")
    # Nothing the member did on her own page called her.
    assert member.title() == "antt-bot — Trò chuyện"
