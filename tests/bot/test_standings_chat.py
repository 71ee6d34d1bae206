"""/bangxephang: my rank and the top of my commune, from verified entries only."""

from __future__ import annotations

import io
from datetime import datetime, timedelta
from typing import Any

from openpyxl import load_workbook
from PIL import Image
from sqlalchemy import Connection

from bot.settings import Settings
from campaign.roles import Role
from services.demo import DemoInvites
from services.invites import import_member
from storage.database import Database
from storage.unit_of_work import UnitOfWork
from storage.units import unit_id
from tests.bot.test_credit import a_verified_patrol
from tests.bot.test_plan_menus import load, plan_text
from tests.bot.test_review import invite
from tests.scheduler.test_jobs import a_team_with_a_verified_tip
from tests.workbooks import emoji_in, table


async def test_standings_follow_verification(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    member = users()
    await member.register(demo.member.code)
    await member.say("/bangxephang")
    assert "Chưa có kế hoạch thi đua nào" in member.text
    today = datetime.now(settings.zone).date()
    await load(database, settings, plan_text(today - timedelta(days=5), today + timedelta(days=5)))
    await member.say("/baotin")
    for label in ("Ma túy",):
        await member.tap(label)
    for answer in ("Tụ tập", "Xóm 3"):
        await member.say(answer)
    await member.tap("Bây giờ")
    await member.tap("Tôi trực tiếp")
    await member.tap("Bình thường")
    await member.tap("Bỏ qua")
    await member.tap("Lưu")
    await member.say("/bangxephang")
    assert "Bạn: hạng 1/6, 0 điểm" in member.text  # pending entries do not score

    leader = users()
    await leader.register(await invite(database, settings, "DEMO-XA-T1", Role.LEADER), "Tổ Trưởng")
    await leader.say("/duyet")
    await leader.tap("Xác nhận")
    await member.say("/standings")
    text = member.text
    assert "Kế hoạch thử nghiệm" in text and "Cả kế hoạch — Xã Hòa Bình" in text
    assert "Bạn: hạng 1/" in text and "3 điểm (1 mục đã xác nhận)" in text
    assert "1. Nguyễn Thị Hoa — 3 điểm" in text
    assert "1. Tổ bảo vệ ANTT thôn Đông — 3 điểm" in text and "thôn Tây — 0 điểm" in text
    assert "bằng điểm thì theo số mục" in text


async def test_commanders_get_the_chart_and_workbook_of_their_own_chat_only(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    today = datetime.now(settings.zone).date()
    await load(database, settings, plan_text(today - timedelta(days=5), today + timedelta(days=5)))
    leader = users()
    await leader.register(await invite(database, settings, "DEMO-XA-T1", Role.LEADER), "Tổ Trưởng")
    await leader.say("/bangxephang")
    assert "Đang vẽ biểu đồ" in leader.text  # at once; the files follow when drawn
    await leader.drawn()
    chart = next(m["image_url"] for m in leader.last if m["image_url"])
    book = next(m["file_url"] for m in leader.last if m["file_url"])
    picture = await leader.client.get(chart)
    assert picture.status_code == 200 and picture.content.startswith(b"\x89PNG")
    workbook = await leader.client.get(book)
    assert workbook.status_code == 200 and workbook.content.startswith(b"PK")
    assert "attachment" in workbook.headers["content-disposition"]
    stranger = users()
    assert (await stranger.client.get(chart)).status_code == 404  # another chat's file
    member = users()
    await member.register(demo.member.code)
    await member.say("/bangxephang")
    await member.drawn()
    assert not any(m["image_url"] or m["file_url"] for m in member.last)  # members: text only
    assert "Đang vẽ" not in member.text


async def test_a_commander_gets_a_long_board_as_phone_sized_images_and_an_officials_workbook(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    """30 more people in the commune: several images of a few bars each; the workbook names each
    one's team and role, counts each content area and sorts equal points in Vietnamese order."""
    today = datetime.now(settings.zone).date()
    await load(database, settings, plan_text(today - timedelta(days=5), today + timedelta(days=5)))
    _, leader, _ = await a_team_with_a_verified_tip(users, demo, database, settings)
    people = [("DEMO-XA-T1", "Đặng Văn Đức"), ("DEMO-XA-T2", "Đặng Văn Đức")]  # namesakes
    people += [("DEMO-XA-T2", "Đỗ Văn An"), ("DEMO-XA-T2", "Bùi Thị Ánh")]
    people += [("DEMO-XA-T2", f"Người Thử {n:02d}") for n in range(26)]

    def roster(conn: Connection) -> None:
        for line, (code, name) in enumerate(people, 1):
            unit = (unit_id(conn, code) or 0, code)
            import_member(
                UnitOfWork(conn).units,
                line=line,
                unit=unit,
                full_name=name,
                role=Role.MEMBER,
                phone=None,
                now=now,
            )

    now = datetime.now(settings.zone)
    await database.run(roster)
    await leader.say("/bangxephang")
    await leader.drawn()
    link = next(m["file_url"] for m in leader.last if m["file_url"])
    book = load_workbook(io.BytesIO((await leader.client.get(link)).content))
    sheet = book["Thành viên"]
    rows = table(sheet)
    charts = [m for m in leader.last if m["image_url"]]
    count = 1 + -(-len(rows) // 15)  # the teams, then at most 15 members an image
    assert len(rows) > 30 and len(charts) == count
    assert [m["text"] for m in charts] == [
        f"Biểu đồ xếp hạng ({n}/{count})" for n in range(1, count + 1)
    ]
    for chart in charts:
        image = Image.open(io.BytesIO((await leader.client.get(chart["image_url"])).content))
        assert image.width == 800 and image.height < 2.8 * image.width
    assert sheet["A2"].value == "Kế hoạch: Kế hoạch thử nghiệm"
    assert sheet["A4"].value == "Đơn vị: Xã Hòa Bình"
    period = f"{today - timedelta(days=5):%d/%m/%Y} – {today + timedelta(days=5):%d/%m/%Y}"
    assert sheet["A5"].value == f"Thời gian: {period}"
    assert str(sheet["A6"].value).startswith(f"Lập lúc: {today:%d/%m/%Y} ")
    assert list(rows[0])[2:9] == [
        "Họ và tên",
        "Tổ",
        "Vai trò",
        "Nguồn tin",
        "Tuần tra",
        "Tuyên truyền pháp luật",
        "Tổng số mục đã xác nhận",
    ]
    assert [row["STT"] for row in rows] == list(range(1, len(rows) + 1))
    top = rows[0]
    assert (top["Hạng"], top["Điểm"], top["Nguồn tin"], top["Tuần tra"]) == (1, 3, 1, 0)
    assert top["Tổ"] == "Tổ bảo vệ ANTT thôn Đông" and top["Vai trò"] == "Tổ viên"
    teams = {row["Tổ"] for row in rows if row["Họ và tên"] == "Đặng Văn Đức"}
    assert teams == {"Tổ bảo vệ ANTT thôn Đông", "Tổ bảo vệ ANTT thôn Tây"}
    leaders = [row for row in rows if row["Vai trò"] == "Tổ trưởng"]
    assert leaders  # team leaders compete too, and say so
    # Equal points: by given name, in Vietnamese order (An, Ánh, ..., Đức), not by code point.
    names = [row["Họ và tên"] for row in rows]
    assert names.index("Đỗ Văn An") < names.index("Bùi Thị Ánh") < names.index("Đặng Văn Đức")
    team_rows = table(book["Các tổ"])
    assert team_rows[0]["Tổ"] == "Tổ bảo vệ ANTT thôn Đông" and team_rows[0]["Nguồn tin"] == 1
    assert not emoji_in(book)


async def test_the_workbook_counts_a_teammate_s_patrol_in_its_area_as_the_standings_do(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    """A patrol logged with a teammate: both have one patrol in their row, the team two, and
    each row's areas add up to its total."""
    _, leader = await a_verified_patrol(users, demo, database, settings, "Thành viên mẫu 1")
    await leader.say("/bangxephang")
    await leader.drawn()
    link = next(m["file_url"] for m in leader.last if m["file_url"])
    book = load_workbook(io.BytesIO((await leader.client.get(link)).content))
    people = table(book["Thành viên"])
    patrolled = [row for row in people if row["Điểm"]]
    assert "Thành viên mẫu 1" in [row["Họ và tên"] for row in patrolled]
    assert [(row["Tuần tra"], row["Điểm"]) for row in patrolled] == [(1, 2), (1, 2)]
    for row in [*people, *table(book["Các tổ"])]:
        assert row["Tuần tra"] + row["Nguồn tin"] == row["Tổng số mục đã xác nhận"]
    east = table(book["Các tổ"])[0]
    assert (east["Tổ"], east["Tuần tra"], east["Điểm"]) == ("Tổ bảo vệ ANTT thôn Đông", 2, 4)
