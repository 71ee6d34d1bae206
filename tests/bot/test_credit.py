"""Credit and scoring as members and leaders see them: teammates named on a patrol took part
(standings, targets, the weekly board and nudge), a plan loaded late scores what was verified
before it, /cuatoi counts a month by when things happened, and names in Vietnamese order."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from sqlalchemy import Connection, insert, update

from bot.settings import Settings
from campaign.roles import Role
from scheduler.runner import JobRunner
from services.demo import DemoInvites
from services.units import add_unit
from storage import standings
from storage.database import Database
from storage.schema import members
from storage.unit_of_work import UnitOfWork
from storage.units import unit_id
from tests.bot.test_plan_menus import load
from tests.bot.test_review import invite
from tests.bot.test_web_flows import log_tip
from tests.scheduler.test_jobs import DUE, plan_with_deadline_and_phases

# The demo's rostered people of thôn Đông carry made-up names ("Thành viên mẫu 1"); these
# scenarios are about ordering real names, so the team gets the ones a real roster would have.
REAL_NAMES = {
    "Thành viên mẫu 1": "Nguyễn Văn An",
    "Thành viên mẫu 2": "Trần Thị Bình",
    "Thành viên mẫu 3": "Lê Văn Cường",
}


@pytest.fixture(autouse=True)
async def thon_dong_with_real_names(demo: DemoInvites, database: Database) -> None:
    def rename(conn: Connection) -> None:
        for made_up, real in REAL_NAMES.items():
            conn.execute(
                update(members).where(members.c.full_name == made_up).values(full_name=real)
            )

    await database.run(rename)


def patrol_plan(today: date, *, code: str = "tuan-tra-thu", tip_points: int = 3) -> str:
    return f"""\
code: {code}
name: Kế hoạch tuần tra
issuer: Công an tỉnh
scope: DEMO
starts: {today - timedelta(days=30):%d/%m/%Y}
ends: {today + timedelta(days=60):%d/%m/%Y}
areas:
  - {{code: patrol, form: patrol, points: 2, name: Tuần tra}}
  - {{code: tip, form: tip, points: {tip_points}, name: Nguồn tin}}
targets:
  - {{code: tuan-tra, description: "100% thành viên tham gia tuần tra", level: team, period: plan, kind: ratio, threshold: 1.0, measure: "members_with:patrol"}}
"""


async def patrol_with(user: Any, *teammates: str, day: str = "hôm qua") -> None:
    await user.say("/tuantra")
    await user.say(day)
    await user.say("19:00")
    await user.say("21:00")
    await user.say("Đường liên thôn Đông - Tây")
    for name in teammates:
        await user.tap(name)
    await user.tap("Xong")
    await user.tap("Bỏ qua")  # notes
    await user.tap("Bỏ qua")  # photo
    await user.tap("Lưu")
    assert "Đã lưu" in user.text, user.text


async def a_team_leader(users: Any, database: Database, settings: Settings) -> Any:
    leader = users()
    await leader.register(
        await invite(database, settings, "DEMO-XA-T1", Role.LEADER), "Tổ Trưởng Đông"
    )
    return leader


async def a_verified_patrol(
    users: Any, demo: DemoInvites, database: Database, settings: Settings, teammate: str
) -> tuple[Any, Any]:
    """Nguyễn Thị Hoa (thôn Đông) patrolled with a teammate; the team leader verified it."""
    await load(database, settings, patrol_plan(datetime.now(settings.zone).date()))
    member = users()
    await member.register(demo.member.code)
    await patrol_with(member, teammate)
    leader = await a_team_leader(users, database, settings)
    await leader.say("/duyet")
    await leader.tap("Xác nhận")
    return member, leader


async def test_a_teammate_named_on_a_patrol_scores_in_the_standings(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    member, _ = await a_verified_patrol(users, demo, database, settings, "Trần Thị Bình")
    await member.say("/bangxephang")
    # Both patrolled: both score the plan's 2 points (equal, so by given name: Bình, Hoa).
    assert "1. Trần Thị Bình — 2 điểm\n1. Nguyễn Thị Hoa — 2 điểm" in member.text
    assert "1. Tổ bảo vệ ANTT thôn Đông — 4 điểm" in member.text
    kept = await database.run(lambda c: standings.kept(c, "tuan-tra-thu"))
    assert kept == await database.run(lambda c: standings.recomputed(c, "tuan-tra-thu"))


async def test_a_teammate_named_on_a_patrol_counts_for_the_patrol_target(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    _, leader = await a_verified_patrol(users, demo, database, settings, "Trần Thị Bình")
    await leader.say("/chitieu")
    # Five in the team (three rostered, two registered): Hoa and Bình took part.
    assert "Tổ bảo vệ ANTT thôn Đông: 40% (2/5) ❌ chưa đạt" in leader.text


async def test_loading_a_plan_scores_what_was_verified_before_it_and_a_new_version_rescores(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    member = users()
    await member.register(demo.member.code)
    await log_tip(member)
    leader = await a_team_leader(users, database, settings)
    await leader.say("/duyet")
    await leader.tap("Xác nhận")
    await member.say("/bangxephang")
    assert "Chưa có kế hoạch thi đua nào" in member.text

    today = datetime.now(settings.zone).date()
    await load(database, settings, patrol_plan(today))  # loaded days into its period
    await member.say("/bangxephang")
    assert "Bạn: hạng 1/" in member.text and "3 điểm (1 mục đã xác nhận)" in member.text
    assert "1. Tổ bảo vệ ANTT thôn Đông — 3 điểm" in member.text

    await load(database, settings, patrol_plan(today, tip_points=5))  # the province corrects it
    await member.say("/bangxephang")
    assert "5 điểm (1 mục đã xác nhận)" in member.text
    assert "1. Tổ bảo vệ ANTT thôn Đông — 5 điểm" in member.text
    kept = await database.run(lambda c: standings.kept(c, "tuan-tra-thu"))
    assert kept == await database.run(lambda c: standings.recomputed(c, "tuan-tra-thu"))


async def test_my_month_counts_what_happened_in_it_not_when_it_was_logged(
    users: Any, demo: DemoInvites, settings: Settings, app: Any
) -> None:
    # The 1st of the month, morning: last night's patrol is logged today.
    first = datetime.now(settings.zone).date().replace(day=1)
    app.state.conversation.now = lambda: datetime.combine(first, time(8), tzinfo=settings.zone)
    member = users()
    await member.register(demo.member.code)
    await patrol_with(member, "Trần Thị Bình", day="hôm qua")
    await member.say("/cuatoi")
    assert f"Tháng {first:%m/%Y}: chưa có mục nào." in member.text
    assert "chờ duyệt" in member.text  # the patrol itself is listed, dated the day before
    assert f"{first - timedelta(days=1):%d/%m/%Y}" in member.text


ROSTER = ("Đặng Văn Đức", "Phạm Văn Dũng", "Lê Thị Ánh", "Đỗ Thị Ân")


def more_of_thon_dong(conn: Connection) -> None:
    team = unit_id(conn, "DEMO-XA-T1")
    now = datetime.now(UTC)
    for name in ROSTER:
        conn.execute(
            insert(members).values(
                full_name=name, unit_id=team, role="member", active=True, created_at=now
            )
        )


async def test_teammates_are_offered_in_vietnamese_order(
    users: Any, demo: DemoInvites, database: Database
) -> None:
    await database.run(more_of_thon_dong)
    member = users()
    await member.register(demo.member.code)
    await member.say("/tuantra")
    for answer in ("hôm qua", "19:00", "21:00", "Xóm 1"):
        await member.say(answer)
    labels = [c["label"] for c in member.last[-1]["choices"]]
    offered = labels[: next(i for i, label in enumerate(labels) if "Xong" in label)]
    # By given name, Ă and Â after A, Đ after D, tones only when the letters tie.
    assert offered == [
        "Nguyễn Văn An",
        "Lê Thị Ánh",
        "Đỗ Thị Ân",
        "Trần Thị Bình",
        "Lê Văn Cường",
        "Phạm Văn Dũng",
        "Đặng Văn Đức",
    ]


async def a_weekly_board(
    users: Any, demo: DemoInvites, database: Database, settings: Settings, app: Any
) -> tuple[Any, Any]:
    """Vũ Thị Mai registered and logged nothing herself, but Nguyễn Thị Hoa named her on a
    patrol the leader verified; then Monday's board. (Mai's chat, the leader's chat.)"""
    today = datetime.now(settings.zone).date()
    monday = today + timedelta(days=7 - today.weekday())
    sunday = datetime.combine(monday - timedelta(days=1), time(10), tzinfo=settings.zone)
    app.state.conversation.now = lambda: sunday  # everything happens in the board's week
    await database.run(more_of_thon_dong)
    mate = users()
    await mate.register(await invite(database, settings, "DEMO-XA-T1", Role.MEMBER), "Vũ Thị Mai")
    _, leader = await a_verified_patrol(users, demo, database, settings, "Vũ Thị Mai")
    conversation = app.state.conversation
    jobs = JobRunner(database, conversation.repository, settings.zone, conversation.now)
    assert await jobs.run_due(
        "weekly_leaderboard", datetime.combine(monday, time(7), tzinfo=settings.zone)
    )
    return mate, leader


async def test_a_member_credited_on_a_patrol_is_not_nudged_for_logging_nothing(
    users: Any, demo: DemoInvites, database: Database, settings: Settings, app: Any
) -> None:
    mate, _ = await a_weekly_board(users, demo, database, settings, app)
    told = [m["text"] for m in await mate.inbox()]
    assert any("Bạn đang xếp hạng 1/" in t and "2 điểm" in t for t in told), told
    assert not any("chưa ghi nhận" in t for t in told)


async def test_the_leader_s_weekly_board_lists_the_whole_team_in_vietnamese_order(
    users: Any, demo: DemoInvites, database: Database, settings: Settings, app: Any
) -> None:
    _, leader = await a_weekly_board(users, demo, database, settings, app)
    [board] = [m["text"] for m in await leader.inbox() if "thành viên tổ bạn" in m["text"]]
    # Every member of thôn Đông, rostered or registered, scored or not, in Vietnamese order.
    lines = board.splitlines()[1:]
    assert [line.split(" — ")[0].split(". ", 1)[1] for line in lines] == [
        "Nguyễn Thị Hoa",
        "Vũ Thị Mai",
        "Nguyễn Văn An",
        "Lê Thị Ánh",
        "Đỗ Thị Ân",
        "Trần Thị Bình",
        "Lê Văn Cường",
        "Phạm Văn Dũng",
        "Tổ Trưởng Đông",
        "Đặng Văn Đức",
    ]
    assert lines[0].startswith("1. Nguyễn Thị Hoa — 2") and lines[1].startswith("1. Vũ Thị Mai — 2")
    assert "3. Nguyễn Văn An — 0" in board and "3. Đặng Văn Đức — 0" in board
    assert "10 thành viên tổ bạn" in board


def thon_anh(conn: Connection) -> None:
    """A third team, added last, whose name comes first in Vietnamese (Á is an A)."""
    add_unit(
        UnitOfWork(conn).units,
        code="DEMO-XA-T3",
        name="Tổ bảo vệ ANTT thôn Ánh",
        kind="team",
        parent_code="DEMO-XA",
        now=datetime.now(UTC),
    )


async def test_an_officer_s_targets_list_the_teams_in_vietnamese_order(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    await load(database, settings, patrol_plan(datetime.now(settings.zone).date()))
    await database.run(thon_anh)
    officer = users()
    await officer.register(demo.officer.code, "Đỗ Minh Giang")
    await officer.say("/chitieu")
    teams = [line.split(":")[0] for line in officer.text.splitlines() if "Tổ bảo vệ" in line]
    assert teams == [
        "   Tổ bảo vệ ANTT thôn Ánh",  # nobody in it yet: nothing to count, neither met nor not
        "   ❌ Tổ bảo vệ ANTT thôn Đông",
        "   ❌ Tổ bảo vệ ANTT thôn Tây",
    ]


async def test_late_teams_are_listed_in_vietnamese_order(
    users: Any, demo: DemoInvites, database: Database, settings: Settings, app: Any
) -> None:
    await load(database, settings, plan_with_deadline_and_phases())
    await database.run(thon_anh)
    officer = users()
    await officer.register(demo.officer.code, "Đỗ Minh Giang")
    conversation = app.state.conversation
    jobs = JobRunner(database, conversation.repository, settings.zone, conversation.now)
    day_after = datetime.combine(DUE + timedelta(days=1), time(7, 30), tzinfo=settings.zone)
    await jobs.run_due("deadline_reminders", day_after)
    [late] = [m["text"] for m in await officer.inbox() if "chưa báo cáo" in m["text"]]
    assert late.endswith(
        "• Tổ bảo vệ ANTT thôn Ánh\n• Tổ bảo vệ ANTT thôn Đông\n• Tổ bảo vệ ANTT thôn Tây"
    )


async def test_my_month_lists_its_content_areas_in_vietnamese_order(
    users: Any, demo: DemoInvites, settings: Settings, app: Any
) -> None:
    fifteenth = datetime.now(settings.zone).date().replace(day=15)
    app.state.conversation.now = lambda: datetime.combine(fifteenth, time(22), tzinfo=settings.zone)
    member = users()
    await member.register(demo.member.code)
    await patrol_with(member, "Trần Thị Bình", day="hôm nay")
    await log_tip(member)
    await member.say("/cuatoi")
    # Nguồn (N) before Tuần (T), not in the order of the areas' codes (patrol before tip).
    assert f"Tháng {fifteenth:%m/%Y}: Nguồn tin: 1, Tuần tra: 1" in member.text
