"""Screenshots of the console's main screens for docs/console/: `make screenshots` (or
`python -m tests.e2e.console_screens docs/console`). Not part of the test run: tests never
write into docs/. The data is the demo's, with a few entries logged through the web chat."""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from playwright.sync_api import Page, sync_playwright
from sqlalchemy import create_engine

from campaign.deadlines import due_dates
from campaign.roles import Role
from services.invites import create_invites
from storage.migrate import upgrade
from storage.unit_of_work import UnitOfWork
from tests.e2e import console_browsing
from tests.e2e.browsing import CHROMIUM
from tests.e2e.console_browsing import LAPTOP, Chat, Served

# (file name, who looks, path under /quanly/; {tip}, {deed}, {member} are what `populate` made,
# {deadline} the demo plan's phase review)
SHOTS: tuple[tuple[str, str, str], ...] = (
    ("home", "officer", ""),
    ("entries", "leader", "muc"),
    ("entry", "leader", "muc/{deed}"),
    ("tips", "officer", "tin"),
    ("tip", "officer", "tin/{tip}"),
    ("map", "officer", "bando"),
    ("standings", "officer", "xephang"),
    ("targets", "officer", "chitieu"),
    ("deadlines", "officer", "hanchot"),
    ("deadline", "officer", "{deadline}"),
    ("deadline-board", "admin", "{deadline}"),
    ("reports", "officer", "baocao"),
    ("broadcasts", "officer", "thongbao"),
    ("units", "admin", "donvi"),
    ("members", "admin", "thanhvien"),
    ("member", "admin", "thanhvien/{member}"),
    ("invites", "admin", "moi"),
    ("invite-sheet", "admin", "moi/in"),
    ("roster", "admin", "danhsach"),
    ("plans", "admin", "kehoach"),
    ("audit", "admin", "nhatky"),
    ("erasures", "admin", "xoadulieu"),
)


def populate(served: Served) -> tuple[dict[str, int], dict[str, str]]:
    """People registered through the chat, entries logged, some located; their numbers, and
    what the paths of SHOTS name."""
    demo = served.demo
    member = Chat(served.url)
    member.register(demo.member.code, "Nguyễn Thị Hoa")
    officer = Chat(served.url)
    officer.register(demo.officer.code, "Đỗ Văn Công")
    leader = Chat(served.url)
    leader.register(demo.leader.code, "Trần Văn Tổ")
    member.tip("Có người lạ tụ tập sử dụng ma túy ở nhà hoang", at=(20.9402, 106.3306))
    tip = member.tip(
        "Xe máy không biển số chạy qua lại nhiều lần", informant=("Lê Văn Kín", "0912000111")
    )
    member.tip("Nghi vấn đánh bạc tại quán nước đầu thôn", at=(20.9431, 106.3352))
    member.say("/viectot")
    member.say("Sửa đèn đường đầu xóm 3")
    member.say("Anh Bình")
    member.say("hôm nay")
    member.tap("Bỏ qua")
    member.tap("Lưu")
    deed = member.saved()
    open_invites(served, "DEMO-XA-T2", 6)  # for the QR sheet: the demo's own are all used
    people = {
        "member": served.member_named("Nguyễn Thị Hoa"),
        "officer": served.member_named("Đỗ Văn Công"),
        "leader": served.member_named("Trần Văn Tổ"),
        "admin": served.member_named("Quản trị viên mẫu"),
    }
    return people, {
        "tip": tip,
        "deed": deed,
        "member": str(people["member"]),
        "deadline": review_board(served),
    }


def review_board(served: Served) -> str:
    """The demo plan's phase review's board, under /quanly/."""
    assert served.demo.plan is not None
    code = served.demo.plan[0]
    today = datetime.now(served.settings.zone).date()
    plan = next(p for p, _ in served.run(lambda repo: repo.plans_around(today)) if p.code == code)
    review = next(d for d in plan.deadlines if d.code == "so-ket-dot-1")
    return f"hanchot/{code}/{review.code}/{due_dates(review, plan)[0]:%Y-%m-%d}"


def open_invites(served: Served, unit_code: str, count: int) -> None:
    engine = create_engine(served.settings.resolved_database_url)
    try:
        with engine.begin() as connection:
            units = UnitOfWork(connection, None, None, served.settings.zone).units
            now = datetime.now(served.settings.zone)
            create_invites(units, unit_code=unit_code, role=Role.MEMBER, count=count, now=now)
    finally:
        engine.dispose()


@contextmanager
def served() -> Iterator[Served]:
    with tempfile.TemporaryDirectory() as folder:
        migrated = Path(folder) / "migrated.db"  # what the test run's migrated_sqlite holds
        upgrade(f"sqlite:///{migrated}")
        fixture = console_browsing.console_server.__wrapped__(Path(folder), migrated)  # type: ignore[attr-defined]
        try:
            yield next(fixture)
        finally:
            next(fixture, None)


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with served() as bot, sync_playwright() as playwright:
        people, made = populate(bot)
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        pages: dict[str, Page] = {}
        for name, who, path in SHOTS:
            page = pages.get(who)
            if page is None:
                page = browser.new_context(viewport=LAPTOP, locale="vi-VN").new_page()
                page.goto(bot.link_for(people[who]))
                page.wait_for_url(f"{bot.url}quanly/")
                pages[who] = page
            answer = page.goto(f"{bot.url}quanly/{path.format(**made)}")
            # A refusal or an error is not a picture of the screen.
            assert answer is not None and answer.ok, (name, answer and answer.status)
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(out / f"{name}.png"), full_page=False)
            print(out / f"{name}.png")
        browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/console"))
