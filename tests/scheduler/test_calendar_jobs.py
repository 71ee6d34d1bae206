"""The whole calendar with a driven clock: a plan's events announced to its audience before
and on the day, once; a plan without phases announcing its first and last day; Đồng Nai's
yearly plan rolling over 2024, 2025, 2026 until an admin ends it."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.settings import Settings
from campaign.plans import load_document
from scheduler.runner import JobRunner
from services import plans as plan_service
from services.demo import DemoInvites
from services.refusals import Refused
from storage import plans as stored_plans
from storage.database import Database
from storage.schema import audit_log, plans
from storage.unit_of_work import UnitOfWork
from tests.bot.test_plan_menus import load
from tests.scheduler.test_jobs import at, jobs, texts

__all__ = ["jobs"]  # the fixture, shared

PLANS = Path(__file__).resolve().parents[2] / "plans"

WITH_EVENTS = """\
code: ngay-hoi-thu
name: Kế hoạch năm 2027
issuer: Công an tỉnh
scope: DEMO
starts: 01/01/2027
ends: 31/12/2027
areas:
  - {code: patrol, form: patrol, points: 2, name: Tuần tra}
events:
  - {code: ngay-hoi, yearly: 19/8, name: {vi: "Ngày hội toàn dân bảo vệ an ninh Tổ quốc",
     en: "National Security Day"}}
  - {code: hoi-nghi, on: 20/8/2027, name: {vi: "Hội nghị sơ kết", en: "Review conference"},
     audience: commanders, announce_days: [1]}
  - {code: tuan-tra-chung, on: 02/9/2027, name: {vi: "Tuần tra chung các tổ", en: "Joint patrol"},
     kinds: [team], announce_days: [0]}
"""


async def registered(users: Any, demo: DemoInvites) -> tuple[Any, Any]:
    member = users()
    await member.register(demo.member.code)
    officer = users()
    await officer.register(demo.officer.code, "Đỗ Minh Giang")
    return member, officer


async def test_an_event_is_announced_a_week_before_the_day_before_and_on_the_day_once(
    users: Any, demo: DemoInvites, database: Database, settings: Settings, jobs: JobRunner
) -> None:
    await load(database, settings, WITH_EVENTS)
    member, officer = await registered(users, demo)
    await member.say("/lang en")  # each in their own language
    ngay_hoi = date(2027, 8, 19)
    assert (
        await jobs.run_due("event_announcements", at(settings, ngay_hoi - timedelta(7), "07:04"))
        == 0
    )
    assert (
        await jobs.run_due("event_announcements", at(settings, ngay_hoi - timedelta(7), "07:05"))
        == 2
    )
    assert (
        await jobs.run_due("event_announcements", at(settings, ngay_hoi - timedelta(7), "20:00"))
        is None
    )
    week = [t for t in await texts(officer) if "Còn 7 ngày nữa là Ngày hội" in t]
    assert len(week) == 1 and "(19/08/2027)" in week[0] and "Kế hoạch năm 2027" in week[0]
    assert [t for t in await texts(member) if "National Security Day is in 7 days" in t]
    assert (
        await jobs.run_due("event_announcements", at(settings, ngay_hoi - timedelta(3), "07:05"))
        == 0
    )
    assert (
        await jobs.run_due("event_announcements", at(settings, ngay_hoi - timedelta(1), "07:05"))
        == 2
    )
    assert any("Ngày mai là Ngày hội" in t for t in await texts(officer))
    assert any("Tomorrow is National Security Day" in t for t in await texts(member))
    # on the day: the Ngày hội to everyone, the conference (the day after) to commanders only
    assert await jobs.run_due("event_announcements", at(settings, ngay_hoi, "07:05")) == 3
    assert any("Hôm nay là Ngày hội" in t for t in await texts(officer))
    assert any("Ngày mai là Hội nghị sơ kết (20/08/2027)" in t for t in await texts(officer))
    assert not any("Review conference" in t for t in await texts(member))  # commanders only
    assert len([t for t in await texts(officer) if "Hôm nay là" in t]) == 1
    # an event of the teams: their people hear of it, the commune's officer does not
    assert await jobs.run_due("event_announcements", at(settings, date(2027, 9, 2), "07:05")) == 1
    assert any("Today is Joint patrol" in t for t in await texts(member))
    assert not any("Tuần tra chung" in t for t in await texts(officer))


async def test_a_plan_without_phases_announces_its_start_and_end_once(
    users: Any, demo: DemoInvites, database: Database, settings: Settings, jobs: JobRunner
) -> None:
    await load(database, settings, WITH_EVENTS)
    member, officer = await registered(users, demo)
    assert await jobs.run_due("phase_changes", at(settings, date(2027, 1, 1), "07:00")) == 2
    for person in (member, officer):
        started = [t for t in await texts(person) if "Bắt đầu thực hiện Kế hoạch năm 2027" in t]
        assert len(started) == 1 and "01/01/2027 – 31/12/2027" in started[0]
    assert await jobs.run_due("phase_changes", at(settings, date(2027, 6, 1), "07:00")) == 0
    assert await jobs.run_due("phase_changes", at(settings, date(2027, 12, 31), "07:00")) == 2
    assert await jobs.run_due("phase_changes", at(settings, date(2027, 12, 31), "09:00")) is None
    ending = [t for t in await texts(member) if "kết thúc hôm nay (31/12/2027)" in t]
    assert len(ending) == 1


def end_plan(code: str, on: date, now: datetime) -> Any:
    return lambda conn: plan_service.end(
        UnitOfWork(conn), code, on, now, ender=plan_service.COMMAND_LINE
    )


async def test_dong_nai_s_yearly_plan_rolls_over_until_an_admin_ends_it(
    users: Any, demo: DemoInvites, database: Database, settings: Settings, jobs: JobRunner
) -> None:
    text = (PLANS / "2023-dong-nai-dien-hinh.yaml").read_text(encoding="utf-8")
    document = load_document(text)
    await database.run(
        lambda c: stored_plans.save(c, document, text, datetime.now(settings.zone), "DEMO")
    )
    member, officer = await registered(users, demo)
    # "trước ngày 15/10 hàng năm": the commune's evaluation, due 14/10 every year
    for year in (2024, 2025, 2026):
        week_before = date(year, 10, 7)
        assert await jobs.run_due("deadline_reminders", at(settings, week_before, "07:30")) == 1
        told = [t for t in await texts(officer) if f"Còn 7 ngày đến hạn 14/10/{year}" in t]
        assert len(told) == 1 and "Cấp xã đánh giá" in told[0]
    # A start announcement for the plan (no phases) came on none of those days.
    assert not any("Bắt đầu thực hiện" in t for t in await texts(member))

    now = at(settings, date(2027, 1, 5), "10:00")
    with pytest.raises(Refused):  # before it starts
        await database.run(end_plan("dn-2023-dien-hinh", date(2023, 1, 1), now))
    with pytest.raises(Refused):
        await database.run(end_plan("khong-co", date(2027, 6, 30), now))
    await database.run(end_plan("dn-2023-dien-hinh", date(2027, 6, 30), now))
    # ended on 30/6/2027: its last day is announced, and nothing falls after it
    assert await jobs.run_due("phase_changes", at(settings, date(2027, 6, 30), "07:00")) == 2
    assert any("kết thúc hôm nay (30/06/2027)" in t for t in await texts(member))
    assert await jobs.run_due("deadline_reminders", at(settings, date(2027, 10, 7), "07:30")) == 0
    ended = await database.run(lambda c: c.execute(select(plans.c.ended_on, plans.c.ends)).all())
    assert [tuple(r) for r in ended if r.ended_on] == [(date(2027, 6, 30), date(2027, 6, 30))]
    audited = await database.run(
        lambda c: (
            c.execute(select(audit_log.c.details).where(audit_log.c.action == "plan.ended"))
            .scalars()
            .all()
        )
    )
    assert len(audited) == 1
    # loaded again (a fixed file), it still ends on the day the admin said
    await database.run(
        lambda c: stored_plans.save(c, document, text, datetime.now(settings.zone), "DEMO")
    )
    assert await jobs.run_due("deadline_reminders", at(settings, date(2028, 10, 7), "07:30")) == 0
