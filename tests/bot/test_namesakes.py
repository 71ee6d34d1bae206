"""A newcomer registering with an open code (not made for a rostered person) types a name the
team's roster already holds for someone not registered yet: the bot asks whether that is
them, instead of silently making a second person of that name."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from bot.settings import Settings
from campaign.roles import Role
from services.demo import DemoInvites
from services.invites import create_invites, import_member
from storage.database import Database
from storage.schema import identities, invites, members
from storage.unit_of_work import UnitOfWork
from storage.units import unit_id

QUESTION = "Trong danh sách của Tổ bảo vệ ANTT thôn Đông đã có Nguyễn Văn Bình (Tổ viên)"


async def rostered(
    database: Database, settings: Settings, name: str, role: Role = Role.MEMBER
) -> str:
    """A person imported from the commune's roster into the first demo team: their own code."""

    def add(conn: Any) -> str:
        team = unit_id(conn, "DEMO-XA-T1")
        assert team is not None
        imported = import_member(
            UnitOfWork(conn).units,
            line=2,
            unit=(team, "DEMO-XA-T1"),
            full_name=name,
            role=role,
            phone=None,
            now=datetime.now(settings.zone),
        )
        assert imported.invite_code
        return imported.invite_code

    return str(await database.run(add))


async def people_named(database: Database, name: str) -> list[tuple[int, bool]]:
    """(member id, registered) of everyone with this exact name."""

    def read(conn: Any) -> list[tuple[int, bool]]:
        found = conn.execute(
            select(members.c.id, func.count(identities.c.member_id))
            .select_from(members.outerjoin(identities))
            .where(members.c.full_name == name)
            .group_by(members.c.id)
            .order_by(members.c.id)
        ).all()
        return [(int(i), n > 0) for i, n in found]

    return list(await database.run(read))


async def test_yes_ties_the_chat_to_the_rostered_person_and_uses_up_their_code(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    own_code = await rostered(database, settings, "Nguyễn Văn Bình")
    [(roster_id, registered)] = await people_named(database, "Nguyễn Văn Bình")
    assert not registered
    newcomer = users()
    await newcomer.say(f"/start {demo.member.code}")
    await newcomer.say("nguyen van BINH")  # typed without marks, in any case
    assert QUESTION in newcomer.text and "Bạn có phải là người này không?" in newcomer.text
    assert [c["label"] for c in newcomer.last[-1]["choices"]] == ["Có", "Không"]
    await newcomer.tap("Có")
    assert "dữ liệu cá nhân" in newcomer.text  # nothing is stored before the consent
    await newcomer.tap("Đồng ý")
    assert "Đăng ký thành công! Nguyễn Văn Bình — Tổ viên" in newcomer.text  # the roster's name
    assert await people_named(database, "Nguyễn Văn Bình") == [(roster_id, True)]
    assert await people_named(database, "nguyen van BINH") == []
    # The code the roster import made for that person now joins nobody to them.
    late = users()
    await late.say(f"/start {own_code}")
    assert f"Mã mời {own_code} không đúng, đã được dùng hoặc đã hết hạn" in late.text
    assert await people_named(database, "Nguyễn Văn Bình") == [(roster_id, True)]
    used_by = await database.run(
        lambda c: (
            c.execute(
                select(invites.c.used_by).where(invites.c.code.in_([own_code, demo.member.code]))
            )
            .scalars()
            .all()
        )
    )
    assert used_by == [roster_id, roster_id]


async def test_no_registers_someone_new_and_leaves_the_rostered_person_unregistered(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    own_code = await rostered(database, settings, "Nguyễn Văn Bình")
    newcomer = users()
    await newcomer.say(f"/start {demo.member.code}")
    await newcomer.say("Nguyễn Văn Bình")
    assert QUESTION in newcomer.text
    await newcomer.say("Không")  # typed, as on Zalo
    await newcomer.tap("Đồng ý")
    assert "Đăng ký thành công! Nguyễn Văn Bình — Tổ viên" in newcomer.text
    [(roster_id, roster_registered), (_, new_registered)] = await people_named(
        database, "Nguyễn Văn Bình"
    )
    assert not roster_registered and new_registered
    # The rostered person still registers with their own code, as themselves.
    rostered_person = users()
    await rostered_person.say(f"/start {own_code}")
    await rostered_person.tap("Đồng ý")
    assert "Đăng ký thành công! Nguyễn Văn Bình" in rostered_person.text
    assert (await people_named(database, "Nguyễn Văn Bình"))[0] == (roster_id, True)


async def test_no_question_without_an_unregistered_namesake_of_that_role(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    """A registered namesake cannot be the newcomer, and a rostered leader is not offered to
    someone holding a member's code (saying yes would make them the leader)."""
    await rostered(database, settings, "Lê Văn Tổ Trưởng", Role.LEADER)
    first = users()
    await first.say(f"/start {demo.member.code}")
    await first.say("Lê Văn Tổ Trưởng")
    assert "Bạn có phải là người này" not in first.text and "dữ liệu cá nhân" in first.text
    await first.tap("Đồng ý")
    assert "Lê Văn Tổ Trưởng — Tổ viên" in first.text
    assert [r for _, r in await people_named(database, "Lê Văn Tổ Trưởng")] == [False, True]

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
    again = users()
    await again.say(f"/start {second_code}")
    await again.say("Lê Văn Tổ Trưởng")  # the member of that name has registered: not asked
    assert "Bạn có phải là người này" not in again.text and "dữ liệu cá nhân" in again.text


async def test_two_unregistered_namesakes_are_offered_by_name(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    await rostered(database, settings, "Nguyễn Văn Bình")
    await rostered(database, settings, "Nguyễn Văn Bính")  # the same without marks
    newcomer = users()
    await newcomer.say(f"/start {demo.member.code}")
    await newcomer.say("Nguyen Van Binh")
    assert "có 2 người (Tổ viên) cùng tên này" in newcomer.text
    labels = [c["label"] for c in newcomer.last[-1]["choices"]]
    assert labels == ["Nguyễn Văn Bình", "Nguyễn Văn Bính", "Không phải ai trong số này"]
    await newcomer.tap("Nguyễn Văn Bính")
    await newcomer.tap("Đồng ý")
    assert "Đăng ký thành công! Nguyễn Văn Bính — Tổ viên" in newcomer.text
    assert [r for _, r in await people_named(database, "Nguyễn Văn Bính")] == [True]
    assert [r for _, r in await people_named(database, "Nguyễn Văn Bình")] == [False]


async def test_the_rostered_person_registering_meanwhile_leaves_the_newcomer_unregistered(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    own_code = await rostered(database, settings, "Nguyễn Văn Bình")
    newcomer = users()
    await newcomer.say(f"/start {demo.member.code}")
    await newcomer.say("Nguyễn Văn Bình")
    await newcomer.tap("Có")
    rostered_person = users()  # the real one, with the code the roster import gave them
    await rostered_person.say(f"/start {own_code}")
    await rostered_person.tap("Đồng ý")
    assert "Đăng ký thành công! Nguyễn Văn Bình" in rostered_person.text
    await newcomer.tap("Đồng ý")
    assert "Người đó vừa được đăng ký bằng một tài khoản khác" in newcomer.text
    assert "Đăng ký thành công" not in newcomer.text
    [(_, registered)] = await people_named(database, "Nguyễn Văn Bình")
    assert registered  # one person, the rostered one, registered once
    await newcomer.say("/baotin")
    assert "chưa đăng ký" in newcomer.text
    await newcomer.register(demo.member.code, "Nguyễn Văn Bình Hai")  # the open code still works


async def test_two_namesakes_apart_only_by_a_mark_are_told_apart_by_typing_the_name(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    """On Zalo there are no buttons: the newcomer types the name as the roster writes it, and
    "Nguyễn Văn Bính" is not also "Nguyễn Văn Bình"."""
    await rostered(database, settings, "Nguyễn Văn Bình")
    await rostered(database, settings, "Nguyễn Văn Bính")
    newcomer = users()
    await newcomer.say(f"/start {demo.member.code}")
    await newcomer.say("Nguyen Van Binh")
    assert "có 2 người (Tổ viên) cùng tên này" in newcomer.text
    await newcomer.say("nguyễn văn bính")
    assert "Có nhiều lựa chọn" not in newcomer.text, newcomer.text
    await newcomer.say("Đồng ý")
    assert "Đăng ký thành công! Nguyễn Văn Bính — Tổ viên" in newcomer.text
    assert [r for _, r in await people_named(database, "Nguyễn Văn Bính")] == [True]
    assert [r for _, r in await people_named(database, "Nguyễn Văn Bình")] == [False]
