"""A unit with a long Vietnamese name, in a real browser: the people screens stay as wide as a
laptop or a tablet (a select as wide as the name widened them), and its invite cards printed
keep their codes on the card, not printed over by the card above."""

from __future__ import annotations

from datetime import datetime

from playwright.sync_api import Browser, expect

from campaign.roles import Role
from services import units
from services.invites import create_invites
from storage.repository import Repository
from tests.e2e.browsing import browser
from tests.e2e.console_browsing import LAPTOP, TABLET, Served, console_server, desk

__all__ = ["browser", "console_server"]  # fixtures

LONG_NAME = (
    "Tổ bảo vệ an ninh trật tự ở cơ sở thôn Nguyễn Huỳnh Đức Thượng Phước Đông Nam "
    "Khuổi-Nghịu-Phiêng-Luông-Thẳm-Rừng-Xanh-Biếc-Mênh-Mông bên bờ sông Hồng"
)


def test_a_long_unit_name_keeps_the_pages_narrow_and_the_printed_codes_readable(
    console_server: Served, browser: Browser
) -> None:
    def add(repository: Repository) -> None:
        now = datetime.now(console_server.settings.zone)
        store = repository.work.units
        units.add_unit(
            store, code="DEMO-XA-DAI", name=LONG_NAME, kind="team", parent_code="DEMO-XA", now=now
        )
        create_invites(store, unit_code="DEMO-XA-DAI", role=Role.MEMBER, count=3, now=now)

    console_server.run(add)
    admin = console_server.member_named("Quản trị viên mẫu")
    page, watch = desk(browser)
    page.goto(console_server.link_for(admin))
    expect(page.get_by_role("heading", name="Xin chào Quản trị viên mẫu")).to_be_visible()
    for size in (LAPTOP, TABLET):
        page.set_viewport_size(size)
        for path in ("quanly/thanhvien", "quanly/moi"):
            page.goto(console_server.url + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= size["width"], (path, width)

    page.goto(f"{console_server.url}quanly/moi/in?donvi=DEMO-XA-DAI&vaitro=member")
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 718, "height": 1047})  # A4 inside 10 mm margins
    cards = page.evaluate(
        """() => Array.from(document.querySelectorAll('.qr-card')).map(card => {
             const box = card.getBoundingClientRect();
             const code = card.querySelector('.qr-code').getBoundingClientRect();
             return [box.top, box.bottom, code.top, code.bottom];
           })"""
    )
    assert len(cards) == 3
    for top, bottom, code_top, code_bottom in cards:
        assert top <= code_top and code_bottom <= bottom, (top, bottom, code_top, code_bottom)
    assert watch.errors == [], watch.errors
