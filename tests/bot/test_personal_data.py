"""Personal-data rights: /dulieucuatoi gives the member a file of what the bot holds about them
(an officer's reveal of their tip among the audit lines, the informant never in clear), and an
erasure request that an admin of their line refuses or confirms in the console; a confirmed one
forgets the chat, keeps verified entries and tips anonymised (standings unchanged) and deletes
the pending one. One scenario per database, as it is long."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from bot.settings import Settings
from campaign.roles import Role
from services import personal_data, tips
from services.demo import DemoInvites
from services.refusals import Refused
from storage.database import Database
from storage.schema import (
    audit_log,
    chat_states,
    entries,
    erasure_requests,
    identities,
    informants,
    members,
    standings,
)
from tests.bot.test_plan_menus import load, plan_text
from tests.bot.test_web_flows import log_tip
from tests.conftest import JPEG
from tests.console import ConsoleUser, invite_code, link_token, registered


async def _rows(database: Database, query: Any) -> list[Any]:
    return await database.run(lambda c: list(c.execute(query).all()))


async def _file(user: Any) -> dict[str, Any]:
    link = next(m["file_url"] for m in reversed(user.last) if m.get("file_url"))
    response = await user.client.get(link)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert response.headers["cache-control"] == "no-store"  # no copy left in a shared cache
    found: dict[str, Any] = json.loads(response.content)
    return found


async def _patrol(user: Any, where: str, *, photo: bool = False) -> None:
    await user.say("/tuantra")
    await user.say("hôm qua")
    await user.say("19:00")
    await user.say("22h30")
    await user.say(where)
    await user.tap("Xong")  # no teammate
    await user.tap("Bỏ qua")  # notes
    if photo:
        await user.photo(JPEG)
    else:
        await user.tap("Bỏ qua")
    await user.tap("Lưu")
    assert "Đã lưu" in user.text, user.text


async def _ask_erasure(user: Any) -> None:
    await user.say("/dulieucuatoi")
    await user.tap("Yêu cầu xoá dữ liệu")
    assert "Bạn chắc chắn muốn yêu cầu xoá" in user.text
    await user.tap("Tôi yêu cầu xoá")
    assert "Đã gửi yêu cầu xoá dữ liệu" in user.text, user.text


async def _console(app: Any, member_id: int) -> ConsoleUser:
    user = ConsoleUser(app)
    await user.log_in(await link_token(app, member_id))
    return user


async def test_a_member_sees_their_data_and_is_erased_once_an_admin_confirms(
    app: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    conversation = app.state.conversation
    today = datetime.now(settings.zone).date()
    await load(database, settings, plan_text(today - timedelta(days=5), today + timedelta(days=5)))
    member = await registered(app, demo.member.code, "Nguyễn Thị Hoa")
    chat = member.chat
    leader = await registered(app, await invite_code(app, "DEMO-XA-T1", Role.LEADER), "Trần Văn Tổ")
    officer = await registered(app, demo.officer.code, "Phạm Văn Cán")
    admin = await registered(app, await invite_code(app, "DEMO-XA", Role.ADMIN), "Hồ Thị Xã")

    # A patrol verified (kept anonymised), a tip with a named informant (kept), a patrol with a
    # photo still pending (deleted, its file too).
    await _patrol(chat, "Đường liên thôn Đông - Tây")
    await leader.chat.say("/duyet")
    await leader.chat.tap("Xác nhận")
    tip = await log_tip(chat, named=True)
    await _patrol(chat, "Chợ thôn Đông", photo=True)
    [photo_file] = [p for p in (settings.data_dir / "attachments").rglob("*") if p.is_file()]
    own = {
        row.content_area + ":" + row.status: row.reference
        for row in await _rows(
            database,
            select(entries.c.reference, entries.c.content_area, entries.c.status).where(
                entries.c.member_id == member.member_id
            ),
        )
    }
    verified, pending = own["patrol:verified"], own["patrol:pending"]
    assert own["tip:pending"] == tip

    # The commune's officer sees who gave the tip (audited).
    def reveal(connection: Any) -> None:
        repository = conversation.repository(connection)
        seer = repository.active_member(officer.member_id)
        tips.reveal(repository, repository, seer, tip, "Cần gọi lại người báo", conversation.now())

    await database.run(reveal)

    # ... and gives it to himself to follow up (the audit line names him: not in her copy).
    def assign(connection: Any) -> None:
        repository = conversation.repository(connection)
        seer = repository.active_member(officer.member_id)
        tips.assign(repository, seer, tip, officer.member_id, conversation.now())

    await database.run(assign)

    # The member's copy: their entries, the officer's reveal by role and unit, no informant.
    await chat.say("/dulieucuatoi")
    assert "Tệp dữ liệu bot đang giữ về bạn" in chat.text
    copy = await _file(chat)
    written = json.dumps(copy, ensure_ascii=False)
    assert copy["profile"]["full_name"] == "Nguyễn Thị Hoa"
    assert {e["reference"] for e in copy["entries"]} == {verified, pending, tip}
    the_tip = next(e for e in copy["entries"] if e["reference"] == tip)
    assert "niêm phong" in the_tip["informant"]
    assert "Lê Thị Mật" not in written and "0912345678" not in written
    assert all(i["user_id"].startswith("•••") for i in copy["identities"])
    revealed = [a for a in copy["audit"] if a["action"] == "informant.revealed"]
    assert len(revealed) == 1 and revealed[0]["record"] == f"entries {tip}"
    assert "Công an xã" in revealed[0]["by"] and "Xã Hòa Bình" in revealed[0]["by"]
    assert revealed[0]["details"] == {"reason": "Cần gọi lại người báo"}
    assert "Phạm Văn Cán" not in written
    exported = await _rows(
        database, select(audit_log.c.id).where(audit_log.c.action == "member.data_export")
    )
    assert len(exported) == 1

    # Asked once; asking again while it waits says so (the chat, and the service).
    await _ask_erasure(chat)
    await chat.say("/dulieucuatoi")
    assert "đang chờ quản trị viên xem xét" in chat.text and "Rút yêu cầu" in chat.text
    await chat.tap("Về menu chính")
    me = await database.run(lambda c: conversation.repository(c).active_member(member.member_id))
    with pytest.raises(Refused, match="đang chờ xem xét"):
        await database.run(
            lambda c: personal_data.ask_erasure(conversation.repository(c), me, conversation.now())
        )
    told = [m["text"] for m in await admin.chat.inbox()]
    assert any("Nguyễn Thị Hoa" in t and "yêu cầu xoá dữ liệu" in t for t in told), told
    [(number,)] = await _rows(database, select(erasure_requests.c.id))

    # Not an admin: the screen and the act are refused.
    as_officer = await _console(app, officer.member_id)
    assert (await as_officer.get("/quanly/xoadulieu")).status_code == 403
    await as_officer.get("/quanly/")
    not_theirs = await as_officer.post(f"/quanly/xoadulieu/{number}/xacnhan")
    assert not_theirs.status_code == 403

    # The admin refuses (a reason needed): the member is told, nothing else changes.
    standings_before = await _rows(database, select(standings).order_by(*standings.primary_key))
    as_admin = await _console(app, admin.member_id)
    page = await as_admin.get("/quanly/xoadulieu")
    assert page.status_code == 200 and "Nguyễn Thị Hoa" in page.text
    shown = await as_admin.get(f"/quanly/xoadulieu/{number}")
    assert "Mục giữ lại ẩn danh (đã xác nhận, tin báo): 2" in shown.text
    # Irreversible: the page asks before it goes (console.js's data-confirm).
    assert 'data-confirm="Xoá vĩnh viễn dữ liệu của Nguyễn Thị Hoa?' in shown.text
    short = await as_admin.post(f"/quanly/xoadulieu/{number}/tuchoi", {"reason": "ừ"})
    assert short.status_code == 400
    done = await as_admin.post(
        f"/quanly/xoadulieu/{number}/tuchoi", {"reason": "Vụ việc đang điều tra"}
    )
    assert done.status_code == 303
    told = [m["text"] for m in await chat.inbox()]
    assert any("bị từ chối" in t and "Vụ việc đang điều tra" in t for t in told), told
    [(name, active)] = await _rows(
        database,
        select(members.c.full_name, members.c.active).where(members.c.id == member.member_id),
    )
    assert (name, active) == ("Nguyễn Thị Hoa", True)
    assert len(await _rows(database, select(entries.c.id))) == 3
    again = await as_admin.post(f"/quanly/xoadulieu/{number}/xacnhan")
    assert again.status_code == 403  # settled: no confirming it afterwards

    # Asked, withdrawn, asked again; the admin confirms.
    await _ask_erasure(chat)
    await chat.say("/dulieucuatoi")
    await chat.tap("Rút yêu cầu xoá")
    assert "Đã rút yêu cầu xoá dữ liệu" in chat.text
    await _ask_erasure(chat)
    [(number,)] = await _rows(
        database, select(erasure_requests.c.id).where(erasure_requests.c.status == "asked")
    )
    await as_admin.get(f"/quanly/xoadulieu/{number}")
    confirmed = await as_admin.post(f"/quanly/xoadulieu/{number}/xacnhan")
    assert confirmed.status_code == 303
    wal = Path(f"{database.url.database}-wal")
    if database.is_sqlite:  # the WAL's old frames no longer hold her name
        assert "Nguyễn Thị Hoa".encode() not in (wal.read_bytes() if wal.exists() else b"")

    [(name, phone, active)] = await _rows(
        database,
        select(members.c.full_name, members.c.phone, members.c.active).where(
            members.c.id == member.member_id
        ),
    )
    assert (name, phone, active) == (f"Thành viên đã xoá #{member.member_id}", None, False)
    assert not await _rows(
        database, select(identities.c.id).where(identities.c.member_id == member.member_id)
    )
    web_chat = app.state.web.chat_id(chat.client.cookies.get("antt_session"))
    assert not await _rows(
        database, select(chat_states.c.chat_id).where(chat_states.c.chat_id == web_chat)
    )
    left = {
        row.reference: row
        for row in await _rows(
            database,
            select(
                entries.c.reference,
                entries.c.details,
                entries.c.search_text,
                entries.c.points,
                entries.c.delivery_key,
            ),
        )
    }
    assert set(left) == {verified, tip}
    assert not any(web_chat in row.delivery_key for row in left.values())  # the chat's id gone
    assert left[verified].details == {} and left[verified].search_text is None
    assert left[verified].points
    assert len(await _rows(database, select(informants.c.id))) == 1  # the tip's retention
    standings_after = await _rows(database, select(standings).order_by(*standings.primary_key))
    assert standings_after == standings_before
    erased = await _rows(
        database,
        select(audit_log.c.details).where(
            audit_log.c.action == "member.erased", audit_log.c.actor_member_id == admin.member_id
        ),
    )
    assert erased[0].details["entries_kept"] == 2 and erased[0].details["entries_deleted"] == 1

    # The chat is forgotten: told once, then a stranger.
    assert not photo_file.exists()
    assert any("đã được xoá theo yêu cầu" in m["text"] for m in await chat.inbox())
    await chat.say("/cuatoi")
    assert "Bạn chưa đăng ký" in chat.text
    for user in (as_officer, as_admin):
        await user.close()


async def test_an_erased_officer_is_no_longer_named_where_a_tip_was_assigned_to_him(
    app: Any, demo: DemoInvites, database: Database
) -> None:
    conversation = app.state.conversation
    member = await registered(app, demo.member.code, "Nguyễn Thị Hoa")
    officer = await registered(app, demo.officer.code, "Phạm Văn Cán")
    chief = await registered(app, await invite_code(app, "DEMO-XA", Role.OFFICER), "Lý Văn Giao")
    admin = await registered(app, await invite_code(app, "DEMO-XA", Role.ADMIN), "Hồ Thị Xã")
    tip = await log_tip(member.chat)

    def assign(connection: Any) -> None:  # by another officer: a line neither by nor about him
        repository = conversation.repository(connection)
        seer = repository.active_member(chief.member_id)
        tips.assign(repository, seer, tip, officer.member_id, conversation.now())

    await database.run(assign)
    await _ask_erasure(officer.chat)
    [(number,)] = await _rows(database, select(erasure_requests.c.id))
    as_admin = await _console(app, admin.member_id)
    await as_admin.get(f"/quanly/xoadulieu/{number}")
    assert (await as_admin.post(f"/quanly/xoadulieu/{number}/xacnhan")).status_code == 303
    [(details,)] = await _rows(
        database, select(audit_log.c.details).where(audit_log.c.action == "tip.assigned")
    )
    assert details["assignee"] == f"Thành viên đã xoá #{officer.member_id}"
    await as_admin.close()
