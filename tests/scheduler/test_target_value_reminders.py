"""Reminders of entered targets, with a driven clock: `remind_days` before the period ends,
each holder of the accountable role who has not entered it is asked, in their language, once."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest

from bot import reports
from bot.settings import Settings
from scheduler.runner import JobRunner
from services.demo import DemoInvites
from storage.database import Database
from tests.bot.test_plan_menus import load
from tests.bot.test_target_values_chat import plan_text
from tests.scheduler.test_jobs import at, texts


@pytest.fixture
def jobs(app: Any, database: Database, settings: Settings) -> JobRunner:
    conversation = app.state.conversation
    return JobRunner(
        database, conversation.repository, settings.zone, conversation.now, renderer=reports
    )


async def test_the_accountable_are_reminded_before_the_period_ends_until_they_enter_it(
    users: Any, demo: DemoInvites, database: Database, settings: Settings, jobs: JobRunner
) -> None:
    today = datetime.now(settings.zone).date()
    ends = today + timedelta(days=7)
    await load(database, settings, plan_text(today - timedelta(days=10), ends))
    officer = users()
    await officer.register(demo.officer.code, "Đỗ Minh Giang")
    leader = users()
    await leader.register(demo.leader.code, "Tổ Trưởng Đông")
    await leader.say("/lang en")

    assert await jobs.run_due("target_value_reminders", at(settings, today, "07:44")) == 0
    assert await jobs.run_due("target_value_reminders", at(settings, today, "07:45")) == 2
    assert await jobs.run_due("target_value_reminders", at(settings, today, "18:00")) is None
    said = await texts(officer)
    reminder = next(t for t in said if "Còn 7 ngày đến hết kỳ" in t)
    assert f"({ends:%d/%m/%Y})" in reminder
    assert "“Không để xảy ra tái phạm” (Kế hoạch thi đua có chỉ tiêu nhập tay)" in reminder
    assert "cho: Xã Hòa Bình" in reminder and "/nhapchitieu" in reminder
    # The teams' target is the leaders': the officer is not asked for it.
    assert not any("Thành viên tổ" in t for t in said)
    english = [t for t in await texts(leader) if "days left in the period" in t]
    assert len(english) == 1 and "Tổ bảo vệ ANTT thôn Đông" in english[0]
    assert "/entertarget" in english[0]

    # Between reminder days nobody is asked; once entered, the officer is not asked again.
    assert (
        await jobs.run_due(
            "target_value_reminders", at(settings, ends - timedelta(days=3), "07:45")
        )
        == 0
    )
    await officer.say("/nhapchitieu")
    await officer.tap("Không để xảy ra tái phạm")
    await officer.say("0")
    await officer.tap("Bỏ qua")
    await officer.tap("Không kèm minh chứng")
    await officer.tap("Lưu")
    assert "Đã lưu ✅" in officer.text
    before = len(await texts(officer))
    assert (
        await jobs.run_due(
            "target_value_reminders", at(settings, ends - timedelta(days=1), "07:45")
        )
        == 1
    )
    assert len(await texts(officer)) == before
    assert any("1 day left in the period" in t for t in await texts(leader))
