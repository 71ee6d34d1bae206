"""/dangky and /khenthuong in the web chat: an officer registers the commune for a plan's
scheme and sends a photo of a paper document; the province admin returns it with a reason and
records the outcome, the officer told each time; a leader proposes a commendation for a member
of the team, the officer grants it, the member is told and sees it in /cuatoi."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, select

from bot.channels.plain import numbered
from bot.settings import Settings
from campaign.plans import load_document
from campaign.roles import Role
from handlers.messages import Outgoing
from services import invites
from services.demo import DemoInvites
from storage import plans as stored_plans
from storage.database import Database
from storage.schema import audit_log, commendations, dossier_items, registrations
from storage.unit_of_work import UnitOfWork
from tests.conftest import JPEG
from tests.registry_plan import plan_text


async def running_plan(database: Database, settings: Settings) -> None:
    now = datetime.now(settings.zone)
    text = plan_text("DEMO", now.year, by="31/12")
    await database.run(lambda c: stored_plans.save(c, load_document(text), text, now))


async def admin_code(database: Database, settings: Settings) -> str:
    def issue(conn: Connection) -> str:
        now = datetime.now(settings.zone)
        made = invites.create_invites(
            UnitOfWork(conn).units, unit_code="DEMO", role=Role.ADMIN, count=1, now=now
        )
        return made[0].code

    return await database.run(issue)


async def test_an_officer_registers_sends_a_document_and_the_province_decides(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    await running_plan(database, settings)
    officer, admin = users(), users()
    await officer.register(demo.officer.code, "Cán bộ Hòa")
    await admin.register(await admin_code(database, settings), "Quản trị Tỉnh")

    await officer.say("/dangky")
    assert "Chưa có đơn vị nào đăng ký phong trào" in officer.text
    await officer.tap("Đăng ký mới")
    assert "Đăng ký phong trào nào?" in officer.text
    await officer.tap("Đạt chuẩn An toàn về ANTT")
    await officer.tap("Xã Hòa Bình")
    assert "✅ Đã đăng ký Xã Hòa Bình" in officer.text
    assert "• Tờ trình hoặc đề xuất: Còn thiếu" in officer.text
    assert "Hồ sơ chưa đủ." in officer.text
    await officer.tap("Gửi tài liệu: Tờ trình")
    assert "Gửi ảnh chụp" in officer.text
    await officer.say("đây")
    assert "Hãy gửi một ảnh chụp" in officer.text
    await officer.photo(JPEG)
    assert "📎 Đã nhận tài liệu" in officer.text
    assert "• Tờ trình hoặc đề xuất: Đã gửi, chờ duyệt" in officer.text
    assert "Ghi: Đạt" not in officer.text  # the level above decides
    await officer.say("/huy")

    await admin.say("/dangky")
    await admin.tap("Xã Hòa Bình")
    await admin.tap("Trả lại: Tờ trình")
    assert "Lý do trả lại" in admin.text
    await admin.say("Thiếu dấu đỏ")
    assert "Đã trả lại tài liệu" in admin.text
    await admin.tap("Ghi: Đạt")
    assert "Đã ghi kết quả: Đạt." in admin.text

    told = [m["text"] for m in await officer.inbox()]
    assert any("bị trả lại. Lý do: Thiếu dấu đỏ" in t for t in told), told
    assert any("của Xã Hòa Bình: Đạt." in t for t in told), told

    def stored(conn: Connection) -> tuple[str, list[tuple[str, str]]]:
        outcome = conn.execute(select(registrations.c.outcome)).scalar_one()
        items = conn.execute(
            select(dossier_items.c.item, dossier_items.c.status).order_by(dossier_items.c.id)
        ).all()
        return outcome, [(i.item, i.status) for i in items]

    outcome, items = await database.run(stored)
    assert outcome == "achieved"
    assert items[0] == ("to-trinh", "returned") and items[1] == ("bao-cao-ket-qua", "missing")


async def test_a_leader_proposes_the_officer_grants_and_the_member_is_told(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    leader, member, officer = users(), users(), users()
    await leader.register(demo.leader.code, "Tổ Trưởng Đông")
    await member.register(demo.member.code, "Lê Thị Mai")
    await officer.register(demo.officer.code, "Cán bộ Hòa")

    await member.say("/khenthuong")
    assert "Chỉ Tổ trưởng, Tổ phó và cán bộ Công an xã" in member.text
    await leader.say("/khenthuong")
    assert "Đề nghị khen thưởng thành viên nào?" in leader.text
    await leader.tap("Lê Thị Mai")
    await leader.tap("Giấy khen")
    await leader.say("Tuần tra phát hiện kẻ trộm")
    assert "✅ Đã gửi đề nghị Giấy khen cho Lê Thị Mai" in leader.text
    told = [m["text"] for m in await officer.inbox()]
    assert any("Tổ trưởng Tổ Trưởng Đông đề nghị Giấy khen cho Lê Thị Mai" in t for t in told)

    await officer.say("/khenthuong")
    assert "Đề nghị khen thưởng chờ xét (1)" in officer.text
    await officer.tap("Lê Thị Mai")
    await officer.tap("🏅 Khen thưởng")
    assert "Đã khen thưởng Lê Thị Mai" in officer.text
    assert "Không có đề nghị khen thưởng nào chờ xét." in officer.text

    heard = [m["text"] for m in await member.inbox()]
    assert any(
        "🎉 Bạn được Cấp xã khen thưởng (Giấy khen): Tuần tra phát hiện kẻ trộm" in t for t in heard
    ), heard
    await member.say("/cuatoi")
    assert "🏅 Khen thưởng (1):" in member.text
    assert "Giấy khen (Cấp xã) — Tuần tra phát hiện kẻ trộm" in member.text
    status = await database.run(lambda c: c.execute(select(commendations.c.status)).scalar_one())
    assert status == "granted"


async def test_danop_says_what_the_dossier_still_needs_before_marking_it_submitted(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    now = datetime.now(settings.zone)
    due = min(now.date() + timedelta(days=5), date(now.year, 12, 31))
    text = plan_text("DEMO", now.year, by="31/12").replace(
        f"by: 15/12/{now.year}", f"by: {due:%d/%m/%Y}"
    )
    await database.run(lambda c: stored_plans.save(c, load_document(text), text, now))
    officer = users()
    await officer.register(demo.officer.code, "Cán bộ Hòa")
    await officer.say("/danop")
    await officer.tap("Hồ sơ đề nghị công nhận")
    assert "chưa đăng ký. Đăng ký bằng /dangky." in officer.text
    await officer.say("/dangky")
    await officer.tap("Đăng ký mới")
    await officer.tap("Đạt chuẩn An toàn về ANTT")
    await officer.say("tây")  # a unit typed by a part of its name, as Zalo or a long list asks
    assert "Không thấy đơn vị nào như vậy" in officer.text  # a team may not register
    await officer.say("hoa binh")  # marks left out
    await officer.tap("Gửi tài liệu: Tờ trình")
    await officer.photo(JPEG)
    await officer.say("/danop")
    await officer.tap("Hồ sơ đề nghị công nhận")
    assert "chưa đủ, còn thiếu: Báo cáo kết quả, Ảnh hoạt động." in officer.text
    for item in ("Báo cáo kết quả", "Ảnh hoạt động"):
        await officer.say("/dangky")
        await officer.tap("Xã Hòa Bình")
        await officer.tap(f"Gửi tài liệu: {item}")
        await officer.photo(JPEG)
    assert "Hồ sơ đã đủ." in officer.text
    await officer.say("/danop")
    await officer.tap("Hồ sơ đề nghị công nhận")
    await officer.tap("Không kèm tệp")
    assert "Đã ghi nhận ✅ Hồ sơ đề nghị công nhận An toàn về ANTT" in officer.text


async def test_a_leader_proposes_by_typed_numbers_as_on_zalo(
    users: Any, demo: DemoInvites, database: Database
) -> None:
    leader, member = users(), users()
    await leader.register(demo.leader.code, "Tổ Trưởng Đông")
    await member.register(demo.member.code, "Lê Thị Mai")
    await leader.say("/khenthuong")
    assert "\n4. Lê Thị Mai" in numbered(Outgoing.from_dict(leader.last[-1]))  # the roster too
    await leader.say("4")
    shown = numbered(Outgoing.from_dict(leader.last[-1]))
    assert "\n1. Biểu dương\n2. Giấy khen\n3. Bằng khen\n4. Kỷ niệm chương" in shown
    await leader.say("1")
    await leader.say("Giúp dân tìm lại tài sản")
    assert "✅ Đã gửi đề nghị Biểu dương cho Lê Thị Mai" in leader.text
    form = await database.run(lambda c: c.execute(select(commendations.c.form)).scalar_one())
    assert form == "bieu-duong"


async def test_an_officer_records_a_commendation_for_a_member_of_a_team(
    users: Any, demo: DemoInvites, database: Database
) -> None:
    member, officer = users(), users()
    await member.register(demo.member.code, "Lê Thị Mai")
    await officer.register(demo.officer.code, "Cán bộ Hòa")
    await officer.say("/khenthuong")
    await officer.tap("Ghi khen thưởng")
    assert "Khen thưởng thành viên của tổ nào?" in officer.text
    await officer.tap("thôn Đông")
    await officer.tap("Lê Thị Mai")
    await officer.tap("Bằng khen")
    await officer.say("Dũng cảm bắt cướp")
    assert "🏅 Đã ghi Bằng khen cho Lê Thị Mai" in officer.text
    heard = [m["text"] for m in await member.inbox()]
    assert any("🎉 Bạn được Cấp xã khen thưởng (Bằng khen): Dũng cảm bắt cướp" in t for t in heard)
    rows = await database.run(
        lambda c: c.execute(select(commendations.c.status, commendations.c.level)).all()
    )
    assert [tuple(r) for r in rows] == [("granted", "commune")]


async def test_the_level_above_opens_the_document_before_accepting_it(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    # The card offered "Duyệt" for a document no one could open in the chat.
    await running_plan(database, settings)
    officer, admin = users(), users()
    await officer.register(demo.officer.code, "Cán bộ Hòa")
    await admin.register(await admin_code(database, settings), "Quản trị Tỉnh")
    await officer.say("/dangky")
    await officer.tap("Đăng ký mới")
    await officer.tap("Đạt chuẩn An toàn về ANTT")
    await officer.tap("Xã Hòa Bình")
    assert "Xem: Tờ trình" not in officer.text  # nothing sent yet
    await officer.tap("Gửi tài liệu: Tờ trình")
    await officer.photo(JPEG)

    await admin.say("/dangky")
    await admin.tap("Xã Hòa Bình")
    await admin.tap("Xem: Tờ trình")
    link = next(m["file_url"] for m in admin.last if m["file_url"])
    opened = await admin.client.get(link)
    assert opened.status_code == 200 and opened.content == JPEG
    assert "Duyệt: Tờ trình" in admin.text  # the card again, to decide
    actions = await database.run(lambda c: c.execute(select(audit_log.c.action)).scalars().all())
    assert "document.opened" in actions
    await admin.tap("Duyệt: Tờ trình")
    assert "Đã duyệt tài liệu" in admin.text
