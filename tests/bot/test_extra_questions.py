"""A plan's own question on top of a built-in form: asked in the chat, summarised, stored in the
entry's answers, shown to the reviewer, changed with /sua; entries from before it still work."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select

from bot.settings import Settings
from campaign.roles import Role
from services.demo import DemoInvites
from storage.database import Database
from storage.schema import entries
from tests.bot.test_plan_menus import load
from tests.bot.test_review import invite

IN_TIME = """\
    extra_fields:
      - key: in_time
        kind: choice
        after: when
        prompt: {vi: "Có mặt kịp thời không?", en: "Were you there in time?"}
        label: {vi: "Có mặt kịp thời", en: "In time"}
        options: [{id: "yes", label: {vi: "Có", en: "Yes"}}, {id: "no", label: {vi: "Không", en: "No"}}]
"""


def fire_plan(starts: date, ends: date, *, in_time: bool = True) -> str:
    return f"""\
code: pccc-thu
name: Kế hoạch thử
issuer: Công an tỉnh
scope: DEMO
starts: {starts:%d/%m/%Y}
ends: {ends:%d/%m/%Y}
areas:
  - code: fire_rescue
    form: fire_rescue
    points: 3
    name: {{vi: "Chữa cháy, cứu nạn, cứu hộ", en: "Fire or rescue call-out"}}
""" + (IN_TIME if in_time else "")


async def details(database: Database) -> list[dict[str, Any]]:
    rows = await database.run(lambda c: c.execute(select(entries.c.details)).scalars().all())
    return [dict(row) for row in rows]


async def log_fire(member: Any, *, in_time: str | None) -> None:
    await member.say("/huy")
    await member.tap("Nội dung khác")
    await member.tap("Chữa cháy")
    await member.tap("Cháy, nổ")
    await member.say("Kho hàng thôn Đông")
    await member.tap("Bây giờ")
    if in_time is not None:
        assert "Có mặt kịp thời không?" in member.text
        await member.say("co")  # typed without marks, like a tap
    await member.say("Cùng dân dập lửa")
    await member.tap("Bỏ qua")


async def test_the_extra_question_runs_through_entry_review_and_edit(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    today = datetime.now(settings.zone).date()
    # an entry logged while the plan did not yet ask
    await load(
        database,
        settings,
        fire_plan(today - timedelta(days=5), today + timedelta(days=5), in_time=False),
    )
    member = users()
    await member.register(demo.member.code)
    await log_fire(member, in_time=None)
    assert "Có mặt kịp thời" not in member.text
    await member.tap("Lưu")
    assert "Đã lưu" in member.text

    # the plan loaded again with the question
    await load(database, settings, fire_plan(today - timedelta(days=5), today + timedelta(days=5)))
    await log_fire(member, in_time="yes")
    assert "Có mặt kịp thời: Có" in member.text  # in the summary, before saving
    await member.tap("Lưu")
    assert "Đã lưu" in member.text
    stored = await details(database)
    assert "in_time" not in stored[0] and stored[1]["in_time"] == "yes"

    leader = users()
    await leader.register(await invite(database, settings, "DEMO-XA-T1", Role.LEADER), "Tổ Trưởng")
    await leader.say("/duyet")
    seen = []
    for _ in range(2):
        seen.append(leader.text)
        await leader.tap("Xác nhận")
    assert "Có mặt kịp thời" not in seen[0] and "• Có mặt kịp thời: Có" in seen[1], seen

    await member.say("/sua")
    references = [c["label"] for m in member.last for c in m["choices"]]
    older, newer = sorted(r for r in references if r.startswith("CH-"))[:2]
    await member.tap(older)  # the older entry: the question shows unanswered, and may be
    assert "Cùng dân dập lửa" in member.text
    await member.tap("Có mặt kịp thời")
    assert "Có mặt kịp thời không?" in member.text
    await member.tap("Không")
    assert "• Có mặt kịp thời: — → Không" in member.text
    await member.tap("Lưu")
    await member.say("/sua")
    await member.tap(newer)
    await member.tap("Có mặt kịp thời")
    await member.tap("Không")
    assert "Có → Không" in member.text
    await member.tap("Lưu")
    stored = await details(database)
    assert [row["in_time"] for row in stored] == ["no", "no"]
