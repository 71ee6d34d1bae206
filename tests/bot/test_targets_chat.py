"""/chitieu: each unit's progress against the running plan's targets, from verified entries."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, insert, select

from bot.settings import Settings
from campaign.facts import FactValue
from campaign.roles import Role
from services.demo import DemoInvites
from storage.database import Database
from storage.facts import set_fact
from storage.schema import target_values, units
from tests.bot.test_plan_menus import load
from tests.bot.test_review import invite
from tests.bot.test_web_flows import good_deed_to_summary


def plan_with_targets(today: Any) -> str:
    return f"""\
code: chi-tieu-thu
name: Kế hoạch có chỉ tiêu
issuer: Công an tỉnh
scope: DEMO
starts: {today - timedelta(days=40):%d/%m/%Y}
ends: {today + timedelta(days=40):%d/%m/%Y}
areas:
  - {{code: good_deed, form: good_deed, points: 2, name: Việc tốt}}
  - {{code: patrol, form: patrol, points: 2, name: Tuần tra}}
targets:
  - {{code: viec-tot, description: "Mỗi tổ mỗi tháng ít nhất 01 việc tốt", level: team, period: month, kind: count, threshold: 1, measure: "entries:good_deed"}}
  - {{code: tuan-tra, description: "100% thành viên tham gia tuần tra", level: team, period: plan, kind: ratio, threshold: 1.0, measure: "members_with:patrol"}}
  - {{code: khong-vi-pham, description: "Không có cơ sở kinh doanh vi phạm", level: commune, period: plan, kind: count, direction: at_most, threshold: 0, measure: manual}}
"""


async def test_target_progress_for_leaders_and_officers(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    today = datetime.now(settings.zone).date()
    await load(database, settings, plan_with_targets(today))
    member = users()
    await member.register(demo.member.code)
    await good_deed_to_summary(member)
    await member.tap("Lưu")
    await member.say("/chitieu")
    assert "Chỉ Tổ trưởng, Tổ phó và cán bộ Công an xã xem" in member.text
    leader = users()
    await leader.register(await invite(database, settings, "DEMO-XA-T1", Role.LEADER), "Tổ Trưởng")
    await leader.say("/chitieu")
    leads = leader.text
    assert "🎯 Mỗi tổ mỗi tháng ít nhất 01 việc tốt\n" in leads
    assert "Cách tính: đếm mục “Việc tốt” đã xác minh" in leads
    assert "Tổ bảo vệ ANTT thôn Đông: 0 ❌ chưa đạt" in leads  # pending does not count
    await leader.say("/duyet")
    await leader.tap("Xác nhận")
    await leader.say("/chitieu")
    text = leader.text
    assert "Tổ bảo vệ ANTT thôn Đông: 1 ✅ đạt" in text
    assert "Tổ bảo vệ ANTT thôn Đông: 0% (0/5) ❌ chưa đạt" in text
    officer = users()
    await officer.register(demo.officer.code, "Cán Bộ")
    await officer.say("/chitieu")
    text = officer.text
    # the commune's view: each team, then the roll-up by the plan's rule (every team meets)
    assert "Xã Hòa Bình (tổng hợp: mọi đơn vị đạt): 1/2 (50%) ❌ chưa đạt" in text
    assert "   ✅ Tổ bảo vệ ANTT thôn Đông: 1\n   ❌ Tổ bảo vệ ANTT thôn Tây: 0" in text
    assert "Cách tính: do Cán bộ Công an xã nhập" in text
    assert "Xã Hòa Bình: ⏳ chưa nhập" in text


def plan_with_facts_and_entered(today: Any) -> str:
    return f"""\
code: chi-tieu-nhap
name: Kế hoạch đo và nhập
issuer: Công an tỉnh
scope: DEMO
starts: {today - timedelta(days=40):%d/%m/%Y}
ends: {today + timedelta(days=40):%d/%m/%Y}
areas:
  - {{code: good_deed, form: good_deed, points: 2, name: Việc tốt}}
targets:
  - code: viec-tot-ho
    description: "Việc tốt trên 1% số hộ"
    level: commune
    period: plan
    kind: ratio
    compare: over
    threshold: 0.01
    measure:
      computed: {{count: entries, area: good_deed, out_of: {{count: fact, field: households}}}}
  - {{code: khong-vi-pham, description: "Không có cơ sở kinh doanh vi phạm", level: commune, period: plan, kind: count, compare: at_most, threshold: 0, measure: manual}}
  - {{code: dat-chuan, description: "Xã đạt chuẩn an toàn về ANTT", level: commune, period: plan, kind: met, measure: {{entered: {{by: officer, as: met}}}}}}
"""


async def test_chitieu_shows_a_computed_and_an_entered_target_met_or_not(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    today = datetime.now(settings.zone).date()
    await load(database, settings, plan_with_facts_and_entered(today))
    member = users()
    await member.register(demo.member.code)
    await good_deed_to_summary(member)
    await member.tap("Lưu")
    officer = users()
    await officer.register(demo.officer.code, "Cán Bộ")
    await officer.say("/duyet")
    await officer.tap("Xác nhận")
    await officer.say("/chitieu")
    text = officer.text
    assert "Cách tính: đếm mục “Việc tốt” đã xác minh ÷ Số hộ gia đình" in text
    assert "Xã Hòa Bình: ⏳ chưa đủ số liệu" in text  # the households fact is not set yet
    assert "Cách tính: do Cán bộ Công an xã nhập" in text
    assert text.count("Xã Hòa Bình: ⏳ chưa nhập") == 2

    def facts_and_values(conn: Connection) -> None:
        commune = conn.execute(select(units.c.id).where(units.c.code == "DEMO-XA")).scalar_one()
        start = today - timedelta(days=40)
        set_fact(
            conn,
            commune,
            "households",
            FactValue(num=50),
            start,
            set_by=None,
            source="cli",
            note="",
            now=datetime.now(settings.zone),
        )
        entered = {"unit_id": commune, "period_start": start, "entered_at": datetime.now(UTC)}
        entered |= {"plan_code": "chi-tieu-nhap", "period_end": today + timedelta(days=40)}
        conn.execute(insert(target_values).values(target_code="khong-vi-pham", value=2, **entered))
        conn.execute(insert(target_values).values(target_code="dat-chuan", met=True, **entered))

    await database.run(facts_and_values)
    await officer.say("/chitieu")
    text = officer.text
    assert "Xã Hòa Bình: 2% (1/50) ✅ đạt" in text  # 1 good deed for 50 households: over 1%
    assert "Xã Hòa Bình: 2 ❌ chưa đạt" in text  # two establishments in violation, entered
    assert "Xã Hòa Bình: ✅ đạt" in text  # met, entered
