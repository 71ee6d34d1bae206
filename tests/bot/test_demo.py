"""`antt-bot demo` as someone trying the product meets it: three codes that make a team with
its leader and their commune's officer, and a plan that runs on the day the demo is made
(whatever day that is), so standings, targets, the weekly board and reminders show."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from bot import reports
from bot.cli import app as cli
from bot.settings import Settings
from scheduler.runner import JobRunner
from services.demo import ensure_demo
from storage.database import Database
from storage.schema import commendations, invites, members, models, plans, unit_facts, units
from storage.unit_of_work import UnitOfWork
from tests.bot.test_web_flows import good_deed_to_summary, log_tip

runner = CliRunner()
CODE_LINE = re.compile(r"^\s+(Tổ viên|Tổ trưởng|Cán bộ Công an xã)\s+([A-Z0-9]{8})\s+\((.+)\)$")


@pytest.fixture
def env(tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ANTT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ANTT_DATABASE_URL", database_url)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def codes_printed(output: str) -> dict[str, tuple[str, str]]:
    """Role label: (code, unit name), as `antt-bot demo` prints them."""
    found = {}
    for line in output.splitlines():
        match = CODE_LINE.match(line)
        if match:
            found[match.group(1)] = (match.group(2), match.group(3))
    return found


async def rows(database: Database, table: Any) -> int:
    return await database.run(
        lambda c: int(c.execute(select(func.count()).select_from(table)).scalar_one())
    )


def test_the_demo_command_prints_a_member_and_a_leader_of_one_team_and_their_officer(
    env: Path, database_url: str
) -> None:
    result = runner.invoke(cli, ["demo"])
    assert result.exit_code == 0, result.output
    printed = codes_printed(result.output)
    assert printed["Tổ viên"][1] == printed["Tổ trưởng"][1] == "Tổ bảo vệ ANTT thôn Đông"
    assert printed["Cán bộ Công an xã"][1] == "Xã Hòa Bình"  # the commune of that team
    assert "Kế hoạch đang chạy: Kế hoạch mẫu (demo)" in result.output
    again = runner.invoke(cli, ["demo"])
    assert again.exit_code == 0 and "đã có" in again.output
    assert codes_printed(again.output) == printed  # the same open codes, no new ones
    listed = runner.invoke(cli, ["plan", "list"]).output
    assert listed.count("Kế hoạch mẫu (demo)") == 1 and "(đang chạy)" in listed
    database = Database(database_url)
    try:
        counted = database.run_blocking(
            lambda c: [
                c.execute(select(func.count()).select_from(t)).scalar()
                for t in (units, members, invites, plans, unit_facts, models, commendations)
            ]
        )
    finally:
        database.close()
    assert counted == [9, 7, 3, 1, 14, 1, 1]  # nothing made twice (7: the roster and its admin)


async def test_the_demo_codes_make_a_member_a_leader_who_reviews_them_and_their_officer(
    users: Any, database: Database, settings: Settings
) -> None:
    demo = await database.run(
        lambda c: ensure_demo(UnitOfWork(c).units, datetime.now(settings.zone))
    )
    member, leader, officer = users(), users(), users()
    await member.register(demo.member.code, "Nguyễn Thị Hoa")
    assert "Nguyễn Thị Hoa — Tổ viên, Tổ bảo vệ ANTT thôn Đông" in member.text
    await leader.register(demo.leader.code, "Trần Văn Đông")
    assert "Trần Văn Đông — Tổ trưởng, Tổ bảo vệ ANTT thôn Đông" in leader.text
    await officer.register(demo.officer.code, "Đỗ Văn Công")
    assert "Đỗ Văn Công — Cán bộ Công an xã, Xã Hòa Bình" in officer.text

    await good_deed_to_summary(member, "Sửa đèn đường xóm 2")
    await member.tap("Lưu")
    reference = await log_tip(member)
    await leader.say("/duyet")
    assert "Sửa đèn đường xóm 2" in leader.text and "Nguyễn Thị Hoa" in leader.text
    await officer.say("/nguontin")
    assert reference in officer.text and "mới tiếp nhận" in officer.text


def at(settings: Settings, day: date, clock: time) -> datetime:
    return datetime.combine(day, clock, tzinfo=settings.zone)


async def texts(user: Any) -> list[str]:
    return [m["text"] for m in await user.inbox()]


# Far apart: a winter and an autumn day, years apart; the demo plan runs on each.
@pytest.mark.parametrize("made_on", [date(2027, 1, 13), date(2030, 11, 25)])
async def test_the_demo_plan_runs_on_the_day_the_demo_is_made(
    made_on: date, app: Any, users: Any, database: Database, settings: Settings
) -> None:
    moment = at(settings, made_on, time(10))
    app.state.conversation.now = lambda: moment  # the bot's clock: the day the demo is made
    demo = await database.run(lambda c: ensure_demo(UnitOfWork(c).units, moment))
    member, leader, officer = users(), users(), users()
    await member.register(demo.member.code, "Nguyễn Thị Hoa")
    await leader.register(demo.leader.code, "Trần Văn Đông")
    await officer.register(demo.officer.code, "Đỗ Văn Công")

    await leader.say("/chitieu")
    assert "🎯 Chỉ tiêu — Kế hoạch mẫu (demo)" in leader.text
    assert "🎯 Mỗi tổ mỗi tháng ít nhất 01 việc tốt hoặc cá nhân được biểu dương\n" in leader.text
    assert "Tổ bảo vệ ANTT thôn Đông: 0 ❌ chưa đạt" in leader.text
    await good_deed_to_summary(member)
    await member.tap("Lưu")
    await leader.say("/duyet")
    await leader.tap("Xác nhận")
    await leader.say("/chitieu")
    assert "Tổ bảo vệ ANTT thôn Đông: 1 ✅ đạt" in leader.text
    assert "Tổ bảo vệ ANTT thôn Đông: 0% (0/5) ❌ chưa đạt" in leader.text
    await member.say("/bangxephang")
    assert "Kế hoạch mẫu (demo)" in member.text and "Đợt 1 — Xã Hòa Bình" in member.text
    assert "Nguyễn Thị Hoa — 2 điểm" in member.text  # a good deed: the 2024 plan's 2 points

    jobs = JobRunner(
        database,
        app.state.conversation.repository,
        settings.zone,
        app.state.conversation.now,
        renderer=reports,
    )
    # Day one's reminder: the first phase closes with its review a week later.
    await jobs.run_due("deadline_reminders", at(settings, made_on, time(7, 30)))
    due = made_on + timedelta(days=7)
    assert any(
        f"Còn 7 ngày đến hạn {due:%d/%m/%Y}: Sơ kết Đợt 1" in t for t in await texts(officer)
    )
    # The first Monday's board ranks the week's work in the running phase.
    monday = made_on + timedelta(days=7 - made_on.weekday())
    await jobs.run_due("weekly_leaderboard", at(settings, monday, time(7)))
    boards = [t for t in await texts(officer) if "Bảng xếp hạng tuần — Kế hoạch mẫu (demo)" in t]
    assert len(boards) == 1 and "Đợt 1 — Xã Hòa Bình" in boards[0]
    assert "1. Nguyễn Thị Hoa — 2 (mới)" in boards[0]


async def test_the_demo_plan_is_kept_while_it_runs_and_a_later_demo_gets_its_own(
    database: Database, settings: Settings
) -> None:
    made = at(settings, date(2027, 3, 2), time(9))
    first = await database.run(lambda c: ensure_demo(UnitOfWork(c).units, made))
    month_later = await database.run(
        lambda c: ensure_demo(UnitOfWork(c).units, made + timedelta(days=30))
    )
    assert first.plan and month_later.plan == first.plan  # still running: the same plan
    assert await rows(database, plans) == 1
    year_later = await database.run(
        lambda c: ensure_demo(UnitOfWork(c).units, made + timedelta(days=400))
    )
    assert year_later.plan and year_later.plan[0] != first.plan[0]  # the first one has ended
    assert await rows(database, plans) == 2
    assert await rows(database, members) == 6  # the roster is not made again


async def test_an_earlier_demo_s_roster_takes_the_names_nobody_types(
    database: Database, settings: Settings
) -> None:
    """A demo made by an earlier version named its people like anyone (Nguyễn Văn An); those
    nobody registered as are renamed, the one someone registered as is left alone."""
    from sqlalchemy import update

    now = datetime.now(settings.zone)

    def earlier_demo(conn: Any) -> None:
        ensure_demo(UnitOfWork(conn).units, now, plan=False)
        for new_name, old_name in (
            ("Thành viên mẫu 1", "Nguyễn Văn An"),
            ("Thành viên mẫu 2", "Trần Thị Bình"),
        ):
            conn.execute(
                update(members).where(members.c.full_name == new_name).values(full_name=old_name)
            )
        conn.execute(  # someone registered as the roster's Trần Thị Bình: a real person now
            update(members).where(members.c.full_name == "Trần Thị Bình").values(joined_at=now)
        )

    await database.run(earlier_demo)
    await database.run(lambda c: ensure_demo(UnitOfWork(c).units, now, plan=False))
    names = await database.run(
        lambda c: sorted(c.execute(select(members.c.full_name)).scalars().all())
    )
    assert "Nguyễn Văn An" not in names and names.count("Thành viên mẫu 1") == 1
    assert "Trần Thị Bình" in names and names.count("Thành viên mẫu 2") == 1


PLANS = Path(__file__).resolve().parents[2] / "plans"


def test_the_seed_plans_are_listed_and_shown_as_ended_beside_the_running_demo_plan(
    env: Path,
) -> None:
    assert runner.invoke(cli, ["demo"]).exit_code == 0
    seed = PLANS / "2024-hai-duong-thi-dua-dac-biet.yaml"
    assert runner.invoke(cli, ["plan", "load", str(seed), "--scope", "DEMO"]).exit_code == 0
    listed = runner.invoke(cli, ["plan", "list"]).output.splitlines()
    [seed_line] = [line for line in listed if line.startswith("hd-2024-thi-dua-dac-biet")]
    assert "19/08/2024–19/08/2025 (đã kết thúc)" in seed_line
    [demo_line] = [line for line in listed if line.startswith("demo-")]
    assert "(đang chạy)" in demo_line and "Kế hoạch mẫu (demo)" in demo_line
    shown = runner.invoke(cli, ["plan", "show", "hd-2024-thi-dua-dac-biet"]).output
    assert "Phạm vi: DEMO; 19/08/2024–19/08/2025 (đã kết thúc)" in shown
    assert "◀ đang chạy" not in shown
    demo_code = demo_line.split()[0]
    shown = runner.invoke(cli, ["plan", "show", demo_code]).output
    assert "(đang chạy)" in shown and "Đợt 1:" in shown and "◀ đang chạy" in shown
    assert "Việc tốt: 2 điểm" in shown and "Sơ kết Đợt 1" in shown  # the 2024 plan's content
