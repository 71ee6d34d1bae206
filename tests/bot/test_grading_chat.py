"""/xeploai: a commune officer sees proposed year-end grades, changes one with a reason,
confirms the rest and downloads the workbook."""

from __future__ import annotations

import io
import re
from datetime import date, datetime, time, timedelta
from typing import Any

from openpyxl import load_workbook
from sqlalchemy import insert, select, update

from bot.settings import Settings
from campaign.grading import assessment_year, months_of
from campaign.plans import GradingGuide, load_document
from campaign.roles import Role
from scheduler.runner import JobRunner
from services.demo import DemoInvites
from storage.database import Database
from storage.schema import audit_log, entries, grades, members, units
from tests.bot.test_plan_menus import load
from tests.campaign.test_grading import GUIDE_FILE
from tests.workbooks import table


def plan_with_team_target(starts: date, ends: date) -> str:
    return f"""\
code: thu-nghiem-xep-loai
name: Kế hoạch có chỉ tiêu tổ
issuer: Công an tỉnh
scope: DEMO
starts: {starts:%d/%m/%Y}
ends: {ends:%d/%m/%Y}
areas:
  - {{code: good_deed, form: good_deed, points: 2, name: {{vi: "Việc tốt", en: Good deed}}}}
targets:
  - code: viec-tot-thang
    description: {{vi: "Mỗi tổ ít nhất 1 việc tốt mỗi tháng", en: "A good deed a month"}}
    level: team
    period: month
    kind: count
    threshold: 1
    measure: entries:good_deed
"""


async def year_of_work(database: Database, settings: Settings) -> tuple[date, date]:
    """Members of the demo commune, joined before the last assessment year, each with verified
    good deeds in some of its months; one joined four months before its end."""
    guide = load_document(GUIDE_FILE.read_text(encoding="utf-8"))
    assert isinstance(guide, GradingGuide)
    start, end = assessment_year(guide, datetime.now(settings.zone).date())
    months = months_of(start, end)
    zone = settings.zone
    worked = {
        "Thành viên mẫu 1": 12,
        "Thành viên mẫu 2": 10,
        "Thành viên mẫu 3": 5,
        "Tổ trưởng mẫu thôn Tây": 12,
        "Vũ Văn Hải": 12,
        "Thành viên mẫu 4": 4,
        "Đặng Thị Lan": 11,
    }

    def build(conn: Any) -> None:
        conn.execute(  # the teams were set up before the year began
            update(units)
            .where(units.c.kind == "team")
            .values(valid_from=start - timedelta(days=60))
        )
        for name, team in (("Vũ Văn Hải", "DEMO-XA-T2"), ("Đặng Thị Lan", "DEMO-XA-T1")):
            conn.execute(
                insert(members).values(
                    full_name=name,
                    unit_id=select(units.c.id).where(units.c.code == team).scalar_subquery(),
                    role=Role.MEMBER.value,
                    active=True,
                    language="vi",
                    created_at=datetime.now(zone),
                )
            )
        roster = dict(
            conn.execute(
                select(members.c.full_name, members.c.id).where(members.c.full_name.in_(worked))
            ).all()
        )
        for name, count in worked.items():
            joined = start - timedelta(days=30) if name != "Thành viên mẫu 4" else months[8][0]
            conn.execute(
                update(members)
                .where(members.c.id == roster[name])
                .values(joined_at=datetime.combine(joined, time(8), tzinfo=zone))
            )
            unit_id = conn.execute(
                select(members.c.unit_id).where(members.c.id == roster[name])
            ).scalar_one()
            for index, (first, _) in enumerate(months[-count:]):
                moment = datetime.combine(first + timedelta(days=3), time(9), tzinfo=zone)
                conn.execute(
                    insert(entries).values(
                        reference=f"VT-{roster[name]}-{index}",
                        member_id=roster[name],
                        unit_id=unit_id,
                        content_area="good_deed",
                        kind="good_deed",
                        details={"what": "Giúp dân"},
                        occurred_at=moment,
                        created_at=moment,
                        status="verified",
                        delivery_key=f"seed:{roster[name]}:{index}",
                        points=3 if name == "Vũ Văn Hải" else 2,
                    )
                )

    await database.run(build)
    return start, end


def number_of(board: str, name: str) -> str:
    match = re.search(rf"^(\d+)\. {name}\b", board, re.MULTILINE)
    assert match, board
    return match.group(1)


async def test_an_officer_reviews_changes_confirms_and_exports_the_grades(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    guide = load_document(GUIDE_FILE.read_text(encoding="utf-8"))
    assert isinstance(guide, GradingGuide)
    start, end = assessment_year(guide, datetime.now(settings.zone).date())
    await load(database, settings, GUIDE_FILE.read_text(encoding="utf-8"))
    await load(
        database,
        settings,
        plan_with_team_target(start - timedelta(days=20), end + timedelta(days=60)),
    )
    # Written after the plan is loaded, points as they stand (loading it would score them anew).
    assert await year_of_work(database, settings) == (start, end)
    member = users()
    await member.register(demo.member.code)
    await member.say("/xeploai")
    assert "Chỉ cán bộ Công an xã xác nhận xếp loại" in member.text

    officer = users()
    await officer.register(demo.officer.code, "Đỗ Minh Giang")
    assert "Xếp loại cuối năm" in officer.text  # in the officer's menu
    await officer.tap("Xếp loại cuối năm")
    board = officer.text
    assert f"năm đánh giá {start:%d/%m/%Y} – {end:%d/%m/%Y}" in board
    # Teams by their monthly target (12 calendar months closed in the year), both all met;
    # two "tốt or better" teams leave no place for "xuất sắc" (20% of 2, rounded down).
    assert "Tổ bảo vệ ANTT thôn Đông — 12/12 (100%) — Hoàn thành tốt nhiệm vụ" in board
    assert "giới hạn 20% xuất sắc" in board
    # Members by their months: five are good or better, so one of them is excellent: the one
    # with the most points among those who did everything.
    assert "Vũ Văn Hải (Tổ bảo vệ ANTT thôn Tây) — 12/12 (100%) — Hoàn thành xuất sắc" in board
    assert "Thành viên mẫu 1 (Tổ bảo vệ ANTT thôn Đông) — 12/12 (100%) — Hoàn thành tốt" in board
    assert "Thành viên mẫu 2 (Tổ bảo vệ ANTT thôn Đông) — 10/12 (83%) — Hoàn thành tốt" in board
    assert "Thành viên mẫu 3 (Tổ bảo vệ ANTT thôn Đông) — 5/12 (42%) — Không hoàn thành" in board
    assert "Thành viên mẫu 4 (Tổ bảo vệ ANTT thôn Tây) — 4/4 (100%) — chưa xếp loại" in board

    await officer.tap("Sửa một mục")
    await officer.say(number_of(board, "Thành viên mẫu 4"))
    assert "không được xếp loại (hoạt động dưới 9 tháng)" in officer.text
    await officer.say("99")
    assert "Không có số đó" in officer.text
    await officer.say(number_of(board, "Thành viên mẫu 3"))
    assert "Thành viên mẫu 3 — hiện tại: Không hoàn thành nhiệm vụ" in officer.text
    await officer.tap("Hoàn thành nhiệm vụ")
    await officer.say("ok")  # too short: a reason is required
    assert "Lý do thay đổi" in officer.text
    await officer.say("Tham gia đủ các đợt cao điểm, có xác nhận của thôn")
    assert "Đã sửa: Thành viên mẫu 3 — Hoàn thành nhiệm vụ" in officer.text
    assert "đề xuất: Không hoàn thành nhiệm vụ" in officer.text
    assert "Tính lại" not in officer.text  # a decision was made: no recomputing under it

    await officer.say("xác nhận")  # typed on Zalo: a part of the final "Xác nhận tất cả"
    assert "Để chắc chắn" in officer.text and "Đã xác nhận" not in officer.text
    await officer.tap("Xác nhận tất cả")
    assert "Đã xác nhận 7 mục" in officer.text  # 2 teams + 6 graded members, less the changed
    assert "Xác nhận tất cả" not in officer.text
    await officer.tap("Tải bảng Excel")
    assert "Đang lập bảng xếp loại" in officer.text  # at once; the workbook follows
    await officer.drawn()
    link = next(m["file_url"] for m in officer.last if m["file_url"])
    download = await officer.client.get(link)
    assert download.status_code == 200
    book = load_workbook(io.BytesIO(download.content))
    people = {row["Tên"]: row for row in table(book["Thành viên"])}
    assert people["Thành viên mẫu 3"]["Đề xuất"] == "Không hoàn thành nhiệm vụ"
    assert people["Thành viên mẫu 3"]["Kết quả"] == "Hoàn thành nhiệm vụ"
    reason = "Tham gia đủ các đợt cao điểm, có xác nhận của thôn"
    assert people["Thành viên mẫu 3"]["Lý do thay đổi"] == reason
    assert people["Thành viên mẫu 3"]["Vai trò"] == "Tổ viên"
    assert people["Vũ Văn Hải"]["Kết quả"] == "Hoàn thành xuất sắc nhiệm vụ"
    assert people["Thành viên mẫu 4"]["Kết quả"] in (None, "")
    assert [row["Tên"] for row in table(book["Các tổ"])] == [
        "Tổ bảo vệ ANTT thôn Đông",
        "Tổ bảo vệ ANTT thôn Tây",
    ]
    assert [row["STT"] for row in table(book["Các tổ"])] == [1, 2]
    made = book["Thành viên"]["A5"].value
    assert made.startswith("Lập lúc: ") and made[9:19] == f"{datetime.now(settings.zone):%d/%m/%Y}"

    finals = await database.run(
        lambda c: dict(c.execute(select(grades.c.name, grades.c.final)).all())
    )
    assert finals["Thành viên mẫu 3"] == "hoan-thanh" and finals["Thành viên mẫu 4"] is None
    audit = await database.run(
        lambda c: c.execute(select(audit_log.c.action, audit_log.c.details)).all()
    )
    changed = [d for a, d in audit if a == "grade.changed"]
    assert changed and changed[0]["reason"].startswith("Tham gia đủ")
    assert any(a == "grades.confirmed" for a, _ in audit)


async def test_without_a_grading_guide_the_officer_is_told_how_to_load_one(
    users: Any, demo: DemoInvites
) -> None:
    officer = users()
    await officer.register(demo.officer.code, "Đỗ Minh Giang")
    await officer.say("/grading")
    assert "Chưa nạp hướng dẫn xếp loại" in officer.text
    assert "Chọn một mục" in officer.text  # back at the menu, nothing half-open


async def test_proposals_are_made_the_day_after_the_year_ends_and_officers_are_told(
    users: Any, demo: DemoInvites, app: Any, database: Database, settings: Settings
) -> None:
    start, end = await year_of_work(database, settings)
    await load(database, settings, GUIDE_FILE.read_text(encoding="utf-8"))
    officer = users()
    await officer.register(demo.officer.code, "Đỗ Minh Giang")
    conversation = app.state.conversation
    jobs = JobRunner(database, conversation.repository, settings.zone, conversation.now)
    morning = datetime.combine(end + timedelta(days=1), time(8), tzinfo=settings.zone)
    assert await jobs.run_due("grading_proposals", morning) == 1
    told = [m["text"] for m in await officer.inbox() if "đề xuất xếp loại" in m["text"]]
    assert len(told) == 1 and f"{start:%d/%m/%Y} – {end:%d/%m/%Y}" in told[0]
    proposed = await database.run(lambda c: c.execute(select(grades.c.proposed)).scalars().all())
    assert "hoan-thanh-tot" not in proposed and "tot" in proposed
    assert await jobs.run_due("grading_proposals", morning + timedelta(hours=3)) is None
