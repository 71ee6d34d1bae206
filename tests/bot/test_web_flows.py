"""Every flow end to end through the web chat API, on a real database."""

from __future__ import annotations

import asyncio
import re
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.settings import Settings
from campaign.roles import Role
from services.demo import DemoInvites
from services.invites import create_invites
from storage.database import Database
from storage.schema import entries, entry_participants, informants, invites, members
from storage.unit_of_work import UnitOfWork
from tests.conftest import JPEG

REFERENCE = re.compile(r"\b([A-Z]{2})-(\d{4})-(\d{6})\b")


async def count(database: Database, table: Any) -> int:
    return await database.run(
        lambda c: c.execute(select(func.count()).select_from(table)).scalar_one()
    )


async def log_tip(user: Any, *, urgent: bool = False, named: bool = False) -> str:
    await user.say("/baotin")
    assert "Tin báo thuộc loại nào" in user.text
    await user.tap("Ma túy")
    await user.say("Có người lạ tụ tập sử dụng ma túy ở nhà hoang")
    await user.say("Nhà hoang cuối xóm 3, thôn Đông")
    await user.tap("Bây giờ")
    if named:
        await user.tap("có tên")
        await user.say("Lê Thị Mật")
        await user.say("0912345678")
    else:
        await user.tap("tôi trực tiếp")
    await user.tap("Khẩn cấp" if urgent else "Bình thường")
    await user.tap("Bỏ qua")
    assert "Kiểm tra lại trước khi lưu" in user.text
    await user.tap("Lưu")
    match = REFERENCE.search(user.text)
    assert match, user.text
    assert "Đã lưu" in user.text
    return match.group(0)


async def good_deed_to_summary(user: Any, what: str = "Nhặt được ví trả lại") -> None:
    await user.say("/viectot")
    await user.say(what)
    await user.say("Anh Bình")
    await user.say("hôm nay")
    await user.tap("Bỏ qua")  # no photo
    assert "Kiểm tra lại trước khi lưu" in user.text


async def test_register_and_log_tip_patrol_and_good_deed(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    member = users()
    await member.say("xin chào")
    assert "chưa đăng ký" in member.text
    await member.say(f"/start {demo.member.code}")
    assert "Tổ viên" in member.text and "Tổ bảo vệ ANTT thôn Đông" in member.text
    await member.say("Nguyễn Thị Hoa")
    assert "dữ liệu cá nhân" in member.text
    await member.tap("Đồng ý")
    assert "Đăng ký thành công" in member.text
    assert "Báo nguồn tin" in member.text  # the menu follows

    reference = await log_tip(member)
    year = datetime.now(settings.zone).year
    assert reference == f"NT-{year}-000001"

    # Patrol by the menu, teammates from the roster (typed numbers), then good deed.
    await member.tap("Tuần tra")
    await member.say("hôm qua")
    await member.say("19:00")
    await member.say("22h30")
    await member.say("Đường liên thôn Đông - Tây")
    assert "Thành viên mẫu 2" in member.text and "Thành viên mẫu 3" in member.text
    await member.tap("Thành viên mẫu 3")
    assert "Đã chọn: Thành viên mẫu 3" in member.text
    await member.tap("Xong")
    await member.tap("Bỏ qua")  # notes
    await member.tap("Bỏ qua")  # photo
    assert "Cùng tuần tra: Thành viên mẫu 3" in member.text
    await member.tap("Lưu")
    assert REFERENCE.search(member.text).group(1) == "TT"  # type: ignore[union-attr]

    await member.tap("Việc tốt")
    await member.say("Giúp cụ bà qua đường và đưa về nhà")
    await member.say("Cụ Nguyễn Thị Tý, xóm 2")
    await member.say("hôm nay")
    await member.photo(JPEG)
    assert "Ảnh: đã đính kèm" in member.text
    await member.tap("Lưu")
    assert REFERENCE.search(member.text).group(1) == "VT"  # type: ignore[union-attr]

    await member.say("/cuatoi")
    assert member.text.count("chờ duyệt") == 3
    assert "Nguồn tin: 1" in member.text and "Tuần tra: 1" in member.text
    assert await count(database, entries) == 3
    credited = await database.run(
        lambda c: c.execute(select(members.c.full_name).join(entry_participants)).scalars().all()
    )
    assert credited == ["Thành viên mẫu 3"]


async def test_other_content_area_driven_by_its_definition(
    users: Any, demo: DemoInvites, database: Database
) -> None:
    member = users()
    await member.register(demo.member.code)
    await member.tap("Nội dung khác")
    await member.tap("Thu thập thông tin dân cư")
    await member.say("12 hộ")
    assert "số nguyên từ 0 đến 10000" in member.text
    await member.say("12")
    await member.say("48")
    await member.say("hôm nay")
    await member.tap("Bỏ qua")
    assert "Số hộ: 12" in member.text and "Số nhân khẩu: 48" in member.text
    await member.tap("Lưu")
    assert "CD-" in member.text
    details = await database.run(lambda c: c.execute(select(entries.c.details)).scalar_one())
    assert details["households"] == 12 and details["persons"] == 48


async def test_urgent_tip_reaches_commune_officer_without_informant(
    users: Any, demo: DemoInvites, database: Database
) -> None:
    officer = users()
    await officer.register(demo.officer.code, "Đỗ Văn Công")
    member = users()
    await member.register(demo.member.code)
    seen = max(m["id"] for m in await officer.inbox())
    reference = await log_tip(member, urgent=True, named=True)
    assert "chuyển ngay cho Công an xã" in member.text
    assert "Lê Thị Mật" not in member.text and "0912345678" not in member.text

    pushed = await officer.inbox(after=seen)
    assert len(pushed) == 1
    notice = pushed[0]["text"]
    assert "TIN KHẨN" in notice and reference in notice and "nhà hoang" in notice.lower()
    assert "Lê Thị Mật" not in notice and "0912345678" not in notice
    # Stored apart and encrypted: the raw bytes do not contain the name.
    sealed = await database.run(lambda c: c.execute(select(informants.c.sealed)).scalar_one())
    assert "Lê Thị Mật".encode() not in sealed and b"0912345678" not in sealed
    details = await database.run(lambda c: c.execute(select(entries.c.details)).scalar_one())
    assert "informant_name" not in details and "Lê Thị Mật" not in str(details)


async def test_patrol_teammate_is_told(users: Any, demo: DemoInvites, settings: Settings) -> None:
    leader_invite = demo.leader  # team 2; register a member of team 1 twice via fresh invites
    first = users()
    await first.register(demo.member.code, "Người Một")
    database = Database(settings.resolved_database_url)
    second_code = (
        await database.run(
            lambda c: create_invites(
                UnitOfWork(c).units,
                unit_code="DEMO-XA-T1",
                role=Role.MEMBER,
                count=1,
                now=datetime.now(settings.zone),
            )
        )
    )[0].code
    second = users()
    await second.register(second_code, "Người Hai")
    seen = max(m["id"] for m in await second.inbox())
    await first.tap("Tuần tra")
    await first.say("hôm nay")
    await first.say("0:00")
    await first.say("0:01")
    await first.say("Xóm 1")
    numbers = [m["text"] for m in first.last]
    assert any("Người Hai" in t for t in numbers) or "Người Hai" in str(first.last)
    await first.tap("Người Hai")
    await first.tap("Xong")
    await first.tap("Bỏ qua")
    await first.tap("Bỏ qua")
    await first.tap("Lưu")
    pushed = await second.inbox(after=seen)
    assert any("Người Một" in m["text"] and "tuần tra" in m["text"] for m in pushed), pushed
    await second.say("/cuatoi")
    assert "TT-" in second.text and "được ghi cùng" in second.text and "Tuần tra: 1" in second.text
    assert leader_invite.code  # the other demo invites stay unused


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("   ", "trống"),
        ("x" * 10_000, "10000 ký tự, tối đa là 2000"),
        ("9", "Không có lựa chọn"),
        ("Loại nào đó", "Không có lựa chọn"),
    ],
)
async def test_bad_answers_reprompt_and_change_nothing(
    users: Any, demo: DemoInvites, database: Database, answer: str, expected: str
) -> None:
    member = users()
    await member.register(demo.member.code)
    await member.say("/baotin")
    if answer.strip() and not answer.startswith("x"):
        await member.say(answer)  # on the category choice
    else:
        await member.tap("Trộm cắp")
        await member.say(answer)  # on "what happened"
    assert expected in member.text
    # The same question is asked again and nothing was stored.
    assert "?" in member.last[-1]["text"]
    assert await count(database, entries) == 0


async def test_emoji_html_and_sql_text_are_kept_as_text(
    users: Any, demo: DemoInvites, database: Database
) -> None:
    member = users()
    await member.register(demo.member.code)
    await member.say("/viectot")
    tricky = "<script>alert(1)</script> 🙏🏻 '; DROP TABLE entries; --"
    await member.say(tricky)
    await member.say("Bà con xóm 4 👵")
    await member.say("hôm nay")
    await member.tap("Bỏ qua")
    assert tricky in member.text  # shown back as typed; the page renders it as text
    await member.tap("Lưu")
    details = await database.run(lambda c: c.execute(select(entries.c.details)).scalar_one())
    assert details["what"] == tricky
    assert await count(database, entries) == 1


async def test_future_dates_and_bad_times_are_refused(users: Any, demo: DemoInvites) -> None:
    member = users()
    await member.register(demo.member.code)
    await member.say("/tuantra")
    tomorrow = (datetime.now() + timedelta(days=2)).strftime("%d/%m/%Y")
    await member.say(tomorrow)
    assert "tương lai" in member.text
    await member.say("32/13/2026")
    assert "Không hiểu ngày" in member.text
    await member.say("hôm qua")
    await member.say("25:70")
    assert "Không hiểu giờ" in member.text


async def test_invite_problems(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    stranger = users()
    await stranger.say("/start ZZZZ2222")
    assert "không đúng" in stranger.text
    await stranger.say("/baotin")
    assert "chưa đăng ký" in stranger.text
    expired = (
        await database.run(
            lambda c: create_invites(
                UnitOfWork(c).units,
                unit_code="DEMO-XA-T1",
                role=Role.MEMBER,
                count=1,
                now=datetime.now(settings.zone) - timedelta(days=40),
            )
        )
    )[0].code
    await stranger.say(f"/start {expired}")
    assert "hết hạn" in stranger.text
    before = await count(database, members)
    # Refusing the privacy notice creates nothing and leaves the invite usable.
    await stranger.say(f"/start {demo.member.code}")
    await stranger.say("Trần Văn Từ Chối")
    await stranger.tap("Không đồng ý")
    assert "không có gì được lưu" in stranger.text
    assert await count(database, members) == before
    await stranger.register(demo.member.code)
    other = users()
    await other.say(demo.member.code)  # typed without /start
    assert "không đúng, đã được dùng hoặc đã hết hạn" in other.text
    used = await database.run(
        lambda c: c.execute(
            select(func.count()).select_from(invites).where(invites.c.used_at.is_not(None))
        ).scalar_one()
    )
    assert used == 1


async def test_back_cancel_stale_button_and_english(
    users: Any, demo: DemoInvites, database: Database
) -> None:
    member = users()
    await member.register(demo.member.code)
    await member.say("/baotin")
    old_button = member.choice_id("Trộm cắp")
    await member.tap("Ma túy")
    await member.say("Mô tả ban đầu")
    await member.say("/quaylai")
    assert "Sự việc gì đã xảy ra" in member.text
    await member.say("Mô tả đã sửa")
    assert "Ở đâu" in member.text
    await member.say("Xóm 5")
    now_button = member.choice_id("Bây giờ")
    await member.post({"choice": now_button})
    assert "Nguồn tin từ đâu" in member.text
    assert await member.post({"choice": now_button}) == []  # a double tap: no reply at all
    await member.post({"choice": old_button})  # a button of a question answered long ago
    assert "câu hỏi cũ" in member.text and "Nguồn tin từ đâu" in member.text
    await member.say("/huy")
    assert "Đã hủy" in member.text
    assert await count(database, entries) == 0
    await member.say("/lang en")
    assert "Switched to English" in member.text
    await member.say("/tip")
    assert "What is the tip about" in member.text
    await member.say("2")  # a typed number picks the second option
    assert "What happened" in member.text


async def test_idle_flow_expires_with_a_note(users: Any, demo: DemoInvites, app: Any) -> None:
    member = users()
    await member.register(demo.member.code)
    await member.say("/viectot")
    conversation = app.state.conversation
    real_now = conversation.now
    conversation.now = lambda: real_now() + timedelta(minutes=31)
    await member.say("Giúp dọn đường")
    assert "không trả lời trong 30 phút" in member.text
    assert "Chọn một mục" in member.text


async def test_restart_mid_flow_resumes(settings: Settings, demo: DemoInvites, users: Any) -> None:
    from bot.app import create_app
    from tests.conftest import WebUser

    member = users()
    await member.register(demo.member.code)
    await member.say("/viectot")
    await member.say("Sửa bóng đèn đường")
    cookies = member.client.cookies
    # A new process: a new app and database handle on the same file / server.
    fresh_db = Database(settings.resolved_database_url)
    revived = WebUser(create_app(settings, fresh_db))
    revived.client.cookies = cookies
    await revived.say("Thôn Đông")
    assert "Ngày nào" in revived.text
    await revived.say("hôm nay")
    await revived.tap("Bỏ qua")
    await revived.tap("Lưu")
    assert "Đã lưu" in revived.text
    await revived.close()
    await fresh_db.dispose()
    fresh_db.close()


async def test_redelivered_message_creates_nothing_new(
    users: Any, demo: DemoInvites, database: Database
) -> None:
    member = users()
    await member.register(demo.member.code)
    await good_deed_to_summary(member)
    save = member.choice_id("Lưu")
    first = await member.post({"choice": save, "message_id": "save-1"})
    again = await member.post({"choice": save, "message_id": "save-1"})
    assert first == again  # the same answer, the same reference
    assert await count(database, entries) == 1


async def test_a_turns_messages_keep_their_order_and_ids_on_reload_and_retry(
    users: Any, demo: DemoInvites
) -> None:
    member = users()
    await member.register(demo.member.code)
    await good_deed_to_summary(member)
    save = member.choice_id("Lưu")
    first = await member.post({"choice": save, "message_id": "save-2"})
    ids = [message["id"] for message in first]
    assert len(ids) >= 2 and ids == sorted(set(ids))  # "Đã lưu", then what comes next
    again = await member.post({"choice": save, "message_id": "save-2"})
    assert [message["id"] for message in again] == ids
    reloaded = await member.inbox()
    tapped, *answer = reloaded[-len(ids) - 1 :]
    assert tapped["from_user"] and "Lưu" in tapped["text"] and tapped["id"] < ids[0]
    assert [(m["id"], m["text"]) for m in answer] == [(m["id"], m["text"]) for m in first]


async def test_two_concurrent_messages_from_one_chat(
    users: Any, demo: DemoInvites, database: Database
) -> None:
    member = users()
    await member.register(demo.member.code)
    await member.say("/baotin")
    tap = member.choice_id("Ma túy")
    # Two fast taps on two different buttons of the same question.
    other = member.choice_id("Trộm cắp")
    results = await asyncio.gather(
        member.client.post("/api/web/messages", json={"choice": tap}),
        member.client.post("/api/web/messages", json={"choice": other}),
    )
    answered = [r.json()["messages"] for r in results]
    # One tap answered the question; the other, a double tap on the question just answered,
    # is ignored: it neither answers the next question nor gets a reply.
    assert sorted(len(m) > 0 for m in answered) == [False, True]
    assert any("Sự việc gì" in m[-1]["text"] for m in answered if m)
    await member.say("Tiếp tục mô tả")
    assert "Ở đâu" in member.text


async def test_web_api_rejects_malformed_requests(users: Any) -> None:
    user = users()
    response = await user.client.post("/api/web/messages", json={"text": "a", "choice": "b"})
    assert response.status_code == 422 and "đúng một" in response.json()["detail"]
    response = await user.client.post(
        "/api/web/messages", content=b"text", headers={"content-type": "text/plain"}
    )
    assert response.status_code == 415
    response = await user.client.post(
        "/api/web/messages", files={"photo": ("x.jpg", b"not an image", "image/jpeg")}
    )
    assert response.status_code == 415
    response = await user.client.post(
        "/api/web/messages", json={"location": {"latitude": 200, "longitude": 0}}
    )
    assert response.status_code == 422


async def test_openapi_documents_the_web_api(users: Any) -> None:
    user = users()
    response = await user.client.get("/openapi.json")
    spec = response.json()
    post = spec["paths"]["/api/web/messages"]["post"]
    assert set(post["requestBody"]["content"]) == {"application/json", "multipart/form-data"}
    assert "get" in spec["paths"]["/api/web/messages"]
    page = await user.client.post("/api/web/messages", json={"text": "/help"})
    cookie = page.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie


async def test_a_message_id_never_replays_another_chat(users: Any, demo: DemoInvites) -> None:
    member = users()
    await member.register(demo.member.code)
    await member.say("/cuatoi", message_id="shared-id")
    stranger = users()
    await stranger.say("/cuatoi", message_id="shared-id")
    assert "chưa đăng ký" in stranger.text and "Nguyễn Thị Hoa" not in stranger.text


async def test_urgent_tip_with_no_officer_on_line_says_to_phone(
    users: Any, demo: DemoInvites
) -> None:
    member = users()
    await member.register(demo.member.code)
    await log_tip(member, urgent=True)
    assert "Chưa có cán bộ Công an xã nào nhận tin" in member.text and "113" in member.text
    assert "đã được chuyển ngay" not in member.text


async def test_help_and_language_inside_a_flow_ask_the_question_again(
    users: Any, demo: DemoInvites
) -> None:
    member = users()
    await member.register(demo.member.code)
    await member.say("/viectot")
    await member.say("/help")
    assert "/baotin" in member.text and "Bạn đã làm việc tốt gì" in member.last[-1]["text"]
    await member.say("/lang en")
    assert "What good deed did you do" in member.last[-1]["text"]
    await member.say("/nope")
    assert (
        "There is no command /nope" in member.text and "What good deed" in member.last[-1]["text"]
    )
    await member.say("Cleaned the road")
    assert "For whom" in member.text


async def test_link_code_binds_a_second_chat_to_the_same_member(
    users: Any, demo: DemoInvites, database: Database
) -> None:
    phone = users()
    await phone.register(demo.member.code)
    await good_deed_to_summary(phone)
    await phone.tap("Lưu")
    await phone.say("/lienket")
    code = re.search(r"Mã liên kết của bạn: ([A-Z0-9]{8})", phone.text).group(1)  # type: ignore[union-attr]
    laptop = users()
    await laptop.say(code)
    assert "dữ liệu cá nhân" in laptop.text  # the privacy notice is shown on every channel
    await laptop.tap("Đồng ý")
    assert "Đã liên kết kênh này với tài khoản Nguyễn Thị Hoa" in laptop.text
    await laptop.say("/cuatoi")
    assert "VT-" in laptop.text  # the entry logged from the other chat
    assert await count(database, members) == 7  # six demo members + this one, no duplicate
    again = users()
    await again.say(code)
    assert "không đúng, đã được dùng hoặc đã hết hạn" in again.text


async def test_notices_are_worded_in_the_readers_language(users: Any, demo: DemoInvites) -> None:
    officer = users()
    await officer.register(demo.officer.code, "Đỗ Văn Công")
    await officer.say("/lang en")
    seen = max(m["id"] for m in await officer.inbox())
    member = users()
    await member.register(demo.member.code)
    await log_tip(member, urgent=True)
    assert "Tin khẩn đã được chuyển" in member.text  # the member reads Vietnamese
    notice = (await officer.inbox(after=seen))[-1]["text"]
    assert "URGENT TIP" in notice and "Category: Drugs" in notice


async def test_photos_reach_the_disk_only_when_a_photo_step_takes_them(
    users: Any, demo: DemoInvites, settings: Settings
) -> None:
    folder = settings.data_dir / "attachments"
    stranger = users()
    await stranger.photo(JPEG)
    assert "chưa đăng ký" in stranger.text
    member = users()
    await member.register(demo.member.code)
    await member.photo(JPEG)  # at the menu
    await member.say("/viectot")
    await member.photo(JPEG)  # at a text question
    assert "cần trả lời bằng chữ" in member.text
    assert not folder.exists() or not any(folder.rglob("*.jpg"))
    for answer in ("Sửa cầu", "Thôn Tây", "hôm nay"):
        await member.say(answer)
    await member.photo(JPEG)
    assert len(list(folder.rglob("*.jpg"))) == 1
