"""Every main console screen, in a real browser, for keyboard and screen-reader users: each
visible field and button has a name, the page has one main region and its language, the first
Tab reaches "skip to the main content", and nothing is wider than a tablet (820 px)."""

from __future__ import annotations

from playwright.sync_api import Browser

from tests.e2e.browsing import browser
from tests.e2e.console_browsing import TABLET, Served, console_server, desk
from tests.e2e.console_screens import SHOTS, populate

__all__ = ["browser", "console_server"]  # fixtures

UNNAMED = """() => [...document.querySelectorAll('input, select, textarea, button, a[href]')]
  .filter(el => el.type !== 'hidden' && el.offsetParent !== null)
  .filter(el => {
    const named = (el.labels && el.labels.length > 0) || el.getAttribute('aria-label')
      || el.getAttribute('aria-labelledby') || el.getAttribute('title')
      || ((el.tagName === 'BUTTON' || el.tagName === 'A') && el.textContent.trim());
    return !named;
  })
  .map(el => el.outerHTML.slice(0, 120))"""


def test_every_main_screen_names_its_controls_and_fits_a_tablet(
    console_server: Served, browser: Browser
) -> None:
    people, made = populate(console_server)
    pages = {}
    for name, who, path in SHOTS:
        if who not in pages:
            page, watch = desk(browser, TABLET)
            page.goto(console_server.link_for(people[who]))
            page.wait_for_url(f"{console_server.url}quanly/")
            pages[who] = (page, watch)
        page, watch = pages[who]
        answer = page.goto(f"{console_server.url}quanly/{path.format(**made)}")
        assert answer is not None and answer.ok, (name, answer and answer.status)
        assert page.evaluate(UNNAMED) == [], name
        assert page.locator("main").count() == 1, name
        assert page.evaluate("document.documentElement.lang") == "vi", name
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.textContent.trim()")
        assert focused == "Bỏ qua, đến nội dung chính", name
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= TABLET["width"], (name, width)
        assert watch.errors == [], (name, watch.errors)
