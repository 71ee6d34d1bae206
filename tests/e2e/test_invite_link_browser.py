"""An invite card's QR opens the web chat at /?ma=CODE: in a real Chromium the message box
holds "/start CODE", focused, the address bar no longer shows the code, and pressing Send
starts the registration."""

from __future__ import annotations

from playwright.sync_api import Browser, expect

from services.demo import DemoInvites
from tests.e2e import browsing as shared

browser = shared.browser
server = shared.server


def test_a_scanned_invite_fills_the_code_in_and_leaves_the_address_bar(
    server: tuple[str, DemoInvites], browser: Browser
) -> None:
    url, demo = server
    page = shared.phone(browser)
    page.goto(f"{url}?poll=150&ma={demo.member.code.lower()}")
    box = page.get_by_label("Tin nhắn")
    expect(box).to_have_value(f"/start {demo.member.code}")
    expect(box).to_be_focused()
    assert "ma=" not in page.url and "poll=150" in page.url
    page.get_by_role("button", name="Gửi", exact=True).click()
    expect(page.locator("#log")).to_contain_text("Họ và tên của bạn?")

    # The fragment form does the same; a value that is no code fills nothing in.
    other = shared.phone(browser)
    other.goto(f"{url}#ma={demo.leader.code}")
    expect(other.get_by_label("Tin nhắn")).to_have_value(f"/start {demo.leader.code}")
    assert "ma=" not in other.url
    odd = shared.phone(browser)
    odd.goto(f"{url}?ma=%3Cb%3Ex")
    expect(odd.locator("#log")).to_contain_text("mã mời")
    expect(odd.get_by_label("Tin nhắn")).to_have_value("")
    assert "ma=" not in odd.url
