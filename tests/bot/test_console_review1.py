"""The console tried as a new user, an attacker and an operator would: a double click on Send
sends one broadcast; "decide every waiting entry" at its 500-entry bound is not refused by the
form parser; numbers and dates typed into the address give pages, never a server error; an
address with no page answers a page in the viewer's language; the language switch comes back
to the page the viewer was on, filters kept, never to a post's address or another site; a post
from another origin is logged for the operator without what the page searched for."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

import pytest

from campaign.roles import Role
from services.demo import DemoInvites
from storage.database import Database
from tests.bot.test_broadcast_chat import announcements
from tests.bot.test_console_broadcasts import count, hidden
from tests.console import ConsoleUser, Person, invite_code, link_token, registered

TEXT = "Họp tổ lúc 19 giờ tối nay tại nhà văn hóa."


@pytest.fixture
async def browser(app: Any) -> Any:
    made: list[ConsoleUser] = []

    async def make(person: Person, headers: dict[str, str] | None = None) -> ConsoleUser:
        user = ConsoleUser(app)
        if headers:
            user.client.headers.update(headers)
        made.append(user)
        assert (await user.log_in(await link_token(app, person.member_id))).status_code == 303
        return user

    yield make
    for user in made:
        await user.close()


async def previewed(user: ConsoleUser, text: str = TEXT, send_at: str = "") -> dict[str, str]:
    await user.get("/quanly/thongbao")
    when = "later" if send_at else "now"
    shown = await user.post(
        "/quanly/thongbao/xem",
        {"text": text, "audience": "all", "unit": "", "when": when, "send_at": send_at},
        files={"photo": ("", b"", "application/octet-stream")},
    )
    assert shown.status_code == 200, shown.text
    return hidden(shown.text)


async def test_a_double_click_on_send_sends_one_broadcast_and_both_answers_name_it(
    app: Any, demo: DemoInvites, browser: Any, database: Database
) -> None:
    officer = await registered(app, demo.officer.code, "Cán Bộ Xã")
    member = await registered(app, demo.member.code, "Tổ Viên Đông")
    user = await browser(officer)
    fields = await previewed(user)

    first = await user.post("/quanly/thongbao/gui", fields)
    again = await user.post("/quanly/thongbao/gui", fields)  # the second click of a double one
    assert first.status_code == again.status_code == 303
    assert first.headers["location"] == again.headers["location"]
    assert await count(database) == 1
    assert len(await announcements(member.chat)) == 1
    listed = await user.get(again.headers["location"])
    number = first.headers["location"].split("so=")[1]
    assert f"Đã bắt đầu gửi thông báo #{number}." in listed.text

    # The same words previewed again are a new broadcast, sent on purpose.
    fields = await previewed(user)
    repeated = await user.post("/quanly/thongbao/gui", fields)
    assert repeated.headers["location"] != first.headers["location"]
    assert await count(database) == 2
    assert len(await announcements(member.chat)) == 2

    # One set for later, clicked twice: kept once; sent again once cancelled, said so.
    at = app.state.conversation.now().astimezone(app.state.conversation.settings.zone)
    fields = await previewed(
        user, "Họp chi bộ sáng mai", (at + timedelta(days=1)).strftime("%Y-%m-%dT08:00")
    )
    first = await user.post("/quanly/thongbao/gui", fields)
    again = await user.post("/quanly/thongbao/gui", fields)
    assert "done=scheduled" in first.headers["location"]
    assert first.headers["location"] == again.headers["location"]
    assert await count(database) == 3
    number = first.headers["location"].split("so=")[1]
    assert (await user.post(f"/quanly/thongbao/{number}/huy")).status_code == 303
    late = await user.post("/quanly/thongbao/gui", fields)
    assert late.headers["location"] == f"/quanly/thongbao?done=cancelled&so={number}"
    assert await count(database) == 3


async def test_deciding_every_waiting_entry_at_the_bound_is_not_refused_by_the_form(
    app: Any, demo: DemoInvites, browser: Any
) -> None:
    officer = await registered(app, demo.officer.code, "Cán Bộ Xã")
    user = await browser(officer)
    await user.get("/quanly/muc")
    # The form the table sends with 500 waiting entries listed: each one's reference and what
    # the page showed of it, past Starlette's default 1000 fields (these entries went since).
    references = [f"VT-2026-{n:06d}" for n in range(1, 501)]
    body = {
        "csrf": user.csrf,
        "act": "verified:all",
        "note": "",
        "seen": [f"{reference}:abcdef0123456789" for reference in references],
        "all": references,
    }
    answer = await user.client.post("/quanly/muc/duyet", data=body)
    assert answer.status_code == 303, answer.text[:300]
    assert "gone=500" in answer.headers["location"]


@pytest.mark.parametrize(
    "path",
    [
        "/quanly/thongbao/99999999999999999999",
        "/quanly/thongbao/9223372036854775808/tiendo",
        "/quanly/muc?tu=9999-12-31&den=9999-12-31",
        "/quanly/muc?tu=0001-01-01",
        "/quanly/muc?den=31/12/9999&xuat=csv",
        "/quanly/bando?tungay=0001-01-01&denngay=9999-12-31",
    ],
)
async def test_numbers_and_dates_typed_into_the_address_give_a_page(
    app: Any, demo: DemoInvites, browser: Any, path: str
) -> None:
    officer = await registered(app, demo.officer.code, "Cán Bộ Xã")
    user = await browser(officer)
    answer = await user.get(path)
    assert answer.status_code in (200, 403), answer.text[:300]
    if "xuat" not in path:
        assert answer.headers["content-type"].startswith("text/html")


async def test_a_forged_number_or_unit_in_a_broadcast_form_gives_a_page(
    app: Any, demo: DemoInvites, browser: Any
) -> None:
    officer = await registered(app, demo.officer.code, "Cán Bộ Xã")
    await registered(app, demo.member.code, "Tổ Viên Đông")
    user = await browser(officer)
    await user.get("/quanly/thongbao")
    for action in ("dung", "huy"):
        stopped = await user.post(f"/quanly/thongbao/99999999999999999999/{action}")
        assert stopped.status_code == 403 and "#99999999999999999999" in stopped.text
    shown = await user.post(
        "/quanly/thongbao/xem",
        {"text": TEXT, "audience": "all", "unit": "99999999999999999999", "when": "now"},
        files={"photo": ("", b"", "application/octet-stream")},
    )
    assert shown.status_code == 200 and "Xã Hòa Bình" in shown.text


async def test_an_address_with_no_page_answers_a_page_in_the_viewers_language(
    app: Any, demo: DemoInvites, browser: Any
) -> None:
    leader = await registered(app, demo.leader.code, "Tổ Trưởng Đông")
    user = await browser(leader)
    await user.get("/quanly/")
    assert (await user.post("/quanly/ngonngu", {"language": "en"})).status_code == 303

    missing = await user.get("/quanly/khong-co")
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("text/html")
    assert "There is no such page" in missing.text
    assert "This page cannot be shown" in missing.text and "Not allowed" not in missing.text
    assert "Log out" in missing.text  # the viewer's own page, with the way out
    assert missing.headers["cache-control"] == "no-store"

    bad = await user.get("/quanly/thongbao", so="abc")
    assert bad.status_code == 400 and "is not right" in bad.text

    posted_only = await user.get("/quanly/thoat")
    assert posted_only.status_code == 405 and "cannot be opened directly" in posted_only.text

    stranger = ConsoleUser(app)  # no session: the browser's language
    try:
        answer = await stranger.client.get("/quanly/khong-co", headers={"accept-language": "vi"})
        assert answer.status_code == 404 and "Không có trang này" in answer.text
    finally:
        await stranger.close()
    chat_api = await user.client.get("/api/web/nothing")  # the chat's API keeps its JSON
    assert chat_api.status_code == 404 and chat_api.json() == {"detail": "Not Found"}


async def test_the_language_switch_comes_back_to_the_page_with_its_filters(
    app: Any, demo: DemoInvites, browser: Any
) -> None:
    admin = await registered(app, await invite_code(app, "DEMO", Role.ADMIN), "Vũ Quản Trị")
    user = await browser(admin)
    await user.get("/quanly/")
    base = "http://testserver"

    async def switched(referer: str) -> str:
        answer = await user.post(
            "/quanly/ngonngu", {"language": "vi"}, headers={"referer": referer}
        )
        assert answer.status_code == 303
        return str(answer.headers["location"])

    assert await switched(f"{base}/quanly/muc?trangthai=pending&page=2") == (
        "/quanly/muc?trangthai=pending&page=2"
    )
    assert await switched(f"{base}/quanly/thongbao/7?ket_qua=sent") == (
        "/quanly/thongbao/7?ket_qua=sent"
    )
    # The page answering a post (a preview, a bulk decision shown again): its screen.
    assert await switched(f"{base}/quanly/thongbao/xem") == "/quanly/thongbao"
    assert await switched(f"{base}/quanly/muc/duyet?trangthai=pending") == (
        "/quanly/muc?trangthai=pending"
    )
    assert await switched(f"{base}//evil.example/quanly/") == "/quanly/"
    assert await switched(f"{base}/quanly//evil.example") == "/quanly/"
    assert await switched(f"{base}/khac") == "/quanly/"


async def test_a_post_from_another_origin_is_logged_without_its_path(
    app: Any, demo: DemoInvites, browser: Any, caplog: pytest.LogCaptureFixture
) -> None:
    leader = await registered(app, demo.leader.code, "Tổ Trưởng Đông")
    user = await browser(leader)
    await user.get("/quanly/")
    with caplog.at_level(logging.WARNING, logger="bot.console.access"):
        answer = await user.post(
            "/quanly/ngonngu",
            {"language": "en"},
            headers={"referer": "https://proxy.example/quanly/muc?tim=le+thi+mat"},
        )
    assert answer.status_code == 403
    said = " ".join(record.getMessage() for record in caplog.records)
    assert "https://proxy.example" in said and "testserver" in said
    assert "tim=" not in said and "mat" not in said
