"""/solieu through the web chat: an officer sets the commune's residents and terrain from a day,
sees them listed with their dates, a bad value or day changes nothing, a redelivered tap saves
once, a member is refused; typed numbers work as on Zalo; /chitieu then has its denominator."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, insert, select, update

from bot.settings import Settings
from campaign.facts import FactValue
from services.demo import DemoInvites
from storage.database import Database
from storage.facts import set_fact
from storage.schema import audit_log, members, unit_facts, units
from tests.bot.test_plan_menus import load


async def facts(database: Database) -> list[tuple[str, str, float | None, str | None, str]]:
    """(unit code, key, num, text, from) of every value set."""
    found = await database.run(
        lambda c: c.execute(
            select(
                units.c.code,
                unit_facts.c.key,
                unit_facts.c.num,
                unit_facts.c.text,
                unit_facts.c.valid_from,
                unit_facts.c.source,
            ).join(units, units.c.id == unit_facts.c.unit_id)
        ).all()
    )
    return [(r.code, r.key, r.num, r.text, f"{r.valid_from:%d/%m/%Y}") for r in found]


async def audited(database: Database) -> list[dict[str, Any]]:
    found = await database.run(
        lambda c: (
            c.execute(select(audit_log.c.details).where(audit_log.c.action == "unit_fact.set"))
            .scalars()
            .all()
        )
    )
    return [d if isinstance(d, dict) else json.loads(d) for d in found]


async def test_an_officer_sets_residents_and_terrain_and_sees_them_listed(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    today = datetime.now(settings.zone).date()
    member = users()
    await member.register(demo.member.code)
    assert "📊 Số liệu đơn vị" not in member.text  # not in a member's menu
    await member.say("/solieu")
    assert "do cán bộ Công an của đơn vị hoặc quản trị cấp trên cập nhật" in member.text
    assert "Số nhân khẩu" not in member.text

    officer = users()
    await officer.register(demo.officer.code, "Đỗ Minh Giang")
    await officer.tap("📊 Số liệu đơn vị")  # in the officer's menu
    assert "📊 Số liệu của Xã Hòa Bình" in officer.text
    assert "[Số nhân khẩu: chưa có]" in officer.text
    assert "[Địa bàn: chưa có]" in officer.text

    await officer.tap("Số nhân khẩu")
    assert "Đang áp dụng: chưa có" in officer.text and "Nhập giá trị mới" in officer.text
    assert "Dùng để: mẫu số của các chỉ tiêu tính theo nhân khẩu" in officer.text
    await officer.say("4,5 nghìn")  # no count: refused, asked again
    assert "“4,5 nghìn” không phải một số đếm" in officer.text
    await officer.say("4.520")
    assert "áp dụng từ ngày nào" in officer.text
    await officer.say("32/13/2026")
    assert "Hãy nhập ngày dạng dd/mm/yyyy" in officer.text
    await officer.say(f"{today + timedelta(days=400):%d/%m/%Y}")
    assert "xa quá một năm tới" in officer.text
    await officer.say("01/01/2026")
    assert "Ghi chú" in officer.text
    await officer.say("Theo số liệu Công an xã quản lý cư trú")
    assert "Giá trị: 4.520" in officer.text and "Áp dụng từ: 01/01/2026" in officer.text
    assert await facts(database) == []  # nothing before it is confirmed
    save = officer.choice_id("Lưu")
    await officer.post({"choice": save, "message_id": "save-facts-1"})
    assert "Đã lưu ✅ Số nhân khẩu — Xã Hòa Bình: 4.520 từ 01/01/2026." in officer.text
    assert "Đang áp dụng hôm nay: 4.520 (từ 01/01/2026)." in officer.text
    assert "[Số nhân khẩu: 4.520 (từ 01/01/2026)]" in officer.text  # the list again
    await officer.post({"choice": save, "message_id": "save-facts-1"})  # redelivered
    assert await facts(database) == [("DEMO-XA", "residents", 4520.0, None, "01/01/2026")]
    assert len(await audited(database)) == 1

    # Terrain: a choice of buttons, from today.
    await officer.tap("Địa bàn")
    assert "Chọn giá trị mới" in officer.text and "[Miền núi]" in officer.text
    await officer.tap("Miền núi")
    await officer.tap("Hôm nay")
    await officer.tap("Bỏ qua")
    assert "Giá trị: Miền núi" in officer.text
    await officer.tap("Lưu")
    assert f"Đã lưu ✅ Địa bàn — Xã Hòa Bình: Miền núi từ {today:%d/%m/%Y}." in officer.text

    # A new census replaces it from its own day; the history shows both.
    await officer.tap("Số nhân khẩu")
    await officer.say("4700")
    await officer.tap("Hôm nay")
    await officer.tap("Bỏ qua")
    await officer.tap("Hủy")  # dropped: nothing saved
    assert "Đã hủy" in officer.text
    assert "[Số nhân khẩu: 4.520 (từ 01/01/2026)]" in officer.text
    await officer.tap("Số nhân khẩu")
    await officer.say("4700")
    await officer.tap("Hôm nay")
    await officer.tap("Bỏ qua")
    await officer.tap("Lưu")
    await officer.say("/solieu")
    assert f"[Số nhân khẩu: 4.700 (từ {today:%d/%m/%Y})]" in officer.text
    assert f"[Địa bàn: Miền núi (từ {today:%d/%m/%Y})]" in officer.text
    await officer.tap("Số nhân khẩu")
    history = officer.text
    assert f"• từ {today:%d/%m/%Y}: 4.700 — Đỗ Minh Giang" in history
    assert "• từ 01/01/2026: 4.520 — Đỗ Minh Giang (Theo số liệu Công an xã" in history
    assert history.index(f"từ {today:%d/%m/%Y}: 4.700") < history.index("từ 01/01/2026: 4.520")
    assert sorted(await facts(database)) == sorted(
        [
            ("DEMO-XA", "residents", 4520.0, None, "01/01/2026"),
            ("DEMO-XA", "residents", 4700.0, None, f"{today:%d/%m/%Y}"),
            ("DEMO-XA", "terrain", None, "mountain", f"{today:%d/%m/%Y}"),
        ]
    )
    changes = await audited(database)
    assert [(c["key"], c["before"], c["after"], c["source"]) for c in changes] == [
        ("residents", None, 4520.0, "chat"),
        ("terrain", None, "mountain", "chat"),
        ("residents", None, 4700.0, "chat"),
    ]


async def test_typed_numbers_pick_a_unit_under_and_a_yes_no_fact(
    users: Any, demo: DemoInvites, database: Database
) -> None:
    officer = users()
    await officer.register(demo.officer.code, "Đỗ Minh Giang")
    await officer.say("/solieu")
    labels = [c["label"] for m in officer.last for c in m["choices"]]
    await officer.say(str(labels.index("🏘 Đơn vị khác") + 1))  # numbered, as on Zalo
    assert "Chọn đơn vị cần xem số liệu" in officer.text
    await officer.say("thôn Đông")  # a part of the name
    assert "📊 Số liệu của Tổ bảo vệ ANTT thôn Đông" in officer.text
    labels = [c["label"] for m in officer.last for c in m["choices"]]
    coastal = next(i for i, label in enumerate(labels) if label.startswith("Xã ven biển"))
    await officer.say(str(coastal + 1))
    assert "Chọn giá trị mới" in officer.text
    await officer.say("1")  # Có
    await officer.say("1")  # Hôm nay
    await officer.say("bỏ qua")
    assert "Giá trị: Có" in officer.text
    await officer.say("1")  # Lưu
    assert "Đã lưu ✅ Xã ven biển — Tổ bảo vệ ANTT thôn Đông: Có" in officer.text
    assert [(f[0], f[1], f[3]) for f in await facts(database)] == [("DEMO-XA-T1", "coastal", "yes")]


def plan_with_residents(today: Any) -> str:
    return f"""\
code: chi-tieu-nhan-khau
name: Kế hoạch có mẫu số nhân khẩu
issuer: Công an tỉnh
scope: DEMO
starts: {today - timedelta(days=40):%d/%m/%Y}
ends: {today + timedelta(days=40):%d/%m/%Y}
areas:
  - {{code: good_deed, form: good_deed, points: 2, name: Việc tốt}}
targets:
  - code: viec-tot-nhan-khau
    description: "Việc tốt trên số nhân khẩu"
    level: commune
    period: plan
    kind: ratio
    compare: over
    threshold: 0.01
    measure:
      computed: {{count: entries, area: good_deed, out_of: {{count: fact, field: residents}}}}
"""


async def test_chitieu_divides_by_residents_once_the_officer_sets_them(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    today = datetime.now(settings.zone).date()
    await load(database, settings, plan_with_residents(today))
    officer = users()
    await officer.register(demo.officer.code, "Đỗ Minh Giang")
    await officer.say("/chitieu")
    assert "Xã Hòa Bình: ⏳ chưa đủ số liệu" in officer.text
    await officer.say("/solieu")
    await officer.tap("Số nhân khẩu")
    await officer.say("4520")
    await officer.say(f"{today - timedelta(days=40):%d/%m/%Y}")
    await officer.tap("Bỏ qua")
    await officer.tap("Lưu")
    await officer.say("/chitieu")
    assert "chưa đủ số liệu" not in officer.text
    assert "Xã Hòa Bình: 0% (0/4520)" in officer.text


async def test_an_officer_no_longer_officer_is_refused_at_the_save_and_nothing_is_set(
    users: Any, demo: DemoInvites, database: Database
) -> None:
    officer = users()
    await officer.register(demo.officer.code, "Đỗ Minh Giang")
    await officer.say("/solieu")
    await officer.tap("Số camera an ninh")
    await officer.say("12")
    await officer.tap("Hôm nay")
    await officer.tap("Bỏ qua")
    await database.run(
        lambda c: c.execute(
            update(members).where(members.c.full_name == "Đỗ Minh Giang").values(role="member")
        )
    )
    await officer.tap("Lưu")
    assert "Chỉ cán bộ Công an của đơn vị hoặc quản trị cấp trên được đặt số liệu này" in (
        officer.text
    )
    assert await facts(database) == []
    assert await audited(database) == []


async def test_beyond_the_buttons_a_unit_is_typed_by_its_code_or_a_part_of_its_name(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    def many_teams(conn: Connection) -> None:
        commune = conn.execute(select(units).where(units.c.code == "DEMO-XA")).one()
        team = conn.execute(select(units.c.kind).where(units.c.code == "DEMO-XA-T1")).scalar_one()
        now = datetime.now(settings.zone)
        for number in range(1, 15):
            conn.execute(
                insert(units).values(
                    code=f"DEMO-XA-S{number}",
                    name=f"Tổ thôn Số {number}",
                    kind=team,
                    parent_id=commune.id,
                    valid_from=now.date(),
                    created_at=now,
                )
            )

    await database.run(many_teams)
    officer = users()
    await officer.register(demo.officer.code, "Đỗ Minh Giang")
    await officer.say("/solieu")
    await officer.tap("Đơn vị khác")
    assert "Chọn một đơn vị dưới đây, hoặc nhập mã hay một phần tên đơn vị" in officer.text
    await officer.say("thôn Số 1")  # Số 1, Số 10 ... Số 14
    assert "Có 6 đơn vị khớp" in officer.text
    await officer.say("không có thôn này")
    assert "Không tìm thấy đơn vị nào như vậy" in officer.text
    await officer.say("demo-xa-s12")
    assert "📊 Số liệu của Tổ thôn Số 12" in officer.text


async def test_beyond_the_buttons_a_whole_name_picks_its_unit_though_longer_names_begin_with_it(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    def many_teams(conn: Connection) -> None:
        commune = conn.execute(select(units).where(units.c.code == "DEMO-XA")).one()
        now = datetime.now(settings.zone)
        for number in (*range(2, 15), 1):  # "Tổ thôn Số 1" last, beyond the buttons
            conn.execute(
                insert(units).values(
                    code=f"DEMO-XA-S{number}",
                    name=f"Tổ thôn Số {number}",
                    kind="team",
                    parent_id=commune.id,
                    valid_from=now.date(),
                    created_at=now,
                )
            )

    await database.run(many_teams)
    officer = users()
    await officer.register(demo.officer.code, "Đỗ Minh Giang")
    await officer.say("/solieu")
    await officer.tap("Đơn vị khác")
    assert "hoặc nhập mã hay một phần tên đơn vị" in officer.text
    await officer.say("Tổ thôn Số 1")  # also the start of Số 10 ... Số 14
    assert "📊 Số liệu của Tổ thôn Số 1 " in officer.text


async def test_in_english_a_count_is_grouped_by_commas(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    today = datetime.now(settings.zone).date()
    officer = users()
    await officer.register(demo.officer.code, "Đỗ Minh Giang")
    await officer.say("/lang en")
    await officer.say("/unitfacts")
    assert "📊 Facts of Xã Hòa Bình" in officer.text
    await officer.tap("Residents: not set")
    assert "Used for: the denominator of targets counted per resident" in officer.text
    await officer.say("4,520")
    await officer.tap("Today")
    await officer.tap("Skip")
    await officer.tap("Save")
    assert f"Saved ✅ Residents — Xã Hòa Bình: 4,520 from {today:%d/%m/%Y}." in officer.text
    assert f"[Residents: 4,520 (since {today:%d/%m/%Y})]" in officer.text
    assert [f[:3] for f in await facts(database)] == [("DEMO-XA", "residents", 4520.0)]


async def test_a_value_imported_by_the_command_line_shows_where_it_came_from(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    def households(conn: Connection) -> None:
        commune = conn.execute(select(units.c.id).where(units.c.code == "DEMO-XA")).scalar_one()
        set_fact(
            conn,
            commune,
            "households",
            FactValue(num=1250),
            date(2025, 7, 1),
            set_by=None,
            source="cli",
            note="",
            now=datetime.now(settings.zone),
        )

    await database.run(households)
    officer = users()
    await officer.register(demo.officer.code, "Đỗ Minh Giang")
    await officer.say("/solieu")
    await officer.tap("Số hộ gia đình: 1.250 (từ 01/07/2025)")
    assert "• từ 01/07/2025: 1.250 — qua dòng lệnh" in officer.text
