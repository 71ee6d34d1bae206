"""The web chat as people really use it: the same chat open in two tabs, a reload, a slow
network, long words on a 390-px phone, text pasted with invisible characters. Each message
shows once in every tab; the page counts an answer as the bot does."""

from __future__ import annotations

import re
import unicodedata

from playwright.sync_api import Browser, Page, Route, expect

from bot.channels.web import STATIC
from campaign.normalize import _INVISIBLE, clean_text
from services.demo import DemoInvites
from tests.e2e import browsing as shared

browser = shared.browser
server = shared.server

FAST = "?poll=150"


def _wait_polls(page: Page, count: int = 3) -> None:
    target = int(page.evaluate("Number(document.documentElement.dataset.polls || 0)")) + count
    page.wait_for_function(
        "(n) => Number(document.documentElement.dataset.polls || 0) >= n", arg=target
    )


def _mine(page: Page) -> list[str]:
    return list(page.locator("#log .msg.user .bubble").all_inner_texts())


def test_two_tabs_of_one_chat_on_a_slow_network(
    server: tuple[str, DemoInvites], browser: Browser
) -> None:
    url, demo = server
    first = shared.phone(browser)
    problems: list[str] = []
    first.on("pageerror", lambda e: problems.append(str(e)))
    first.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    first.goto(url + FAST)
    log = first.locator("#log")
    expect(log).to_contain_text("mã mời")
    shared.send(first, demo.member.code)
    expect(log).to_contain_text("Họ và tên của bạn?")
    shared.send(first, "Nguyễn Thị Hoa")
    shared.tap(first, "Đồng ý")
    expect(log).to_contain_text("Đăng ký thành công")

    # The same person opens a second tab (same cookie) on a slow network: every answer and
    # poll takes a while.
    second = first.context.new_page()

    def slow(route: Route) -> None:
        second.wait_for_timeout(400)  # the network's delay, not a wait for the page
        route.continue_()

    second.route("**/api/web/messages*", slow)
    second.goto(url + FAST)
    other = second.locator("#log")
    expect(other).to_contain_text("Đăng ký thành công")

    # A long word without spaces (a link, a plate number run together) in each tab.
    word = "https://example.vn/" + "a" * 120
    shared.send(second, "/help")
    expect(other).to_contain_text("/tuantra — ghi nhận tuần tra")
    shared.send(first, word)
    _wait_polls(first)
    _wait_polls(second)
    for page in (first, second):
        said = _mine(page)
        assert said.count("/help") == 1, said
        assert said.count(word) == 1, said
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
    second.reload()
    expect(other).to_contain_text(word)
    _wait_polls(second)
    assert _mine(second).count(word) == 1
    assert _mine(second).count("/help") == 1
    assert not problems, problems


def test_the_page_counts_a_pasted_answer_as_the_bot_does(
    server: tuple[str, DemoInvites], browser: Browser
) -> None:
    """Text pasted from a web page or a document: letters with separate marks, emoji, and
    zero-width spaces the bot drops. The counter says what the bot will count, and an answer
    the bot takes is not refused by the page."""
    url, demo = server
    page = shared.phone(browser)
    page.goto(url + FAST)
    log = page.locator("#log")
    expect(log).to_contain_text("mã mời")
    shared.send(page, demo.member.code)
    shared.send(page, "Nguyễn Thị Hoa")
    shared.tap(page, "Đồng ý")
    expect(log).to_contain_text("Đăng ký thành công")
    shared.tap(page, "Báo nguồn tin")
    shared.tap(page, "Ma túy")
    expect(log).to_contain_text("Sự việc gì đã xảy ra?")

    sentence = "Nhóm thanh niên tụ tập ở bãi sông, nghi sử dụng ma túy 🚬. "
    text = (sentence * (1990 // len(sentence))).strip()
    pasted = unicodedata.normalize("NFD", text).replace(" ", " \u200b", 40)  # 40 ZWSPs
    counted = len(clean_text(pasted))  # what the bot counts
    assert counted == len(text) <= 2000 < len(unicodedata.normalize("NFC", pasted))
    page.get_by_label("Tin nhắn").fill(pasted)
    expect(page.locator("#counter")).to_have_text(f"{counted}/2000")
    page.get_by_role("button", name="Gửi", exact=True).click()
    expect(log).to_contain_text("Ở đâu?")
    expect(page.locator("#status")).to_have_text("")


def test_the_page_drops_the_invisible_characters_the_bot_drops() -> None:
    """The page's list (chat.js) and the bot's (campaign/normalize) stay one list."""
    script = (STATIC / "chat.js").read_text(encoding="utf-8")
    found = re.search(r"const INVISIBLE = /\[(.*?)\]/g;", script)
    assert found is not None
    listed: set[int] = set()
    for first, last in re.findall(r"\\u([0-9A-F]{4})(?:-\\u([0-9A-F]{4}))?", found.group(1)):
        listed.update(range(int(first, 16), int(last or first, 16) + 1))
    assert listed == set(_INVISIBLE)
