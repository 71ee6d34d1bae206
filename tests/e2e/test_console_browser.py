"""The console's door in a real browser: a leader asks the web chat for a link, taps it and
lands in the console (laptop and tablet), with no CSP violation and nothing loaded from
elsewhere; the link is spent; logging out ends the session."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, expect

from tests.e2e.browsing import browser, phone, register, send
from tests.e2e.console_browsing import TABLET, Served, console_server, desk

__all__ = ["browser", "console_server"]  # fixtures

LINK = re.compile(r"http://\S+/quanly/vao#t=[A-Za-z0-9_-]+")


def test_a_leader_opens_the_console_from_the_web_chat(
    console_server: Served, browser: Browser
) -> None:
    chat = phone(browser)
    register(chat, console_server.url, console_server.demo.leader.code, "Trần Văn Tổ")
    send(chat, "/quanly")
    link = chat.locator("#log a", has_text="/quanly/vao")
    expect(link).to_be_visible()
    address = link.evaluate("a => a.href")  # relative on the chat's own page: its origin
    assert LINK.fullmatch(address), address

    page, watch = desk(browser)
    page.goto(address)
    expect(page.get_by_role("heading", name="Xin chào Trần Văn Tổ")).to_be_visible()
    assert "#t=" not in page.url  # the token leaves the address bar
    assert watch.errors == [], watch.errors
    assert watch.foreign(console_server.url) == []

    again, _ = desk(browser)
    again.goto(address)
    expect(again.get_by_role("alert")).to_contain_text("không còn dùng được")

    page.get_by_role("button", name="Đăng xuất").click()
    expect(page.get_by_role("heading", name="Đã đăng xuất")).to_be_visible()
    page.goto(f"{console_server.url}quanly/")
    expect(page.get_by_role("alert")).to_contain_text("chưa đăng nhập")


def test_the_province_admin_on_a_tablet_in_english(
    console_server: Served, browser: Browser
) -> None:
    admin = console_server.member_named("Quản trị viên mẫu")
    page, watch = desk(browser, TABLET)
    page.goto(console_server.link_for(admin))
    expect(page.get_by_role("heading", name="Xin chào Quản trị viên mẫu")).to_be_visible()
    page.get_by_label("Ngôn ngữ").select_option("en")
    expect(page.get_by_role("heading", name="Hello Quản trị viên mẫu")).to_be_visible()
    expect(page.get_by_role("navigation", name="Console sections")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= TABLET["width"], width  # nothing wider than the tablet
    assert watch.errors == [], watch.errors
