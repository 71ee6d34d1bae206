"""Deadlines addressed to any kind of unit: an agency's or a school's officer is reminded and
marks the report submitted (/danop) through the web chat like a commune's; a province-level
deadline reaches the province's officers. Officers beyond the commune review and reveal
nothing."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from bot.settings import Settings
from campaign.roles import Role
from scheduler.runner import JobRunner
from services.demo import DemoInvites
from services.units import add_unit
from storage import calendar
from storage.database import Database
from storage.unit_of_work import UnitOfWork
from storage.units import unit_id
from tests.bot.test_cli_roster import GUIDE
from tests.bot.test_plan_menus import load
from tests.bot.test_review import invite
from tests.bot.test_web_flows import log_tip
from tests.scheduler.test_jobs import at, jobs, texts

__all__ = ["jobs"]  # the job runner fixture, used by name

DUE = date(2027, 3, 10)
PLAN = """\
code: lich-co-quan
name: Kế hoạch có hạn nộp cho cơ quan
issuer: Công an tỉnh
scope: DEMO
starts: 01/01/2027
ends: 30/06/2027
areas:
  - {code: tip, form: tip, points: 3, name: Nguồn tin}
deadlines:
  - code: dang-ky-an-toan
    title: {vi: "Đăng ký đạt chuẩn An toàn về ANTT", en: "Register as safe"}
    by: 10/03/2027
    addressees: [{kind: agency, role: officer}, {kind: school, role: officer}]
    deliverable: {vi: "Bản đăng ký", en: "The registration"}
    escalate_to: commune
  - code: bao-cao-ubnd-tinh
    title: {vi: "Báo cáo UBND tỉnh", en: "Report to the province"}
    by: 10/03/2027
    role: officer
    level: province
    deliverable: {vi: "Báo cáo kết quả", en: "The results"}
"""


async def _organisations(database: Database, settings: Settings) -> None:
    now = datetime.now(settings.zone)

    def add(conn: Any) -> None:
        units = UnitOfWork(conn).units
        add_unit(
            units,
            code="DEMO-CQ",
            name="Trạm Y tế xã",
            kind="cơ quan",
            parent_code="DEMO-XA",
            now=now,
        )
        add_unit(
            units,
            code="DEMO-TH",
            name="Trường Tiểu học Hòa Bình",
            kind="trường",
            parent_code="DEMO-XA",
            now=now,
        )

    await database.run(add)


async def test_an_agencys_officer_is_reminded_and_submits_through_the_web_chat(
    users: Any,
    demo: DemoInvites,
    database: Database,
    settings: Settings,
    jobs: JobRunner,
    app: Any,
) -> None:
    await _organisations(database, settings)
    await load(database, settings, PLAN)
    agency = users()
    await agency.register(await invite(database, settings, "DEMO-CQ", Role.OFFICER), "Trần Văn Cơ")
    school = users()
    await school.register(
        await invite(database, settings, "DEMO-TH", Role.OFFICER), "Lê Thị Trường"
    )
    province = users()
    await province.register(await invite(database, settings, "DEMO", Role.OFFICER), "Phạm Tỉnh")
    admin = users()
    await admin.register(await invite(database, settings, "DEMO", Role.ADMIN), "Quản Trị Tỉnh")
    commune = users()
    await commune.register(demo.officer.code, "Đỗ Minh Giang")

    week_before = DUE - timedelta(days=7)
    assert await jobs.run_due("deadline_reminders", at(settings, week_before, "07:30")) == 4
    for person, title in (
        (agency, "Đăng ký đạt chuẩn An toàn về ANTT"),
        (school, "Đăng ký đạt chuẩn An toàn về ANTT"),
        (province, "Báo cáo UBND tỉnh"),
        (admin, "Báo cáo UBND tỉnh"),  # the province's PV05 admin, addressed as its police
    ):
        told = [t for t in await texts(person) if "Còn 7 ngày đến hạn 10/03/2027" in t]
        assert len(told) == 1 and title in told[0] and "/danop" in told[0], await texts(person)
    assert not any("Còn 7 ngày" in t for t in await texts(commune))  # not addressed to it
    assert not any("UBND tỉnh" in t for t in await texts(agency))

    # The agency's officer marks it submitted in the chat, on a day before it is due.
    moment = at(settings, DUE - timedelta(days=2), "09:00")
    app.state.conversation.now = lambda: moment
    await agency.say("/danop")
    assert "Đăng ký đạt chuẩn An toàn về ANTT — 10/03/2027" in agency.text
    assert "UBND tỉnh" not in agency.text  # the province's, not the agency's
    await agency.tap("Đăng ký đạt chuẩn")
    await agency.tap("Không kèm tệp")
    assert "Đã ghi nhận ✅ Đăng ký đạt chuẩn An toàn về ANTT (hạn 10/03/2027)" in agency.text
    agency_id = await database.run(lambda c: unit_id(c, "DEMO-CQ"))
    school_id = await database.run(lambda c: unit_id(c, "DEMO-TH"))
    done = await database.run(
        lambda c: calendar.done_units(c, "lich-co-quan", "dang-ky-an-toan", DUE)
    )
    assert done == {agency_id}

    await province.say("/danop")
    assert "Báo cáo UBND tỉnh — 10/03/2027" in province.text

    # The day after: the commune above is told the school is late, not the agency.
    await jobs.run_due("deadline_reminders", at(settings, DUE + timedelta(days=1), "07:30"))
    late = [t for t in await texts(commune) if "chưa báo cáo" in t]
    assert len(late) == 1 and "Trường Tiểu học Hòa Bình" in late[0]
    assert "Trạm Y tế" not in late[0] and school_id is not None


async def test_officers_beyond_the_commune_review_nothing_and_see_no_tips(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    await _organisations(database, settings)
    member = users()
    await member.register(demo.member.code)
    reference = await log_tip(member, named=True)
    school = users()
    await school.register(
        await invite(database, settings, "DEMO-TH", Role.OFFICER), "Lê Thị Trường"
    )
    province = users()
    await province.register(await invite(database, settings, "DEMO", Role.OFFICER), "Phạm Tỉnh")
    await load(database, settings, GUIDE.read_text(encoding="utf-8"))
    for outsider in (school, province):
        await outsider.say("/duyet")
        assert reference not in outsider.text and "Lê Thị Mật" not in outsider.text
        await outsider.say("/nguontin")
        assert reference not in outsider.text and "0912345678" not in outsider.text
        await outsider.say("/xeploai")  # nor grades the commune's teams
        assert "Xếp loại Xã Hòa Bình" not in outsider.text and "chưa thuộc một xã" in outsider.text
    commune = users()
    await commune.register(demo.officer.code, "Đỗ Minh Giang")
    await commune.say("/xeploai")
    assert "Xếp loại Xã Hòa Bình" in commune.text
    await commune.say("/duyet")
    assert reference in commune.text  # the commune's own officer still does
