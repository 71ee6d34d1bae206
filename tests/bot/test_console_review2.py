"""A review of the console as a new user, an attacker and an operator would try it: odd query
parameters answer a page or a refusal (never a failure), and a workbook that claims far more
rows and columns than it holds is refused instead of filling the memory."""

from __future__ import annotations

import asyncio
import io
import re
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.console.screens import invites as invites_screen
from bot.console.screens import members as members_screen
from bot.console.typed import whole
from bot.roster_files import MAX_COLUMNS, read_rows
from campaign.roles import Role
from services import audit_log, plans, roster
from services.demo import DemoInvites
from storage.database import Database
from storage.schema import invites, members, units
from tests.bot.test_console_tips import INFORMANT, PHONE, report_tip
from tests.console import ConsoleUser, demo_extras, invite_code, link_token, registered


@pytest.fixture
async def province_admin(app: Any) -> Any:
    person = await registered(app, await invite_code(app, "DEMO", Role.ADMIN), "Quản Trị Tỉnh")
    page = ConsoleUser(app)
    assert (await page.log_in(await link_token(app, person.member_id))).status_code == 303
    yield page
    await page.close()


PLANS = Path(__file__).resolve().parents[2] / "plans"
SUPERSCRIPT_TWO = "²"  # a digit to str.isdigit(), not to int()
HUGE = "9" * 30  # beyond any database integer


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/quanly/tin", {"page": SUPERSCRIPT_TWO}),
        ("/quanly/tin", {"unit": SUPERSCRIPT_TWO}),
        ("/quanly/tin", {"unit": HUGE}),
        ("/quanly/tin", {"page": "9" * 4400}),  # past Python's digits limit for int()
        ("/quanly/xephang", {"page": SUPERSCRIPT_TWO}),
        ("/quanly/hanchot", {"page": SUPERSCRIPT_TWO}),
        ("/quanly/nhatky", {"page": HUGE}),
        (f"/quanly/thanhvien/{HUGE}", {}),
    ],
)
async def test_odd_numbers_in_the_url_answer_a_page_or_a_refusal_never_a_failure(
    app: Any, demo: DemoInvites, province_admin: ConsoleUser, path: str, params: dict[str, str]
) -> None:
    answer = await province_admin.get(path, **params)
    assert answer.status_code < 500, (path, params, answer.status_code)


def test_a_page_number_is_plain_digits() -> None:
    # The standings need a running plan to reach their pager: its reading is checked alone.
    assert whole(SUPERSCRIPT_TWO) is None
    assert whole("3") == 3


async def test_a_post_naming_a_member_number_beyond_the_column_is_refused_not_failed(
    app: Any, demo: DemoInvites, province_admin: ConsoleUser
) -> None:
    await province_admin.get("/quanly/thanhvien")
    answer = await province_admin.post(f"/quanly/thanhvien/{HUGE}/ngung", {})
    assert answer.status_code == 400  # the console's page for a malformed request, not a 500
    assert "Không mở được trang này" in answer.text


def claiming_workbook(rows: int, columns: str) -> bytes:
    """A real .xlsx of a header and one name, whose <dimension> claims `columns` x `rows` and
    whose only other row is the last one: openpyxl pads every row up to the claim."""
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="A1:{columns}{rows}"/><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Họ và tên</t></is></c>'
        '<c r="B1" t="inlineStr"><is><t>Đơn vị</t></is></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>Nguyễn Văn A</t></is></c>'
        '<c r="B2" t="inlineStr"><is><t>DEMO-XA-T1</t></is></c></row>'
        f'<row r="{rows}"><c r="A{rows}" t="inlineStr"><is><t>x</t></is></c></row>'
        "</sheetData></worksheet>"
    )
    main = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    package = "http://schemas.openxmlformats.org/package/2006/relationships"
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats'
            '.org/package/2006/content-types"><Default Extension="rels" ContentType="application'
            '/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType='
            '"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
        ),
        "_rels/.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{package}">'
            f'<Relationship Id="rId1" Type="{main}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"
        ),
        "xl/workbook.xml": (
            '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats'
            f'.org/spreadsheetml/2006/main" xmlns:r="{main}"><sheets><sheet name="S" sheetId="1"'
            ' r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{package}">'
            f'<Relationship Id="rId1" Type="{main}/worksheet" Target="worksheets/sheet1.xml"/>'
            "</Relationships>"
        ),
        "xl/worksheets/sheet1.xml": sheet,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as book:
        for name, content in parts.items():
            book.writestr(name, content)
    return buffer.getvalue()


def test_a_workbook_claiming_every_column_is_read_a_few_columns_wide(tmp_path: Path) -> None:
    path = tmp_path / "danh-sach.xlsx"
    path.write_bytes(claiming_workbook(5, "XFD"))  # 16,384 columns claimed
    rows = list(read_rows(path))
    assert [number for number, _ in rows] == [1, 2, 3, 4, 5]
    assert rows[1][1][:2] == ["Nguyễn Văn A", "DEMO-XA-T1"]
    assert max(len(cells) for _, cells in rows) <= MAX_COLUMNS


async def test_a_roster_workbook_claiming_a_million_rows_is_refused_as_too_long(
    app: Any, demo: DemoInvites
) -> None:
    person = await registered(app, await invite_code(app, "DEMO-XA", Role.ADMIN), "Quản Trị Xã")
    page = ConsoleUser(app)
    try:
        assert (await page.log_in(await link_token(app, person.member_id))).status_code == 303
        await page.get("/quanly/danhsach")
        data = claiming_workbook(1_048_576, "B")  # 1.5 kB
        assert len(data) < 4000
        answer = await page.post(
            "/quanly/danhsach", files={"file": ("danh-sach.xlsx", data, "application/zip")}
        )
        assert answer.status_code == 400
        assert "Tệp có hơn 5000 dòng" in answer.text
        assert 'name="sha256"' not in answer.text  # nothing to confirm
    finally:
        await page.close()


async def test_a_long_plan_is_read_off_the_event_loop_and_its_mistake_names_its_line(
    app: Any, demo: DemoInvites, province_admin: ConsoleUser
) -> None:
    await province_admin.get("/quanly/kehoach")
    items = [f"  - {{a: {n}, b: [1, 2, 3]}}" for n in range(12_000)]
    items[9_000] = "  - {a: 1, b: [1, 2, 3]}}"  # one brace too many, on line 9003
    text = "\n".join(["code: dai", "items:", *items]) + "\n"
    finished: list[str] = []

    async def upload() -> Any:
        answer = await province_admin.post(
            "/quanly/kehoach", files={"file": ("dai.yaml", text.encode(), "application/yaml")}
        )
        finished.append("upload")
        return answer

    async def glance() -> Any:
        await asyncio.sleep(0.05)  # the upload is being read by then
        answer = await province_admin.client.get("/quanly/")
        finished.append("glance")
        return answer

    uploaded, glanced = await asyncio.gather(upload(), glance())
    assert glanced.status_code == 200
    assert finished == ["glance", "upload"]  # another page was served meanwhile
    assert uploaded.status_code == 400
    assert "9003" in uploaded.text


async def test_a_roster_confirmed_twice_at_once_imports_each_person_once(
    app: Any, demo: DemoInvites, database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    importing = roster.import_checked

    def slow_import(*args: Any, **kwargs: Any) -> Any:
        time.sleep(0.3)  # a large file: the second click comes while the first imports
        return importing(*args, **kwargs)

    monkeypatch.setattr(roster, "import_checked", slow_import)
    person = await registered(app, await invite_code(app, "DEMO-XA", Role.ADMIN), "Quản Trị Xã")
    page = ConsoleUser(app)
    try:
        assert (await page.log_in(await link_token(app, person.member_id))).status_code == 303
        await page.get("/quanly/danhsach")
        data = "Họ và tên,Chức vụ,Đơn vị\nNguyễn Văn Hai Lần,Tổ viên,DEMO-XA-T1\n".encode()
        checked = await page.post(
            "/quanly/danhsach", files={"file": ("danh-sach.csv", data, "text/csv")}
        )
        assert checked.status_code == 200, checked.text
        sha = re.search(r'name="sha256" value="([0-9a-f]{64})"', checked.text)
        assert sha
        confirm = {"sha256": sha.group(1)}
        first, second = await asyncio.gather(
            page.post("/quanly/danhsach/nhap", confirm), page.post("/quanly/danhsach/nhap", confirm)
        )
        assert sorted([first.status_code, second.status_code]) == [303, 409]
        again = await page.post("/quanly/danhsach/nhap", confirm)  # a third, after it all
        assert again.status_code == 409
        named = await database.run(
            lambda c: c.execute(
                select(func.count())
                .select_from(members)
                .where(members.c.full_name == "Nguyễn Văn Hai Lần")
            ).scalar_one()
        )
        assert named == 1
        issued = await database.run(
            lambda c: c.execute(
                select(func.count())
                .select_from(invites)
                .join(members, invites.c.member_id == members.c.id)
                .where(members.c.full_name == "Nguyễn Văn Hai Lần")
            ).scalar_one()
        )
        assert issued == 1
    finally:
        await page.close()


@pytest.mark.parametrize(
    "path",
    [
        "/quanly/danhsach",
        "/quanly/danhsach/ma-moi",
        "/quanly/kehoach",
        "/quanly/nhatky",
        "/quanly/nhatky?xuat=csv",
        "/quanly/donvi",
        "/quanly/thanhvien",
        "/quanly/thanhvien?xuat=xlsx",
        "/quanly/moi",
        "/quanly/moi/in",
    ],
)
async def test_a_leader_and_an_officer_typing_an_admin_address_are_refused(
    app: Any, demo: DemoInvites, path: str
) -> None:
    for code, name in ((demo.leader.code, "Tổ Trưởng Gõ"), (demo.officer.code, "Cán Bộ Gõ")):
        person = await registered(app, code, name)
        page = ConsoleUser(app)
        try:
            assert (await page.log_in(await link_token(app, person.member_id))).status_code == 303
            answer = await page.get(path)
            assert answer.status_code == 403, (name, path, answer.status_code)
        finally:
            await page.close()


@pytest.mark.parametrize("day", ["31/02/2026", "1/1/99999999999999", "1/²/2026", "hôm nay"])
async def test_a_closing_day_that_is_no_day_is_a_problem_on_the_form(
    app: Any, demo: DemoInvites, province_admin: ConsoleUser, day: str
) -> None:
    await province_admin.get("/quanly/donvi")
    answer = await province_admin.post("/quanly/donvi/dong", {"unit": "DEMO-XA-T2", "day": day})
    assert answer.status_code == 400
    assert 'role="alert"' in answer.text


async def test_a_roster_csv_with_a_cell_too_long_to_read_is_refused_with_why(
    app: Any, demo: DemoInvites
) -> None:
    person = await registered(app, await invite_code(app, "DEMO-XA", Role.ADMIN), "Quản Trị Xã")
    page = ConsoleUser(app)
    try:
        assert (await page.log_in(await link_token(app, person.member_id))).status_code == 303
        await page.get("/quanly/danhsach")
        data = "Họ và tên,Chức vụ,Đơn vị\nNguyễn Văn A,Tổ viên,{}\n".format("X" * 200_000)
        answer = await page.post(
            "/quanly/danhsach", files={"file": ("danh-sach.csv", data.encode(), "text/csv")}
        )
        assert answer.status_code == 400
        assert "không đọc được tệp CSV" in answer.text
    finally:
        await page.close()


async def test_a_plan_loaded_twice_at_once_is_loaded_once(
    app: Any, demo: DemoInvites, province_admin: ConsoleUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    loading = plans.load

    def slow_load(*args: Any, **kwargs: Any) -> Any:
        time.sleep(0.3)  # the second click comes while the first loads
        return loading(*args, **kwargs)

    monkeypatch.setattr(plans, "load", slow_load)
    await province_admin.get("/quanly/kehoach")
    plan = PLANS / "2026-thi-dua-dac-biet.yaml"
    preview = await province_admin.post(
        "/quanly/kehoach", files={"file": (plan.name, plan.read_bytes(), "text/yaml")}
    )
    assert preview.status_code == 200, preview.text
    sha = re.search(r'name="sha256" value="([0-9a-f]{64})"', preview.text)
    assert sha
    confirm = {"sha256": sha.group(1)}
    first, second = await asyncio.gather(
        province_admin.post("/quanly/kehoach/nap", confirm),
        province_admin.post("/quanly/kehoach/nap", confirm),
    )
    assert sorted([first.status_code, second.status_code]) == [303, 409]
    done = first if first.status_code == 303 else second
    assert "done=loaded" in done.headers["location"]


async def test_another_communes_officer_reaches_no_tip_by_its_team_its_case_or_an_export(
    app: Any, demo: DemoInvites, database: Database
) -> None:
    await demo_extras(app)
    member = await registered(app, demo.member.code, "Lê Văn Báo")
    reference = await report_tip(member, "Có người lạ tụ tập sử dụng ma túy ở nhà hoang")
    team = await database.run(
        lambda c: c.execute(select(units.c.id).where(units.c.code == "DEMO-XA-T1")).scalar_one()
    )
    stranger = await registered(
        app, await invite_code(app, "DEMO-XA2", Role.OFFICER), "Trịnh Văn Khác"
    )
    page = ConsoleUser(app)
    try:
        assert (await page.log_in(await link_token(app, stranger.member_id))).status_code == 303
        listed = await page.get("/quanly/tin", unit=str(team))
        assert listed.status_code == 200 and reference not in listed.text
        exported = await page.get("/quanly/tin", unit=str(team), xuat="csv")
        assert exported.status_code == 200 and reference not in exported.text
        for typed in (reference, reference.lower(), f" {reference} "):
            assert (await page.get(f"/quanly/tin/{typed}")).status_code == 403
        assert (await page.get(f"/quanly/tin/{reference}/nguoi-cung-cap")).status_code == 403
        refused = await page.post(
            f"/quanly/tin/{reference.lower()}/nguoi-cung-cap", {"reason": "Muốn xem người này"}
        )
        assert refused.status_code == 403
        assert INFORMANT not in refused.text and PHONE not in refused.text
    finally:
        await page.close()


async def test_a_refused_roster_or_plan_leaves_no_file_behind(
    app: Any, demo: DemoInvites, province_admin: ConsoleUser, settings: Any
) -> None:
    await province_admin.get("/quanly/danhsach")
    data = "Họ và tên,Chức vụ,Đơn vị\nNguyễn Văn A,Tổ viên,KHONG-CO\n".encode()
    checked = await province_admin.post(
        "/quanly/danhsach", files={"file": ("danh-sach.csv", data, "text/csv")}
    )
    assert checked.status_code == 400 and "không tìm thấy đơn vị" in checked.text
    await province_admin.get("/quanly/kehoach")
    refused = await province_admin.post(
        "/quanly/kehoach", files={"file": ("p.yaml", b"code: [", "text/yaml")}
    )
    assert refused.status_code == 400 and "dòng 1" in refused.text
    kept = [p.name for p in (settings.data_dir / "console-uploads").rglob("*") if p.is_file()]
    assert [name for name in kept if not name.endswith(".name")] == []


@pytest.mark.parametrize("typed", ["abc", "-1", SUPERSCRIPT_TWO, HUGE])
async def test_a_people_page_number_typed_wrong_shows_the_first_page(
    app: Any, demo: DemoInvites, province_admin: ConsoleUser, typed: str
) -> None:
    for path in ("/quanly/thanhvien", "/quanly/moi"):
        answer = await province_admin.get(path, page=typed, n=typed)
        assert answer.status_code == 200, (path, typed, answer.status_code)
        assert "<table" in answer.text


async def test_an_invite_sheet_past_its_limit_asks_for_narrower_filters(
    app: Any, demo: DemoInvites, province_admin: ConsoleUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(invites_screen, "SHEET_LIMIT", 2)  # a province's 100,000 in short
    for _ in range(3):
        await invite_code(app, "DEMO-XA-T2", Role.MEMBER)
    everything = await province_admin.get("/quanly/moi/in")
    assert everything.status_code == 403
    assert "một tờ in tối đa 2 mã" in everything.text and "qr-card" not in everything.text
    narrowed = await province_admin.get("/quanly/moi/in", donvi="DEMO-XA", vaitro="officer")
    assert narrowed.status_code == 200 and "qr-card" in narrowed.text


async def test_a_members_or_invites_export_past_its_limit_is_refused_not_cut(
    app: Any, demo: DemoInvites, province_admin: ConsoleUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(members_screen, "EXPORT_LIMIT", 2)  # 50,000 in short
    monkeypatch.setattr(invites_screen, "EXPORT_LIMIT", 2)
    for path in ("/quanly/thanhvien", "/quanly/moi"):
        refused = await province_admin.get(path, xuat="csv")
        assert refused.status_code == 403, path
        assert "một tệp xuất tối đa 2 dòng" in refused.text
    narrowed = await province_admin.get(
        "/quanly/moi", xuat="csv", donvi="DEMO-XA", vaitro="officer"
    )
    assert narrowed.status_code == 200 and "DEMO-XA" in narrowed.text


async def test_an_audit_export_past_its_limit_is_refused_not_cut(
    app: Any, demo: DemoInvites, province_admin: ConsoleUser, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(audit_log, "EXPORT_LIMIT", 2)  # 50,000 in short
    await province_admin.get("/quanly/nhatky")
    refused = await province_admin.get("/quanly/nhatky", xuat="csv")
    assert refused.status_code == 403
    assert "một tệp xuất tối đa 2 dòng" in refused.text
