"""The console's deadlines board (/quanly/hanchot): every deadline addressed to units under the
viewer, each unit submitted (when, by whom, its document), late or not due yet; the document
opens for the level above and is refused to another commune; the export is the table."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bot.settings import Settings
from campaign.roles import Role
from services.demo import DemoInvites
from storage.database import Database
from storage.schema import audit_log, deliverables, documents
from tests.bot.test_console_standings import console_of, csv_rows, rows_of
from tests.bot.test_documents_chat import PDF, upload
from tests.bot.test_plan_menus import load
from tests.conftest import JPEG
from tests.console import ConsoleUser, demo_extras, invite_code, registered


def plan_text(today: date) -> str:
    return f"""\
code: han-nop-quan-ly
name: Kế hoạch có hạn nộp
issuer: Công an tỉnh
scope: DEMO
starts: {today - timedelta(days=30):%d/%m/%Y}
ends: {today + timedelta(days=60):%d/%m/%Y}
areas:
  - {{code: tip, form: tip, points: 3, name: Nguồn tin}}
deadlines:
  - code: bao-cao-thang
    title: {{vi: "Báo cáo tháng của tổ", en: "Team's monthly report"}}
    due: {today - timedelta(days=2):%d/%m/%Y}
    role: leader
    level: team
    deliverable: {{vi: "Báo cáo kết quả tuần tra", en: "Patrol results"}}
    escalate_to: commune
  - code: bao-cao-quy
    title: {{vi: "Báo cáo quý của tổ", en: "Team's quarterly report"}}
    due: {today + timedelta(days=5):%d/%m/%Y}
    role: leader
    level: team
    deliverable: {{vi: "Báo cáo quý", en: "Quarterly report"}}
"""


@pytest.fixture
async def browser(app: Any) -> Any:
    made: list[ConsoleUser] = []

    def make() -> ConsoleUser:
        made.append(ConsoleUser(app))
        return made[-1]

    yield make
    for user in made:
        await user.close()


async def test_the_board_shows_each_unit_done_late_or_not_yet_due_with_its_document(
    app: Any, demo: DemoInvites, database: Database, settings: Settings, browser: Any
) -> None:
    today = datetime.now(settings.zone).date()
    await load(database, settings, plan_text(today))
    await demo_extras(app)
    east = await registered(app, demo.leader.code, "Trần Văn Đông")
    west = await registered(app, await invite_code(app, "DEMO-XA-T2", Role.LEADER), "Lê Văn Tây")
    officer = await registered(app, demo.officer.code, "Đỗ Minh Giang")
    other = await registered(app, await invite_code(app, "DEMO-XA2", Role.OFFICER), "Vũ Văn Khác")
    province = await registered(app, await invite_code(app, "DEMO", Role.ADMIN), "Quản Trị Tỉnh")
    # East reports last month's (late by now for whoever has not) with a PDF; West reports
    # the quarter's early, with a photo.
    await east.chat.say("/danop")
    await east.chat.tap("Báo cáo tháng")
    assert (await upload(east.chat, PDF, "Báo cáo tháng.pdf")).status_code == 200
    await east.chat.tap("Nộp")
    assert "Đã ghi nhận ✅ Báo cáo tháng của tổ" in east.chat.text
    await west.chat.say("/danop")
    await west.chat.tap("Báo cáo quý")
    await west.chat.photo(JPEG)
    await west.chat.tap("Nộp")
    assert "Đã ghi nhận ✅ Báo cáo quý của tổ" in west.chat.text
    document = await database.run(
        lambda c: c.execute(
            select(documents.c.id)
            .join(deliverables, deliverables.c.id == documents.c.owner_id)
            .where(documents.c.owner_kind == "deliverable")
            .where(deliverables.c.deadline_code == "bao-cao-thang")
        ).scalar_one()
    )

    page = await console_of(app, browser, officer.member_id)
    board = await page.get("/quanly/hanchot")
    assert board.status_code == 200, board.text
    rows = rows_of(board.text, "deadlines")
    late, soon = f"{today - timedelta(days=2):%d/%m/%Y}", f"{today + timedelta(days=5):%d/%m/%Y}"
    assert [row[:4] for row in rows] == [
        [
            late,
            "Báo cáo tháng của tổ Báo cáo kết quả tuần tra · Kế hoạch có hạn nộp",
            "Tổ bảo vệ ANTT thôn Đông",
            "Đã nộp (nộp muộn)",  # two days after it was due
        ],
        [
            late,
            "Báo cáo tháng của tổ Báo cáo kết quả tuần tra · Kế hoạch có hạn nộp",
            "Tổ bảo vệ ANTT thôn Tây",
            "Trễ hạn",
        ],
        [
            soon,
            "Báo cáo quý của tổ Báo cáo quý · Kế hoạch có hạn nộp",
            "Tổ bảo vệ ANTT thôn Đông",
            "Chưa nộp",
        ],
        [
            soon,
            "Báo cáo quý của tổ Báo cáo quý · Kế hoạch có hạn nộp",
            "Tổ bảo vệ ANTT thôn Tây",
            "Đã nộp",
        ],
    ]
    # each document by the name it was sent with
    assert rows[0][5:] == ["Trần Văn Đông", "Báo cáo tháng.pdf"]
    assert rows[3][5] == "Lê Văn Tây" and rows[3][6].endswith(".jpg"), rows[3]
    assert rows[1][4:] == ["", "", ""]
    assert f'href="/quanly/tailieu/{document}"' in board.text
    assert (
        "Đã nộp: 2 · Đã nhận: 0 · Đang soạn: 0 · Trả lại: 0 · Trễ hạn: 1 · Chưa nộp: 1"
        in board.text
    )
    # the same late rule as the job that tells the commune the day after
    by_unit = rows_of((await page.get("/quanly/hanchot", order="unit")).text, "deadlines")
    assert [row[2].split()[-1] for row in by_unit] == ["Đông", "Đông", "Tây", "Tây"]
    only_late = rows_of((await page.get("/quanly/hanchot", tinh_trang="late")).text, "deadlines")
    assert [row[2] for row in only_late] == ["Tổ bảo vệ ANTT thôn Tây"]

    # The level above opens the document (audited); another commune's officer may not.
    opened = await page.get(f"/quanly/tailieu/{document}")
    assert opened.status_code == 200 and opened.content == PDF
    assert "attachment" in opened.headers["content-disposition"]
    # West's photo of its paper report is one of its documents (issue 15), opened alike.
    links = re.findall(r'href="(/quanly/tailieu/\d+)"', board.text)
    photo = next(link for link in links if link != f"/quanly/tailieu/{document}")
    seen = await page.get(photo)
    assert seen.status_code == 200 and seen.content == JPEG
    elsewhere = await console_of(app, browser, other.member_id)
    refused = await elsewhere.get(f"/quanly/tailieu/{document}")
    assert refused.status_code == 403 and PDF not in refused.content
    assert (await elsewhere.get(photo)).status_code == 403
    theirs = rows_of((await elsewhere.get("/quanly/hanchot")).text, "deadlines")
    assert {row[2] for row in theirs} == {"Tổ bảo vệ ANTT thôn Bắc"}
    assert [row[3] for row in theirs] == ["Trễ hạn", "Chưa nộp"]
    opened_by = await database.run(
        lambda c: (
            c.execute(
                select(audit_log.c.actor_member_id).where(audit_log.c.action == "document.opened")
            )
            .scalars()
            .all()
        )
    )
    assert officer.member_id in opened_by and other.member_id not in opened_by

    # A leader sees their own team; the province's admin every commune's.
    own = rows_of(
        (await (await console_of(app, browser, west.member_id)).get("/quanly/hanchot")).text,
        "deadlines",
    )
    assert {row[2] for row in own} == {"Tổ bảo vệ ANTT thôn Tây"}
    top = await console_of(app, browser, province.member_id)
    everything = rows_of((await top.get("/quanly/hanchot")).text, "deadlines")
    assert len(everything) == 6
    assert (await top.get(f"/quanly/tailieu/{document}")).status_code == 200

    # The export is the table as filtered (no emoji, dates as dd/mm/yyyy).
    exported = csv_rows((await page.get("/quanly/hanchot", xuat="csv")).content)
    assert exported[0][:6] == ["Hạn", "Kế hoạch", "Nội dung", "Sản phẩm", "Đơn vị", "Tình trạng"]
    assert [row[4:6] for row in exported[1:]] == [row[2:4] for row in rows]
    assert exported[1][6].startswith(f"{today:%d/%m/%Y}")
    assert exported[1][7:] == ["Trần Văn Đông", "Báo cáo tháng.pdf"]
    assert exported[4][7:] == ["Lê Văn Tây", rows[3][6]]
    late_csv = csv_rows((await page.get("/quanly/hanchot", xuat="csv", tinh_trang="late")).content)
    assert [row[4] for row in late_csv[1:]] == ["Tổ bảo vệ ANTT thôn Tây"]


async def test_members_never_get_in_and_a_forged_post_changes_nothing(
    app: Any, demo: DemoInvites, database: Database, settings: Settings, browser: Any
) -> None:
    today = datetime.now(settings.zone).date()
    await load(database, settings, plan_text(today))
    anyone = browser()
    assert (await anyone.get("/quanly/hanchot")).status_code == 401
    assert (await anyone.get("/quanly/tailieu/1")).status_code == 401
    commune_admin = await registered(
        app, await invite_code(app, "DEMO-XA", Role.ADMIN), "Quản Trị Xã"
    )
    page = await console_of(app, browser, commune_admin.member_id)
    rows = rows_of((await page.get("/quanly/hanchot")).text, "deadlines")
    assert {row[2] for row in rows} == {"Tổ bảo vệ ANTT thôn Đông", "Tổ bảo vệ ANTT thôn Tây"}
    assert (await page.get("/quanly/tailieu/999999")).status_code == 403
    # in English, through the same catalogs
    assert (await page.post("/quanly/ngonngu", {"language": "en"})).status_code == 303
    english = await page.get("/quanly/hanchot")
    assert "Report deadlines" in english.text and "Not submitted" in english.text
    # The board only reads; the console's posts all need the session's token.
    forged = await page.client.post("/quanly/chitieu/nhap", data={"key": "x", "value": "1"})
    assert forged.status_code == 403
