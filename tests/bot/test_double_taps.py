"""A double tap on a button that asks for a typed reason (a rejection, a reveal, a grade
change) is one tap: the question is asked once, as for any other double tap."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from bot.settings import Settings
from campaign.grading import assessment_year
from campaign.plans import GradingGuide, load_document
from campaign.roles import Role
from services.demo import DemoInvites
from storage.database import Database
from tests.bot.test_grading_chat import number_of, plan_with_team_target, year_of_work
from tests.bot.test_plan_menus import load
from tests.bot.test_review import invite
from tests.bot.test_web_flows import good_deed_to_summary, log_tip
from tests.campaign.test_grading import GUIDE_FILE


async def double_tap(user: Any, label: str) -> tuple[str, str]:
    """What the person sees after the first tap, and after the same button again."""
    choice = user.choice_id(label)
    first = await user.post({"choice": choice})
    second = await user.post({"choice": choice})
    return "\n".join(m["text"] for m in first), "\n".join(m["text"] for m in second)


async def test_a_rejection_tapped_twice_asks_its_reason_once(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    member = users()
    await member.register(demo.member.code)
    await good_deed_to_summary(member, "Dọn mương")
    await member.tap("Lưu")
    leader = users()
    await leader.register(await invite(database, settings, "DEMO-XA-T1", Role.LEADER), "Tổ Trưởng")
    await leader.say("/duyet")
    first, second = await double_tap(leader, "Không xác nhận")
    assert "Lý do không xác nhận" in first
    assert second == ""  # no second question, no "old button" note
    await leader.say("Không phải việc tốt của phong trào")
    assert "Không còn mục nào chờ duyệt" in leader.text


async def test_another_button_of_the_card_at_the_reason_still_asks_for_it(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    member = users()
    await member.register(demo.member.code)
    await good_deed_to_summary(member, "Dọn mương")
    await member.tap("Lưu")
    leader = users()
    await leader.register(await invite(database, settings, "DEMO-XA-T1", Role.LEADER), "Tổ Trưởng")
    await leader.say("/duyet")
    verify = leader.choice_id("Xác nhận")
    await leader.tap("Không xác nhận")
    await leader.post({"choice": verify})  # a mind changed: the reason is still what is asked
    assert "Lý do không xác nhận" in leader.text


async def test_a_reveal_tapped_twice_asks_why_once(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    officer = users()
    await officer.register(demo.officer.code, "Đỗ Văn Công")
    member = users()
    await member.register(demo.member.code)
    await log_tip(member, named=True)
    await officer.say("/nguontin")
    first, second = await double_tap(officer, "Xem người cung cấp")
    assert "Vì sao cần xem" in first
    assert second == ""
    await officer.say("Cần gặp trực tiếp để xác minh thêm chi tiết")
    assert "Lê Thị Mật" in officer.text


async def test_a_grade_tapped_twice_asks_its_reason_once(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    guide = load_document(GUIDE_FILE.read_text(encoding="utf-8"))
    assert isinstance(guide, GradingGuide)
    start, end = assessment_year(guide, datetime.now(settings.zone).date())
    await load(database, settings, GUIDE_FILE.read_text(encoding="utf-8"))
    await load(
        database,
        settings,
        plan_with_team_target(start - timedelta(days=20), end + timedelta(days=60)),
    )
    await year_of_work(database, settings)
    officer = users()
    await officer.register(demo.officer.code, "Đỗ Minh Giang")
    await officer.say("/xeploai")
    board = officer.text
    await officer.tap("Sửa một mục")
    await officer.say(number_of(board, "Thành viên mẫu 3"))
    first, second = await double_tap(officer, "Hoàn thành nhiệm vụ")
    assert "Lý do thay đổi" in first
    assert second == ""
    await officer.say("Tham gia đủ các đợt cao điểm, có xác nhận của thôn")
    assert "Đã sửa: Thành viên mẫu 3 — Hoàn thành nhiệm vụ" in officer.text
