"""Tips as cases in the console: the tip's own commune officer assigns it, adds notes, asks its
reporter through the bot and closes it with an outcome (required); closed tips stay found by
status and text; the informant is revealed to that officer alone, with a reason, audited, once;
exports never carry the informant; admins and other communes' officers only read, or nothing."""

from __future__ import annotations

import io
import re
from datetime import timedelta
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from campaign.roles import Role
from services.demo import DemoInvites
from storage.database import Database
from storage.schema import audit_log, entries, metadata
from tests.console import ConsoleUser, Person, demo_extras, invite_code, link_token, registered

REFERENCE = re.compile(r"NT-\d{4}-\d{6}")
INFORMANT = "Phạm Thị Kín Đáo"
PHONE = "0987 654 321"
SEEN = re.compile(r'name="seen" value="([^"]+)"')


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


async def report_tip(member: Person, what: str, *, informant: bool = True) -> str:
    """A tip logged through the web chat, as a member does (/baotin)."""
    chat = member.chat
    await chat.say("/baotin")
    await chat.tap("Ma túy")
    await chat.say(what)
    await chat.say("Nhà hoang cuối xóm 3, thôn Đông")
    await chat.tap("Bây giờ")
    if informant:
        await chat.tap("có tên")
        await chat.say(INFORMANT)
        await chat.say(PHONE)
    else:
        await chat.tap("tôi trực tiếp")
    await chat.tap("Bình thường")
    await chat.tap("Bỏ qua")
    await chat.tap("Lưu")
    found = REFERENCE.search(chat.text)
    assert found, chat.text
    return found.group(0)


def no_informant(page: str) -> None:
    assert INFORMANT not in page and PHONE not in page and "0987654321" not in page


async def audit_rows(database: Database, action: str) -> list[Any]:
    return await database.run(
        lambda c: list(
            c.execute(
                select(audit_log.c.actor_member_id, audit_log.c.target_id, audit_log.c.details)
                .where(audit_log.c.action == action)
                .order_by(audit_log.c.id)
            ).all()
        )
    )


async def told(member: Person, after: int = 0) -> list[str]:
    return [m["text"] for m in await member.chat.inbox(after=after)]


async def test_the_communes_officer_follows_a_tip_up_as_a_case(
    app: Any, demo: DemoInvites, database: Database, browser: Any
) -> None:
    officer = await registered(app, demo.officer.code, "Đỗ Văn Công")
    colleague = await registered(
        app, await invite_code(app, "DEMO-XA", Role.OFFICER), "Vũ Thị Cảnh"
    )
    member = await registered(app, demo.member.code, "Lê Văn Báo")
    reference = await report_tip(member, "Có người lạ tụ tập sử dụng ma túy ở nhà hoang")
    other = await report_tip(member, "Xe tải chở hàng lậu đêm qua", informant=False)
    seen_before = max(m["id"] for m in await member.chat.inbox())
    console = await browser(officer)

    listed = await console.get("/quanly/tin")
    assert listed.status_code == 200
    assert reference in listed.text and other in listed.text
    assert "nhà hoang" in listed.text and "Mới tiếp nhận".lower() in listed.text.lower()
    no_informant(listed.text)
    assert 'href="/quanly/tin"' in (await console.get("/quanly/")).text  # in the navigation

    case = await console.get(f"/quanly/tin/{reference}")
    assert case.status_code == 200
    assert "Lê Văn Báo" in case.text and "Nhà hoang cuối xóm 3" in case.text
    assert "Được niêm phong" in case.text
    no_informant(case.text)
    assert "Vũ Thị Cảnh" in case.text  # the commune's officers to assign to

    # Only the commune's active officers can be assigned; the colleague then.
    refused = await console.post(f"/quanly/tin/{reference}/giao", {"assignee": member.member_id})
    assert refused.status_code == 400
    assert "Chỉ giao được cho cán bộ Công an đang hoạt động của xã có nguồn tin." in refused.text
    answer = await console.post(f"/quanly/tin/{reference}/giao", {"assignee": colleague.member_id})
    assert answer.status_code == 303
    assert answer.headers["location"] == f"/quanly/tin/{reference}?done=assigned"
    case = await console.get(answer.headers["location"])
    assert "Đã giao nguồn tin." in case.text and "giao cho Vũ Thị Cảnh" in case.text
    unassigned = await console.get("/quanly/tin", assigned="none")
    assert other in unassigned.text and reference not in unassigned.text
    assert reference not in (await console.get("/quanly/tin", assigned="me")).text
    theirs = await browser(colleague)
    mine = await theirs.get("/quanly/tin", assigned="me")
    assert reference in mine.text and other not in mine.text

    # A note, and a question the member gets in the chat.
    answer = await console.post(
        f"/quanly/tin/{reference}/ghichu", {"note": "Đã liên hệ trưởng thôn Đông"}
    )
    assert answer.status_code == 303
    answer = await console.post(
        f"/quanly/tin/{reference}/hoi", {"question": "Nhóm người đó thường đến lúc mấy giờ?"}
    )
    assert answer.status_code == 303
    asked = await told(member, seen_before)
    assert any(
        f"hỏi về nguồn tin {reference} của bạn: Nhóm người đó thường đến lúc mấy giờ?" in t
        for t in asked
    ), asked
    assert any(f"/sua {reference}" in t for t in asked)  # how to answer: add to the tip
    await member.chat.say(f"/sua {reference}")
    await member.chat.tap("Sự việc:")
    await member.chat.say("Có người lạ tụ tập ở nhà hoang, thường khoảng 22 giờ")
    await member.chat.tap("Lưu")
    case = await console.get(f"/quanly/tin/{reference}")
    assert "Đã liên hệ trưởng thôn Đông" in case.text
    assert "Câu hỏi gửi người báo" in case.text and "lúc mấy giờ" in case.text
    assert "thường khoảng 22 giờ" in case.text  # the answer, in the tip's answers
    assert "Người báo bổ sung</span> Sự việc" in case.text  # and on its timeline

    # Verifying, then closing: without an outcome it is refused, saying why.
    seen = SEEN.search(case.text)
    assert seen
    answer = await console.post(
        f"/quanly/tin/{reference}/chuyen", {"progress": "verifying", "seen": seen.group(1)}
    )
    assert answer.status_code == 303
    case = await console.get(f"/quanly/tin/{reference}")
    seen = SEEN.search(case.text)
    assert seen
    refused = await console.post(
        f"/quanly/tin/{reference}/chuyen",
        {"progress": "resolved", "seen": seen.group(1), "note": " "},
    )
    assert refused.status_code == 400
    assert "Cần ghi kết quả xử lý (ít nhất 5 ký tự) khi kết thúc nguồn tin." in refused.text
    assert 'role="alert"' in refused.text
    stale = await console.post(
        f"/quanly/tin/{reference}/chuyen",
        {"progress": "resolved", "seen": "not-what-was-shown", "note": "Đã xử lý xong"},
    )
    assert stale.status_code == 400 and "Người ghi vừa sửa" in stale.text
    answer = await console.post(
        f"/quanly/tin/{reference}/chuyen",
        {"progress": "resolved", "seen": seen.group(1), "note": "Đã lập biên bản, bàn giao"},
    )
    assert answer.status_code == 303
    progress = await database.run(
        lambda c: c.execute(
            select(entries.c.progress).where(entries.c.reference == reference)
        ).scalar_one()
    )
    assert progress == "resolved"
    news = await told(member, seen_before)
    assert any(reference in t and "đang xác minh" in t for t in news)
    assert any(reference in t and "đã giải quyết" in t for t in news)
    assert not any("bàn giao" in t for t in news)  # the outcome stays with the police
    case = await console.get(f"/quanly/tin/{reference}")
    assert "Đã lập biên bản, bàn giao" in case.text
    assert 'action="/quanly/tin/' + reference + '/chuyen"' not in case.text  # closed

    # Closed, still found: by status, by text, by reference.
    resolved = await console.get("/quanly/tin", progress="resolved")
    assert reference in resolved.text and other not in resolved.text
    searched = await console.get("/quanly/tin", text="tu tap")  # marks aside
    assert reference in searched.text and other not in searched.text
    assert reference in (await console.get("/quanly/tin", reference=reference[:8])).text

    def rows(page: str) -> list[str]:
        return re.findall(r'<a href="/quanly/tin/(NT-[0-9-]+)">', page)

    today = app.state.conversation.now().astimezone(app.state.conversation.settings.zone).date()
    tomorrow = (today + timedelta(days=1)).isoformat()
    assert rows((await console.get("/quanly/tin", since=today.isoformat())).text) == [
        other,
        reference,
    ]
    assert rows((await console.get("/quanly/tin", since=tomorrow)).text) == []
    assert (
        "Không có nguồn tin nào khớp bộ lọc."
        in (await console.get("/quanly/tin", until=(today - timedelta(days=1)).isoformat())).text
    )

    units = dict(
        (name, unit)
        for unit, name in re.findall(r'<option value="(\d+)" ?>([^<]+)</option>', listed.text)
    )
    east, west = units["Tổ bảo vệ ANTT thôn Đông"], units["Tổ bảo vệ ANTT thôn Tây"]
    assert rows((await console.get("/quanly/tin", unit=east)).text) == [other, reference]
    assert rows((await console.get("/quanly/tin", unit=west)).text) == []

    assert rows((await console.get("/quanly/tin")).text) == [other, reference]  # open first
    assert rows((await console.get("/quanly/tin", order="reference")).text) == [reference, other]
    assert rows((await console.get("/quanly/tin", order="activity")).text) == [reference, other]

    for action, detail in (
        ("tip.assigned", {"assignee_id": colleague.member_id, "assignee": "Vũ Thị Cảnh"}),
        ("tip.noted", {"note": "Đã liên hệ trưởng thôn Đông"}),
        ("tip.asked", {"question": "Nhóm người đó thường đến lúc mấy giờ?"}),
        ("tip.resolved", {"from": "verifying", "outcome": "Đã lập biên bản, bàn giao"}),
    ):
        [row] = await audit_rows(database, action)
        assert (row.actor_member_id, row.target_id, row.details) == (
            officer.member_id,
            reference,
            detail,
        )


async def test_the_informant_is_revealed_once_with_a_reason_and_audited(
    app: Any, demo: DemoInvites, database: Database, browser: Any
) -> None:
    officer = await registered(app, demo.officer.code, "Đỗ Văn Công")
    member = await registered(app, demo.member.code, "Lê Văn Báo")
    reference = await report_tip(member, "Có người lạ tụ tập sử dụng ma túy ở nhà hoang")
    console = await browser(officer)
    page = f"/quanly/tin/{reference}/nguoi-cung-cap"

    form = await console.get(page)
    assert form.status_code == 200 and 'name="reason"' in form.text
    no_informant(form.text)
    short = await console.post(page, {"reason": "xem"})
    assert short.status_code == 400 and "Lý do cần ít nhất 5 ký tự." in short.text
    no_informant(short.text)
    assert await audit_rows(database, "informant.revealed") == []

    shown = await console.post(page, {"reason": "Cần gặp trực tiếp để xác minh"})
    assert shown.status_code == 200
    assert INFORMANT in shown.text and PHONE in shown.text
    assert shown.headers["cache-control"] == "no-store"
    assert "set-cookie" not in shown.headers and "location" not in shown.headers

    again = await console.get(page)  # a reload is a GET: the form again, not the informant
    assert again.status_code == 200 and 'name="reason"' in again.text
    no_informant(again.text)
    no_informant((await console.get(f"/quanly/tin/{reference}")).text)

    [row] = await audit_rows(database, "informant.revealed")
    assert row.actor_member_id == officer.member_id and row.target_id == reference
    assert row.details == {"reason": "Cần gặp trực tiếp để xác minh"}
    # Nothing kept it in clear: no table (audit, sessions, outbox, chat history) holds it.
    everything = await database.run(
        lambda c: [list(c.execute(select(table)).all()) for table in metadata.sorted_tables]
    )
    assert "Cần gặp trực tiếp để xác minh" in str(everything)  # the dump does see text
    no_informant(str(everything))


async def test_admins_and_other_communes_read_or_see_nothing_and_reveal_nothing(
    app: Any, demo: DemoInvites, database: Database, browser: Any
) -> None:
    await demo_extras(app)
    member = await registered(app, demo.member.code, "Lê Văn Báo")
    reference = await report_tip(member, "Có người lạ tụ tập sử dụng ma túy ở nhà hoang")
    admin = await registered(app, await invite_code(app, "DEMO", Role.ADMIN), "Hoàng Văn Tỉnh")
    stranger = await registered(
        app, await invite_code(app, "DEMO-XA2", Role.OFFICER), "Trịnh Văn Khác"
    )
    leader = await registered(app, demo.leader.code, "Trần Văn Tổ")
    reveal = f"/quanly/tin/{reference}/nguoi-cung-cap"
    why = {"reason": "Muốn xem người cung cấp"}

    # The province admin reads the tip; every action is the service's to refuse, and the
    # page offers none.
    console = await browser(admin)
    assert 'href="/quanly/tin"' in (await console.get("/quanly/")).text
    assert reference in (await console.get("/quanly/tin")).text
    case = await console.get(f"/quanly/tin/{reference}")
    assert case.status_code == 200 and "Bạn chỉ xem nguồn tin này" in case.text
    assert "/giao" not in case.text and "/chuyen" not in case.text and reveal not in case.text
    refused = await console.post(reveal, why)
    assert refused.status_code == 403
    no_informant(refused.text)
    for path, data in (
        ("giao", {"assignee": ""}),
        ("ghichu", {"note": "Ghi chú của tỉnh"}),
        ("hoi", {"question": "Bạn còn thấy họ không?"}),
        ("chuyen", {"progress": "unfounded", "seen": "x", "note": "Không có cơ sở gì"}),
    ):
        answer = await console.post(f"/quanly/tin/{reference}/{path}", data)
        assert answer.status_code == 403, path
        assert "Chỉ cán bộ Công an xã theo dõi, xử lý nguồn tin." in answer.text

    # The other commune's officer sees neither the tip nor its informant.
    console = await browser(stranger)
    assert reference not in (await console.get("/quanly/tin")).text
    assert (await console.get(f"/quanly/tin/{reference}")).status_code == 403
    refused = await console.post(reveal, why)
    assert refused.status_code == 403
    no_informant(refused.text)
    answer = await console.post(f"/quanly/tin/{reference}/ghichu", {"note": "Xem thử"})
    assert answer.status_code == 403

    # A leader of the reporter's team reads it (as the review queue shows it), acts on nothing.
    console = await browser(leader)
    assert 'href="/quanly/tin"' not in (await console.get("/quanly/")).text
    assert reference in (await console.get("/quanly/tin")).text
    assert (await console.post(reveal, why)).status_code == 403

    rows = await audit_rows(database, "informant.reveal_refused")
    assert [(r.actor_member_id, r.target_id, r.details) for r in rows] == [
        (admin.member_id, reference, why),
        (stranger.member_id, reference, why),
        (leader.member_id, reference, why),
    ]
    assert await audit_rows(database, "informant.revealed") == []
    progress = await database.run(
        lambda c: c.execute(
            select(entries.c.progress).where(entries.c.reference == reference)
        ).scalar_one()
    )
    assert progress == "received"
    assert await audit_rows(database, "tip.noted") == []
    assert await audit_rows(database, "tip.asked") == []


async def test_exports_are_the_filtered_list_and_never_the_informant(
    app: Any, demo: DemoInvites, database: Database, browser: Any
) -> None:
    officer = await registered(app, demo.officer.code, "Đỗ Văn Công")
    member = await registered(app, demo.member.code, "Lê Văn Báo")
    reference = await report_tip(member, "Có người lạ tụ tập sử dụng ma túy ở nhà hoang")
    other = await report_tip(member, '=HYPERLINK("x") xe tải chở hàng lậu', informant=False)
    console = await browser(officer)
    revealed = await console.post(
        f"/quanly/tin/{reference}/nguoi-cung-cap", {"reason": "Cần gặp trực tiếp để xác minh"}
    )
    assert INFORMANT in revealed.text  # revealed once: still never exported

    csv_file = await console.get("/quanly/tin", xuat="csv")
    assert csv_file.status_code == 200
    assert "attachment" in csv_file.headers["content-disposition"]
    body = csv_file.content.decode("utf-8-sig")
    assert reference in body and other in body and "Nhà hoang cuối xóm 3" in body
    assert "'=HYPERLINK" in body  # a typed formula stays text
    no_informant(body)

    xlsx_file = await console.get("/quanly/tin", xuat="xlsx", text="tu tap")
    assert xlsx_file.status_code == 200
    book = load_workbook(io.BytesIO(xlsx_file.content), read_only=True)
    cells = " ".join(
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    )
    assert reference in cells and other not in cells  # exactly as filtered
    no_informant(cells)

    exports = await audit_rows(database, "export.tips")
    assert [(r.actor_member_id, r.details["format"], r.details["rows"]) for r in exports] == [
        (officer.member_id, "csv", 2),
        (officer.member_id, "xlsx", 1),
    ]
    assert exports[1].details["filters"] == {"area": "tip", "text": "tu tap"}


async def test_a_post_without_its_csrf_token_is_refused(
    app: Any, demo: DemoInvites, database: Database, browser: Any
) -> None:
    officer = await registered(app, demo.officer.code, "Đỗ Văn Công")
    member = await registered(app, demo.member.code, "Lê Văn Báo")
    reference = await report_tip(member, "Có người lạ tụ tập sử dụng ma túy ở nhà hoang")
    console = await browser(officer)
    await console.get(f"/quanly/tin/{reference}")
    for path, data in (
        ("giao", {"assignee": str(officer.member_id)}),
        ("ghichu", {"note": "Ghi chú"}),
        ("nguoi-cung-cap", {"reason": "Cần gặp trực tiếp để xác minh"}),
    ):
        answer = await console.client.post(f"/quanly/tin/{reference}/{path}", data=data)
        assert answer.status_code == 403, path
        no_informant(answer.text)
    assert await audit_rows(database, "informant.revealed") == []
    assert await audit_rows(database, "tip.assigned") == []


async def test_the_tips_pages_speak_english_too(
    app: Any, demo: DemoInvites, database: Database, browser: Any
) -> None:
    officer = await registered(app, demo.officer.code, "Đỗ Văn Công")
    member = await registered(app, demo.member.code, "Lê Văn Báo")
    reference = await report_tip(member, "Có người lạ tụ tập sử dụng ma túy ở nhà hoang")
    console = await browser(officer)
    await console.get("/quanly/tin")
    assert (await console.post("/quanly/ngonngu", {"language": "en"})).status_code == 303
    listed = await console.get("/quanly/tin")
    assert "Assigned to" in listed.text and "1 tip" in listed.text and "received" in listed.text
    case = await console.get(f"/quanly/tin/{reference}")
    assert "Close and tell the reporter" in case.text
    assert "Never write the informant&#39;s name or phone here" in case.text
