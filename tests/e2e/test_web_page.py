"""The web chat page itself in headless Chromium: each message once, the message box, the
location on a plain-http page, the page's language, the icon and the manifest.

The page polls every 4 seconds; here `?poll=150` makes it poll faster, and the tests wait
for its poll counter (`data-polls` on <html>), never for a time to pass.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import APIResponse, Browser, Page, Route, expect

from services.demo import DemoInvites
from tests.e2e import browsing as shared

# The browser and the served app the browser tests share.
browser = shared.browser
server = shared.server

FAST = "?poll=150"
TITLE = "antt-bot — Trò chuyện"


def _polls(page: Page) -> int:
    return int(page.evaluate("Number(document.documentElement.dataset.polls || 0)"))


def _wait_polls(page: Page, count: int = 3) -> None:
    """Until `count` more polls of the page have come back."""
    target = _polls(page) + count
    page.wait_for_function(
        "(n) => Number(document.documentElement.dataset.polls || 0) >= n",
        arg=target,
        timeout=60_000,
    )


def _mine(page: Page) -> list[str]:
    """The texts of the person's own bubbles, in order."""
    return list(page.locator("#log .msg.user .bubble").all_inner_texts())


def _register(page: Page, url: str, code: str, name: str) -> None:
    page.goto(url + FAST)
    log = page.locator("#log")
    expect(log).to_contain_text("mã mời")
    shared.send(page, code)
    expect(log).to_contain_text("Họ và tên của bạn?")
    shared.send(page, name)
    expect(log).to_contain_text("dữ liệu cá nhân")
    shared.tap(page, "Đồng ý")
    expect(log).to_contain_text("Đăng ký thành công")


def _pc(browser: Browser) -> Page:
    """A desktop browser with a keyboard and a mouse, no touch screen."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="vi-VN")
    return context.new_page()


def _hold_posts(page: Page) -> list[tuple[Route, APIResponse]]:
    """From now on each message the page sends reaches the server at once, but its answer is
    held back (until `_release`): the page learns of it from its polls first."""
    held: list[tuple[Route, APIResponse]] = []

    def hold(route: Route) -> None:
        if route.request.method == "POST":
            held.append((route, route.fetch()))
        else:
            route.continue_()

    page.route("**/api/web/messages*", hold)
    return held


def _release(page: Page, held: list[tuple[Route, APIResponse]]) -> None:
    for route, answer in held:
        route.fulfill(response=answer)
    held.clear()
    page.unroute("**/api/web/messages*")


def test_each_message_shows_once_whatever_the_timing(
    server: tuple[str, DemoInvites], browser: Browser
) -> None:
    url, demo = server
    page = shared.phone(browser)
    log = page.locator("#log")
    _register(page, url, demo.member.code, "Nguyễn Thị Hoa")
    # The answer came back before the next polls, which bring the stored copies.
    _wait_polls(page)
    assert _mine(page) == [demo.member.code, "Nguyễn Thị Hoa", "Đồng ý"]

    # Polls bring the message and its replies while the answer is still on its way.
    shared.tap(page, "Báo nguồn tin")
    held = _hold_posts(page)
    shared.tap(page, "Trộm cắp, tội phạm")
    expect(log).to_contain_text("Sự việc gì đã xảy ra?")  # brought by a poll
    _wait_polls(page)
    _release(page, held)
    _wait_polls(page)
    assert _mine(page).count("Trộm cắp, tội phạm") == 1
    assert log.inner_text().count("Sự việc gì đã xảy ra?") == 1

    # Two messages sent quickly, one right after the other: both, in order, once each.
    shared.send(page, "Hai người lạ cạy khóa xe máy")
    shared.send(page, "Ngõ 5 thôn Đông")
    expect(log).to_contain_text("Khi nào?")
    shared.tap(page, "Bây giờ")
    shared.tap(page, "Người dân cung cấp (có tên)")
    # The informant's name: the server keeps it as 🔒, the page shows what was typed, once.
    shared.send(page, "Bà Lê Thị Kín")
    expect(log).to_contain_text("Số điện thoại hoặc cách liên hệ")
    _wait_polls(page)
    said = [
        demo.member.code,
        "Nguyễn Thị Hoa",
        "Đồng ý",
        "🚨 Báo nguồn tin",
        "Trộm cắp, tội phạm",
        "Hai người lạ cạy khóa xe máy",
        "Ngõ 5 thôn Đông",
        "Bây giờ",
        "Người dân cung cấp (có tên)",
    ]
    assert _mine(page) == [*said, "Bà Lê Thị Kín"]
    assert log.inner_text().count("Khi nào?") == 1
    # After a reload the conversation comes from the server (kept from the registration
    # on): each message once, the informant's name as 🔒.
    page.reload()
    expect(log).to_contain_text("Số điện thoại hoặc cách liên hệ")
    _wait_polls(page)
    assert _mine(page)[-7:] == [*said[3:], "🔒"]
    assert len(_mine(page)) == 8
    assert "Lê Thị Kín" not in log.inner_text()


def test_the_message_box_on_a_pc(server: tuple[str, DemoInvites], browser: Browser) -> None:
    url, _ = server
    page = _pc(browser)
    page.goto(url + FAST)
    box = page.get_by_label("Tin nhắn")
    expect(page.locator("#log")).to_contain_text("mã mời")
    one_line = box.bounding_box()
    assert one_line is not None
    # Shift+Enter starts a new line and the box grows with it; Enter sends.
    box.click()
    page.keyboard.type("/help")
    page.keyboard.press("Shift+Enter")
    page.keyboard.type("thêm một dòng")
    assert box.input_value() == "/help\nthêm một dòng"
    two_lines = box.bounding_box()
    assert two_lines is not None and two_lines["height"] > one_line["height"] + 10
    # Five lines at most, then it scrolls.
    box.fill("\n".join(f"dòng {n}" for n in range(1, 6)))
    five = box.bounding_box()
    box.fill("\n".join(f"dòng {n}" for n in range(1, 13)))
    twelve = box.bounding_box()
    assert five is not None and twelve is not None
    assert five["height"] > two_lines["height"] + 30
    assert twelve["height"] == pytest.approx(five["height"], abs=2)
    box.fill("/help")
    page.keyboard.press("Enter")
    expect(page.locator("#log .msg.user .bubble")).to_have_text(["/help"])
    expect(box).to_have_value("")
    shrunk = box.bounding_box()
    assert shrunk is not None and shrunk["height"] == pytest.approx(one_line["height"], abs=2)


def test_the_message_box_on_a_phone(server: tuple[str, DemoInvites], browser: Browser) -> None:
    url, demo = server
    page = shared.phone(browser)
    _register(page, url, demo.member.code, "Nguyễn Thị Hoa")
    log = page.locator("#log")
    box = page.get_by_label("Tin nhắn")
    shared.tap(page, "Báo nguồn tin")
    shared.tap(page, "Ma túy")
    # On a phone's keyboard Enter is a new line; the Send button sends.
    box.click()
    page.keyboard.type("Tụ tập đáng ngờ")
    page.keyboard.press("Enter")
    page.keyboard.type("ở bãi sông")
    _wait_polls(page)
    assert box.input_value() == "Tụ tập đáng ngờ\nở bãi sông"
    assert "ở bãi sông" not in log.inner_text()

    # The server's limit, 2,000 characters, counted down near it; a longer text is not sent
    # and stays in the box.
    counter = page.locator("#counter")
    box.fill("a" * 1000)
    expect(counter).to_be_hidden()
    box.fill("a" * 1900)
    expect(counter).to_have_text("1900/2000")
    long = "Tụ tập" + " rất đông người" * 150
    box.fill(long)
    expect(counter).to_have_text(f"{len(long)}/2000")
    page.get_by_role("button", name="Gửi", exact=True).click()
    expect(page.locator("#status")).to_contain_text(f"dài {len(long)} ký tự, tối đa là 2000")
    assert box.input_value() == long
    assert "rất đông người" not in log.inner_text()

    # A message the server does not take comes back into the box, not lost.
    answer = "Tụ tập " + "x" * 1993
    assert len(answer) == 2000
    page.route(
        "**/api/web/messages",
        lambda route: (
            route.fulfill(status=503, json={"detail": "Máy chủ đang bảo trì."})
            if route.request.method == "POST"
            else route.continue_()
        ),
    )
    page.clock.install()  # the page's waits between its tries, run forward below
    box.fill(answer)
    page.get_by_role("button", name="Gửi", exact=True).click()
    expect(box).to_have_value("")
    for _ in range(200):  # a bound, not a count of tries: each turn runs the clock 1 s on
        if box.input_value():
            break
        page.clock.run_for(1_000)
    expect(box).to_have_value(answer)
    expect(page.locator("#status")).to_contain_text("Máy chủ đang bảo trì.")
    assert "x" * 1993 not in log.inner_text()
    page.unroute("**/api/web/messages")
    # Sent again, the 2,000 characters are the answer the bot takes.
    page.get_by_role("button", name="Gửi", exact=True).click()
    expect(log).to_contain_text("Ở đâu?")
    expect(box).to_have_value("")


def test_a_plain_http_page_asks_for_an_address(
    server: tuple[str, DemoInvites], browser: Browser, tmp_path: Path
) -> None:
    url, demo = server
    port = urlsplit(url).port
    lan = f"http://{shared.LAN_NAME}:{port}/"  # as a phone on the LAN reaches it
    page = shared.phone(browser, where=(21.0285, 105.8542))
    _register(page, lan, demo.member.code, "Nguyễn Thị Hoa")
    assert page.evaluate("window.isSecureContext") is False
    log = page.locator("#log")
    shared.tap(page, "Báo nguồn tin")
    shared.tap(page, "Ma túy")
    shared.send(page, "Tụ tập đáng ngờ")
    expect(log).to_contain_text("Ở đâu?")
    hint = page.locator("#locate-hint")
    expect(hint).to_be_visible()
    expect(hint).to_contain_text("gõ địa chỉ")
    expect(page.get_by_role("button", name="📍 Gửi vị trí của tôi")).to_be_hidden()
    # The typed place is the answer.
    shared.send(page, "Bãi sông thôn Đông, cạnh trạm bơm")
    expect(log).to_contain_text("Khi nào?")
    expect(hint).to_be_hidden()
    shared.tap(page, "Bây giờ")
    shared.tap(page, "Tôi trực tiếp phát hiện")
    shared.tap(page, "Bình thường")
    photo = tmp_path / "bai-song.png"
    photo.write_bytes(shared.PNG)
    page.set_input_files("#photo", str(photo))
    expect(log).to_contain_text("Kiểm tra lại trước khi lưu")
    expect(log.locator(".msg.bot").last).to_contain_text("Bãi sông thôn Đông, cạnh trạm bơm")
    # The photo's bubble too shows once, though the server keeps it as "📷".
    _wait_polls(page)
    assert _mine(page)[-2:] == ["Bình thường", "📷 bai-song.png"]


def _page_texts(page: Page) -> dict[str, str]:
    return {
        "title": page.title(),
        "header": page.locator("header").inner_text(),
        "placeholder": page.get_by_role("textbox").get_attribute("placeholder") or "",
        "send": page.locator("#send").inner_text(),
        "photo": page.locator("#photo-button").get_attribute("aria-label") or "",
        "lang": page.evaluate("document.documentElement.lang"),
    }


def test_the_page_speaks_the_chats_language(
    server: tuple[str, DemoInvites], browser: Browser
) -> None:
    url, demo = server
    page = shared.phone(browser)
    _register(page, url, demo.member.code, "Nguyễn Thị Hoa")
    vietnamese = _page_texts(page)
    assert vietnamese["placeholder"].startswith("Nhập tin nhắn")
    shared.send(page, "/lang en")
    expect(page.locator("#send")).to_have_text("Send")
    english = {
        "title": "antt-bot — Chat",
        "header": "antt-bot Grassroots security",
        "placeholder": "Type a message… (/help)",
        "send": "Send",
        "photo": "Send a photo",
        "lang": "en",
    }
    assert _page_texts(page) == english
    page.get_by_label("Message").fill("hello")  # the box's label too
    # A reload (even with nothing remembered in the browser) asks the server.
    page.evaluate("localStorage.clear()")
    page.reload()
    _wait_polls(page, 1)
    assert _page_texts(page) == english
    page.get_by_label("Message").fill("/lang vi")
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.locator("#send")).to_have_text("Gửi")
    assert _page_texts(page) == vietnamese
    page.reload()
    _wait_polls(page, 1)
    assert _page_texts(page) == vietnamese


@pytest.fixture
def console(browser: Browser) -> Iterator[tuple[Page, list[str]]]:
    page = shared.phone(browser)
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    yield page, problems


def test_icon_and_manifest_for_the_home_screen(
    server: tuple[str, DemoInvites], console: tuple[Page, list[str]]
) -> None:
    url, _ = server
    page, problems = console
    page.goto(url + FAST)
    expect(page.locator("#log")).to_contain_text("mã mời")
    _wait_polls(page, 1)
    request = page.request

    icon = request.get(url + "favicon.ico")
    assert icon.ok and icon.headers["content-type"] == "image/x-icon"
    assert icon.body()[:4] == b"\x00\x00\x01\x00"  # an ICO file
    svg = request.get(url + "static/icon.svg")
    assert svg.ok and svg.headers["content-type"].startswith("image/svg+xml")

    served = request.get(url + "manifest.webmanifest")
    assert served.ok and served.headers["content-type"] == "application/manifest+json"
    manifest = json.loads(served.body())
    assert manifest["short_name"] == "ANTT cơ sở"
    assert manifest["start_url"] == "/" and manifest["display"] == "standalone"
    sizes = {}
    for each in manifest["icons"]:
        image = request.get(url + each["src"].lstrip("/"))
        assert image.ok and image.headers["content-type"] == each["type"], each
        sizes[each["sizes"]] = image.body()
    assert {"192x192", "512x512"} <= set(sizes)
    assert sizes["192x192"][:8] == b"\x89PNG\r\n\x1a\n"

    # The browser itself finds the manifest and reads it without a complaint.
    cdp = page.context.new_cdp_session(page)
    found = cdp.send("Page.getAppManifest")
    assert found["url"] == url + "manifest.webmanifest"
    assert found["errors"] == [], found["errors"]
    assert json.loads(found["data"])["name"].startswith("antt-bot")
    assert page.locator("link[rel=icon]").count() >= 1
    # Fits a 390-px phone, and nothing the page does breaks its content security policy.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert not [p for p in problems if re.search("Content Security Policy|Refused", p)], problems
    assert not problems, problems
