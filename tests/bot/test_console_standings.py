"""The console's standings (/quanly/xephang), targets (/quanly/chitieu) and target values
(/quanly/chitieu/nhap): the ranks and the week's movement the Monday board computed, the same
target values and verdicts as the chat's /chitieu, a value entered with a note and a PDF that
the chat then shows, and who may see or enter what."""

from __future__ import annotations

import csv
import html
import io
import re
from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from bot.settings import Settings
from campaign.roles import Role
from scheduler.runner import JobRunner
from services import target_values
from services.demo import DemoInvites
from storage.database import Database
from storage.schema import audit_log, documents
from storage.schema import target_values as values_table
from storage.units import unit_id
from tests.bot.test_plan_menus import load
from tests.bot.test_web_flows import good_deed_to_summary, log_tip
from tests.console import ConsoleUser, demo_extras, invite_code, link_token, registered

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200


def plan_text(today: date) -> str:
    return f"""\
code: xep-hang-quan-ly
name: Kế hoạch thi đua trên trang quản lý
issuer: Công an tỉnh
scope: DEMO
starts: {today - timedelta(days=30):%d/%m/%Y}
ends: {today + timedelta(days=60):%d/%m/%Y}
phases:
  - {{code: dot-1, name: Đợt một, starts: {today - timedelta(days=30):%d/%m/%Y}, ends: {today + timedelta(days=30):%d/%m/%Y}}}
  - {{code: dot-2, name: Đợt hai, starts: {today + timedelta(days=31):%d/%m/%Y}, ends: {today + timedelta(days=60):%d/%m/%Y}}}
areas:
  - {{code: good_deed, form: good_deed, points: 2, name: Việc tốt}}
  - {{code: tip, form: tip, points: 3, name: Nguồn tin}}
targets:
  - {{code: viec-tot, description: "Mỗi tổ mỗi tháng ít nhất 01 việc tốt", level: team, period: month, kind: count, threshold: 1, measure: "entries:good_deed"}}
  - code: khong-tai-pham
    description: Không để xảy ra tái phạm
    quote: "Tại địa bàn, không để xảy ra trường hợp người đã vi phạm pháp luật tái phạm"
    level: commune
    period: phase
    kind: count
    compare: at_most
    threshold: 0
    measure: {{entered: {{by: officer}}}}
  - {{code: dat-chuan, description: "Xã đạt chuẩn an toàn về ANTT", level: commune, period: plan, kind: met, measure: {{entered: {{by: officer, as: met}}}}}}
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


async def console_of(app: Any, browser: Any, member_id: int) -> ConsoleUser:
    page: ConsoleUser = browser()
    assert (await page.log_in(await link_token(app, member_id))).status_code == 303
    return page


def cells(row: str) -> list[str]:
    found = re.findall(r"<t[hd]\b[^>]*>(.*?)</t[hd]>", row, re.S)
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", " ", cell)).split()) for cell in found]


def rows_of(page: str, table_id: str) -> list[list[str]]:
    """The body rows of the table with that id, each cell's text as a reader sees it."""
    found = re.search(rf'<table[^>]*id="{table_id}".*?</table>', page, re.S)
    assert found, f"no table {table_id}"
    body = found.group(0).split("</thead>", 1)[1]
    return [cells(row) for row in re.findall(r"<tr\b.*?</tr>", body, re.S)]


def sheet_rows(sheet: Any, first_header: str) -> list[tuple[Any, ...]]:
    """The rows under the table's header (the row beginning with `first_header`)."""
    rows = list(sheet.iter_rows(values_only=True))
    at = next(n for n, row in enumerate(rows) if row[0] == first_header)
    return rows[at + 1 :]


def csv_rows(content: bytes) -> list[list[str]]:
    text = content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


async def verified_good_deed(member: Any, checker: Any) -> None:
    await good_deed_to_summary(member.chat)
    await member.chat.tap("Lưu")
    await checker.chat.say("/duyet")
    await checker.chat.tap("Xác nhận")


async def test_the_standings_show_ranks_and_the_week_s_movement_with_bars_and_exports(
    app: Any, demo: DemoInvites, database: Database, settings: Settings, browser: Any
) -> None:
    today = datetime.now(settings.zone).date()
    await load(database, settings, plan_text(today))
    east = await registered(app, demo.member.code, "Nguyễn Thị Hoa")
    west = await registered(app, await invite_code(app, "DEMO-XA-T2", Role.MEMBER), "Trần Văn Bình")
    leader = await registered(app, demo.leader.code, "Lê Văn Tổ")
    officer = await registered(app, demo.officer.code, "Đỗ Minh Giang")
    await verified_good_deed(east, leader)  # the east member leads with 2 points

    # Monday's board keeps the ranks it sent: the next movements are counted from them.
    conversation = app.state.conversation
    jobs = JobRunner(database, conversation.repository, settings.zone, conversation.now)
    monday = today + timedelta(days=7 - today.weekday())
    slot = datetime.combine(monday, time(7), tzinfo=settings.zone)
    assert await jobs.run_due("weekly_leaderboard", slot)
    await log_tip(west.chat)  # 3 points, once the officer verifies it
    await officer.chat.say("/duyet")
    await officer.chat.tap("Xác nhận")

    page = await console_of(app, browser, officer.member_id)
    shown = await page.get("/quanly/xephang")
    assert shown.status_code == 200, shown.text
    assert "Đợt một" in shown.text and "Xã Hòa Bình" in shown.text
    people = {row[1]: row for row in rows_of(shown.text, "members")}
    assert people["Trần Văn Bình"][:6] == [
        "1",
        "Trần Văn Bình",
        "Tổ bảo vệ ANTT thôn Tây",
        "3",
        "1",
        "▲1",
    ]
    assert people["Nguyễn Thị Hoa"][:6] == [
        "2",
        "Nguyễn Thị Hoa",
        "Tổ bảo vệ ANTT thôn Đông",
        "2",
        "1",
        "▼1",
    ]
    teams = rows_of(shown.text, "teams")
    assert [row[:5] for row in teams] == [
        ["1", "Tổ bảo vệ ANTT thôn Tây", "3", "1", "▲1"],
        ["2", "Tổ bảo vệ ANTT thôn Đông", "2", "1", "▼1"],
    ]
    # the bars: the leader's full, the other's two thirds; drawn as SVG, never a style
    assert '<rect x="0" y="0" height="10" width="100">' in shown.text
    assert '<rect x="0" y="0" height="10" width="67">' in shown.text
    assert "style=" not in shown.text

    # the week's movement is the Monday job's own: the chat's weekly board said the same
    said = await officer.chat.inbox()
    assert any("Nguyễn Thị Hoa — 2 (mới)" in m["text"] for m in said)

    # another phase: nobody scored yet in it
    later = await page.get("/quanly/xephang", giai_doan="dot-2")
    assert {row[3] for row in rows_of(later.text, "members")} == {"0"}
    # the whole plan: every phase's points together, chosen from the same list
    whole = await page.get("/quanly/xephang", giai_doan="*")
    assert '<option value="*" selected>Cả kế hoạch</option>' in whole.text
    assert [row[2] for row in rows_of(whole.text, "teams")] == ["3", "2"]
    unknown = await page.get("/quanly/xephang", giai_doan="khong-co")
    assert unknown.status_code == 403 and "không có đợt" in unknown.text

    # the exports are the tables as shown
    members_csv = await page.get("/quanly/xephang", xuat="csv", bang="thanhvien")
    assert members_csv.headers["content-type"].startswith("text/csv")
    exported = csv_rows(members_csv.content)
    assert exported[0] == ["Hạng", "Thành viên", "Tổ", "Điểm", "Mục đã xác nhận", "Thay đổi"]
    assert exported[1:] == [row[:6] for row in rows_of(shown.text, "members")]
    teams_xlsx = await page.get("/quanly/xephang", xuat="xlsx", bang="to")
    sheet = load_workbook(io.BytesIO(teams_xlsx.content)).active
    assert sheet is not None and sheet["A1"].value == "Bảng xếp hạng"
    assert [[str(v) for v in line[:5]] for line in sheet_rows(sheet, "Hạng")] == [
        row[:5] for row in teams
    ]
    exports = await database.run(
        lambda c: (
            c.execute(select(audit_log.c.action).where(audit_log.c.action.like("export.%")))
            .scalars()
            .all()
        )
    )
    assert sorted(exports) == ["export.standings.thanhvien", "export.standings.to"]


async def test_who_sees_which_standings(
    app: Any, demo: DemoInvites, database: Database, settings: Settings, browser: Any
) -> None:
    today = datetime.now(settings.zone).date()
    await load(database, settings, plan_text(today))
    await demo_extras(app)
    east = await registered(app, demo.member.code, "Nguyễn Thị Hoa")
    leader = await registered(app, demo.leader.code, "Lê Văn Tổ")
    await verified_good_deed(east, leader)
    other = await registered(app, await invite_code(app, "DEMO-XA2", Role.OFFICER), "Vũ Văn Khác")
    province = await registered(app, await invite_code(app, "DEMO", Role.ADMIN), "Quản Trị Tỉnh")
    commune_admin = await registered(
        app, await invite_code(app, "DEMO-XA", Role.ADMIN), "Quản Trị Xã"
    )

    # A leader sees their commune's board, as /bangxephang shows it in the chat.
    leads = await (await console_of(app, browser, leader.member_id)).get("/quanly/xephang")
    assert "Nguyễn Thị Hoa" in leads.text and 'id="communes"' not in leads.text

    # Another commune's officer: their own commune, never ours, even asked by number.
    elsewhere = await console_of(app, browser, other.member_id)
    theirs = await elsewhere.get("/quanly/xephang")
    assert "Xã Yên Lạc" in theirs.text and "Nguyễn Thị Hoa" not in theirs.text
    ours = await database.run(lambda c: unit_id(c, "DEMO-XA"))
    asked = await elsewhere.get("/quanly/xephang", donvi=str(ours))
    assert asked.status_code == 403 and "Nguyễn Thị Hoa" not in asked.text

    # A commune's admin: that commune only.
    local = await (await console_of(app, browser, commune_admin.member_id)).get("/quanly/xephang")
    assert "Nguyễn Thị Hoa" in local.text and 'id="communes"' not in local.text

    # The province's admin: the communes side by side, and any commune's board.
    top = await console_of(app, browser, province.member_id)
    whole = await top.get("/quanly/xephang")
    assert [row[:3] for row in rows_of(whole.text, "communes")] == [
        ["1", "Xã Hòa Bình", "2"],
        ["2", "Xã Yên Lạc", "0"],
    ]
    assert "Nguyễn Thị Hoa" in whole.text  # Hòa Bình comes first
    yen_lac = await top.get("/quanly/xephang", donvi=_option(whole.text, "Xã Yên Lạc"))
    assert yen_lac.status_code == 200 and "Nguyễn Thị Hoa" not in yen_lac.text
    communes_csv = csv_rows((await top.get("/quanly/xephang", xuat="csv", bang="xa")).content)
    assert [row[:3] for row in communes_csv[1:]] == [
        ["1", "Xã Hòa Bình", "2"],
        ["2", "Xã Yên Lạc", "0"],
    ]

    # An officer on the province (not its admin) sees as the province's admin does.
    province_officer = await registered(
        app, await invite_code(app, "DEMO", Role.OFFICER), "Cán Bộ Tỉnh"
    )
    seen = await (await console_of(app, browser, province_officer.member_id)).get("/quanly/xephang")
    assert [row[1] for row in rows_of(seen.text, "communes")] == ["Xã Hòa Bình", "Xã Yên Lạc"]

    # The province's targets: each commune under it, rolled up.
    targets = await top.get("/quanly/chitieu")
    assert targets.status_code == 200, targets.text
    rows = rows_of(targets.text, "targets")
    assert rows[0][5:] == ["Tỉnh Minh Họa (tổng hợp: mọi đơn vị đạt)", "1/3 (33%)", "❌ chưa đạt"]
    assert ["Tổ bảo vệ ANTT thôn Bắc", "0", "❌ chưa đạt"] in rows
    assert ["Xã Yên Lạc", "", "⏳ chưa nhập"] in rows

    # A member never gets in.
    with pytest.raises(Exception, match="dành cho tổ trưởng"):
        await link_token(app, east.member_id)
    assert (await browser().get("/quanly/xephang")).status_code == 401


def _option(page: str, name: str) -> str:
    found = re.search(rf'<option value="(\d+)"[^>]*>{re.escape(name)}</option>', page)
    assert found, name
    return found.group(1)


async def test_the_console_s_targets_are_the_chat_s(
    app: Any, demo: DemoInvites, database: Database, settings: Settings, browser: Any
) -> None:
    today = datetime.now(settings.zone).date()
    await load(database, settings, plan_text(today))
    east = await registered(app, demo.member.code, "Nguyễn Thị Hoa")
    leader = await registered(app, demo.leader.code, "Lê Văn Tổ")
    officer = await registered(app, demo.officer.code, "Đỗ Minh Giang")
    await verified_good_deed(east, leader)

    await officer.chat.say("/chitieu")
    chat = "\n".join(m["text"] for m in officer.chat.last)
    page = await console_of(app, browser, officer.member_id)
    shown = await page.get("/quanly/chitieu")
    assert shown.status_code == 200, shown.text
    rows = rows_of(shown.text, "targets")
    # Each unit's value and verdict as the chat words them, target by target.
    assert "Xã Hòa Bình (tổng hợp: mọi đơn vị đạt): 1/2 (50%) ❌ chưa đạt" in chat
    first = rows[0]
    assert first[0] == "Mỗi tổ mỗi tháng ít nhất 01 việc tốt"
    assert first[5:] == ["Xã Hòa Bình (tổng hợp: mọi đơn vị đạt)", "1/2 (50%)", "❌ chưa đạt"]
    assert rows[1] == ["Tổ bảo vệ ANTT thôn Đông", "1", "✅ đạt"]
    assert rows[2] == ["Tổ bảo vệ ANTT thôn Tây", "0", "❌ chưa đạt"]
    assert "✅ Tổ bảo vệ ANTT thôn Đông: 1" in chat and "❌ Tổ bảo vệ ANTT thôn Tây: 0" in chat
    entered = [row for row in rows if row and row[0].startswith("Không để xảy ra tái phạm")]
    assert (
        entered[0][1] == "do Cán bộ Công an xã nhập"
        and "Cách tính: do Cán bộ Công an xã nhập" in chat
    )
    assert (
        entered[0][5:] == ["Xã Hòa Bình", "", "⏳ chưa nhập"]
        and "Xã Hòa Bình: ⏳ chưa nhập" in chat
    )
    assert "Ngưỡng: không quá 0" in entered[0][4] and "Ngưỡng: không quá 0" in chat
    # and every cell of the page, worded as the chat words it, is in the chat's answer
    assert [line for line in as_the_chat_says(rows) if line not in chat] == []

    # the export holds the same cells
    exported = csv_rows((await page.get("/quanly/chitieu", xuat="csv")).content)
    assert exported[2][5:] == ["Tổ bảo vệ ANTT thôn Đông", "", "1", "đạt"]  # files hold no emoji

    # members are refused (/chitieu in the chat too); a leader sees their team
    led = await (await console_of(app, browser, leader.member_id)).get("/quanly/chitieu")
    assert "Tổ bảo vệ ANTT thôn Đông" in led.text and "Tổ bảo vệ ANTT thôn Tây" not in led.text


async def test_a_value_entered_in_the_console_with_a_note_and_a_pdf_is_what_the_chat_shows(
    app: Any, demo: DemoInvites, database: Database, settings: Settings, browser: Any
) -> None:
    today = datetime.now(settings.zone).date()
    await load(database, settings, plan_text(today))
    await demo_extras(app)
    officer = await registered(app, demo.officer.code, "Đỗ Minh Giang")
    page = await console_of(app, browser, officer.member_id)
    tasks = await page.get("/quanly/chitieu/nhap")
    assert tasks.status_code == 200
    assert "Không để xảy ra tái phạm — Xã Hòa Bình" in tasks.text
    assert "Tại địa bàn, không để xảy ra trường hợp" in tasks.text
    key = _task_key(tasks.text, "Không để xảy ra tái phạm")
    met_key = _task_key(tasks.text, "Xã đạt chuẩn an toàn về ANTT")

    # not a count: said, nothing saved
    bad = await page.post("/quanly/chitieu/nhap", {"key": key, "value": "1,5", "note": ""})
    assert bad.status_code == 400 and "“1,5” không phải số lượng" in bad.text
    # a program renamed as a PDF: refused by its bytes, nothing kept
    fake = await page.post(
        "/quanly/chitieu/nhap",
        {"key": key, "value": "0", "note": "Không có"},
        files={"evidence": ("bao-cao.pdf", EXE, "application/pdf")},
    )
    assert fake.status_code == 400 and 'role="alert"' in fake.text
    assert await database.run(lambda c: c.execute(select(documents)).all()) == []

    saved = await page.post(
        "/quanly/chitieu/nhap",
        {"key": key, "value": "0", "note": "Không có trường hợp nào"},
        files={"evidence": ("Biên bản.pdf", PDF, "application/pdf")},
    )
    assert saved.status_code == 303 and saved.headers["location"].startswith(
        "/quanly/chitieu/nhap?done=saved"
    )
    met = await page.post("/quanly/chitieu/nhap", {"key": met_key, "met": "yes", "note": ""})
    assert met.status_code == 303
    (row,) = await database.run(
        lambda c: c.execute(
            select(values_table).where(values_table.c.target_code == "khong-tai-pham")
        ).all()
    )
    assert (row.value, row.note, row.entered_by) == (
        0.0,
        "Không có trường hợp nào",
        officer.member_id,
    )
    evidence = await database.run(
        lambda c: c.execute(select(documents).where(documents.c.id == row.document_id)).one()
    )
    assert (evidence.owner_kind, evidence.owner_id, evidence.original_name) == (
        "target_value",
        row.id,
        "Biên bản.pdf",
    )
    again = await page.get("/quanly/chitieu/nhap", done="saved")
    assert 'name="value" required maxlength="60" inputmode="decimal" value="0"' in again.text
    assert 'role="status"' in again.text and "Không có trường hợp nào" in again.text
    opened = await page.get(f"/quanly/tailieu/{row.document_id}")
    assert opened.status_code == 200 and opened.content == PDF

    # the chat's /chitieu and the console's page now say the same
    await officer.chat.say("/chitieu")
    chat = "\n".join(m["text"] for m in officer.chat.last)
    assert "Xã Hòa Bình: 0 ✅ đạt" in chat and "Xã Hòa Bình: ✅ đạt" in chat
    rows = rows_of((await page.get("/quanly/chitieu")).text, "targets")
    by_target = {row[0]: row for row in rows if len(row) == 8}
    assert by_target[
        "Không để xảy ra tái phạm “Tại địa bàn, không để xảy ra trường hợp người đã vi phạm pháp luật tái phạm”"
    ][5:] == ["Xã Hòa Bình", "0", "✅ đạt"]
    assert by_target["Xã đạt chuẩn an toàn về ANTT"][5:] == ["Xã Hòa Bình", "", "✅ đạt"]
    assert [line for line in as_the_chat_says(rows) if line not in chat] == []

    # another commune's officer has no such task, and cannot post ours
    other = await registered(app, await invite_code(app, "DEMO-XA2", Role.OFFICER), "Vũ Văn Khác")
    elsewhere = await console_of(app, browser, other.member_id)
    theirs = await elsewhere.get("/quanly/chitieu/nhap")
    assert "Xã Hòa Bình" not in theirs.text and "Xã Yên Lạc" in theirs.text
    refused = await elsewhere.post("/quanly/chitieu/nhap", {"key": key, "value": "5", "note": "x"})
    assert refused.status_code == 403 and "không còn thuộc phần việc của bạn" in refused.text
    assert (await elsewhere.get(f"/quanly/tailieu/{row.document_id}")).status_code == 403
    # a post without the form's token changes nothing
    forged = await page.client.post("/quanly/chitieu/nhap", data={"key": key, "value": "7"})
    assert forged.status_code == 403
    values = await database.run(
        lambda c: (
            c.execute(
                select(values_table.c.value).where(values_table.c.target_code == "khong-tai-pham")
            )
            .scalars()
            .all()
        )
    )
    assert values == [0.0]

    # Once the province closes the period, the form is gone and a post is refused in the
    # service's words.
    conversation = app.state.conversation
    starts = today - timedelta(days=30)
    assert await database.run(
        lambda c: target_values.close(
            conversation.repository(c),
            conversation.repository(c),
            None,  # the shell, as `antt-bot target close` runs it
            "xep-hang-quan-ly",
            starts,
            "DEMO",
            conversation.now(),
        )
    )
    closed = await page.get("/quanly/chitieu/nhap")
    assert f"Kỳ {starts:%d/%m/%Y} – " in closed.text and "đã khóa sổ" in closed.text
    assert 'name="key" value="' + key not in closed.text
    late = await page.post("/quanly/chitieu/nhap", {"key": key, "value": "3", "note": "muộn"})
    assert late.status_code == 400 and "đã khóa sổ" in late.text
    assert (
        await database.run(
            lambda c: c.execute(
                select(values_table.c.value).where(values_table.c.target_code == "khong-tai-pham")
            ).scalar_one()
        )
        == 0.0
    )


def as_the_chat_says(rows: list[list[str]]) -> list[str]:
    """Each unit's cells of the console's targets table as /chitieu writes that unit's line:
    the viewer's own value and verdict (or the roll-up), then each unit under it, marked."""
    lines = []
    for row in rows:
        unit, value, verdict = row[-3:]
        if len(row) == 8:  # a target's first row: the viewer's unit (or roll-up)
            lines.append(f"{unit}: " + " ".join(part for part in (value, verdict) if part))
        elif value:
            lines.append(f"{verdict.split()[0]} {unit}: {value}")
        else:
            lines.append(f"{unit}: {verdict}")
    return lines


def _task_key(page: str, words: str) -> str:
    """The key of the task card whose title begins with `words`."""
    found = re.search(
        rf'<section class="card task" id="task-([0-9a-f]+)"[^>]*>\s*<h2[^>]*>{re.escape(words)}',
        page,
    )
    assert found, words
    return found.group(1)
