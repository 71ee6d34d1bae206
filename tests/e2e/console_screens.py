"""Screenshots of the console's main screens for docs/console/: `make screenshots` (or
`python -m tests.e2e.console_screens docs/console`). Not part of the test run: tests never
write into docs/. The data is the demo's, with a few entries logged through the web chat."""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from tests.e2e import console_browsing
from tests.e2e.browsing import CHROMIUM
from tests.e2e.console_browsing import LAPTOP, Chat, Served

# (file name, who looks, path under /quanly/)
SHOTS: tuple[tuple[str, str, str], ...] = (("home", "officer", ""),)


def populate(served: Served) -> dict[str, int]:
    """People registered through the chat, entries logged, some located; their numbers."""
    demo = served.demo
    member = Chat(served.url)
    member.register(demo.member.code, "Nguyễn Thị Hoa")
    officer = Chat(served.url)
    officer.register(demo.officer.code, "Đỗ Văn Công")
    leader = Chat(served.url)
    leader.register(demo.leader.code, "Trần Văn Tổ")
    member.tip("Có người lạ tụ tập sử dụng ma túy ở nhà hoang", at=(20.9402, 106.3306))
    member.tip(
        "Xe máy không biển số chạy qua lại nhiều lần", informant=("Lê Văn Kín", "0912000111")
    )
    member.tip("Nghi vấn đánh bạc tại quán nước đầu thôn", at=(20.9431, 106.3352))
    return {
        "member": served.member_named("Nguyễn Thị Hoa"),
        "officer": served.member_named("Đỗ Văn Công"),
        "leader": served.member_named("Trần Văn Tổ"),
        "admin": served.member_named("Quản trị viên mẫu"),
    }


@contextmanager
def served() -> Iterator[Served]:
    with tempfile.TemporaryDirectory() as folder:
        fixture = console_browsing.console_server.__wrapped__(Path(folder))  # type: ignore[attr-defined]
        try:
            yield next(fixture)
        finally:
            next(fixture, None)


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with served() as bot, sync_playwright() as playwright:
        people = populate(bot)
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        pages: dict[str, Page] = {}
        for name, who, path in SHOTS:
            page = pages.get(who)
            if page is None:
                page = browser.new_context(viewport=LAPTOP, locale="vi-VN").new_page()
                page.goto(bot.link_for(people[who]))
                page.wait_for_url(f"{bot.url}quanly/")
                pages[who] = page
            page.goto(f"{bot.url}quanly/{path}")
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(out / f"{name}.png"), full_page=False)
            print(out / f"{name}.png")
        browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/console"))
