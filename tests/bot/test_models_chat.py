"""The registry of models through the web chat: commune police register a model and record
its launch and recognition; a team leader proposes one and the officer hears of it; a member's
model entry names a registered model of their commune, or a typed one that commune police link
later."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select

from bot.channels.plain import numbered
from handlers.messages import Outgoing
from services.demo import DemoInvites
from storage.database import Database
from storage.schema import entries, model_events, models

MODEL_REF = re.compile(r"SMH-\d{4}-\d{6}")


async def register_camera(officer: Any) -> str:
    await officer.say("/mohinh")
    assert "Sổ mô hình — Xã Hòa Bình (0 mô hình" in officer.text
    await officer.tap("Đăng ký mô hình")
    await officer.say("ab")
    assert "Tên mô hình cần từ 3 đến 300 ký tự." in officer.text
    await officer.say("Camera an ninh thôn Đông")
    await officer.tap("camera")
    await officer.tap("Mô hình")
    await officer.say("thôn")
    assert "Có 2 đơn vị khớp." in officer.text
    await officer.say("thôn đông")  # a part of its name, marks forgiven
    await officer.say("31/02/2026")
    assert "Ngày chưa đúng" in officer.text
    await officer.tap("Hôm nay")
    await officer.tap("Xây dựng mới")
    assert "• Tên: Camera an ninh thôn Đông" in officer.text
    assert "• Đơn vị: Tổ bảo vệ ANTT thôn Đông" in officer.text
    await officer.tap("Lưu")
    match = MODEL_REF.search(officer.text)
    assert match and "Đã đăng ký mô hình" in officer.text, officer.text
    assert "Đang xây dựng" in officer.text and "(chưa ghi việc nào)" in officer.text
    return match.group(0)


async def test_an_officer_registers_launches_and_records_a_recognition(
    users: Any, demo: DemoInvites, database: Database
) -> None:
    officer = users()
    await officer.register(demo.officer.code, "Đỗ Văn Công")
    reference = await register_camera(officer)
    await officer.tap("Ra mắt")
    await officer.tap("Hôm nay")
    assert "✅ Đã ghi: Ra mắt, đi vào hoạt động." in officer.text
    assert "Đang hoạt động" in officer.text
    await officer.tap("Được công nhận")
    await officer.tap("Công an tỉnh")
    await officer.say("123/QĐ-CAT")
    await officer.tap("Hôm nay")
    assert "Được công nhận · Công an tỉnh · 123/QĐ-CAT · Đỗ Văn Công" in officer.text
    assert f"{reference} · Camera an ninh thôn Đông" in officer.text and "Hiệu quả" in officer.text
    await officer.say(f"/mohinh {reference.lower()}")  # opened straight from its reference
    assert "Được công nhận · Công an tỉnh · 123/QĐ-CAT" in officer.text
    await officer.tap("Thanh loại")
    await officer.tap("Quay lại")  # changed their mind: nothing recorded
    await officer.tap("Quay lại")
    assert "Sổ mô hình — Xã Hòa Bình (1 mô hình" in officer.text
    await officer.say("đèn đường")
    assert "Không có mô hình nào có «đèn đường» trong tên." in officer.text
    await officer.say("CAMERA an ninh")  # typed words search the names, marks forgiven
    assert "Tìm «CAMERA an ninh»:" in officer.text and "[📋 Xem tất cả]" in officer.text
    await officer.say("1")
    assert "Được công nhận · Công an tỉnh" in officer.text
    rows = await database.run(
        lambda c: c.execute(
            select(models.c.status, model_events.c.kind, model_events.c.level)
            .join(model_events, model_events.c.model_id == models.c.id)
            .order_by(model_events.c.id)
        ).all()
    )
    assert [tuple(r) for r in rows] == [
        ("effective", "built", None),
        ("effective", "recognised", "province_police"),
    ]


async def test_a_leader_proposes_and_a_member_cannot_open_the_registry(
    users: Any, demo: DemoInvites
) -> None:
    officer = users()
    await officer.register(demo.officer.code, "Đỗ Văn Công")
    seen = max(m["id"] for m in await officer.inbox())
    leader = users()
    await leader.register(demo.leader.code, "Tổ trưởng mẫu thôn Tây")
    await leader.say("/mohinh")
    assert "Sổ mô hình — Tổ bảo vệ ANTT thôn" in leader.text and "(0 mô hình" in leader.text
    await leader.tap("Đề xuất mô hình")
    await leader.say("Giáo xứ bình yên thôn Tây")
    await leader.say("Giáo xứ tự quản")  # a scheme not on the list, typed
    await leader.tap("Mô hình")
    await leader.tap("Hôm nay")  # no unit asked: the leader's own team
    await leader.tap("Xây dựng mới")
    assert "• Loại: giao-xu-tu-quan — Mô hình" in leader.text
    await leader.tap("Lưu")
    assert "công an xã đã được báo" in leader.text
    assert "Đề xuất, chờ công an xã" in leader.text
    assert "Ra mắt" not in leader.text  # a leader records no events
    told = [m["text"] for m in await officer.inbox(after=seen)]
    assert any("đề xuất mô hình «Giáo xứ bình yên thôn Tây»" in t for t in told), told
    member = users()
    await member.register(demo.member.code)
    await member.say("/mohinh")
    assert "Sổ mô hình dành cho tổ trưởng, tổ phó và công an xã." in member.text


async def log_model_entry(member: Any, pick: Any) -> str:
    await member.tap("Nội dung khác")
    await member.tap("Tham gia mô hình phong trào")
    await pick()
    await member.tap("Duy trì")
    await member.say("hôm nay")
    await member.tap("Bỏ qua")
    summary = member.text
    await member.tap("Lưu")
    assert "Đã lưu" in member.text
    return str(summary)


async def test_a_members_model_entry_names_a_registered_model_of_their_commune(
    users: Any, demo: DemoInvites, database: Database
) -> None:
    officer = users()
    await officer.register(demo.officer.code, "Đỗ Văn Công")
    reference = await register_camera(officer)
    member = users()
    await member.register(demo.member.code)

    async def search_then_pick() -> None:
        assert "Bạn tham gia mô hình nào?" in member.text
        assert "[Camera an ninh thôn Đông — Tổ bảo vệ ANTT thôn Đông]" in member.text
        await member.say("trạm gác")
        assert "Không có mô hình nào của xã có «trạm gác» trong tên" in member.text
        await member.say("camera")  # typed words search, as on Zalo
        assert "Mô hình có «camera» trong tên:" in member.text
        await member.say("1")

    summary = await log_model_entry(member, search_then_pick)
    assert f"Mô hình: Camera an ninh thôn Đông ({reference})" in summary
    saved = await database.run(
        lambda c: c.execute(select(entries.c.model_id, models.c.reference).join(models)).one()
    )
    assert saved.reference == reference
    await officer.say("/duyet")  # the officer's review card names the model and its reference
    assert f"• Mô hình: Camera an ninh thôn Đông ({reference})" in officer.text


async def test_a_typed_model_is_kept_unregistered_and_linked_later(
    users: Any, demo: DemoInvites, database: Database
) -> None:
    member = users()
    await member.register(demo.member.code)

    async def type_a_name() -> None:
        assert "Xã chưa đăng ký mô hình nào trong sổ" in member.text
        await member.say("Tổ liên gia tự quản xóm 3")

    summary = await log_model_entry(member, type_a_name)
    assert "Mô hình: Tổ liên gia tự quản xóm 3 (chưa đăng ký)" in summary
    entry = re.findall(r"(?<!S)MH-\d{4}-\d{6}", member.text)[0]
    officer = users()
    await officer.register(demo.officer.code, "Đỗ Văn Công")
    reference = await register_camera(officer)
    await officer.say("/duyet")
    assert "• Mô hình: Tổ liên gia tự quản xóm 3 (chưa đăng ký)" in officer.text
    await officer.say("/mohinh")
    await officer.tap("Gắn bài ghi")
    await officer.say("MH-1999-000001")
    assert "Không tìm thấy bài ghi mô hình MH-1999-000001" in officer.text
    await officer.say(entry.lower())
    assert f"Bài ghi {entry} ghi «Tổ liên gia tự quản xóm 3»" in officer.text
    await officer.tap("Camera an ninh")
    assert f"Đã gắn bài ghi {entry} vào {reference}" in officer.text
    linked = await database.run(
        lambda c: c.execute(select(entries.c.model_id, entries.c.details)).one()
    )
    assert linked.model_id is not None and linked.details["model"]["reference"] == reference


async def test_a_member_corrects_their_typed_model_to_a_registered_one(
    users: Any, demo: DemoInvites, database: Database
) -> None:
    member = users()
    await member.register(demo.member.code)

    async def type_a_name() -> None:
        await member.say("Camera thôn")

    await log_model_entry(member, type_a_name)
    entry = re.findall(r"(?<!S)MH-\d{4}-\d{6}", member.text)[0]
    officer = users()
    await officer.register(demo.officer.code, "Đỗ Văn Công")
    reference = await register_camera(officer)
    await member.say(f"/sua {entry}")
    await member.tap("Mô hình:")
    assert "[Camera an ninh thôn Đông — Tổ bảo vệ ANTT thôn Đông]" in member.text
    await member.tap("Camera an ninh")
    assert f"Camera an ninh thôn Đông ({reference})" in member.text
    await member.tap("Lưu")
    linked = await database.run(
        lambda c: c.execute(select(models.c.reference).join(entries)).scalar_one()
    )
    assert linked == reference


async def test_the_desk_works_by_typed_numbers_as_on_zalo(users: Any, demo: DemoInvites) -> None:
    officer = users()
    await officer.register(demo.officer.code, "Đỗ Văn Công")
    await officer.say("/models")  # the English word, in a Vietnamese chat
    shown = numbered(Outgoing.from_dict(officer.last[-1]))
    assert "1. ➕ Đăng ký mô hình\n2. 🔗 Gắn bài ghi vào mô hình\n3. ⬅ Về menu chính" in shown
    for typed in ("1", "Tổ hòa giải thôn Tây", "2", "2", "3", "hôm nay", "1", "1"):
        await officer.say(typed)
    assert "Đã đăng ký mô hình" in officer.text and "Điển hình tiên tiến" in officer.text
    assert "Tổ bảo vệ ANTT thôn Tây · Camera an ninh" in officer.text
    member = users()
    await member.register(demo.member.code)
    await member.tap("Nội dung khác")
    await member.tap("Tham gia mô hình phong trào")
    shown = numbered(Outgoing.from_dict(member.last[-1]))
    assert "1. Tổ hòa giải thôn Tây — Tổ bảo vệ ANTT thôn Tây\n2. ✏️ Chưa có trong sổ" in shown
    await member.say("2")
    assert "Gõ tên mô hình" in member.text
    await member.say("Đội xung kích")
    assert "Bạn tham gia thế nào?" in member.text
