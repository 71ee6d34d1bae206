"""The console's broadcasts screen: an officer composes to one team and one role, previews
the message as members will read it, sends; members of that team read it in their chat and
others do not; a unit outside the officer's commune is refused; one set for later is listed
and cancelled; one sending is stopped; the delivery report names each recipient and its
outcome and exports; a leader and a form without its token are refused."""

from __future__ import annotations

import csv
import html
import io
import re
from datetime import datetime, timedelta
from typing import Any

import pytest
from PIL import Image
from sqlalchemy import func, select, update

from bot.settings import Settings
from campaign.roles import Role
from services.demo import DemoInvites
from storage.database import Database
from storage.schema import audit_log, broadcasts, members, units
from tests.bot.test_broadcast_chat import announcements
from tests.console import ConsoleUser, Person, demo_extras, invite_code, link_token, registered

TEXT = "Họp tổ lúc 19 giờ tối nay tại nhà văn hóa."
HEADER = "📢 Thông báo của Xã Hòa Bình:"


@pytest.fixture
async def browser(app: Any) -> Any:
    made: list[ConsoleUser] = []

    def make() -> ConsoleUser:
        made.append(ConsoleUser(app))
        return made[-1]

    yield make
    for user in made:
        await user.close()


async def logged_in(app: Any, browser: Any, person: Person) -> ConsoleUser:
    user: ConsoleUser = browser()
    answer = await user.log_in(await link_token(app, person.member_id))
    assert answer.status_code == 303
    return user


def unit_options(page: str) -> dict[str, str]:
    """The unit select's options: name -> value."""
    select_html = page.split('name="unit"', 1)[1].split("</select>", 1)[0]
    return {
        name.strip("— ").strip(): value
        for value, name in re.findall(r'<option value="(\d+)"[^>]*>([^<]+)</option>', select_html)
    }


def hidden(page: str) -> dict[str, str]:
    """The send form's hidden fields, as the preview carries them."""
    form = page.split('action="/quanly/thongbao/gui"', 1)[1].split("</form>", 1)[0]
    return {
        name: html.unescape(value)
        for name, value in re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)"', form)
    }


async def count(database: Database) -> int:
    return int(
        await database.run(
            lambda c: c.execute(select(func.count()).select_from(broadcasts)).scalar_one()
        )
    )


async def commune(app: Any, demo: DemoInvites) -> tuple[Person, Person, Person, Person]:
    officer = await registered(app, demo.officer.code, "Cán Bộ Xã")
    east = await registered(app, demo.member.code, "Tổ Viên Đông")
    west = await registered(app, await invite_code(app, "DEMO-XA-T2", Role.MEMBER), "Tổ Viên Tây")
    leader = await registered(app, demo.leader.code, "Tổ Trưởng Đông")
    return officer, east, west, leader


async def test_an_officer_sends_to_one_team_and_role_and_reads_the_delivery_report(
    app: Any, demo: DemoInvites, browser: Any, database: Database
) -> None:
    officer, east, west, leader = await commune(app, demo)
    user = await logged_in(app, browser, officer)
    home = await user.get("/quanly/")
    assert 'href="/quanly/thongbao"' in home.text
    page = await user.get("/quanly/thongbao")
    assert page.status_code == 200
    units = unit_options(page.text)
    assert list(units)[:1] == ["Xã Hòa Bình"]
    assert "Tổ bảo vệ ANTT thôn Đông" in units and "Tổ bảo vệ ANTT thôn Tây" in units
    assert "Xã Yên Lạc" not in units
    team = units["Tổ bảo vệ ANTT thôn Đông"]

    shown = await user.post(
        "/quanly/thongbao/xem",
        {"text": TEXT, "audience": "member", "unit": team, "when": "now"},
        files={"photo": ("", b"", "application/octet-stream")},
    )
    assert shown.status_code == 200, shown.text
    assert f"{HEADER}\n{TEXT}" in shown.text  # exactly as members read it
    assert "1 người nhận được" in shown.text  # the team's one registered member
    assert "chưa dùng kênh nào" in shown.text  # the team's roster not on any channel
    assert await count(database) == 0 and await announcements(east.chat) == []

    fields = hidden(shown.text)
    assert fields["unit"] == team and fields["audience"] == "member" and fields["text"] == TEXT
    sent = await user.post("/quanly/thongbao/gui", fields)
    assert sent.status_code == 303
    number = int(sent.headers["location"].split("so=")[1])
    listed = await user.get(sent.headers["location"])
    assert f"Đã bắt đầu gửi thông báo #{number}." in listed.text
    assert f'data-poll="/quanly/thongbao/{number}/tiendo"' in listed.text

    [got] = await announcements(east.chat)
    assert got["text"] == f"{HEADER}\n{TEXT}"
    assert await announcements(west.chat) == []  # the other team
    assert await announcements(leader.chat) == []  # the same team, another role

    report = await user.get(f"/quanly/thongbao/{number}")
    assert report.status_code == 200
    rows = re.findall(r"<tr>\s*<td>([^<]+)</td>\s*<td>([^<]+)</td>\s*<td>([^<]*)</td>", report.text)
    by_name = {name: (unit, channel) for name, unit, channel in rows}
    assert by_name["Tổ Viên Đông"] == ("Tổ bảo vệ ANTT thôn Đông", "web chat")
    assert "Tổ Viên Tây" not in by_name and "Tổ Trưởng Đông" not in by_name
    assert "Đã nhận" in report.text and "Không liên lạc được" in report.text
    assert "chat_id" not in report.text and "antt_session" not in report.text
    unreached = await user.get(f"/quanly/thongbao/{number}", ket_qua="unreached")
    assert "Tổ Viên Đông" not in unreached.text and "Không liên lạc được" in unreached.text

    exported = await user.get(f"/quanly/thongbao/{number}", xuat="csv")
    assert exported.status_code == 200
    lines = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert lines[0] == ["Họ và tên", "Đơn vị", "Kênh", "Kết quả", "Thời điểm"]
    assert ["Tổ Viên Đông", "Tổ bảo vệ ANTT thôn Đông", "web chat", "Đã nhận"] in [
        line[:4] for line in lines
    ]
    assert {line[3] for line in lines[1:]} == {"Đã nhận", "Không liên lạc được"}
    workbook = await user.get(f"/quanly/thongbao/{number}", xuat="xlsx")
    assert workbook.status_code == 200 and workbook.content[:2] == b"PK"
    exports = await database.run(
        lambda c: c.execute(
            select(func.count())
            .select_from(audit_log)
            .where(audit_log.c.action == "export.broadcast_deliveries")
        ).scalar_one()
    )
    assert exports == 2

    # The progress box the page polls; stopped, it says it is finished.
    box = await user.get(f"/quanly/thongbao/{number}/tiendo")
    assert "Đang gửi" in box.text and "data-finished" not in box.text
    stopped = await user.post(f"/quanly/thongbao/{number}/dung")
    assert stopped.status_code == 303 and "done=stopped" in stopped.headers["location"]
    box = await user.get(f"/quanly/thongbao/{number}/tiendo")
    assert "Đã dừng" in box.text and "data-finished" in box.text
    again = await user.post(f"/quanly/thongbao/{number}/dung")
    assert again.status_code == 403  # no longer sending: nothing to stop


async def test_a_unit_outside_the_officers_commune_is_refused(
    app: Any, demo: DemoInvites, browser: Any, database: Database
) -> None:
    await demo_extras(app)
    officer, *_ = await commune(app, demo)
    await registered(app, await invite_code(app, "DEMO-XA2-T1", Role.MEMBER), "Tổ Viên Bắc")
    user = await logged_in(app, browser, officer)
    page = await user.get("/quanly/thongbao")
    assert "Tổ bảo vệ ANTT thôn Bắc" not in unit_options(page.text)
    north = await database.run(
        lambda c: c.execute(select(units.c.id).where(units.c.code == "DEMO-XA2-T1")).scalar_one()
    )
    forged = {"text": TEXT, "audience": "all", "unit": str(north), "when": "now"}
    shown = await user.post("/quanly/thongbao/xem", forged)
    assert shown.status_code == 403
    assert "đơn vị của mình hoặc một đơn vị trực thuộc" in shown.text
    sent = await user.post("/quanly/thongbao/gui", forged)
    assert sent.status_code == 403
    assert await count(database) == 0


async def test_a_broadcast_set_for_later_is_listed_and_cancelled(
    app: Any, demo: DemoInvites, browser: Any, database: Database, settings: Settings
) -> None:
    officer, east, *_ = await commune(app, demo)
    user = await logged_in(app, browser, officer)
    await user.get("/quanly/thongbao")
    now = datetime.now(settings.zone)
    past = {
        "text": TEXT,
        "audience": "all",
        "when": "later",
        "send_at": (now - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
    }
    refused = await user.post("/quanly/thongbao/xem", past)
    assert (
        refused.status_code == 400 and "đã qua" in refused.text and 'role="alert"' in refused.text
    )
    at = (now + timedelta(days=1)).replace(hour=8, minute=0)
    shown = await user.post(
        "/quanly/thongbao/xem", {**past, "send_at": at.strftime("%Y-%m-%dT%H:%M")}
    )
    assert shown.status_code == 200
    assert at.strftime("%d/%m/%Y 08:00") in shown.text and "UTC+07:00" in shown.text
    sent = await user.post("/quanly/thongbao/gui", hidden(shown.text))
    assert sent.status_code == 303 and "done=scheduled" in sent.headers["location"]
    number = int(sent.headers["location"].split("so=")[1])
    listed = await user.get("/quanly/thongbao")
    waiting = listed.text.split("Thông báo hẹn giờ", 1)[1]
    assert f"/quanly/thongbao/{number}/huy" in waiting and at.strftime("%d/%m/%Y 08:00") in waiting
    assert await announcements(east.chat) == []

    cancelled = await user.post(f"/quanly/thongbao/{number}/huy")
    assert cancelled.status_code == 303
    listed = await user.get(cancelled.headers["location"])
    assert f"Đã hủy thông báo hẹn giờ #{number}." in listed.text
    assert f"/quanly/thongbao/{number}/huy" not in listed.text
    status = await database.run(
        lambda c: c.execute(
            select(broadcasts.c.status).where(broadcasts.c.id == number)
        ).scalar_one()
    )
    assert status == "cancelled"


async def test_a_photo_that_is_not_an_image_is_refused_with_a_clear_message(
    app: Any, demo: DemoInvites, browser: Any, database: Database
) -> None:
    officer, *_ = await commune(app, demo)
    user = await logged_in(app, browser, officer)
    await user.get("/quanly/thongbao")
    refused = await user.post(
        "/quanly/thongbao/xem",
        {"text": TEXT, "audience": "all", "when": "now"},
        files={"photo": ("anh.jpg", b"\xff\xd8\xff\xe0 not really a jpeg", "image/jpeg")},
    )
    assert refused.status_code == 400
    assert "không phải ảnh JPEG, PNG hoặc WebP đọc được" in refused.text
    assert TEXT in refused.text  # the draft is kept
    assert "/quanly/thongbao/gui" not in refused.text  # no send button without a good preview
    assert await count(database) == 0


async def test_a_leader_and_a_form_without_its_token_are_refused(
    app: Any, demo: DemoInvites, browser: Any, database: Database
) -> None:
    officer, east, _, leader = await commune(app, demo)
    with pytest.raises(Exception, match="dành cho tổ trưởng"):  # a member has no console
        await link_token(app, east.member_id)
    boss = await logged_in(app, browser, officer)
    await boss.get("/quanly/thongbao")
    shown = await boss.post(
        "/quanly/thongbao/xem", {"text": TEXT, "audience": "all", "when": "now"}
    )
    sent = await boss.post("/quanly/thongbao/gui", hidden(shown.text))
    number = int(sent.headers["location"].split("so=")[1])

    user = await logged_in(app, browser, leader)
    home = await user.get("/quanly/")
    assert 'href="/quanly/thongbao"' not in home.text  # not in a leader's navigation
    assert (await user.get("/quanly/thongbao")).status_code == 403
    assert (await user.get(f"/quanly/thongbao/{number}")).status_code == 403
    assert (await user.get(f"/quanly/thongbao/{number}", xuat="csv")).status_code == 403
    for path in (
        "/quanly/thongbao/xem",
        "/quanly/thongbao/gui",
        f"/quanly/thongbao/{number}/dung",
        f"/quanly/thongbao/{number}/huy",
    ):
        answer = await user.post(path, {"text": TEXT, "audience": "all", "when": "now"})
        assert answer.status_code == 403, path
        assert "Chỉ cán bộ Công an xã và quản trị viên gửi được thông báo." in answer.text
    assert await count(database) == 1

    # The officer's own form without its CSRF token changes nothing.
    bare = await boss.client.post(
        "/quanly/thongbao/gui", data={"text": TEXT, "audience": "all", "when": "now"}
    )
    assert bare.status_code == 403
    bare = await boss.client.post(f"/quanly/thongbao/{number}/dung", data={})
    assert bare.status_code == 403
    assert await count(database) == 1
    box = await boss.get(f"/quanly/thongbao/{number}/tiendo")
    assert "Đang gửi" in box.text


async def test_an_admin_stops_the_broadcast_of_an_officer_of_the_commune(
    app: Any, demo: DemoInvites, browser: Any, database: Database
) -> None:
    officer, *_ = await commune(app, demo)
    admin = await registered(app, await invite_code(app, "DEMO-XA", Role.ADMIN), "Quản Trị Xã")
    boss = await logged_in(app, browser, officer)
    await boss.get("/quanly/thongbao")
    shown = await boss.post(
        "/quanly/thongbao/xem", {"text": TEXT, "audience": "all", "when": "now"}
    )
    sent = await boss.post("/quanly/thongbao/gui", hidden(shown.text))
    number = int(sent.headers["location"].split("so=")[1])

    user = await logged_in(app, browser, admin)
    listed = await user.get("/quanly/thongbao")
    assert f"/quanly/thongbao/{number}/dung" in listed.text  # an officer's, under the admin
    report = await user.get(f"/quanly/thongbao/{number}")
    assert "Cán Bộ Xã" in report.text
    stopped = await user.post(f"/quanly/thongbao/{number}/dung")
    assert stopped.status_code == 303
    status = await database.run(
        lambda c: c.execute(
            select(broadcasts.c.status).where(broadcasts.c.id == number)
        ).scalar_one()
    )
    assert status == "stopped"


async def sent_by(user: ConsoleUser, fields: dict[str, str]) -> int:
    await user.get("/quanly/thongbao")
    shown = await user.post("/quanly/thongbao/xem", fields)
    assert shown.status_code == 200, shown.text
    sent = await user.post("/quanly/thongbao/gui", hidden(shown.text))
    assert sent.status_code == 303, sent.text
    return int(sent.headers["location"].split("so=")[1])


async def test_another_communes_officer_follows_nothing_and_a_province_admin_everything(
    app: Any, demo: DemoInvites, browser: Any, database: Database
) -> None:
    await demo_extras(app)
    officer, east, *_ = await commune(app, demo)
    stranger = await registered(
        app, await invite_code(app, "DEMO-XA2", Role.OFFICER), "Cán Bộ Yên Lạc"
    )
    province = await registered(app, await invite_code(app, "DEMO", Role.ADMIN), "Quản Trị Tỉnh")
    number = await sent_by(
        await logged_in(app, browser, officer), {"text": TEXT, "audience": "all", "when": "now"}
    )

    other = await logged_in(app, browser, stranger)
    listed = await other.get("/quanly/thongbao")
    assert listed.status_code == 200 and TEXT not in listed.text
    assert "Tổ bảo vệ ANTT thôn Đông" not in unit_options(listed.text)
    for path in (f"/quanly/thongbao/{number}", f"/quanly/thongbao/{number}/tiendo"):
        answer = await other.get(path)
        assert answer.status_code == 403 and "Tổ Viên Đông" not in answer.text, path
    assert (await other.post(f"/quanly/thongbao/{number}/dung")).status_code == 403
    assert (await other.get(f"/quanly/thongbao/{number}", xuat="csv")).status_code == 403

    top = await logged_in(app, browser, province)
    listed = await top.get("/quanly/thongbao")
    assert TEXT in listed.text and f"/quanly/thongbao/{number}/dung" in listed.text
    units = unit_options(listed.text)
    assert next(iter(units)) == "Tỉnh Minh Họa" and "Tổ bảo vệ ANTT thôn Bắc" in units
    report = await top.get(f"/quanly/thongbao/{number}")
    assert "Tổ Viên Đông" in report.text
    # The province's admin writes to one commune's team, in that admin's name.
    team = units["Tổ bảo vệ ANTT thôn Đông"]
    await sent_by(top, {"text": "Kiểm tra", "audience": "all", "unit": team, "when": "now"})
    got = [m["text"] for m in await announcements(east.chat)]
    assert got[-1] == "📢 Thông báo của Tỉnh Minh Họa:\nKiểm tra"
    assert await count(database) == 2


async def test_an_admin_stops_the_broadcast_of_an_officer_demoted_since(
    app: Any, demo: DemoInvites, browser: Any, database: Database
) -> None:
    officer, *_ = await commune(app, demo)
    admin = await registered(app, await invite_code(app, "DEMO-XA", Role.ADMIN), "Quản Trị Xã")
    number = await sent_by(
        await logged_in(app, browser, officer), {"text": TEXT, "audience": "all", "when": "now"}
    )
    # No door demotes anyone yet: the roster would.
    await database.run(
        lambda c: c.execute(
            update(members).where(members.c.id == officer.member_id).values(role="member")
        )
    )
    user = await logged_in(app, browser, admin)
    listed = await user.get("/quanly/thongbao")
    assert f"/quanly/thongbao/{number}/dung" in listed.text
    stopped = await user.post(f"/quanly/thongbao/{number}/dung")
    assert stopped.status_code == 303
    status = await database.run(
        lambda c: c.execute(
            select(broadcasts.c.status).where(broadcasts.c.id == number)
        ).scalar_one()
    )
    assert status == "stopped"
    stops = await database.run(
        lambda c: c.execute(
            select(audit_log.c.actor_member_id).where(audit_log.c.action == "broadcast.stopped")
        ).all()
    )
    assert [row[0] for row in stops] == [admin.member_id]


async def test_a_photo_goes_with_the_announcement(
    app: Any, demo: DemoInvites, browser: Any
) -> None:
    officer, east, *_ = await commune(app, demo)
    user = await logged_in(app, browser, officer)
    await user.get("/quanly/thongbao")
    picture = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(picture, "PNG")
    shown = await user.post(
        "/quanly/thongbao/xem",
        {"text": TEXT, "audience": "all", "when": "now"},
        files={"photo": ("anh.png", picture.getvalue(), "image/png")},
    )
    assert shown.status_code == 200, shown.text
    fields = hidden(shown.text)
    assert fields["image"]
    image = await user.get(f"/quanly/thongbao/anh/{fields['image']}")
    assert image.status_code == 200 and image.headers["content-type"] == "image/png"
    forged = await user.post("/quanly/thongbao/gui", {**fields, "image": "not-a-token"})
    assert forged.status_code == 403
    sent = await user.post("/quanly/thongbao/gui", fields)
    assert sent.status_code == 303
    [got] = await announcements(east.chat)
    assert got["text"] == f"{HEADER}\n{TEXT}"
    assert fields["image"] in str(got)
