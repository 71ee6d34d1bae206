"""The web chat in a real headless Chromium: register and log a tip by clicking."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from services.demo import DemoInvites
from tests.e2e.browsing import PNG, SIGNALS, browser, page, phone, register, send, server, tap

__all__ = ["browser", "page", "server"]  # fixtures


def test_register_and_log_a_tip_by_clicking(
    server: tuple[str, DemoInvites], page: Page, tmp_path: Path
) -> None:
    url, demo = server
    register(page, url, demo.member.code, "Nguyễn Thị Hoa")
    log = page.locator("#log")
    tap(page, "Báo nguồn tin")
    tap(page, "Ma túy")
    hostile = "<img src=x onerror=\"document.title='pwned'\"><b>đậm</b>"
    send(page, f"Tụ tập đáng ngờ {hostile}")
    expect(page.get_by_role("button", name="📍 Gửi vị trí của tôi")).to_be_visible()
    send(page, "Nhà văn hóa thôn Đông")
    expect(page.get_by_role("button", name="📍 Gửi vị trí của tôi")).to_be_hidden()
    tap(page, "Bây giờ")
    tap(page, "Tôi trực tiếp phát hiện")
    tap(page, "Bình thường")
    photo = tmp_path / "hien-truong.png"
    photo.write_bytes(PNG)
    page.set_input_files("#photo", str(photo))
    expect(log).to_contain_text("Kiểm tra lại trước khi lưu")
    expect(log).to_contain_text("Ảnh: đã đính kèm")
    tap(page, "Lưu")
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
    server: tuple[str, DemoInvites], browser: Browser
) -> None:
    url, demo = server
    officer = phone(browser, init_script=SIGNALS)
    member = phone(browser, where=(21.0285, 105.8542))
    register(officer, url, demo.officer.code, "Đỗ Văn Công")
    assert officer.title() == "antt-bot — Trò chuyện"
    register(member, url, demo.member.code, "Nguyễn Thị Hoa")
    tap(member, "Báo nguồn tin")
    tap(member, "Trộm cắp, tội phạm")
    send(member, "Hai người lạ cạy khóa xe máy")
    member.get_by_role("button", name="📍 Gửi vị trí của tôi").click()
    tap(member, "Bây giờ")
    tap(member, "Người dân cung cấp (có tên)")
    send(member, "Bà Lê Thị Kín")
    tap(member, "Bỏ qua")
    tap(member, "Khẩn cấp — cần xử lý ngay")
    tap(member, "Bỏ qua")
    tap(member, "Lưu")
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
    tap(officer, "Mục tôi đã ghi")
    expect(officer_log).to_contain_text("Bạn chưa ghi nhận mục nào")
    expect(officer).to_have_title("antt-bot — Trò chuyện")
    # Nothing the member did on her own page called her.
    assert member.title() == "antt-bot — Trò chuyện"
