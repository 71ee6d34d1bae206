"""The admin's files in the console: a roster checked row by row before anything is written,
then imported whole with its invite codes to download; a plan file read back as its
line-numbered problems or a preview before it is loaded, and retired; the audit log searched
within the admin's units and exported, never showing an informant."""

from __future__ import annotations

import asyncio
import csv
import io
import re
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select
from typer.testing import CliRunner

from bot.cli import app as cli
from bot.settings import Settings
from campaign.roles import Role
from services.demo import DemoInvites
from services.ports import Audited
from storage.audit import record
from storage.database import Database
from storage.schema import audit_log, entries, members, plans
from tests.console import ConsoleUser, demo_extras, invite_code, link_token, registered

ROOT = Path(__file__).resolve().parents[2]
PLAN_2026 = ROOT / "plans" / "2026-thi-dua-dac-biet.yaml"
SHA = re.compile(r'name="sha256" value="([0-9a-f]{64})"')
CSV = "text/csv"


@pytest.fixture
async def browser(app: Any) -> Any:
    made: list[ConsoleUser] = []

    def make() -> ConsoleUser:
        made.append(ConsoleUser(app))
        return made[-1]

    yield make
    for user in made:
        await user.close()


async def admin_page(app: Any, browser: Any, unit: str, name: str) -> tuple[ConsoleUser, int]:
    """An admin of `unit`, registered through the chat, logged in to the console."""
    person = await registered(app, await invite_code(app, unit, Role.ADMIN), name)
    page: ConsoleUser = browser()
    assert (await page.log_in(await link_token(app, person.member_id))).status_code == 303
    return page, person.member_id


def roster_csv(*rows: tuple[str, str, str]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Họ và tên", "Chức vụ", "Đơn vị"])
    for row in rows:
        writer.writerow(row)
    return buffer.getvalue().encode("utf-8")


async def upload(page: ConsoleUser, path: str, name: str, data: bytes, kind: str = CSV) -> Any:
    await page.get(path)
    return await page.post(path, files={"file": (name, data, kind)})


async def names_in(database: Database, *names: str) -> list[str]:
    found = await database.run(
        lambda c: list(
            c.execute(select(members.c.full_name).where(members.c.full_name.in_(names))).scalars()
        )
    )
    return sorted(found)


async def test_a_bad_row_is_shown_with_its_problem_and_nothing_is_written_then_the_fixed_file_imports(
    app: Any, demo: DemoInvites, database: Database, browser: Any
) -> None:
    page, admin_id = await admin_page(app, browser, "DEMO-XA", "Quản Trị Xã")
    bad = roster_csv(
        ("Nguyễn Văn Đông", "Tổ viên", "DEMO-XA-T1"),
        ("Trần Thị Tây", "Tổ viên", "KHONG-CO-TO"),
        ("Lê Văn Nam", "Tổ trưởng", "DEMO-XA-T2"),
    )
    checked = await upload(page, "/quanly/danhsach", "danh-sach.csv", bad)
    assert checked.status_code == 400
    assert "Có 1 dòng có lỗi: chưa ghi gì" in checked.text
    row = re.search(r"<tr>\s*<td>3</td>.*?</tr>", checked.text, re.S)
    assert row and "Trần Thị Tây" in row.group(0) and "không tìm thấy đơn vị" in row.group(0)
    assert "Dòng 3: không tìm thấy đơn vị" in checked.text  # listed above the whole table
    assert "Nguyễn Văn Đông" in checked.text  # every row is shown, the good ones too
    assert "/quanly/danhsach/nhap" not in checked.text  # no confirm button
    assert await names_in(database, "Nguyễn Văn Đông", "Lê Văn Nam") == []

    fixed = bad.replace(b"KHONG-CO-TO", b"DEMO-XA-T2")
    checked = await upload(page, "/quanly/danhsach", "danh-sach.csv", fixed)
    assert checked.status_code == 200
    assert "Cả 3 dòng đều hợp lệ" in checked.text
    assert await names_in(database, "Nguyễn Văn Đông") == []  # still nothing before confirming
    sha = SHA.search(checked.text)
    assert sha
    done = await page.post("/quanly/danhsach/nhap", {"sha256": sha.group(1)})
    assert done.status_code == 303, done.text
    shown = await page.get(done.headers["location"])
    assert "Đã nhập danh sách" in shown.text and 'role="status"' in shown.text
    assert await names_in(database, "Nguyễn Văn Đông", "Trần Thị Tây", "Lê Văn Nam") == [
        "Lê Văn Nam",
        "Nguyễn Văn Đông",
        "Trần Thị Tây",
    ]

    workbook = await page.get("/quanly/danhsach/ma-moi")
    assert workbook.status_code == 200
    assert "danh-sach-ma-moi.xlsx" in workbook.headers["content-disposition"]
    sheet = load_workbook(io.BytesIO(workbook.content)).worksheets[0]
    rows = [[str(v) if v is not None else "" for v in r] for r in sheet.iter_rows(values_only=True)]
    codes = {r[4]: r[6] for r in rows if r[4] in ("Nguyễn Văn Đông", "Trần Thị Tây", "Lê Văn Nam")}
    assert len(codes) == 3 and all(codes.values())
    # The code in the workbook is the person's: registering with it makes them that member.
    rostered = await database.run(
        lambda c: c.execute(
            select(members.c.id).where(members.c.full_name == "Trần Thị Tây")
        ).scalar_one()
    )
    newcomer = await registered(app, codes["Trần Thị Tây"], "Trần Thị Tây")
    assert newcomer.member_id == rostered
    audited = await database.run(
        lambda c: c.execute(
            select(audit_log.c.action, audit_log.c.actor_member_id, audit_log.c.details).where(
                audit_log.c.action.in_(("roster.imported", "roster.invites_downloaded"))
            )
        ).all()
    )
    assert sorted(row.action for row in audited) == [
        "roster.imported",
        "roster.invites_downloaded",
    ]
    assert {row.actor_member_id for row in audited} == {admin_id}
    assert next(r for r in audited if r.action == "roster.imported").details["rows"] == 3


async def test_a_file_changed_between_preview_and_confirm_is_refused(
    app: Any, demo: DemoInvites, database: Database, browser: Any
) -> None:
    page, _ = await admin_page(app, browser, "DEMO-XA", "Quản Trị Xã")
    first = await upload(
        page, "/quanly/danhsach", "a.csv", roster_csv(("Phạm Văn Một", "Tổ viên", "DEMO-XA-T1"))
    )
    sha = SHA.search(first.text)
    assert sha
    # Another tab uploads another file before the first preview is confirmed.
    await upload(
        page, "/quanly/danhsach", "b.csv", roster_csv(("Phạm Văn Hai", "Tổ viên", "DEMO-XA-T1"))
    )
    refused = await page.post("/quanly/danhsach/nhap", {"sha256": sha.group(1)})
    assert refused.status_code == 409
    assert "Tệp đã thay đổi kể từ lúc kiểm tra" in refused.text
    assert await names_in(database, "Phạm Văn Một", "Phạm Văn Hai") == []
    forged = await page.post("/quanly/danhsach/nhap", {"sha256": "0" * 64})
    assert forged.status_code == 409


async def test_a_commune_admin_s_row_for_another_commune_is_a_problem(
    app: Any, demo: DemoInvites, database: Database, browser: Any
) -> None:
    await demo_extras(app)
    rows = roster_csv(
        ("Vũ Văn Gần", "Tổ viên", "DEMO-XA-T1"),
        ("Vũ Văn Xa", "Tổ viên", "DEMO-XA2-T1"),
    )
    commune, _ = await admin_page(app, browser, "DEMO-XA", "Quản Trị Xã")
    checked = await upload(commune, "/quanly/danhsach", "ds.csv", rows)
    assert checked.status_code == 400
    row = re.search(r"<tr>\s*<td>3</td>.*?</tr>", checked.text, re.S)
    assert row and "không thuộc phạm vi quản lý của bạn" in row.group(0)
    assert "Có 1 dòng có lỗi" in checked.text
    # The province's admin may fill both communes.
    province, _ = await admin_page(app, browser, "DEMO", "Quản Trị Tỉnh")
    checked = await upload(province, "/quanly/danhsach", "ds.csv", rows)
    assert checked.status_code == 200 and "Cả 2 dòng đều hợp lệ" in checked.text
    assert await names_in(database, "Vũ Văn Gần", "Vũ Văn Xa") == []


FAULTY_PLAN = b"""\
code: thu-bang-console
name: Thu
issuer: Tinh
scope: DEMO
starts: 01/01/2026
ends: 31/12/2026
areas:
  - {code: tip, form: tip, points: nhieu, name: {vi: "Nguon tin", en: Tips}}
"""


async def test_a_plan_file_with_a_fault_shows_its_line_and_loads_nothing(
    app: Any, demo: DemoInvites, database: Database, browser: Any
) -> None:
    page, _ = await admin_page(app, browser, "DEMO", "Quản Trị Tỉnh")
    shown = await upload(page, "/quanly/kehoach", "ke-hoach.yaml", FAULTY_PLAN, "text/yaml")
    assert shown.status_code == 400
    assert "dòng 8: areas.0.points" in shown.text
    assert "chưa nạp gì" in shown.text
    assert "/quanly/kehoach/nap" not in shown.text
    count = await database.run(
        lambda c: c.execute(select(func.count()).select_from(plans)).scalar()
    )
    assert count == 0


async def test_a_good_plan_is_previewed_then_loaded_listed_and_retired(
    app: Any,
    demo: DemoInvites,
    database: Database,
    settings: Settings,
    browser: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page, admin_id = await admin_page(app, browser, "DEMO", "Quản Trị Tỉnh")
    text = PLAN_2026.read_bytes()
    preview = await upload(page, "/quanly/kehoach", PLAN_2026.name, text, "text/yaml")
    assert preview.status_code == 200, preview.text
    for seen in (
        "Xem trước",
        "hd-2026-thi-dua-dac-biet",
        "Đợt 1",  # a phase
        "19/08/2026",
        "Có mặt tại vụ việc",  # a content area
        "tối đa 10/ngày",
        "Cách tính",  # how each target is measured, in words:
        "đếm mục “Có mặt tại vụ việc” đã xác minh",
        "do Cán bộ Công an xã nhập",
        "Ngưỡng: ít nhất 80%",
        "Hạn nộp",  # the deadlines
        "Sơ kết Đợt 1",
        "03/02/2027",
    ):
        assert seen in preview.text, seen
    count = await database.run(
        lambda c: c.execute(select(func.count()).select_from(plans)).scalar()
    )
    assert count == 0  # a preview writes nothing
    sha = SHA.search(preview.text)
    assert sha
    loaded = await page.post("/quanly/kehoach/nap", {"sha256": sha.group(1)})
    assert loaded.status_code == 303, loaded.text
    listed = await page.get(loaded.headers["location"])
    assert "Đã nạp kế hoạch hd-2026-thi-dua-dac-biet" in listed.text
    assert "đang chạy" in listed.text

    monkeypatch.setenv("ANTT_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("ANTT_DATABASE_URL", settings.resolved_database_url)
    monkeypatch.setenv("ANTT_SECRET_KEY", settings.secret_key)
    result = await asyncio.to_thread(
        CliRunner().invoke, cli, ["plan", "list"], env={"ANTT_LANGUAGE": "vi"}
    )
    assert result.exit_code == 0, result.output
    assert "hd-2026-thi-dua-dac-biet" in result.output
    actor = await database.run(
        lambda c: c.execute(
            select(audit_log.c.actor_member_id, audit_log.c.actor).where(
                audit_log.c.action == "plan.loaded"
            )
        ).one()
    )
    assert tuple(actor) == (admin_id, "member")  # the console's admin, not "cli"

    retired = await page.post("/quanly/kehoach/ketthuc", {"code": "hd-2026-thi-dua-dac-biet"})
    assert retired.status_code == 303
    after = await page.get(retired.headers["location"])
    assert "Đã kết thúc kế hoạch hd-2026-thi-dua-dac-biet từ hôm nay" in after.text
    assert "đang chạy" in after.text  # today is its last day
    ends = await database.run(
        lambda c: c.execute(
            select(plans.c.ended_on).where(plans.c.code == "hd-2026-thi-dua-dac-biet")
        ).scalar()
    )
    today = app.state.conversation.now().astimezone(settings.zone).date()
    assert ends == today
    # Retiring twice: it ends today already; the form is no longer offered once it has ended.
    tomorrow = app.state.conversation.now() + timedelta(days=1)
    app.state.conversation.now = lambda: tomorrow
    gone = await page.get("/quanly/kehoach")
    assert "kehoach/ketthuc" not in gone.text


async def test_a_commune_admin_cannot_load_a_province_plan(
    app: Any, demo: DemoInvites, database: Database, browser: Any
) -> None:
    page, _ = await admin_page(app, browser, "DEMO-XA", "Quản Trị Xã")
    shown = await upload(page, "/quanly/kehoach", "p.yaml", PLAN_2026.read_bytes(), "text/yaml")
    assert shown.status_code == 403
    assert "ngoài phạm vi quản lý của bạn" in shown.text
    count = await database.run(
        lambda c: c.execute(select(func.count()).select_from(plans)).scalar()
    )
    assert count == 0


def plan_not_started(scope: str) -> bytes:
    starts = datetime.now().date() + timedelta(days=30)
    return f"""\
code: sap-toi
name: {{vi: "Kế hoạch sắp tới", en: Coming plan}}
issuer: Tỉnh
scope: {scope}
starts: {starts:%d/%m/%Y}
ends: {starts + timedelta(days=60):%d/%m/%Y}
areas:
  - {{code: tip, form: tip, points: 3, name: {{vi: "Nguồn tin", en: Tips}}}}
""".encode()


async def test_a_plan_not_started_is_not_retired_and_a_commune_admin_loads_their_own(
    app: Any, demo: DemoInvites, database: Database, browser: Any
) -> None:
    page, _ = await admin_page(app, browser, "DEMO-XA", "Quản Trị Xã")
    preview = await upload(page, "/quanly/kehoach", "p.yaml", plan_not_started("DEMO-XA"))
    sha = SHA.search(preview.text)
    assert sha, preview.text
    assert (await page.post("/quanly/kehoach/nap", {"sha256": sha.group(1)})).status_code == 303
    listed = await page.get("/quanly/kehoach")
    assert "sap-toi" in listed.text and "chưa bắt đầu" in listed.text
    assert "kehoach/ketthuc" not in listed.text
    refused = await page.post("/quanly/kehoach/ketthuc", {"code": "sap-toi"})
    assert refused.status_code == 403 and "chưa thể kết thúc" in refused.text
    # The commune's plan is listed above it, not beside it.
    await demo_extras(app)
    province, _ = await admin_page(app, browser, "DEMO", "Quản Trị Tỉnh")
    assert "sap-toi" in (await province.get("/quanly/kehoach")).text
    neighbour, _ = await admin_page(app, browser, "DEMO-XA2", "Quản Trị Xã Hai")
    assert "sap-toi" not in (await neighbour.get("/quanly/kehoach")).text


async def log_named_tip(user: Any, informant: str) -> None:
    await user.say("/baotin")
    await user.tap("Ma túy")
    await user.say("Có người lạ tụ tập ở nhà hoang")
    await user.say("Nhà hoang cuối xóm 3, thôn Đông")
    await user.tap("Bây giờ")
    await user.tap("có tên")
    await user.say(informant)
    await user.say("0912345678")
    await user.tap("Bình thường")
    await user.tap("Bỏ qua")
    await user.tap("Lưu")
    assert "Đã lưu" in user.text, user.text


INFORMANT = "Quách Thị Bímật Zyx"
REASON = "Cần gặp trực tiếp người báo để xác minh"


async def test_the_audit_log_finds_a_login_and_a_reveal_scoped_per_admin_and_exports(
    app: Any, demo: DemoInvites, database: Database, settings: Settings, browser: Any
) -> None:
    await demo_extras(app)
    officer = await registered(app, demo.officer.code, "Đỗ Văn Công")
    member = await registered(app, demo.member.code, "Lê Thị Viên")
    await log_named_tip(member.chat, INFORMANT)
    await officer.chat.say("/nguontin")
    await officer.chat.tap("Xem người cung cấp")
    await officer.chat.say(REASON)
    assert INFORMANT in officer.chat.text  # shown once to the officer

    province, province_id = await admin_page(app, browser, "DEMO", "Quản Trị Tỉnh")
    today = app.state.conversation.now().astimezone(settings.zone).date()
    iso = today.isoformat()
    logins = await province.get(
        "/quanly/nhatky", hanhdong="console.login", tu=iso, den=iso, nguoi="quan tri tinh"
    )
    assert logins.status_code == 200
    assert "Đăng nhập trang quản lý" in logins.text and "Quản Trị Tỉnh" in logins.text
    assert "1 dòng" in logins.text  # the province admin's one login
    reveals = await province.get("/quanly/nhatky", hanhdong="informant.revealed", tu=iso, den=iso)
    assert "Xem người cung cấp tin" in reveals.text and "Đỗ Văn Công" in reveals.text
    assert REASON in reveals.text
    assert INFORMANT not in reveals.text and "Bímật" not in reveals.text
    reference = await database.run(lambda c: c.execute(select(entries.c.reference)).scalar_one())
    by_record = await province.get("/quanly/nhatky", doituong=reference.lower())
    assert "Xem người cung cấp tin</td>" in by_record.text
    assert "Đăng nhập trang quản lý</td>" not in by_record.text
    nothing = await province.get("/quanly/nhatky", doituong="KHONG-CO-MA")
    assert "0 dòng" in nothing.text
    past = (today - timedelta(days=3)).isoformat()
    earlier = await province.get("/quanly/nhatky", hanhdong="informant.revealed", den=past)
    assert "Đỗ Văn Công" not in earlier.text

    for fmt in ("csv", "xlsx"):
        exported = await province.get(
            "/quanly/nhatky", hanhdong="informant.revealed", tu=iso, den=iso, xuat=fmt
        )
        assert exported.status_code == 200
        if fmt == "csv":
            body = exported.content.decode("utf-8-sig")
        else:
            sheet = load_workbook(io.BytesIO(exported.content)).worksheets[0]
            body = str([list(r) for r in sheet.iter_rows(values_only=True)])
        assert REASON in body and "Đỗ Văn Công" in body
        assert INFORMANT not in body and "Bímật" not in body
    exports = await database.run(
        lambda c: c.execute(
            select(audit_log.c.actor_member_id, audit_log.c.details).where(
                audit_log.c.action == "export.audit"
            )
        ).all()
    )
    assert [row.actor_member_id for row in exports] == [province_id, province_id]
    assert exports[0].details["rows"] == 1
    everything = await database.run(
        lambda c: str(list(c.execute(select(audit_log.c.details)).scalars()))
    )
    assert INFORMANT not in everything

    oldest = (await province.get("/quanly/nhatky", order="oldest")).text
    newest = (await province.get("/quanly/nhatky")).text
    first, login = "Đăng ký thành viên</td>", "Đăng nhập trang quản lý</td>"
    assert oldest.index(first) < oldest.index(login)
    assert newest.index(login) < newest.index(first)

    # The commune's admin sees the commune's reveal, not the province admin's login.
    commune, _ = await admin_page(app, browser, "DEMO-XA", "Quản Trị Xã")
    seen = await commune.get("/quanly/nhatky")
    assert "Đỗ Văn Công" in seen.text
    assert "Quản Trị Tỉnh" not in seen.text
    # The other commune's admin sees neither.
    other, _ = await admin_page(app, browser, "DEMO-XA2", "Quản Trị Xã Hai")
    seen = await other.get("/quanly/nhatky")
    assert "Đỗ Văn Công" not in seen.text and "Quản Trị Tỉnh" not in seen.text
    assert "Quản Trị Xã Hai" in seen.text  # their own login


async def test_only_admins_reach_the_files_and_every_post_needs_its_csrf_token(
    app: Any, demo: DemoInvites, database: Database, browser: Any
) -> None:
    member = await registered(app, demo.member.code, "Lê Thị Viên")
    with pytest.raises(Exception, match="dành cho tổ trưởng"):
        await link_token(app, member.member_id)  # a member never gets in at all
    officer = await registered(app, demo.officer.code, "Phạm Văn Cán")
    leader = await registered(app, demo.leader.code, "Trần Văn Tổ")
    on_province = await registered(app, await invite_code(app, "DEMO", Role.OFFICER), "Cán Bộ Tỉnh")
    for commander in (officer, leader, on_province):
        page: ConsoleUser = browser()
        await page.log_in(await link_token(app, commander.member_id))
        home = await page.get("/quanly/")
        assert "/quanly/danhsach" not in home.text and "/quanly/nhatky" not in home.text
        for path in ("/quanly/danhsach", "/quanly/kehoach", "/quanly/nhatky"):
            refused = await page.get(path)
            assert refused.status_code == 403, path
            assert "Chỉ quản trị viên" in refused.text
    sent = await page.post(
        "/quanly/danhsach",
        files={"file": ("a.csv", roster_csv(("Ai Đó", "Tổ viên", "DEMO-XA-T1")), CSV)},
    )
    assert sent.status_code == 403
    assert await names_in(database, "Ai Đó") == []

    admin, _ = await admin_page(app, browser, "DEMO", "Quản Trị Tỉnh")
    home = await admin.get("/quanly/")
    for path in ("/quanly/danhsach", "/quanly/kehoach", "/quanly/nhatky"):
        assert path in home.text
    data = roster_csv(("Ai Đó", "Tổ viên", "DEMO-XA-T1"))
    for path, form, files in (
        ("/quanly/danhsach", {}, {"file": ("a.csv", data, CSV)}),
        ("/quanly/danhsach/nhap", {"sha256": "0" * 64}, None),
        ("/quanly/kehoach", {}, {"file": ("p.yaml", PLAN_2026.read_bytes(), "text/yaml")}),
        ("/quanly/kehoach/nap", {"sha256": "0" * 64}, None),
        ("/quanly/kehoach/ketthuc", {"code": "x"}, None),
    ):
        refused = await admin.client.post(path, data=form, files=files)
        assert refused.status_code == 403, path
        assert "mã bảo vệ" in refused.text


async def test_the_audit_log_pages_fifty_lines(
    app: Any, demo: DemoInvites, database: Database, browser: Any
) -> None:
    page, admin_id = await admin_page(app, browser, "DEMO", "Quản Trị Tỉnh")
    for _ in range(55):
        await link_token(app, admin_id)  # each an audit line "login link issued"
    first = await page.get("/quanly/nhatky", hanhdong="console.link_issued")
    assert "56 dòng" in first.text  # and the one the admin logged in with
    assert first.text.count("Cấp liên kết đăng nhập</td>") == 50
    assert "Trang 1/2" in first.text and "page=2" in first.text
    second = await page.get("/quanly/nhatky", hanhdong="console.link_issued", page="2")
    assert second.text.count("Cấp liên kết đăng nhập</td>") == 6


async def test_a_sealed_answer_written_into_an_audit_line_by_mistake_is_never_shown(
    app: Any, demo: DemoInvites, database: Database, browser: Any
) -> None:
    page, admin_id = await admin_page(app, browser, "DEMO", "Quản Trị Tỉnh")
    now = app.state.conversation.now()
    wrong = {"reason": REASON, "seen": {"informant_name": INFORMANT, "informant_contact": "0999"}}
    await database.run(
        lambda c: record(c, Audited("informant.revealed", "entries", "X-1", now, admin_id, wrong))
    )
    shown = await page.get("/quanly/nhatky", hanhdong="informant.revealed")
    assert REASON in shown.text
    assert INFORMANT not in shown.text and "0999" not in shown.text
    exported = await page.get("/quanly/nhatky", hanhdong="informant.revealed", xuat="csv")
    body = exported.content.decode("utf-8-sig")
    assert REASON in body and INFORMANT not in body and "0999" not in body


GUIDE = ROOT / "plans" / "2026-huong-dan-01-hd-bca-v05.yaml"


async def test_a_grading_guide_is_loaded_by_a_top_admin_only(
    app: Any, demo: DemoInvites, database: Database, browser: Any
) -> None:
    commune, _ = await admin_page(app, browser, "DEMO-XA", "Quản Trị Xã")
    refused = await upload(commune, "/quanly/kehoach", GUIDE.name, GUIDE.read_bytes())
    assert refused.status_code == 403 and "chỉ quản trị viên cấp cao nhất" in refused.text
    province, _ = await admin_page(app, browser, "DEMO", "Quản Trị Tỉnh")
    preview = await upload(province, "/quanly/kehoach", GUIDE.name, GUIDE.read_bytes())
    assert "Hoàn thành xuất sắc nhiệm vụ: trên 95% nhiệm vụ" in preview.text
    sha = SHA.search(preview.text)
    assert sha
    loaded = await province.post("/quanly/kehoach/nap", {"sha256": sha.group(1)})
    assert loaded.status_code == 303
    listed = await province.get("/quanly/kehoach")
    assert "hd-01-bca-v05-2026" in listed.text and "hướng dẫn chấm điểm" in listed.text


async def test_the_upload_is_kept_private_until_confirmed_and_a_workbook_reads_too(
    app: Any, demo: DemoInvites, database: Database, settings: Settings, browser: Any
) -> None:
    page, _ = await admin_page(app, browser, "DEMO", "Quản Trị Tỉnh")
    refused = await upload(page, "/quanly/danhsach", "ds.pdf", b"%PDF-1.4")
    assert refused.status_code == 400 and "không phải bảng tính" in refused.text

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["DANH SÁCH THÀNH VIÊN TỔ BẢO VỆ ANTT"])
    sheet.append([])
    sheet.append(["STT", "HỌ VÀ TÊN", "CHỨC VỤ", "ĐƠN VỊ"])
    sheet.append([1, "Đinh Văn Sổ", "Tổ viên", "DEMO-XA-T1"])
    sheet.append([2, "Đinh Thị Sách", "Tổ phó", "DEMO-XA-T1"])
    data = io.BytesIO()
    book.save(data)
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    checked = await upload(page, "/quanly/danhsach", "ds.xlsx", data.getvalue(), xlsx)
    assert checked.status_code == 200 and "Cả 2 dòng đều hợp lệ" in checked.text
    assert re.search(r"<tr>\s*<td>5</td>\s*<td>Đinh Thị Sách</td>", checked.text)
    kept = list((settings.data_dir / "console-uploads").glob("*/roster.xlsx"))
    assert len(kept) == 1 and kept[0].stat().st_mode & 0o777 == 0o600
    assert kept[0].parent.stat().st_mode & 0o777 == 0o700
    sha = SHA.search(checked.text)
    assert sha
    assert (await page.post("/quanly/danhsach/nhap", {"sha256": sha.group(1)})).status_code == 303
    assert list((settings.data_dir / "console-uploads").glob("*/roster.*")) == []
    assert await names_in(database, "Đinh Văn Sổ", "Đinh Thị Sách") == [
        "Đinh Thị Sách",
        "Đinh Văn Sổ",
    ]
    # Another admin's session has no workbook of this import.
    other, _ = await admin_page(app, browser, "DEMO", "Quản Trị Tỉnh Hai")
    assert (await other.get("/quanly/danhsach/ma-moi")).status_code == 404
