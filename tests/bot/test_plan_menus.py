"""The content areas members see come from the plan running over their unit."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select

from bot.settings import Settings
from campaign.plans import load_document
from services.demo import DemoInvites
from storage import plans as stored_plans
from storage.database import Database
from storage.schema import entries


def plan_text(starts: date, ends: date, scope: str = "DEMO") -> str:
    return f"""\
code: thu-nghiem
name: Kế hoạch thử nghiệm
issuer: Công an tỉnh
scope: {scope}
starts: {starts:%d/%m/%Y}
ends: {ends:%d/%m/%Y}
areas:
  - {{code: tip, form: tip, points: 3, name: {{vi: "Nguồn tin", en: Tips}}}}
  - {{code: patrol, form: patrol, points: 2, name: {{vi: "Tuần tra", en: Patrol}}}}
  - {{code: tuyen_truyen, form: good_deed, points: 1, name: {{vi: "Tuyên truyền pháp luật", en: Legal outreach}}}}
"""


async def load(database: Database, settings: Settings, text: str) -> None:
    document = load_document(text)
    await database.run(lambda c: stored_plans.save(c, document, text, datetime.now(settings.zone)))


async def test_menus_follow_the_active_plan(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    today = datetime.now(settings.zone).date()
    await load(
        database, settings, plan_text(today - timedelta(days=10), today + timedelta(days=10))
    )
    member = users()
    await member.register(demo.member.code)
    labels = [c["label"] for c in member.last[-1]["choices"]]
    assert any("Báo nguồn tin" in label for label in labels)
    assert not any("Việc tốt" in label for label in labels)  # not in this plan
    await member.say("/viectot")  # typed anyway: it would never score, so it is not opened
    assert "không có nội dung /viectot" in member.text and "Chọn một mục" in member.text
    await member.tap("Nội dung khác")
    assert [c["label"] for c in member.last[-1]["choices"]][:-1] == ["Tuyên truyền pháp luật"]
    await member.tap("Tuyên truyền pháp luật")
    assert "Ghi nhận: Tuyên truyền pháp luật" in member.text
    for answer in ("Phổ biến Luật 30/2023 ở nhà văn hóa", "40 hộ dân thôn Đông", "hôm nay"):
        await member.say(answer)
    await member.tap("Bỏ qua")
    await member.tap("Lưu")
    assert "Đã lưu" in member.text
    area = await database.run(lambda c: c.execute(select(entries.c.content_area)).scalar_one())
    assert area == "tuyen_truyen"
    await member.say("/cuatoi")
    assert "Tuyên truyền pháp luật: 1" in member.text


async def test_without_a_running_plan_the_2024_areas_are_offered(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    today = datetime.now(settings.zone).date()
    await load(database, settings, plan_text(today - timedelta(days=60), today - timedelta(days=1)))
    member = users()
    await member.register(demo.member.code)
    labels = [c["label"] for c in member.last[-1]["choices"]]
    assert any("Việc tốt" in label for label in labels)  # the ended plan no longer applies
