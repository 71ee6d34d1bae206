"""The permission table, over every console screen and act: roles x screens x actions, once
per database. Who may open what is the services' rule; this test reads it back through the
doors a browser uses (a session cookie, the page's CSRF token) and fails on any change. It
covers another commune's data (a reference, a tip, a reveal, a member, a unit) and a member's
attempt to get in."""

from __future__ import annotations

from typing import Any

import pytest

from campaign.roles import Role
from services.demo import DemoInvites, ensure_demo
from services.refusals import Refused
from storage.unit_of_work import UnitOfWork
from tests.bot.test_web_flows import log_tip
from tests.console import ConsoleUser, demo_extras, invite_code, link_token, registered

ROLES = ("leader", "officer", "officer2", "province_officer", "commune_admin", "province_admin")
Y, N = 200, 403  # opened / refused by the service


async def _world(app: Any, demo: DemoInvites) -> dict[str, Any]:
    await demo_extras(app)
    conversation = app.state.conversation
    now = conversation.now()
    await conversation.database.run(  # the demo plan, running today
        lambda c: ensure_demo(UnitOfWork(c).units, now, plan=True)
    )
    member = await registered(app, demo.member.code, "Lê Thị Viên")
    tip = await log_tip(member.chat, named=True)
    member2 = await registered(
        app, await invite_code(app, "DEMO-XA2-T1", Role.MEMBER), "Mai Văn Xa"
    )
    tip2 = await log_tip(member2.chat)
    people = {
        "member": member,
        "leader": await registered(app, demo.leader.code, "Trần Văn Tổ"),
        "officer": await registered(app, demo.officer.code, "Phạm Văn Cán"),
        "officer2": await registered(
            app, await invite_code(app, "DEMO-XA2", Role.OFFICER), "Ngô Văn Hai"
        ),
        "province_officer": await registered(
            app, await invite_code(app, "DEMO", Role.OFFICER), "Vũ Văn Tỉnh"
        ),
        "commune_admin": await registered(
            app, await invite_code(app, "DEMO-XA", Role.ADMIN), "Hồ Thị Xã"
        ),
        "province_admin": await registered(
            app, await invite_code(app, "DEMO", Role.ADMIN), "Quản Trị Tỉnh"
        ),
    }
    sessions: dict[str, ConsoleUser] = {}
    for role in ROLES:
        user = ConsoleUser(app)
        await user.log_in(await link_token(app, people[role].member_id))
        assert (await user.get("/quanly/")).status_code == 200, role
        sessions[role] = user
    return {"people": people, "sessions": sessions, "tip": tip, "tip2": tip2}


PAGES = (
    "/quanly/muc",
    "/quanly/tin",
    "/quanly/bando",
    "/quanly/xephang",
    "/quanly/chitieu",
    "/quanly/chitieu/nhap",
    "/quanly/hanchot",
    "/quanly/baocao",
    "/quanly/thongbao",
    "/quanly/donvi",
    "/quanly/thanhvien",
    "/quanly/moi",
    "/quanly/moi/in",
    "/quanly/danhsach",
    "/quanly/kehoach",
    "/quanly/nhatky",
    "/quanly/xoadulieu",
)


COMMANDERS = dict.fromkeys(ROLES, Y)
SENDERS = {**COMMANDERS, "leader": N}  # broadcasts: officers and admins
DRAFTERS = {**COMMANDERS, "leader": N}  # reports: officers and admins
ADMINS = {**dict.fromkeys(ROLES, N), "commune_admin": Y, "province_admin": Y}
EXPECTED: dict[str, dict[str, int]] = {
    "/quanly/muc": COMMANDERS,
    "/quanly/tin": COMMANDERS,
    "/quanly/bando": COMMANDERS,
    "/quanly/xephang": COMMANDERS,
    "/quanly/chitieu": COMMANDERS,
    "/quanly/chitieu/nhap": COMMANDERS,
    "/quanly/hanchot": COMMANDERS,
    "/quanly/baocao": DRAFTERS,
    "/quanly/thongbao": SENDERS,
    "/quanly/donvi": ADMINS,
    "/quanly/thanhvien": ADMINS,
    "/quanly/moi": ADMINS,
    "/quanly/moi/in": ADMINS,
    "/quanly/danhsach": ADMINS,
    "/quanly/kehoach": ADMINS,
    "/quanly/nhatky": ADMINS,
    "/quanly/xoadulieu": ADMINS,
}

# Every act, by the most powerful session, without the form's CSRF token: refused, nothing done.
POSTS = (
    "/quanly/thoat",
    "/quanly/ngonngu",
    "/quanly/muc/duyet",
    "/quanly/muc/{tip}",
    "/quanly/tin/{tip}/giao",
    "/quanly/tin/{tip}/ghichu",
    "/quanly/tin/{tip}/hoi",
    "/quanly/tin/{tip}/chuyen",
    "/quanly/tin/{tip}/nguoi-cung-cap",
    "/quanly/chitieu/nhap",
    "/quanly/baocao/soan",
    "/quanly/hanchot/ke-hoach/han/2026-01-01/nhan",
    "/quanly/hanchot/ke-hoach/han/2026-01-01/tralai",
    "/quanly/hanchot/ke-hoach/han/2026-01-01/tailen",
    "/quanly/hanchot/ke-hoach/han/2026-01-01/bo",
    "/quanly/hanchot/ke-hoach/han/2026-01-01/nop",
    "/quanly/hanchot/ke-hoach/han/2026-01-01/rutlai",
    "/quanly/thongbao/xem",
    "/quanly/thongbao/gui",
    "/quanly/thongbao/1/dung",
    "/quanly/thongbao/1/huy",
    "/quanly/donvi/them",
    "/quanly/donvi/doiten",
    "/quanly/donvi/chuyen",
    "/quanly/donvi/dong",
    "/quanly/donvi/sapnhap",
    "/quanly/thanhvien/{member}/vaitro",
    "/quanly/thanhvien/{member}/chuyen",
    "/quanly/thanhvien/{member}/ngung",
    "/quanly/moi/tao",
    "/quanly/danhsach",
    "/quanly/danhsach/nhap",
    "/quanly/kehoach",
    "/quanly/kehoach/nap",
    "/quanly/kehoach/ketthuc",
    "/quanly/xoadulieu/1/xacnhan",
    "/quanly/xoadulieu/1/tuchoi",
)


async def test_the_permission_table(app: Any, demo: DemoInvites) -> None:
    world = await _world(app, demo)
    sessions: dict[str, ConsoleUser] = world["sessions"]
    people = world["people"]
    tip, tip2 = world["tip"], world["tip2"]

    found = {
        path: {role: (await sessions[role].get(path)).status_code for role in ROLES}
        for path in EXPECTED
    }
    assert found == EXPECTED

    # Another commune's data: the entry, the tip, the reveal, a member, a unit.
    officer2, officer = sessions["officer2"], sessions["officer"]
    assert (await officer2.get(f"/quanly/muc/{tip}")).status_code in (403, 404)
    assert (await officer.get(f"/quanly/muc/{tip2}")).status_code in (403, 404)
    assert (await officer2.get(f"/quanly/tin/{tip}")).status_code in (403, 404)
    assert tip not in (await officer2.get("/quanly/muc")).text
    assert tip2 not in (await officer.get("/quanly/tin")).text
    assert tip2 in (await sessions["province_admin"].get("/quanly/muc")).text
    for role in ("officer2", "province_admin", "commune_admin", "leader"):
        reveal = await sessions[role].post(
            f"/quanly/tin/{tip}/nguoi-cung-cap", {"reason": "Cần xác minh trực tiếp với người báo"}
        )
        assert reveal.status_code in (403, 404), role
        assert "Lê Thị Mật" not in reveal.text and "0912345678" not in reveal.text, role
    commune_admin = sessions["commune_admin"]
    member2 = people["member"].member_id  # a member of the admin's own commune: fine
    assert (await commune_admin.get(f"/quanly/thanhvien/{member2}")).status_code == 200
    other = people["officer2"].member_id
    assert (await commune_admin.get(f"/quanly/thanhvien/{other}")).status_code in (403, 404)
    renamed = await commune_admin.post(
        "/quanly/donvi/doiten", {"unit": "DEMO-XA2", "name": "Xã Bị Đổi Tên"}
    )
    assert renamed.status_code == 403
    assert "Xã Bị Đổi Tên" not in (await sessions["province_admin"].get("/quanly/donvi")).text
    stepped_up = await commune_admin.post(
        f"/quanly/thanhvien/{people['officer'].member_id}/vaitro", {"role": "admin"}
    )
    assert stepped_up.status_code == 403  # an admin of the commune is the province's to make
    peer_code = await commune_admin.post(
        "/quanly/moi/tao", {"unit": "DEMO-XA", "role": "admin", "count": "1", "days": "7"}
    )
    assert peer_code.status_code == 403
    below = await sessions["province_admin"].post(
        "/quanly/moi/tao", {"unit": "DEMO-XA", "role": "admin", "count": "1", "days": "7"}
    )
    assert below.status_code == 303
    leader = sessions["leader"]
    assert (
        await leader.post("/quanly/donvi/them", {"code": "X-1", "name": "X"})
    ).status_code == 403
    assert (await leader.post("/quanly/moi/tao", {"unit": "DEMO-XA-T1"})).status_code == 403

    # Every act without the CSRF token.
    admin = sessions["province_admin"]
    for template in POSTS:
        path = template.format(tip=tip, member=people["member"].member_id)
        response = await admin.client.post(path, data={"reason": "Cần xác minh trực tiếp"})
        assert response.status_code == 403, path
        assert "mã bảo vệ" in response.text, path
    assert (await admin.get("/quanly/")).status_code == 200  # no act above logged them out

    # A member cannot get in: no link for them, and no made-up token opens anything.
    member = people["member"]
    await member.chat.say("/quanly")
    assert "/quanly/vao" not in member.chat.text
    with pytest.raises(Refused):
        await link_token(app, member.member_id)
    stranger = ConsoleUser(app)
    assert (await stranger.log_in("A" * 43)).status_code == 400
    for path in EXPECTED:
        assert (await stranger.get(path)).status_code == 401, path
    await stranger.close()
    for user in sessions.values():
        await user.close()
