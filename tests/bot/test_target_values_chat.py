"""/nhapchitieu through the web chat: the accountable member enters a value no data shows, with
a note and an evidence photo, changes it, cannot once the period is closed; a redelivered tap
saves nothing twice."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select

from bot.settings import Settings
from services import target_values
from services.demo import DemoInvites
from storage.database import Database
from storage.schema import audit_log, documents
from storage.schema import target_values as values_table
from tests.bot.test_plan_menus import load
from tests.conftest import JPEG

PLAN_CODE = "nhap-chi-tieu"


def plan_text(starts: date, ends: date) -> str:
    return f"""\
code: {PLAN_CODE}
name: Kế hoạch thi đua có chỉ tiêu nhập tay
issuer: Công an tỉnh
scope: DEMO
starts: {starts:%d/%m/%Y}
ends: {ends:%d/%m/%Y}
phases:
  - {{code: dot-1, name: Đợt 1, starts: {starts:%d/%m/%Y}, ends: {ends:%d/%m/%Y}}}
areas:
  - {{code: tip, form: tip, points: 3, name: Nguồn tin}}
targets:
  - code: khong-tai-pham
    description: Không để xảy ra tái phạm
    quote: "Tại địa bàn, không để xảy ra trường hợp người đã vi phạm pháp luật tái phạm"
    level: commune
    period: phase
    kind: count
    compare: at_most
    threshold: 0
    measure: {{entered: {{by: officer}}}}
  - code: thanh-vien-khong-vi-pham
    description: Thành viên tổ không vi phạm pháp luật
    level: team
    period: phase
    kind: met
    measure: {{entered: {{by: leader}}}}
"""


async def a_plan(database: Database, settings: Settings) -> tuple[date, date]:
    today = datetime.now(settings.zone).date()
    starts, ends = today - timedelta(days=10), today + timedelta(days=20)
    await load(database, settings, plan_text(starts, ends))
    return starts, ends


async def rows(database: Database) -> list[Any]:
    return await database.run(lambda c: list(c.execute(select(values_table)).all()))


async def audited(database: Database, action: str) -> list[dict[str, Any]]:
    found = await database.run(
        lambda c: (
            c.execute(select(audit_log.c.details).where(audit_log.c.action == action))
            .scalars()
            .all()
        )
    )
    return [d if isinstance(d, dict) else json.loads(d) for d in found]


async def test_an_officer_enters_changes_and_is_refused_once_the_period_is_closed(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    starts, ends = await a_plan(database, settings)
    officer = users()
    await officer.register(demo.officer.code, "Đỗ Minh Giang")
    await officer.say("/nhapchitieu")
    assert "⬜ Không để xảy ra tái phạm — Xã Hòa Bình" in officer.text
    # The teams' target is the leaders' to enter; the commune's officer may enter it too.
    assert "[⬜ Thành viên tổ không vi phạm pháp" in officer.text  # cut to fit a button
    assert "… — Tổ bảo vệ ANTT thôn Đông]" in officer.text

    await officer.tap("Không để xảy ra tái phạm")
    assert f"Kỳ: {starts:%d/%m/%Y} – {ends:%d/%m/%Y}" in officer.text
    assert "Nguyên văn: “Tại địa bàn, không để xảy ra trường hợp" in officer.text
    assert "Nhập số lượng" in officer.text
    await officer.say("1,5")
    assert "“1,5” không phải số lượng" in officer.text
    await officer.say("0")
    assert "Ghi chú" in officer.text
    await officer.say("/quaylai")  # a step back: the value again
    assert "Nhập số lượng" in officer.text
    await officer.say("0")
    await officer.say("Không có trường hợp nào")
    assert "Gửi ảnh minh chứng" in officer.text
    await officer.photo(JPEG)
    assert "Kiểm tra lại trước khi lưu" in officer.text and "Minh chứng: có ảnh" in officer.text
    save = officer.choice_id("Lưu")
    await officer.post({"choice": save, "message_id": "save-1"})
    assert "Đã lưu ✅ Không để xảy ra tái phạm — Xã Hòa Bình: 0." in officer.text
    await officer.post({"choice": save, "message_id": "save-1"})  # the messenger again
    assert "Đã lưu ✅" in officer.text  # the same answer, nothing more

    saved = await rows(database)
    assert len(saved) == 1
    assert (saved[0].value, saved[0].note) == (0.0, "Không có trường hợp nào")
    assert (saved[0].period_start, saved[0].period_end) == (starts, ends)
    evidence = await database.run(
        lambda c: c.execute(select(documents).where(documents.c.id == saved[0].document_id)).one()
    )
    assert (evidence.owner_kind, evidence.owner_id) == ("target_value", saved[0].id)
    assert len(await audited(database, "target_value.entered")) == 1

    # Changed later: the note and the evidence stay unless given anew.
    await officer.say("/nhapchitieu")
    assert "✅ Không để xảy ra tái phạm — Xã Hòa Bình" in officer.text
    await officer.tap("Không để xảy ra tái phạm")
    assert "Đã nhập: 0" in officer.text
    await officer.say("2")
    await officer.tap("Bỏ qua")
    await officer.tap("Không kèm minh chứng")
    await officer.tap("Lưu")
    assert "Đã cập nhật ✅ Không để xảy ra tái phạm — Xã Hòa Bình: 0 → 2." in officer.text
    saved = await rows(database)
    assert len(saved) == 1 and saved[0].value == 2.0
    assert saved[0].note == "Không có trường hợp nào" and saved[0].document_id is not None
    changes = await audited(database, "target_value.changed")
    assert [(c["before"]["value"], c["after"]["value"]) for c in changes] == [(0.0, 2.0)]

    # The province closes the period: read-only from then on.
    await officer.say("/nhapchitieu")
    await officer.tap("Không để xảy ra tái phạm")
    assert "Nhập số lượng" in officer.text
    await database.run(lambda c: _close(c, settings, starts))
    await officer.say("3")  # typed after the closing
    assert "đã khóa sổ" in officer.text
    saved = await rows(database)
    assert saved[0].value == 2.0
    await officer.say("/nhapchitieu")
    assert "🔒 Không để xảy ra tái phạm" in officer.text
    await officer.tap("Không để xảy ra tái phạm")
    assert f"Kỳ {starts:%d/%m/%Y} – {ends:%d/%m/%Y} đã khóa sổ ngày" in officer.text


def _close(conn: Any, settings: Settings, starts: date) -> bool:
    from storage.repository import Repository
    from storage.sealing import Sealer

    store = Repository(conn, Sealer(settings.secret_key))
    now = datetime.now(settings.zone)
    return target_values.close(store, store, None, PLAN_CODE, starts, "DEMO", now)


async def test_a_team_leader_says_met_and_a_member_has_nothing_to_enter(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    await a_plan(database, settings)
    member = users()
    await member.register(demo.member.code)
    await member.say("/nhapchitieu")
    assert "Việc nhập chỉ tiêu do cán bộ, tổ trưởng" in member.text

    leader = users()
    await leader.register(demo.leader.code, "Tổ Trưởng Đông")
    await leader.say("/nhapchitieu")
    assert "Xã Hòa Bình" not in leader.text  # the commune's target is not a leader's
    await leader.say("1")  # typed numbers pick, as on Zalo's numbered menus
    assert "đạt hay không đạt" in leader.text
    await leader.say("có lẽ")
    assert "“có lẽ” không rõ: hãy trả lời “đạt” hoặc “không đạt”" in leader.text
    await leader.say("đạt")  # typed, as on Zalo
    await leader.tap("Bỏ qua")
    await leader.tap("Không kèm minh chứng")
    assert "Giá trị: ✅ Đạt" in leader.text
    await leader.tap("Lưu")
    assert "Đã lưu ✅ Thành viên tổ không vi phạm pháp luật — Tổ bảo vệ ANTT thôn Đông: ✅ Đạt" in (
        leader.text
    )
    saved = await rows(database)
    assert [(r.target_code, r.met, r.value) for r in saved] == [
        ("thanh-vien-khong-vi-pham", True, 1.0)
    ]
    await leader.say("/nhapchitieu")
    assert "✅ Thành viên tổ không vi phạm" in leader.text
    await leader.say("1")
    await leader.say("2")  # ❌ Không đạt
    await leader.say("bỏ qua")
    await leader.say("bỏ qua")
    await leader.tap("Lưu")
    assert "Đã cập nhật ✅" in leader.text and "✅ Đạt → ❌ Không đạt" in leader.text
    saved = await rows(database)
    assert [(r.met, r.value) for r in saved] == [(False, 0.0)]
