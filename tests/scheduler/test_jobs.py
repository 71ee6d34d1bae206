"""Scheduled jobs with a controlled clock: each fires for its local time, once."""

from __future__ import annotations

import io
from datetime import date, datetime, time, timedelta
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import Connection, insert, select

from bot import reports
from bot.settings import Settings
from campaign.roles import Role
from scheduler import runner as runner_module
from scheduler.jobs import JobSpec
from scheduler.runner import JobRunner
from services.deliverables import board as board_of
from services.demo import DemoInvites
from storage import calendar
from storage.database import Database
from storage.repository import Repository
from storage.schema import apscheduler_jobs, deliverables, job_runs, members
from storage.sealing import Sealer
from storage.units import unit_id
from tests.bot.test_plan_menus import load
from tests.bot.test_review import invite
from tests.bot.test_web_flows import log_tip
from tests.waiting import until
from tests.workbooks import table

DUE = date(2027, 3, 10)


def plan_with_deadline_and_phases(
    due: date = DUE, starts: date = date(2027, 1, 1), ends: date = date(2027, 6, 30)
) -> str:
    phases = (
        """phases:
  - {code: dot-1, name: Đợt 1, starts: 01/01/2027, ends: 31/03/2027, theme: "Mùa xuân an toàn"}
  - {code: dot-2, name: Đợt 2, starts: 01/04/2027, ends: 30/06/2027}
"""
        if (starts, ends) == (date(2027, 1, 1), date(2027, 6, 30))
        else ""
    )
    return f"""\
code: lich-thu
name: Kế hoạch có hạn nộp
issuer: Công an tỉnh
scope: DEMO
starts: {starts:%d/%m/%Y}
ends: {ends:%d/%m/%Y}
{phases}areas:
  - {{code: patrol, form: patrol, points: 2, name: Tuần tra}}
  - {{code: tip, form: tip, points: 3, name: Nguồn tin}}
deadlines:
  - code: bao-cao-to
    title: {{vi: "Báo cáo quý I của tổ", en: "Team report, first quarter"}}
    due: {due:%d/%m/%Y}
    role: leader
    level: team
    deliverable: {{vi: "Báo cáo kết quả tuần tra quý I", en: "Patrol results of the quarter"}}
    escalate_to: commune
"""


def at(settings: Settings, day: date, clock: str) -> datetime:
    hour, minute = (int(p) for p in clock.split(":"))
    return datetime.combine(day, time(hour, minute), tzinfo=settings.zone)


async def texts(user: Any) -> list[str]:
    return [m["text"] for m in await user.inbox()]


async def a_team_with_a_verified_tip(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> tuple[Any, Any, Any]:
    """A member whose tip (3 points) their team leader verified, and the commune officer."""
    member = users()
    await member.register(demo.member.code)
    leader = users()
    await leader.register(
        await invite(database, settings, "DEMO-XA-T1", Role.LEADER), "Tổ Trưởng Đông"
    )
    officer = users()
    await officer.register(demo.officer.code, "Đỗ Minh Giang")
    await log_tip(member)
    await leader.say("/duyet")
    await leader.tap("Xác nhận")
    return member, leader, officer


@pytest.fixture
def jobs(app: Any, database: Database, settings: Settings) -> JobRunner:
    conversation = app.state.conversation
    return JobRunner(
        database, conversation.repository, settings.zone, conversation.now, renderer=reports
    )


async def test_deadline_reminders_fire_at_7_30_once_and_skip_units_that_reported(
    users: Any, demo: DemoInvites, database: Database, settings: Settings, jobs: JobRunner
) -> None:
    await load(database, settings, plan_with_deadline_and_phases())
    east = users()
    await east.register(
        await invite(database, settings, "DEMO-XA-T1", Role.LEADER), "Tổ Trưởng Đông"
    )
    west = users()
    await west.register(
        await invite(database, settings, "DEMO-XA-T2", Role.LEADER), "Tổ Trưởng Tây"
    )
    officer = users()
    await officer.register(demo.officer.code, "Đỗ Minh Giang")

    week_before = DUE - timedelta(days=7)
    assert await jobs.run_due("deadline_reminders", at(settings, week_before, "07:29")) == 0
    assert not any("Còn 7 ngày" in t for t in await texts(east))  # 07:29: yesterday's run
    assert await jobs.run_due("deadline_reminders", at(settings, week_before, "07:30")) == 2
    for leader in (east, west):
        told = [t for t in await texts(leader) if "Còn 7 ngày đến hạn 10/03/2027" in t]
        assert len(told) == 1 and "Báo cáo quý I của tổ" in told[0] and "/danop" in told[0]
    assert await jobs.run_due("deadline_reminders", at(settings, week_before, "18:00")) is None
    assert len([t for t in await texts(east) if "Còn 7 ngày" in t]) == 1  # not twice

    east_team = await database.run(lambda c: unit_id(c, "DEMO-XA-T1"))
    assert east_team is not None
    await database.run(
        lambda c: calendar.mark_done(
            c,
            plan_code="lich-thu",
            deadline_code="bao-cao-to",
            due=DUE,
            unit_id=east_team,
            member_id=1,
            file_token=None,
            now=at(settings, DUE - timedelta(days=4), "10:00"),
        )
    )
    await jobs.run_due("deadline_reminders", at(settings, DUE - timedelta(days=3), "07:30"))
    assert not any("Còn 3 ngày" in t for t in await texts(east))  # reported: not reminded
    assert any("Còn 3 ngày" in t for t in await texts(west))
    await jobs.run_due("deadline_reminders", at(settings, DUE, "07:30"))
    assert any("Hôm nay (10/03/2027) là hạn" in t for t in await texts(west))
    assert not any("Hôm nay" in t and "là hạn" in t for t in await texts(east))

    await jobs.run_due("deadline_reminders", at(settings, DUE + timedelta(days=1), "07:30"))
    late = [t for t in await texts(officer) if "chưa báo cáo" in t]
    assert len(late) == 1
    assert "1 đơn vị chưa báo cáo" in late[0] and "Tổ bảo vệ ANTT thôn Tây" in late[0]
    assert "thôn Đông" not in late[0]


async def test_a_draft_and_a_submission_sent_back_are_still_reminded_and_late(
    users: Any, demo: DemoInvites, database: Database, settings: Settings, jobs: JobRunner
) -> None:
    """Only a submitted or accepted submission is done (issue 15): a unit gathering a draft,
    or one the level above sent back, is reminded, escalated and shown late like one with
    nothing in."""
    await load(database, settings, plan_with_deadline_and_phases())
    east = users()
    await east.register(
        await invite(database, settings, "DEMO-XA-T1", Role.LEADER), "Tổ Trưởng Đông"
    )
    west = users()
    await west.register(
        await invite(database, settings, "DEMO-XA-T2", Role.LEADER), "Tổ Trưởng Tây"
    )
    officer = users()
    await officer.register(demo.officer.code, "Đỗ Minh Giang")

    def officer_id(conn: Connection) -> int:
        found = select(members.c.id).where(members.c.full_name == "Đỗ Minh Giang")
        return int(conn.execute(found).scalar_one())

    def gathered(conn: Connection) -> list[int]:
        teams = [unit_id(conn, "DEMO-XA-T1"), unit_id(conn, "DEMO-XA-T2")]
        for team, state in zip(teams, ("draft", "returned"), strict=True):
            conn.execute(
                insert(deliverables).values(
                    plan_code="lich-thu", deadline_code="bao-cao-to", due=DUE, unit_id=team,
                    member_id=officer_id(conn), done_at=at(settings, DUE - timedelta(days=5), "9:00"),
                    state=state,
                )
            )  # fmt: skip
        return [team for team in teams if team is not None]

    teams = await database.run(gathered)
    await jobs.run_due("deadline_reminders", at(settings, DUE - timedelta(days=3), "07:30"))
    for leader in (east, west):
        assert any("Còn 3 ngày" in t for t in await texts(leader))
    await jobs.run_due("deadline_reminders", at(settings, DUE + timedelta(days=1), "07:30"))
    (late,) = [t for t in await texts(officer) if "chưa báo cáo" in t]
    assert "2 đơn vị chưa báo cáo" in late and "thôn Đông" in late and "thôn Tây" in late

    def board(conn: Connection) -> list[tuple[int, str, str | None]]:
        repo = Repository(conn, Sealer("s" * 40))
        commander = repo.member_by_id(officer_id(conn))
        assert commander is not None
        lines = board_of(repo, commander, DUE + timedelta(days=1))
        return [(line.unit_id, line.state, line.progress) for line in lines]

    assert await database.run(board) == [
        (teams[0], "late", "draft"),
        (teams[1], "late", "returned"),
    ]


async def test_phase_changes_are_announced_to_everyone_in_scope_on_the_day(
    users: Any, demo: DemoInvites, database: Database, settings: Settings, jobs: JobRunner
) -> None:
    await load(database, settings, plan_with_deadline_and_phases())
    member = users()
    await member.register(demo.member.code)
    officer = users()
    await officer.register(demo.officer.code, "Đỗ Minh Giang")
    assert await jobs.run_due("phase_changes", at(settings, date(2027, 1, 1), "06:59")) == 0
    assert await jobs.run_due("phase_changes", at(settings, date(2027, 1, 1), "07:00")) == 2
    for person in (member, officer):
        started = [t for t in await texts(person) if "Bắt đầu Đợt 1" in t]
        assert len(started) == 1
        assert "01/01/2027 – 31/03/2027" in started[0] and "Mùa xuân an toàn" in started[0]
        assert "Tuần tra: 2 điểm" in started[0] and "Nguồn tin: 3 điểm" in started[0]
    await jobs.run_due("phase_changes", at(settings, date(2027, 3, 31), "07:00"))
    assert any("Đợt 1 kết thúc hôm nay" in t for t in await texts(member))
    await jobs.run_due("phase_changes", at(settings, date(2027, 3, 31), "21:00"))
    assert len([t for t in await texts(member) if "kết thúc hôm nay" in t]) == 1


async def test_jobs_persist_across_restarts_and_a_missed_run_runs_once(
    database: Database, settings: Settings, app: Any
) -> None:
    conversation = app.state.conversation
    clock = [at(settings, date(2027, 1, 5), "08:00")]

    def runner() -> JobRunner:
        return JobRunner(database, conversation.repository, settings.zone, lambda: clock[0])

    async def runs() -> list[tuple[str, str]]:
        return await database.run(
            lambda c: sorted((r.job, r.slot) for r in c.execute(select(job_runs)).all())
        )

    async def stored() -> dict[str, float]:
        return await database.run(
            lambda c: {
                r.id: r.next_run_time
                for r in c.execute(
                    select(apscheduler_jobs.c.id, apscheduler_jobs.c.next_run_time)
                ).all()
            }
        )

    first = runner()
    await first.start()
    await first.caught_up()
    await first.stop()
    assert first.is_leader is False
    # Each job ran once for its latest time that day, at its local hour.
    assert await runs() == [
        ("deadline_reminders", "2027-01-05T07:30:00+07:00"),
        ("event_announcements", "2027-01-05T07:05:00+07:00"),
        ("expire_chats", "2027-01-05T07:20:00+07:00"),  # hourly
        ("grading_proposals", "2026-11-15T08:00:00+07:00"),  # the yearly one, caught up
        ("housekeeping", "2027-01-05T03:15:00+07:00"),
        ("housekeeping", "2027-01-05T03:15:00+07:00#sweep"),  # in parts (issue 16's retention)
        ("housekeeping", "2027-01-05T03:15:00+07:00#tidy"),
        ("phase_changes", "2027-01-05T07:00:00+07:00"),
        ("report_drafts", "2027-01-05T06:40:00+07:00"),  # no report due: nothing drafted
        ("scheduled_broadcasts", "2027-01-05T08:00:00+07:00"),  # every minute
        ("target_value_reminders", "2027-01-05T07:45:00+07:00"),
        ("weekly_leaderboard", "2027-01-04T07:00:00+07:00"),  # the Monday before
    ]
    schedule = await stored()
    assert set(schedule) == {
        "grading_proposals",
        "deadline_reminders",
        "event_announcements",
        "expire_chats",
        "phase_changes",
        "report_drafts",
        "scheduled_broadcasts",
        "housekeeping",
        "target_value_reminders",
        "weekly_leaderboard",
    }
    upcoming = datetime.fromtimestamp(schedule["deadline_reminders"], settings.zone)
    assert (upcoming.hour, upcoming.minute) == (7, 30)

    again = runner()  # a restart the same morning: nothing runs twice, the schedule is kept
    await again.start()
    await again.caught_up()
    await again.stop()
    assert len(await runs()) == 12
    # (the every-minute job's next time has moved on with the real clock meanwhile)
    kept = {job: at for job, at in (await stored()).items() if job != "scheduled_broadcasts"}
    assert kept == {job: at for job, at in schedule.items() if job != "scheduled_broadcasts"}

    clock[0] = at(settings, date(2027, 1, 7), "09:00")  # down for two days
    back = runner()
    await back.start()
    await back.caught_up()
    await back.stop()
    after = await runs()
    # each daily and hourly job once more, for its latest time only (the every-minute job keeps
    # a day of its runs: its run two days before is forgotten); housekeeping records its parts
    assert len(after) == 21
    assert ("deadline_reminders", "2027-01-07T07:30:00+07:00") in after
    assert ("deadline_reminders", "2027-01-06T07:30:00+07:00") not in after


async def test_one_leader_among_processes_and_another_takes_over(
    database: Database, settings: Settings, app: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(runner_module, "LEADER_RETRY", 0.1)
    conversation = app.state.conversation
    first = JobRunner(database, conversation.repository, settings.zone, conversation.now)
    second = JobRunner(database, conversation.repository, settings.zone, conversation.now)
    await first.start()
    await second.start()
    try:
        assert first.is_leader and not second.is_leader
        await first.stop()  # the leader goes away: its lock is released
        await until(lambda: second.is_leader, "the second runner taking the lead")
    finally:
        await first.stop()
        await second.stop()


async def test_a_leader_marks_the_report_submitted_in_the_chat_and_is_not_reminded(
    users: Any, demo: DemoInvites, database: Database, settings: Settings, jobs: JobRunner
) -> None:
    today = datetime.now(settings.zone).date()
    due = today + timedelta(days=5)
    plan = plan_with_deadline_and_phases(
        due, today - timedelta(days=30), today + timedelta(days=60)
    )
    await load(database, settings, plan)
    east = users()
    await east.register(
        await invite(database, settings, "DEMO-XA-T1", Role.LEADER), "Tổ Trưởng Đông"
    )
    west = users()
    await west.register(
        await invite(database, settings, "DEMO-XA-T2", Role.LEADER), "Tổ Trưởng Tây"
    )
    member = users()
    await member.register(demo.member.code)
    await member.say("/danop")
    assert "Việc nộp báo cáo do Tổ trưởng, Tổ phó" in member.text  # not a member's to mark

    await east.say("/danop")
    assert f"Báo cáo quý I của tổ — {due:%d/%m/%Y}" in east.text
    await east.tap("Báo cáo quý I")
    assert "Gửi báo cáo đã nộp" in east.text
    await east.say("xong rồi")  # neither a file nor the button
    assert "Gửi báo cáo đã nộp" in east.text
    await east.say("tệp")  # looking for the file: not "Không kèm tệp"
    assert "Bước này cần một tệp hoặc một ảnh" in east.text and "Đã ghi nhận" not in east.text
    await east.tap("Không kèm tệp")
    assert "Đã ghi nhận ✅ Báo cáo quý I của tổ" in east.text
    await east.say("/submitted")  # listed as submitted until its due day, to be withdrawn
    assert f"✅ Báo cáo quý I của tổ — {due:%d/%m/%Y}" in east.text

    day_before = datetime.combine(due - timedelta(days=1), time(7, 30), tzinfo=settings.zone)
    await jobs.run_due("deadline_reminders", day_before)
    assert any("Còn 1 ngày" in t for t in await texts(west))
    assert not any("Còn 1 ngày" in t for t in await texts(east))


async def test_the_weekly_board_on_monday_with_movements_files_and_nudges(
    users: Any, demo: DemoInvites, database: Database, settings: Settings, jobs: JobRunner
) -> None:
    today = datetime.now(settings.zone).date()
    await load(
        database,
        settings,
        plan_with_deadline_and_phases(
            today + timedelta(days=40), today - timedelta(days=30), today + timedelta(days=60)
        ),
    )
    member, leader, officer = await a_team_with_a_verified_tip(users, demo, database, settings)

    monday = today + timedelta(days=7 - today.weekday())
    commune = await database.run(lambda c: unit_id(c, "DEMO-XA"))
    # Sunday night: the board due is last Monday's (07:00); Monday 07:00: this week's.
    await jobs.run_due("weekly_leaderboard", at(settings, monday - timedelta(days=1), "23:00"))
    slots = await database.run(
        lambda c: (
            c.execute(select(job_runs.c.slot).where(job_runs.c.job == "weekly_leaderboard"))
            .scalars()
            .all()
        )
    )
    last_monday = f"{monday - timedelta(days=7)}T07:00:00+07:00"
    assert last_monday in slots  # done, and each commune's part on its own
    assert [s for s in slots if s != last_monday] == [f"{last_monday}#lich-thu|{commune}"]
    board = [t for t in await texts(officer) if "Bảng xếp hạng tuần" in t]
    assert len(board) == 1
    assert "1. Nguyễn Thị Hoa — 3 (mới)" in board[0]
    assert "Tổ bảo vệ ANTT thôn Đông — 3 (mới)" in board[0]
    officer_inbox = await officer.inbox()
    chart = next(m["image_url"] for m in officer_inbox if m["image_url"])
    assert (await officer.client.get(chart)).content.startswith(b"\x89PNG")
    assert any(m["file_url"] for m in officer_inbox)
    leader_texts = await texts(leader)
    assert any("thành viên tổ bạn" in t and "Nguyễn Thị Hoa — 3" in t for t in leader_texts)
    assert any("Tuần qua bạn chưa ghi nhận việc nào" in t for t in leader_texts)  # a nudge
    assert any("Bạn đang xếp hạng 1/" in t for t in await texts(member))
    assert not any("chưa ghi nhận" in t for t in await texts(member))

    await leader.say("/nhacnho tat")
    assert "Đã tắt lời nhắc" in leader.text
    assert await jobs.run_due("weekly_leaderboard", at(settings, monday, "06:59")) is None
    assert await jobs.run_due("weekly_leaderboard", at(settings, monday, "07:00"))
    assert await jobs.run_due("weekly_leaderboard", at(settings, monday, "20:00")) is None
    boards = [t for t in await texts(officer) if "Bảng xếp hạng tuần" in t]
    assert len(boards) == 2 and "1. Nguyễn Thị Hoa — 3 (=)" in boards[1]
    assert len([t for t in await texts(leader) if "chưa ghi nhận" in t]) == 1  # turned off
    # The officer's workbook of this Monday: the week's movement beside each row, made at 07:00.
    book = [m["file_url"] for m in await officer.inbox() if m["file_url"]][-1]
    sheet = load_workbook(io.BytesIO((await officer.client.get(book)).content))["Thành viên"]
    assert sheet["A6"].value == f"Lập lúc: {monday:%d/%m/%Y} 07:00"
    rows = table(sheet)
    assert rows[0]["Điểm"] == 3 and rows[0]["Tổ"] == "Tổ bảo vệ ANTT thôn Đông"
    assert rows[0]["Thay đổi hạng so với bảng tuần trước"] == 0  # first last week, first now


async def test_the_board_of_the_week_a_phase_ended_is_that_phase_s_final_standings(
    users: Any, demo: DemoInvites, database: Database, settings: Settings, jobs: JobRunner
) -> None:
    """Đợt 1 ends today and Đợt 2 starts tomorrow: Monday's board is about the week's work,
    which scored in Đợt 1, not the empty Đợt 2."""
    today = datetime.now(settings.zone).date()
    monday = today + timedelta(days=7 - today.weekday())
    first, second = today - timedelta(days=30), today + timedelta(days=1)
    plan = f"""\
code: doi-dot
name: Kế hoạch hai đợt
issuer: Công an tỉnh
scope: DEMO
starts: {first:%d/%m/%Y}
ends: {today + timedelta(days=60):%d/%m/%Y}
phases:
  - {{code: dot-1, name: Đợt 1, starts: {first:%d/%m/%Y}, ends: {today:%d/%m/%Y}}}
  - {{code: dot-2, name: Đợt 2, starts: {second:%d/%m/%Y}, ends: {today + timedelta(days=60):%d/%m/%Y}}}
areas:
  - {{code: tip, form: tip, points: 3, name: Nguồn tin}}
"""
    await load(database, settings, plan)
    member, _, officer = await a_team_with_a_verified_tip(users, demo, database, settings)
    assert await jobs.run_due("weekly_leaderboard", at(settings, monday, "07:00"))
    [board] = [t for t in await texts(officer) if "Bảng xếp hạng tuần" in t]
    assert "Đợt 1" in board and "1. Nguyễn Thị Hoa — 3 (mới)" in board
    assert any("Bạn đang xếp hạng 1/" in t and "3 điểm (Đợt 1)" in t for t in await texts(member))


async def test_a_job_in_parts_resumes_after_a_crash_without_repeating_a_part(
    app: Any, database: Database, settings: Settings
) -> None:
    done: list[str] = []
    crash = {"b"}

    def work(job: Any, slot: datetime, part: str) -> int:
        if part in crash:
            crash.discard(part)
            raise RuntimeError("the process died here")
        done.append(part)
        return 1

    spec = JobSpec("in_parts", {"hour": 6, "minute": 0}, work, parts=lambda c, s: ["a", "b", "c"])
    conversation = app.state.conversation
    parted = JobRunner(database, conversation.repository, settings.zone, conversation.now, (spec,))
    moment = at(settings, date(2027, 2, 1), "06:05")
    with pytest.raises(RuntimeError):
        await parted.run_due("in_parts", moment)
    assert done == ["a"]
    assert await parted.run_due("in_parts", moment) == 2  # b and c; a is not sent again
    assert done == ["a", "b", "c"]
    assert await parted.run_due("in_parts", moment) is None
