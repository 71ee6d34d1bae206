"""/chitieu: each unit's progress against the running plan's targets, from verified entries."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from bot.settings import Settings
from campaign.roles import Role
from services.demo import DemoInvites
from storage.database import Database
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
    assert "Cách tính: tính từ: mục “Việc tốt” đã xác minh" in leads
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
