"""Typed choices: a part of a label names the option, marks and case forgiven (Zalo has no
buttons, and members type "khan cap" on a cheap keyboard); a part that fits several is asked
about; numbers still work; a typed note is never taken for "Bỏ qua"."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot.settings import Settings
from campaign.roles import Role
from services.demo import DemoInvites
from storage.database import Database
from storage.schema import entries
from tests.bot.test_card_photos import tip_with_photo
from tests.bot.test_review import invite
from tests.bot.test_web_flows import good_deed_to_summary


async def test_a_part_of_a_label_picks_the_one_option_it_fits(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    member = users()
    await member.register(demo.member.code)
    await member.say("tuần")  # the main menu, by a part of "Tuần tra"
    assert "Ngày tuần tra?" in member.text
    await member.say("/huy")

    await member.say("/baotin")
    await member.say("an")  # "An ninh chính trị" and "Trật tự, an toàn giao thông"
    assert 'Có nhiều lựa chọn khớp với "an"' in member.text
    assert "1. An ninh chính trị" in member.text
    assert "5. Trật tự, an toàn giao thông" in member.text
    assert "Tin báo thuộc loại nào?" in member.text  # asked again, nothing kept
    await member.say("ma tuy")
    await member.say("Có người lạ tụ tập")
    await member.say("Nhà hoang cuối xóm 3")
    await member.say("bây giờ")
    await member.say("TRỰC TIẾP")  # "Tôi trực tiếp phát hiện"
    await member.say("khan cap")  # "Khẩn cấp — cần xử lý ngay"
    assert "Gửi một ảnh" in member.text
    await member.say("bỏ")  # a part of "Bỏ qua" where only a photo is an answer
    assert "Mức độ: Khẩn cấp — cần xử lý ngay" in member.text
    assert "Nguồn: Tôi trực tiếp phát hiện" in member.text
    await member.say("luu")
    assert "Đã lưu" in member.text
    assert await database.run(lambda c: c.execute(select(entries.c.urgent)).scalar_one())

    # A typed note is a note, even when it is a part of "Bỏ qua".
    await member.say("/tuantra")
    for answer in ("hôm nay", "0:00", "0:01", "Xóm 1"):
        await member.say(answer)
    await member.say("Xong")
    await member.say("qua")  # the note
    await member.say("KHÔNG KÈM")  # no such option: asked again for a photo
    assert "Bước này cần một ảnh" in member.text
    await member.say("1")  # numbers still work
    assert "Ghi chú: qua" in member.text

    # A desk reads typed choices the same way.
    await member.say("huy")
    leader = users()
    await leader.register(await invite(database, settings, "DEMO-XA-T1", Role.LEADER), "Tổ Trưởng")
    await leader.say("/duyet")
    await leader.say("KHONG XAC")  # "❌ Không xác nhận" tells the member: asked to be sure
    assert "Để chắc chắn" in leader.text
    await leader.say("2")
    assert "Lý do không xác nhận" in leader.text


async def test_an_ambiguous_part_on_a_desk_lists_the_options_it_fits(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    member = users()
    await member.register(demo.member.code)
    for what in ("Dọn mương", "Sửa cầu"):
        await good_deed_to_summary(member, what)
        await member.tap("Lưu")
    leader = users()
    await leader.register(await invite(database, settings, "DEMO-XA-T1", Role.LEADER), "Tổ Trưởng")
    await leader.say("/duyet")
    await leader.say("xác nhận cả")  # "✅ Xác nhận cả 2 mục" only ("Xác nhận" is whole)
    assert "Xác nhận tất cả 2 mục đang chờ?" in leader.text
    await leader.say("không")  # "Không, xem từng mục"
    await leader.say("xac")  # "✅ Xác nhận", "❌ Không xác nhận" and "✅ Xác nhận cả 2 mục"
    assert '"xac" khớp với' in leader.text  # one of them tells the member: asked to be sure
    assert "1. ✅ Xác nhận\n" in leader.text and "4. ✅ Xác nhận cả 2 mục" in leader.text
    statuses = await database.run(lambda c: sorted(c.execute(select(entries.c.status)).scalars()))
    assert statuses == ["pending", "pending"]
    await leader.say("xác nhận")  # the whole label of one option is that option
    assert "Đã xác nhận" in leader.text


async def test_a_typed_word_never_closes_a_tip_for_good(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    """An officer on Zalo answers a tip card with "không" (no): that is not "✖ Không có cơ sở",
    which closes the tip for good and tells the member. He is shown what it could mean and
    closes it by its number or its whole label."""
    officer = users()
    await officer.register(demo.officer.code, "Đỗ Văn Công")
    member = users()
    await member.register(demo.member.code)
    reference = await tip_with_photo(member)
    await officer.say("/nguontin")

    await officer.say("không")
    assert '"không" khớp với:\n3. ✖ Không có cơ sở' in officer.text
    assert "hãy gõ số hoặc cả tên của lựa chọn bạn muốn" in officer.text
    await officer.say("giai quyet")  # "✅ Đã giải quyết": final too
    assert "2. ✅ Đã giải quyết" in officer.text and "Để chắc chắn" in officer.text
    progress = await database.run(
        lambda c: c.execute(select(entries.c.progress).where(entries.c.reference == reference))
    )
    assert progress.scalar_one() == "received"
    assert not [m for m in member.last if reference in m["text"] and "không có cơ sở" in m["text"]]

    await officer.say("xác minh")  # a part of a step that can be taken back picks it, as ever
    assert f"{reference}: đang xác minh" in officer.text
    await officer.say("không có cơ sở")  # the whole label
    await officer.say("Không phát hiện vi phạm")  # its outcome
    assert f"{reference}: không có cơ sở" in officer.text


async def test_a_leader_typing_no_on_a_review_card_rejects_nothing(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    """On Zalo a leader answers a card by typing. "không" is not "❌ Không xác nhận" (which
    asks a reason, and then tells the member): he is asked for the number or the whole label;
    the member hears nothing."""
    leader = users()
    await leader.register(await invite(database, settings, "DEMO-XA-T1", Role.LEADER), "Tổ Trưởng")
    member = users()
    await member.register(demo.member.code)
    await good_deed_to_summary(member)
    await member.tap("Lưu")
    seen = max(m["id"] for m in await member.inbox())
    await leader.say("/duyet")

    await leader.say("không")
    assert '"không" khớp với:\n2. ❌ Không xác nhận' in leader.text, leader.text
    assert "Lý do" not in leader.text
    await leader.say("thôi")  # what a hesitant leader types next decides nothing either
    assert not [m for m in await member.inbox(after=seen) if "không được xác nhận" in m["text"]]
    await leader.say("không xác nhận")  # the whole label
    assert "Lý do không xác nhận" in leader.text
