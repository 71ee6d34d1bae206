"""The web chat as people really use it: the same chat open in two tabs, a reload, a slow
network and long words on a 390-px phone. Each message shows once in every tab."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, Route, expect

from storage import admin
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
    server: tuple[str, admin.DemoInvites], browser: Browser
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
