"""An admin keeps the unit tree, the members and the invite codes of their subtree in the
console: a province admin adds, renames, moves, closes and merges units (the merged unit's
entries still reach the successor's officers); a commune admin cannot touch the other commune
or the province; a role must fit the unit's kind; a deactivated member is told, then is a
stranger to the chat, and their console session ends; invites print as QR cards."""

from __future__ import annotations

import ast
import csv
import io
import re
from pathlib import Path
from typing import Any

import pytest
import segno
from sqlalchemy import select

from bot.app import create_app
from campaign.roles import Role
from services import invites as invites_service
from services.demo import DemoInvites
from storage.database import Database
from storage.schema import audit_log, entries, invites, members, outbox, units
from storage.unit_of_work import UnitOfWork
from tests.bot.test_web_flows import good_deed_to_summary
from tests.console import ConsoleUser, demo_extras, invite_code, link_token, registered
from tests.e2e.test_telegram import _chat_menus
from tests.e2e.test_telegram import register as register_on_telegram
from tests.fakes.telegram_api import FakeTelegram, TelegramUser
from tests.waiting import until

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
async def browser(app: Any) -> Any:
    made: list[ConsoleUser] = []

    def make() -> ConsoleUser:
        made.append(ConsoleUser(app))
        return made[-1]

    yield make
    for user in made:
        await user.close()


async def admin_page(app: Any, browser: Any, unit: str, name: str) -> tuple[Any, ConsoleUser]:
    """An admin of `unit` registered through the chat, logged in to the console."""
    person = await registered(app, await invite_code(app, unit, Role.ADMIN), name)
    page = browser()
    assert (await page.log_in(await link_token(app, person.member_id))).status_code == 303
    return person, page


async def rostered_invite(app: Any, unit_code: str, full_name: str) -> str:
    """A person of a roster, imported as the shell does: an invite made for them."""
    conversation = app.state.conversation
    now = conversation.now()

    def load(connection: Any) -> str:
        work = UnitOfWork(connection)
        unit = work.units.unit(unit_code)
        assert unit is not None
        made = invites_service.import_member(
            work.units,
            line=1,
            unit=(unit.id, unit.code),
            full_name=full_name,
            role=Role.MEMBER,
            phone=None,
            now=now,
        )
        assert made.invite_code is not None
        return made.invite_code

    code: str = await conversation.database.run(load)
    return code


async def unit_facts(database: Database) -> dict[str, Any]:
    rows = await database.run(lambda c: c.execute(select(units)).all())
    return {r.code: r for r in rows}


async def audited(database: Database, action: str) -> list[Any]:
    return await database.run(
        lambda c: list(
            c.execute(
                select(audit_log).where(audit_log.c.action == action).order_by(audit_log.c.id)
            )
        )
    )


async def test_a_province_admin_keeps_the_tree_and_a_merger_keeps_its_history(
    app: Any, demo: DemoInvites, database: Database, browser: Any
) -> None:
    await demo_extras(app)
    admin, page = await admin_page(app, browser, "DEMO", "Quản Trị Tỉnh")
    # A member of the second commune's team logs a good deed before the merger.
    member = await registered(app, await invite_code(app, "DEMO-XA2-T1", Role.MEMBER), "Vũ Thị Bắc")
    await good_deed_to_summary(member.chat, "Dọn rác bờ kênh")
    await member.chat.tap("Lưu")

    tree = await page.get("/quanly/donvi")
    assert tree.status_code == 200
    assert 'data-unit="DEMO-XA2-T1"' in tree.text and "Xã Yên Lạc" in tree.text
    assert "Đơn vị" in tree.text and "Thành viên" in tree.text  # the nav of an admin

    added = await page.post(
        "/quanly/donvi/them",
        {"parent": "DEMO-XA2", "kind": "team", "code": "DEMO-XA2-T2", "name": "Tổ thôn Nam"},
    )
    assert added.status_code == 303, added.text
    shown = await page.get(added.headers["location"])
    assert 'role="status"' in shown.text and "Đã thêm đơn vị" in shown.text
    assert 'data-unit="DEMO-XA2-T2"' in shown.text and "Tổ thôn Nam" in shown.text

    renamed = await page.post(
        "/quanly/donvi/doiten", {"unit": "DEMO-XA2-T2", "name": "Tổ bảo vệ thôn Nam"}
    )
    assert renamed.status_code == 303
    assert "Tổ bảo vệ thôn Nam" in (await page.get("/quanly/donvi")).text

    moved = await page.post("/quanly/donvi/chuyen", {"unit": "DEMO-XA2-T2", "parent": "DEMO-XA"})
    assert moved.status_code == 303
    facts = await unit_facts(database)
    assert facts["DEMO-XA2-T2"].parent_id == facts["DEMO-XA"].id

    # A team under a team breaks the tree rule: said on the page, nothing changed.
    wrong = await page.post("/quanly/donvi/chuyen", {"unit": "DEMO-XA2-T2", "parent": "DEMO-XA-T1"})
    assert wrong.status_code == 400 and 'role="alert"' in wrong.text
    facts = await unit_facts(database)
    assert facts["DEMO-XA2-T2"].parent_id == facts["DEMO-XA"].id

    today = app.state.conversation.now().date()
    closed = await page.post(
        "/quanly/donvi/dong", {"unit": "DEMO-XA2-T2", "day": f"{today:%d/%m/%Y}"}
    )
    assert closed.status_code == 303, closed.text
    facts = await unit_facts(database)
    assert facts["DEMO-XA2-T2"].valid_to == today
    assert 'data-unit="DEMO-XA2-T2"' not in (await page.get("/quanly/donvi")).text
    assert 'data-unit="DEMO-XA2-T2"' in (await page.get("/quanly/donvi", dong="1")).text

    # Closing a unit that still holds people is refused with the reason.
    held = await page.post("/quanly/donvi/dong", {"unit": "DEMO-XA2-T1", "day": today.isoformat()})
    assert held.status_code == 400 and "còn" in held.text

    # The second commune merges into the first: its team and people go along, and the entry
    # logged there reaches the successor's officer.
    merged = await page.post(
        "/quanly/donvi/sapnhap",
        {"unit": "DEMO-XA2", "into": "DEMO-XA", "day": today.isoformat()},
    )
    assert merged.status_code == 303, merged.text
    facts = await unit_facts(database)
    assert facts["DEMO-XA2"].valid_to == today
    assert facts["DEMO-XA2"].successor_id == facts["DEMO-XA"].id
    assert facts["DEMO-XA2-T1"].parent_id == facts["DEMO-XA"].id
    entry_unit = await database.run(lambda c: c.execute(select(entries.c.unit_id)).scalar_one())
    assert entry_unit == facts["DEMO-XA2-T1"].id  # the entry keeps its team
    with_closed = await page.get("/quanly/donvi", dong="1")
    assert "sáp nhập vào DEMO-XA" in with_closed.text

    officer = await registered(app, demo.officer.code, "Phạm Văn Cán")
    await officer.chat.say("/duyet")
    assert "Dọn rác bờ kênh" in officer.chat.text, officer.chat.text

    lines = await audited(database, "unit.merged")
    assert [(r.actor_member_id, r.actor, r.target_id) for r in lines] == [
        (admin.member_id, "member", "DEMO-XA2")
    ]
    for action in ("unit.added", "unit.renamed", "unit.moved", "unit.closed"):
        assert [r.actor_member_id for r in await audited(database, action)][-1:] == [
            admin.member_id
        ], action


async def test_a_commune_admin_cannot_touch_the_other_commune_or_the_province(
    app: Any, demo: DemoInvites, database: Database, browser: Any
) -> None:
    await demo_extras(app)
    _, page = await admin_page(app, browser, "DEMO-XA", "Quản Trị Xã")
    tree = await page.get("/quanly/donvi")
    assert 'data-unit="DEMO-XA-T1"' in tree.text
    assert 'data-unit="DEMO-XA2"' not in tree.text and 'data-unit="DEMO"' not in tree.text
    before = await unit_facts(database)

    for path, data in (
        ("/quanly/donvi/doiten", {"unit": "DEMO-XA2", "name": "Xã Khác"}),
        ("/quanly/donvi/doiten", {"unit": "DEMO", "name": "Tỉnh Khác"}),
        (
            "/quanly/donvi/them",
            {"parent": "DEMO-XA2", "kind": "team", "code": "DEMO-XA2-T9", "name": "Tổ 9"},
        ),
        ("/quanly/donvi/chuyen", {"unit": "DEMO-XA-T2", "parent": "DEMO-XA2"}),
        (
            "/quanly/donvi/sapnhap",
            {"unit": "DEMO-XA-T2", "into": "DEMO-XA2-T1", "day": "01/01/2020"},
        ),
        ("/quanly/donvi/dong", {"unit": "DEMO-XA2-T1", "day": "01/01/2020"}),
    ):
        refused = await page.post(path, data)
        assert refused.status_code == 403, (path, data, refused.text)
        assert "không thuộc phạm vi quản lý của bạn" in refused.text, refused.text
    # Their own unit is theirs to rename, not to move, close or merge.
    own = await page.post("/quanly/donvi/dong", {"unit": "DEMO-XA", "day": "01/01/2020"})
    assert own.status_code == 403 and "chính đơn vị của mình" in own.text
    assert (
        await page.post("/quanly/donvi/doiten", {"unit": "DEMO-XA", "name": "Xã Mới"})
    ).status_code == 303

    after = await unit_facts(database)
    for code in ("DEMO", "DEMO-XA2", "DEMO-XA2-T1", "DEMO-XA-T2"):
        assert after[code] == before[code], code
    assert "DEMO-XA2-T9" not in after

    # Members and invites of the other commune are out of reach too.
    other = await registered(app, await invite_code(app, "DEMO-XA2-T1", Role.MEMBER), "Đinh Văn Xa")
    assert (await page.get(f"/quanly/thanhvien/{other.member_id}")).status_code == 403
    listed = await page.get("/quanly/thanhvien")
    assert "Quản Trị Xã" in listed.text and "Đinh Văn Xa" not in listed.text
    refused = await page.post(f"/quanly/thanhvien/{other.member_id}/ngung")
    assert refused.status_code == 403
    theirs = await registered(app, demo.member.code, "Lê Thị Viên")
    away = await page.post(f"/quanly/thanhvien/{theirs.member_id}/chuyen", {"unit": "DEMO-XA2-T1"})
    assert away.status_code == 403 and "không thuộc phạm vi" in away.text
    kept = await page.post(f"/quanly/thanhvien/{theirs.member_id}/chuyen", {"unit": "DEMO-XA-T2"})
    assert kept.status_code == 303
    issued = await page.post(
        "/quanly/moi/tao", {"unit": "DEMO-XA2-T1", "role": "member", "count": "2", "days": "7"}
    )
    assert issued.status_code == 403 and "không thuộc phạm vi" in issued.text


async def test_people_screens_refuse_commanders_and_posts_without_csrf(
    app: Any, demo: DemoInvites, database: Database, browser: Any
) -> None:
    member = await registered(app, demo.member.code, "Lê Thị Viên")
    with pytest.raises(Exception, match="dành cho tổ trưởng"):
        await link_token(app, member.member_id)  # a member never gets in at all
    commanders = [
        await registered(app, demo.officer.code, "Phạm Văn Cán"),
        await registered(app, demo.leader.code, "Trần Văn Tổ"),
        await registered(app, await invite_code(app, "DEMO", Role.OFFICER), "Cán Bộ Tỉnh"),
    ]
    before = await unit_facts(database)
    for commander in commanders:
        page = browser()
        await page.log_in(await link_token(app, commander.member_id))
        home = await page.get("/quanly/")
        assert "/quanly/donvi" not in home.text and "/quanly/moi" not in home.text
        for path in ("/quanly/donvi", "/quanly/thanhvien", "/quanly/moi", "/quanly/moi/in"):
            refused = await page.get(path)
            assert refused.status_code == 403 and "dành cho quản trị viên" in refused.text, path
        for path, data in (
            ("/quanly/donvi/doiten", {"unit": "DEMO-XA", "name": "X"}),
            ("/quanly/moi/tao", {"unit": "DEMO-XA-T1", "role": "member", "count": "1"}),
            (f"/quanly/thanhvien/{member.member_id}/ngung", {}),
        ):
            assert (await page.post(path, data)).status_code == 403, path
    assert await unit_facts(database) == before
    assert "Bạn chưa đăng ký" not in (await member.chat.say("/help"))[0]["text"]

    _, admin = await admin_page(app, browser, "DEMO", "Quản Trị Tỉnh")
    for path in ("/quanly/donvi/doiten", "/quanly/moi/tao", "/quanly/thanhvien/1/ngung"):
        forged = await admin.client.post(path, data={"unit": "DEMO-XA", "name": "X"})
        assert forged.status_code == 403 and "mã bảo vệ" in forged.text, path


async def test_a_role_must_fit_the_unit_and_a_changed_role_is_told_and_ends_sessions(
    app: Any, demo: DemoInvites, database: Database, browser: Any
) -> None:
    admin, page = await admin_page(app, browser, "DEMO", "Quản Trị Tỉnh")
    leader = await registered(app, demo.leader.code, "Trần Văn Tổ")
    console = browser()
    await console.log_in(await link_token(app, leader.member_id))
    assert (await console.get("/quanly/")).status_code == 200
    seen = max(m["id"] for m in await leader.chat.inbox())

    # An officer does not sit on a team: refused with the reason, nothing changed.
    wrong = await page.post(f"/quanly/thanhvien/{leader.member_id}/vaitro", {"role": "officer"})
    assert wrong.status_code == 400 and 'role="alert"' in wrong.text
    assert "DEMO-XA-T1" in wrong.text
    assert (await console.get("/quanly/")).status_code == 200  # nothing ended

    changed = await page.post(f"/quanly/thanhvien/{leader.member_id}/vaitro", {"role": "deputy"})
    assert changed.status_code == 303, changed.text
    shown = await page.get(changed.headers["location"])
    assert 'role="status"' in shown.text and "Tổ phó" in shown.text
    told = [m["text"] for m in await leader.chat.inbox(after=seen)]
    assert any("đổi vai trò của bạn thành Tổ phó" in t for t in told), told
    assert (await console.get("/quanly/")).status_code == 401  # the session ended
    role = await database.run(
        lambda c: c.execute(
            select(members.c.role).where(members.c.id == leader.member_id)
        ).scalar_one()
    )
    assert role == "deputy"
    lines = await audited(database, "member.role_changed")
    assert [(r.actor_member_id, r.details) for r in lines] == [
        (admin.member_id, {"from": "leader", "to": "deputy"})
    ]

    # Moved to the other team, told again.
    moved = await page.post(f"/quanly/thanhvien/{leader.member_id}/chuyen", {"unit": "DEMO-XA-T2"})
    assert moved.status_code == 303
    told = [m["text"] for m in await leader.chat.inbox(after=seen)]
    assert any("chuyển bạn sang Tổ bảo vệ ANTT thôn Tây" in t for t in told), told
    # An admin cannot change their own role, nor another admin's of their own unit.
    itself = await page.post(f"/quanly/thanhvien/{admin.member_id}/vaitro", {"role": "officer"})
    assert itself.status_code == 403
    peer = await registered(app, await invite_code(app, "DEMO", Role.ADMIN), "Quản Trị Hai")
    locked = await page.post(f"/quanly/thanhvien/{peer.member_id}/ngung")
    assert locked.status_code == 403 and "cấp trên" in locked.text


async def test_a_deactivated_member_is_told_then_is_a_stranger_and_their_session_ends(
    app: Any, demo: DemoInvites, database: Database, browser: Any
) -> None:
    admin, page = await admin_page(app, browser, "DEMO", "Quản Trị Tỉnh")
    leader = await registered(app, demo.leader.code, "Trần Văn Tổ")
    console = browser()
    await console.log_in(await link_token(app, leader.member_id))
    assert (await console.get("/quanly/")).status_code == 200
    seen = max(m["id"] for m in await leader.chat.inbox())

    member_page = await page.get(f"/quanly/thanhvien/{leader.member_id}")
    assert "Ngừng tài khoản" in member_page.text
    stopped = await page.post(f"/quanly/thanhvien/{leader.member_id}/ngung")
    assert stopped.status_code == 303, stopped.text

    told = [m["text"] for m in await leader.chat.inbox(after=seen)]
    assert any("đã ngừng tài khoản của bạn" in t for t in told), told
    await leader.chat.say("Xin chào")
    assert "Bạn chưa đăng ký" in leader.chat.text, leader.chat.text
    await leader.chat.say("/baotin")
    assert "Bạn chưa đăng ký" in leader.chat.text
    assert (await console.get("/quanly/")).status_code == 401

    listed = await page.get("/quanly/thanhvien", trangthai="inactive")
    assert "Trần Văn Tổ" in listed.text
    active = await page.get("/quanly/thanhvien", trangthai="active")
    assert "Trần Văn Tổ" not in active.text
    again = await page.post(f"/quanly/thanhvien/{leader.member_id}/ngung")
    assert again.status_code == 400 and "đã ngừng hoạt động" in again.text
    lines = await audited(database, "member.deactivated")
    assert [r.actor_member_id for r in lines] == [admin.member_id]


async def test_a_member_deactivated_while_answering_is_a_stranger_at_the_next_answer(
    app: Any, demo: DemoInvites, database: Database, browser: Any
) -> None:
    _, page = await admin_page(app, browser, "DEMO", "Quản Trị Tỉnh")
    member = await registered(app, demo.member.code, "Lê Thị Viên")
    await member.chat.say("/baotin")
    assert "Tin báo thuộc loại nào" in member.chat.text
    # A notice queued for them and not yet sent (a messenger would send it later) is
    # withdrawn; the one saying they were deactivated goes.
    moved = await page.post(f"/quanly/thanhvien/{member.member_id}/chuyen", {"unit": "DEMO-XA-T2"})
    assert moved.status_code == 303
    stopped = await page.post(f"/quanly/thanhvien/{member.member_id}/ngung")
    assert stopped.status_code == 303
    queued = await database.run(
        lambda c: [
            (row.status, row.payload["text"][:60])
            for row in c.execute(
                select(outbox).where(outbox.c.member_id == member.member_id).order_by(outbox.c.id)
            )
        ]
    )
    assert [status for status, _ in queued] == ["cancelled", "pending"], queued
    assert "ngừng tài khoản" in queued[1][1]
    await member.chat.tap("Ma túy")
    assert "Bạn chưa đăng ký" in member.chat.text, member.chat.text
    await member.chat.say("Có người lạ tụ tập")
    assert "Bạn chưa đăng ký" in member.chat.text, member.chat.text
    saved = await database.run(lambda c: c.execute(select(entries.c.id)).all())
    assert saved == []


async def test_members_are_searched_without_marks_and_exported_as_filtered(
    app: Any, demo: DemoInvites, database: Database, browser: Any
) -> None:
    admin, page = await admin_page(app, browser, "DEMO", "Quản Trị Tỉnh")
    await registered(app, demo.leader.code, "Trần Văn Tổ")
    await registered(app, demo.member.code, "Lê Thị Viên")
    found = await page.get("/quanly/thanhvien", q="tran van")
    assert "Trần Văn Tổ" in found.text and "Lê Thị Viên" not in found.text
    # The demo's rostered people are listed as not registered.
    waiting = await page.get("/quanly/thanhvien", trangthai="unregistered")
    assert "Thành viên mẫu 1" in waiting.text and "Trần Văn Tổ" not in waiting.text
    by_role = await page.get("/quanly/thanhvien", vaitro="leader")
    assert "Trần Văn Tổ" in by_role.text and "Lê Thị Viên" not in by_role.text

    exported = await page.get("/quanly/thanhvien", q="le thi", xuat="csv")
    assert exported.status_code == 200
    assert exported.headers["content-type"].startswith("text/csv")
    table = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    names = [row[1] for row in table[1:]]
    assert names == ["Lê Thị Viên"], table
    xlsx = await page.get("/quanly/thanhvien", xuat="xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    lines = await audited(database, "export.members")
    assert [(r.actor_member_id, r.details["rows"]) for r in lines] == [
        (admin.member_id, 1),
        (admin.member_id, 9),
    ]


async def test_invites_are_issued_in_bulk_listed_and_printed_as_qr_cards(
    app: Any, demo: DemoInvites, database: Database, browser: Any, settings: Any
) -> None:
    admin, page = await admin_page(app, browser, "DEMO", "Quản Trị Tỉnh")
    rostered = await rostered_invite(app, "DEMO-XA-T2", "Hoàng Thị Danh")
    issued = await page.post(
        "/quanly/moi/tao", {"unit": "DEMO-XA-T2", "role": "member", "count": "3", "days": "10"}
    )
    assert issued.status_code == 303, issued.text
    listed = await page.get(issued.headers["location"])
    assert 'role="status"' in listed.text and "Đã cấp 3 mã mời" in listed.text
    codes = re.findall(r'data-code="([A-Z0-9]+)"', listed.text)
    assert len(codes) == 3, listed.text  # the batch just issued
    made = await database.run(
        lambda c: c.execute(
            select(invites.c.code, invites.c.expires_at, invites.c.created_at).where(
                invites.c.code.in_(codes)
            )
        ).all()
    )
    assert {r.code for r in made} == set(codes)
    assert all((r.expires_at - r.created_at).days == 10 for r in made)

    sheet_link = re.search(r'href="(/quanly/moi/in\?[^"]+)"', listed.text)
    assert sheet_link is not None
    sheet = await page.get(sheet_link.group(1).replace("&amp;", "&"))
    assert sheet.status_code == 200
    targets = re.findall(r'data-qr-text="([^"]+)"', sheet.text)
    assert sorted(targets) == sorted(f"{settings.public_base}/?ma={code}" for code in codes)
    assert sheet.text.count('class="qr-card"') == 3
    assert "Tổ bảo vệ ANTT thôn Tây" in sheet.text and "<span>Tổ viên</span>" in sheet.text
    expires = made[0].expires_at.astimezone(settings.zone)
    assert f"Hết hạn {expires:%d/%m/%Y}" in sheet.text
    for code in codes:
        assert f'<span class="qr-code">{code}</span>' in sheet.text
    # The card's QR is segno's code of exactly that address.
    first = codes[0]
    drawn = segno.make(f"{settings.public_base}/?ma={first}", error="m").svg_inline(
        scale=4, omitsize=True
    )
    assert drawn in sheet.text
    assert "style=" not in sheet.text.split("<main", 1)[1]
    assert (await audited(database, "invites.printed"))[0].details == {"cards": 3}

    # Every open code of the subtree, rostered names included (their card names them).
    every = await page.get("/quanly/moi")
    assert "Hoàng Thị Danh" in every.text and all(code in every.text for code in codes)
    assert rostered in every.text
    named_first = await page.get("/quanly/moi", order="name")
    assert re.findall(r'data-code="([A-Z0-9]+)"', named_first.text)[0] == rostered
    whole = await page.get("/quanly/moi/in", donvi="DEMO-XA-T2")
    assert whole.text.count('class="qr-card"') == 4
    assert '<span class="qr-name">Hoàng Thị Danh</span>' in whole.text
    exported = await page.get("/quanly/moi", vaitro="member", donvi="DEMO-XA-T2", xuat="csv")
    rows = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert {row[0] for row in rows[1:]} >= set(codes)
    assert all(row[4] == "Tổ viên" for row in rows[1:]) and len(rows) == 5

    # The code printed registers a newcomer, in the team of the card.
    person = await registered(app, first, "Ngô Văn Mới")
    team = await database.run(
        lambda c: c.execute(
            select(units.c.code)
            .select_from(members.join(units, members.c.unit_id == units.c.id))
            .where(members.c.id == person.member_id)
        ).scalar_one()
    )
    assert team == "DEMO-XA-T2"
    lines = await audited(database, "invite.created")
    assert {r.actor_member_id for r in lines if r.target_id in codes} == {admin.member_id}

    # A role the unit does not take, or too many codes, is refused on the page.
    wrong = await page.post(
        "/quanly/moi/tao", {"unit": "DEMO-XA-T2", "role": "officer", "count": "1", "days": "10"}
    )
    assert wrong.status_code == 400 and 'role="alert"' in wrong.text
    many = await page.post(
        "/quanly/moi/tao", {"unit": "DEMO-XA-T2", "role": "member", "count": "5000", "days": "10"}
    )
    assert many.status_code == 400


def test_the_console_never_calls_the_shells_unit_and_invite_acts() -> None:
    """The console reaches the tree and the codes through the `*_as` services, which take the
    admin; the shell's functions act anywhere."""
    shells = {"add_unit", "rename_unit", "move_unit", "close_unit", "merge_unit", "create_invites"}
    for path in (ROOT / "bot" / "console").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in shells:
                raise AssertionError(f"{path.name} calls {node.attr}")
            if isinstance(node, ast.Name) and node.id in shells:
                raise AssertionError(f"{path.name} calls {node.id}")


TELEGRAM_TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"


async def test_with_telegram_the_sheet_offers_the_bots_deep_link(
    settings: Any, database: Database, demo: DemoInvites
) -> None:
    telegram = FakeTelegram()
    await telegram.start()
    configured = settings.model_copy(
        update={"telegram_token": TELEGRAM_TOKEN, "telegram_api_url": telegram.url}
    )
    app = create_app(configured, database)
    page = ConsoleUser(app)
    try:
        person = await registered(app, await invite_code(app, "DEMO", Role.ADMIN), "Quản Trị")
        await page.log_in(await link_token(app, person.member_id))
        web = await page.get("/quanly/moi/in", donvi="DEMO-XA-T1")
        assert "In bản mở bot trên Telegram" in web.text
        assert f'data-qr-text="{configured.public_base}/?ma={demo.member.code}"' in web.text
        sheet = await page.get("/quanly/moi/in", donvi="DEMO-XA-T1", kenh="telegram")
        target = f"https://t.me/antt_test_bot?start={demo.member.code}"
        assert f'data-qr-text="{target}"' in sheet.text
        assert segno.make(target, error="m").svg_inline(scale=4, omitsize=True) in sheet.text
        assert "bấm Bắt đầu" in sheet.text
    finally:
        await page.close()
        await app.state.telegram.stop()
        await telegram.stop()


async def test_without_an_answer_from_telegram_the_sheet_falls_back_to_the_web_chat(
    settings: Any, database: Database, demo: DemoInvites
) -> None:
    configured = settings.model_copy(
        update={"telegram_token": TELEGRAM_TOKEN, "telegram_api_url": "http://127.0.0.1:9"}
    )
    app = create_app(configured, database)
    app.state.telegram.startup_wait = 2
    page = ConsoleUser(app)
    try:
        person = await registered(app, await invite_code(app, "DEMO", Role.ADMIN), "Quản Trị")
        await page.log_in(await link_token(app, person.member_id))
        sheet = await page.get("/quanly/moi/in", donvi="DEMO-XA-T1", kenh="telegram")
        assert sheet.status_code == 200
        assert "Chưa hỏi được Telegram" in sheet.text
        assert f'data-qr-text="{configured.public_base}/?ma={demo.member.code}"' in sheet.text
    finally:
        await page.close()
        await app.state.telegram.stop()


async def test_a_member_promoted_in_the_console_gets_the_leaders_telegram_menu(
    settings: Any, database: Database, demo: DemoInvites
) -> None:
    telegram = FakeTelegram()
    await telegram.start()
    configured = settings.model_copy(
        update={"telegram_token": TELEGRAM_TOKEN, "telegram_api_url": telegram.url}
    )
    app = create_app(configured, database)
    channel = app.state.telegram
    await channel.start()
    page = ConsoleUser(app)
    try:
        user = TelegramUser(telegram, 903, "Lê Văn Lên")
        await register_on_telegram(user, demo.member.code)
        assert _chat_menus(telegram, 903) == []  # a member's menu is everyone's
        member_id = await database.run(
            lambda c: c.execute(
                select(members.c.id).where(members.c.full_name == "Lê Văn Lên")
            ).scalar_one()
        )
        person = await registered(app, await invite_code(app, "DEMO", Role.ADMIN), "Quản Trị")
        await page.log_in(await link_token(app, person.member_id))
        promoted = await page.post(f"/quanly/thanhvien/{member_id}/vaitro", {"role": "leader"})
        assert promoted.status_code == 303, promoted.text
        await until(lambda: len(_chat_menus(telegram, 903)) == 1, "the leader's menu")
        assert "duyet" in _chat_menus(telegram, 903)[0]
    finally:
        await page.close()
        await channel.stop()
        await telegram.stop()
