"""The console's entries (/quanly/muc): each commander sees exactly their scope, filters narrow
it (Vietnamese text folded), the table pages and sorts, a file is the table as filtered and
never holds the informant, photos reach only those who may see them; reviewing one entry or
many tells each author in the chat as the chat's own review does."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from campaign.roles import Role
from services import browse
from services.demo import DemoInvites
from services.ports import EntryFilter
from services.refusals import Refused
from storage.database import Database
from storage.schema import audit_log
from tests.bot.test_web_flows import REFERENCE
from tests.conftest import JPEG
from tests.console import ConsoleUser, Person, demo_extras, invite_code, link_token, registered

ROW_LINK = re.compile(r'href="/quanly/muc/([A-Z]{2}-\d{4}-\d{6})"')
PHOTO = re.compile(r'src="/quanly/anh/([A-Za-z0-9_-]+)"')
SEEN = re.compile(r'name="seen" value="([^"]+)"')


@dataclass
class World:
    """Who logged what, and who looks: the first commune's two teams, the second commune."""

    hoa: Person  # a member of DEMO-XA-T1
    binh: Person  # a member of DEMO-XA-T2
    cuong: Person  # a member of the second commune's team
    leader: Person  # DEMO-XA-T1's leader
    officer: Person  # DEMO-XA's officer
    admin: Person  # the province's admin
    officer2: Person  # DEMO-XA2's officer
    province_officer: Person  # an officer placed on the province: reviews nobody's entries
    tip: str  # hoa's urgent tip, informant named, location shared
    lamp: str  # hoa's good deed in Hà Nội, with a photo
    formula: str  # hoa's good deed whose answer looks like a spreadsheet formula
    ditch: str  # binh's good deed
    granny: str  # cuong's good deed


async def good_deed(person: Person, what: str, *, photo: bool = False) -> str:
    chat = person.chat
    await chat.say("/viectot")
    await chat.say(what)
    await chat.say("Anh Bình")
    await chat.say("hôm nay")
    if photo:
        await chat.photo(JPEG)
    else:
        await chat.tap("Bỏ qua")
    assert "Kiểm tra lại trước khi lưu" in chat.text, chat.text
    await chat.tap("Lưu")
    found = REFERENCE.search(chat.text)
    assert found, chat.text
    return found.group(0)


async def located_tip(person: Person) -> str:
    """An urgent tip, its informant named, its place shared from the phone."""
    chat = person.chat
    await chat.say("/baotin")
    await chat.tap("Ma túy")
    await chat.say("Có người lạ tụ tập ở nhà hoang")
    await chat.post({"location": {"latitude": 21.0285, "longitude": 105.8542}})
    await chat.tap("Bây giờ")
    await chat.tap("có tên")
    await chat.say("Lê Thị Mật")
    await chat.say("0912345678")
    await chat.tap("Khẩn cấp")
    await chat.tap("Bỏ qua")
    await chat.tap("Lưu")
    found = REFERENCE.search(chat.text)
    assert found and "Đã lưu" in chat.text, chat.text
    return found.group(0)


async def world(app: Any, demo: DemoInvites) -> World:
    await demo_extras(app)
    hoa = await registered(app, demo.member.code, "Nguyễn Thị Hoa")
    binh = await registered(app, await invite_code(app, "DEMO-XA-T2", Role.MEMBER), "Trần Văn Bình")
    cuong = await registered(
        app, await invite_code(app, "DEMO-XA2-T1", Role.MEMBER), "Lê Văn Cường"
    )
    tip = await located_tip(hoa)
    lamp = await good_deed(hoa, "Sửa đèn đường ở Hà Nội", photo=True)
    formula = await good_deed(hoa, '=HYPERLINK("http://x")')
    ditch = await good_deed(binh, "Dọn mương thôn Tây")
    granny = await good_deed(cuong, "Giúp cụ bà qua đường")
    return World(
        hoa=hoa,
        binh=binh,
        cuong=cuong,
        leader=await registered(app, demo.leader.code, "Phạm Tổ Trưởng"),
        officer=await registered(app, demo.officer.code, "Đỗ Cán Bộ"),
        admin=await registered(app, await invite_code(app, "DEMO", Role.ADMIN), "Vũ Quản Trị"),
        officer2=await registered(
            app, await invite_code(app, "DEMO-XA2", Role.OFFICER), "Hồ Cán Bộ Hai"
        ),
        province_officer=await registered(
            app, await invite_code(app, "DEMO", Role.OFFICER), "Mai Cán Bộ Tỉnh"
        ),
        tip=tip,
        lamp=lamp,
        formula=formula,
        ditch=ditch,
        granny=granny,
    )


@pytest.fixture
async def browser(app: Any) -> Any:
    made: list[ConsoleUser] = []

    async def make(person: Person) -> ConsoleUser:
        user = ConsoleUser(app)
        made.append(user)
        assert (await user.log_in(await link_token(app, person.member_id))).status_code == 303
        return user

    yield make
    for user in made:
        await user.close()


async def listed(page: ConsoleUser, **filters: Any) -> list[str]:
    """The references the table shows under these filters (the first page)."""
    answer = await page.get("/quanly/muc", **filters)
    assert answer.status_code == 200, answer.text
    return sorted(set(ROW_LINK.findall(answer.text)))


async def exported(page: ConsoleUser, fmt: str, **filters: Any) -> list[list[str]]:
    answer = await page.get("/quanly/muc", xuat=fmt, **filters)
    assert answer.status_code == 200, answer.text
    assert "attachment" in answer.headers["content-disposition"]
    assert answer.headers["cache-control"] == "no-store"
    if fmt == "csv":
        assert answer.content.startswith("\ufeff".encode())
        return list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(answer.content)).active
    assert sheet is not None
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)  # no formula
    return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]


async def test_each_commander_sees_their_scope_filtered_paged_and_exported(
    app: Any, demo: DemoInvites, database: Database, browser: Any, monkeypatch: Any
) -> None:
    w = await world(app, demo)
    first_commune = sorted([w.tip, w.lamp, w.formula, w.ditch])

    # Scope, as review's: the leader their team, the officer the commune, the province admin
    # both communes, the second commune's officer theirs only, a province officer none.
    leader = await browser(w.leader)
    assert await listed(leader) == sorted([w.tip, w.lamp, w.formula])
    officer = await browser(w.officer)
    assert await listed(officer) == first_commune
    admin = await browser(w.admin)
    assert await listed(admin) == sorted([*first_commune, w.granny])
    officer2 = await browser(w.officer2)
    assert await listed(officer2) == [w.granny]
    assert (await officer2.get(f"/quanly/muc/{w.lamp}")).status_code == 403
    leader2 = await registered(
        app, await invite_code(app, "DEMO-XA-T2", Role.LEADER), "Tổ Trưởng Thôn Tây"
    )
    assert await listed(await browser(leader2)) == [w.ditch]
    commune_admin = await registered(
        app, await invite_code(app, "DEMO-XA2", Role.ADMIN), "Quản Trị Xã Hai"
    )
    assert await listed(await browser(commune_admin)) == [w.granny]
    # A member cannot log in (tests/bot/test_console_shell.py); the service refuses them too.
    conversation = app.state.conversation

    def as_member(connection: Any) -> None:
        repository = conversation.repository(connection)
        member = repository.active_member(w.hoa.member_id)
        browse.table(repository, member, EntryFilter(), order=None, descending=True, page=1)

    with pytest.raises(Refused):
        await conversation.database.run(as_member)
    nobody = await browser(w.province_officer)
    page = await nobody.get("/quanly/muc")
    assert page.status_code == 200 and ROW_LINK.findall(page.text) == []
    assert "Không có mục nào" in page.text
    # The navigation offers the screen to commanders.
    assert 'href="/quanly/muc"' in (await officer.get("/quanly/")).text

    # Every filter, on the officer's table.
    assert await listed(officer, noidung="tip") == [w.tip]
    assert await listed(officer, noidung="good_deed") == sorted([w.lamp, w.formula, w.ditch])
    assert await listed(officer, trangthai="pending") == first_commune
    assert await listed(officer, trangthai="verified") == []
    assert await listed(officer, tiendo="received") == [w.tip]
    team2 = await unit_id(officer, "DEMO-XA-T2")
    assert await listed(officer, donvi=team2) == [w.ditch]
    assert await listed(officer, thanhvien=w.binh.member_id) == [w.ditch]
    assert await listed(officer, tim="ha noi") == [w.lamp]  # marks and case aside
    assert await listed(officer, tim="HÀ NỘI đèn") == [w.lamp]
    assert await listed(officer, ma=w.ditch.lower()) == [w.ditch]
    assert await listed(officer, ma=w.tip[:3]) == [w.tip]
    assert await listed(officer, codinhvi="1") == [w.tip]
    today = app.state.conversation.now().astimezone(app.state.conversation.settings.zone).date()
    assert await listed(officer, tu=today.isoformat(), den=today.isoformat()) == first_commune
    tomorrow = (today + timedelta(days=1)).strftime("%d/%m/%Y")
    assert await listed(officer, tu=tomorrow) == []
    # A unit outside the scope narrows to nothing; a member outside it shows nothing.
    assert await listed(officer2, donvi=team2) == []
    assert await listed(officer2, thanhvien=w.hoa.member_id) == []

    # Paging and sorting (2 a page here): the total is said, each page holds its rows.
    monkeypatch.setattr(browse, "PAGE_SIZE", 2)
    first = await officer.get("/quanly/muc", order="reference", desc="0")
    assert "4 mục" in first.text and "Trang 1/2" in first.text
    assert ROW_LINK.findall(first.text) == first_commune[:2]
    second = await officer.get("/quanly/muc", order="reference", desc="0", page=2)
    assert ROW_LINK.findall(second.text) == first_commune[2:]
    by_member = await admin.get("/quanly/muc", order="member", desc="0", page=1)
    # Vietnamese order by given name: Bình, Cường, Hoa (Hoa's three entries after them).
    assert ROW_LINK.findall(by_member.text) == [w.ditch, w.granny]
    backwards = await admin.get("/quanly/muc", order="member", desc="1", page=3)
    assert ROW_LINK.findall(backwards.text) == [w.ditch]
    # Units the Vietnamese way: thôn Bắc, thôn Đông, thôn Tây (SQL would put Đ after T).
    by_unit = [
        ROW_LINK.findall((await admin.get("/quanly/muc", order="unit", desc="0", page=n)).text)
        for n in (1, 2, 3)
    ]
    assert by_unit == [[w.granny, w.tip], [w.lamp, w.formula], [w.ditch]]
    monkeypatch.undo()

    # Exports: exactly the table's rows, for two viewers; never the informant; a typed formula
    # stays text.
    for viewer, filters in ((officer, {}), (leader, {"noidung": "good_deed"})):
        shown = await listed(viewer, **filters)
        for fmt in ("csv", "xlsx"):
            rows = await exported(viewer, fmt, **filters)
            header = next(i for i, row in enumerate(rows) if row and row[0] == "Mã mục")
            assert sorted(row[0] for row in rows[header + 1 :] if row[0]) == shown
            flat = "\n".join(",".join(row) for row in rows)
            assert "Lê Thị Mật" not in flat and "0912345678" not in flat
            if viewer is officer:
                assert f"{w.tip}" in flat
            assert '=HYPERLINK("http://x")' in flat  # kept as typed, inside its text cell
    exports_audited = await database.run(
        lambda c: (
            c.execute(select(audit_log.c.details).where(audit_log.c.action == "export.entries"))
            .scalars()
            .all()
        )
    )
    assert len(exports_audited) == 4
    assert {"format": "xlsx", "filters": {"area": "good_deed"}, "rows": 2} in exports_audited

    # The officer follows the tip up in the chat and has its informant revealed there.
    chat = w.officer.chat
    await chat.say("/nguontin")
    await chat.tap("Đang xác minh")
    await chat.tap("Xem người cung cấp")
    await chat.say("Cần gặp trực tiếp để xác minh")
    assert "Lê Thị Mật" in chat.text

    # One entry: the tip's answers and location, never its informant; its history says who
    # did what, never a reveal's reason.
    tip_page = await officer.get(f"/quanly/muc/{w.tip}")
    assert tip_page.status_code == 200
    assert "Có người lạ tụ tập ở nhà hoang" in tip_page.text and "Ma túy" in tip_page.text
    assert "Lê Thị Mật" not in tip_page.text and "0912345678" not in tip_page.text
    assert "được bảo mật" in tip_page.text
    assert f'href="/quanly/bando?ma={w.tip}"' in tip_page.text and "21.02850" in tip_page.text
    assert "Ghi mục" in tip_page.text and "Tin báo: đang xác minh" in tip_page.text
    assert "Xem người cung cấp tin · Đỗ Cán Bộ" in tip_page.text
    assert "gặp trực tiếp" not in tip_page.text
    leader_tip = await leader.get(f"/quanly/muc/{w.tip}")
    assert "Lê Thị Mật" not in leader_tip.text

    # Photos: lent to the officer's session, full size; another commune's session gets nothing.
    lamp_page = await officer.get(f"/quanly/muc/{w.lamp}")
    tokens = PHOTO.findall(lamp_page.text)
    assert len(tokens) == 1
    served = await officer.get(f"/quanly/anh/{tokens[0]}")
    assert served.status_code == 200 and served.content == JPEG
    assert served.headers["content-type"] == "image/jpeg"
    assert served.headers["cache-control"] == "no-store"
    assert (await officer2.get(f"/quanly/anh/{tokens[0]}")).status_code == 403
    # The session ended: its photos end with it.
    await officer.post("/quanly/thoat")
    again = await browser(w.officer)
    assert (await again.get(f"/quanly/anh/{tokens[0]}")).status_code == 403


async def unit_id(page: ConsoleUser, code: str) -> str:
    """The value of a unit in the table's unit filter (its name, as the select shows it)."""
    names = {"DEMO-XA-T2": "Tổ bảo vệ ANTT thôn Tây"}
    answer = await page.get("/quanly/muc")
    found = re.search(r'<option value="(\d+)"\s*>' + re.escape(names[code]) + "<", answer.text)
    assert found, answer.text
    return found.group(1)


async def edit_what(person: Person, reference: str, what: str) -> None:
    chat = person.chat
    await chat.say(f"/sua {reference}")
    await chat.tap("Việc tốt:")
    await chat.say(what)
    await chat.tap("Lưu")
    assert f"Đã sửa ✅ {reference}" in chat.text, chat.text


def seen_on(page: str) -> str:
    """The fingerprint an entry page's review form carries (what it showed of the entry)."""
    found = SEEN.search(page)
    assert found, page
    return found.group(1)


async def told(person: Person, after: int = 0) -> list[str]:
    return [message["text"] for message in await person.chat.inbox(after)]


async def last_seen(person: Person) -> int:
    return max((message["id"] for message in await person.chat.inbox()), default=0)


async def test_commanders_review_one_entry_or_many_and_the_members_are_told(
    app: Any, demo: DemoInvites, database: Database, browser: Any
) -> None:
    w = await world(app, demo)
    own = await good_deed(w.leader, "Việc của tổ trưởng")
    leader = await browser(w.leader)
    officer = await browser(w.officer)

    # The leader reviews the team's entries, never their own (the officer may).
    assert 'name="verdict"' not in (await leader.get(f"/quanly/muc/{own}")).text
    assert 'name="verdict"' in (await officer.get(f"/quanly/muc/{own}")).text
    table = await leader.get("/quanly/muc")
    assert f'name="ref" value="{w.lamp}"' in table.text
    assert f'name="ref" value="{own}"' not in table.text

    # One entry, verified: the member is told in the chat.
    page = await leader.get(f"/quanly/muc/{w.lamp}")
    assert 'name="seen"' in page.text
    done = await leader.post(
        f"/quanly/muc/{w.lamp}", {"verdict": "verified", "seen": seen_on(page.text)}
    )
    assert done.status_code == 303
    after = await leader.get(done.headers["location"])
    assert "Đã xác nhận mục" in after.text and 'name="verdict"' not in after.text
    assert any(t.startswith(f"✅ Mục {w.lamp}") for t in await told(w.hoa))

    # A rejection needs a reason; a post without the form's token is refused.
    page = await officer.get(f"/quanly/muc/{w.formula}")
    seen = seen_on(page.text)
    short = await officer.post(
        f"/quanly/muc/{w.formula}", {"verdict": "rejected", "note": "x", "seen": seen}
    )
    assert short.status_code == 400 and "ít nhất 3 ký tự" in short.text
    forged = await officer.client.post(
        f"/quanly/muc/{w.formula}", data={"verdict": "verified", "seen": seen}
    )
    assert forged.status_code == 403
    # Changed by its author after the page was shown: refused, shown as it is now.
    await edit_what(w.hoa, w.formula, "Đã sửa: nhặt được ví")
    changed = await officer.post(f"/quanly/muc/{w.formula}", {"verdict": "verified", "seen": seen})
    assert changed.status_code == 409
    assert "vừa sửa mục này" in changed.text and "Đã sửa: nhặt được ví" in changed.text
    fresh = seen_on(changed.text)
    assert fresh != seen
    assert (
        await officer.post(f"/quanly/muc/{w.formula}", {"verdict": "verified", "seen": fresh})
    ).status_code == 303

    # Many at once: hoa logs three more, one of which she changes once the table showed it.
    extra = [await good_deed(w.hoa, f"Việc tốt số {n}") for n in (1, 2, 3)]
    filters = {"noidung": "good_deed", "trangthai": "pending"}
    table = await officer.get("/quanly/muc", **filters)
    listed_waiting = sorted(set(re.findall(r'name="all" value="([^"]+)"', table.text)))
    assert listed_waiting == sorted([*extra, w.ditch, own])
    assert "Không xác nhận cả 5 mục" in table.text and "data-confirm=" in table.text
    await edit_what(w.hoa, extra[2], "Việc tốt số 3, đã sửa")
    form = {
        "act": "rejected:all",
        "note": "x",
        "seen": SEEN.findall(table.text),
        "all": listed_waiting,
    }
    short = await officer.post("/quanly/muc/duyet?noidung=good_deed&trangthai=pending", form)
    assert short.status_code == 400 and "ít nhất 3 ký tự" in short.text
    before = await last_seen(w.hoa)
    form["note"] = "=Trùng với báo cáo tuần"
    bulk = await officer.post("/quanly/muc/duyet?noidung=good_deed&trangthai=pending", form)
    assert bulk.status_code == 303
    outcome = await officer.get(bulk.headers["location"])
    assert "Đã quyết định 4 mục. Bỏ qua 1 mục người ghi vừa sửa và 0 mục" in outcome.text
    assert sorted(ROW_LINK.findall(outcome.text)) == [extra[2]]  # still waiting, as changed
    hoa_told = await told(w.hoa, before)
    rejected = [t for t in hoa_told if "không được xác nhận" in t]
    assert len(rejected) == 1, hoa_told  # told once, of both
    assert (
        extra[0] in rejected[0]
        and extra[1] in rejected[0]
        and "=Trùng với báo cáo tuần" in rejected[0]
    )
    assert sum("không được xác nhận" in t for t in await told(w.binh)) == 1
    history = await officer.get(f"/quanly/muc/{extra[0]}")
    assert "Không xác nhận" in history.text and "=Trùng với báo cáo tuần" in history.text
    # A reviewer's note that looks like a formula stays text in the file.
    rows = await exported(officer, "csv", ma=extra[0])
    assert "'=Trùng với báo cáo tuần" in rows[-1]

    # Ticked entries outside the reviewer's queue (another commune's) are decided by nobody.
    outside = await officer.post(
        "/quanly/muc/duyet",
        {"act": "verified:ticked", "ref": [w.granny], "seen": [f"{w.granny}:forged"]},
    )
    assert outside.status_code == 303 and "gone=1" in outside.headers["location"]
    officer2 = await browser(w.officer2)
    assert await listed(officer2, trangthai="pending") == [w.granny]
    assert (
        await officer.client.post("/quanly/muc/duyet", data={"act": "verified:all"})
    ).status_code == 403
