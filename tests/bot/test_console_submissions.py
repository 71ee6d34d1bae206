"""One deadline's board in the console (/quanly/hanchot/<plan>/<deadline>/<due>): a commune's
officer gathers the documents the plan's checklist asks, submits, withdraws and submits again;
the province's admin sees each commune's state, opens the documents (sealed, audited), accepts
or sends back with a reason, and the commune's commanders are told. Another commune's officer
and a team leader may not decide; the table's fragment is never stored."""

from __future__ import annotations

import io
import re
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from PIL import Image
from sqlalchemy import func, select

from bot.settings import Settings
from campaign.roles import Role
from services.demo import DemoInvites
from storage.database import Database
from storage.schema import audit_log, deliverables, documents, units
from tests.bot.test_console_standings import console_of, csv_rows, rows_of
from tests.bot.test_documents_chat import EXE, PDF
from tests.bot.test_plan_menus import load
from tests.console import ConsoleUser, Person, demo_extras, invite_code, registered

HOA_BINH, YEN_LAC = "Xã Hòa Bình", "Xã Yên Lạc"
REASON = "Thiếu chữ ký của chỉ huy"


def plan_text(today: date) -> str:
    return f"""\
code: so-ket-quan-ly
name: Kế hoạch sơ kết
issuer: Công an tỉnh
scope: DEMO
starts: {today - timedelta(days=30):%d/%m/%Y}
ends: {today + timedelta(days=60):%d/%m/%Y}
areas:
  - {{code: tip, form: tip, points: 3, name: Nguồn tin}}
deadlines:
  - code: so-ket
    title: {{vi: "Sơ kết đợt 1", en: "Phase 1 review"}}
    due: {today + timedelta(days=5):%d/%m/%Y}
    role: officer
    level: commune
    deliverable: {{vi: "Báo cáo sơ kết", en: "Review report"}}
    escalate_to: province
    report: {{covers: plan}}
    checklist:
      - {{code: bao-cao, name: {{vi: "Báo cáo sơ kết (bản ký, đóng dấu)", en: "Signed report"}}}}
  - code: bao-cao-cu
    title: {{vi: "Báo cáo tháng trước", en: "Last month's report"}}
    due: {today - timedelta(days=2):%d/%m/%Y}
    role: officer
    level: commune
    deliverable: {{vi: "Báo cáo tháng", en: "Monthly report"}}
"""


@pytest.fixture
async def browser(app: Any) -> Any:
    made: list[ConsoleUser] = []

    def make() -> ConsoleUser:
        made.append(ConsoleUser(app))
        return made[-1]

    yield make
    for user in made:
        await user.close()


def board_rows(page: str) -> dict[str, list[str]]:
    """The deadline's table, unit name -> its cells as a reader sees them."""
    return {row[0]: row for row in rows_of(page, "submissions")}


async def upload(user: ConsoleUser, base: str, data: bytes, name: str, **form: str) -> Any:
    return await user.client.post(
        f"{base}/tailen",
        data={"csrf": user.csrf, **form},
        files={"file": (name, data, "application/octet-stream")},
    )


async def told(person: Person) -> list[str]:
    return [message["text"] for message in await person.chat.inbox()]


def decision(page: str, unit_id: int) -> tuple[str, str]:
    """The submission number and state a row's decision form carries."""
    number, seen, _ = decision_form(page, unit_id)
    return number, seen


def decision_form(page: str, unit_id: int) -> tuple[str, str, str]:
    """The submission number, state and time submitted a row's decision form carries."""
    row = re.search(rf'<tr id="unit-{unit_id}".*?</tr>', page, re.S)
    assert row, page
    number = re.search(r'name="submission" value="(\d+)"', row.group(0))
    seen = re.search(r'name="seen_state" value="(\w+)"', row.group(0))
    at = re.search(r'name="seen_at" value="([^"]*)"', row.group(0))
    assert number and seen and at, row.group(0)
    return number.group(1), seen.group(1), at.group(1)


async def test_a_province_accepts_and_sends_back_what_a_commune_gathered_and_submitted(
    app: Any, demo: DemoInvites, database: Database, settings: Settings, browser: Any
) -> None:
    today = datetime.now(settings.zone).date()
    await load(database, settings, plan_text(today))
    await demo_extras(app)
    officer = await registered(app, demo.officer.code, "Đỗ Minh Giang")
    other = await registered(app, await invite_code(app, "DEMO-XA2", Role.OFFICER), "Vũ Văn Khác")
    leader = await registered(app, demo.leader.code, "Trần Văn Đông")
    province = await registered(app, await invite_code(app, "DEMO", Role.ADMIN), "Quản Trị Tỉnh")
    due = today + timedelta(days=5)
    base = f"/quanly/hanchot/so-ket-quan-ly/so-ket/{due:%Y-%m-%d}"

    # Today's board links each deadline to its own board.
    commune = await console_of(app, browser, officer.member_id)
    today_board = await commune.get("/quanly/hanchot")
    assert f'href="{base}"' in today_board.text

    # The commune's officer: the checklist says what is missing; "Nộp" waits for it.
    page = await commune.get(base)
    assert page.status_code == 200, page.text
    assert "Hồ sơ của Xã Hòa Bình" in page.text
    assert "Còn thiếu: Báo cáo sơ kết (bản ký, đóng dấu)" in page.text
    # A report deadline points its police to the draft the bot writes.
    assert '<a href="/quanly/baocao" id="draft-report">' in page.text
    assert f'action="{base}/nop"' not in page.text
    assert board_rows(page.text)[HOA_BINH][1] == "Chưa nộp"
    # A program is no document: refused in words, nothing kept.
    refused = await upload(commune, base, EXE, "bao-cao.pdf", item="bao-cao")
    assert refused.status_code == 400 and 'role="alert"' in refused.text
    assert board_rows(refused.text)[HOA_BINH][1] == "Chưa nộp"
    # Nor is a picture's header with nothing a picture behind it (as the chat refuses it: the
    # province opens what is kept on its phone).
    bare_png = await upload(commune, base, b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "anh.png")
    assert bare_png.status_code == 400 and "Không mở được ảnh này" in bare_png.text
    assert await documents_kept(database) == 0
    empty = await commune.post(f"{base}/tailen", {"item": "bao-cao"})
    assert empty.status_code == 400 and "Hãy chọn một tệp để tải lên." in empty.text
    kept = await upload(commune, base, PDF, "Báo cáo sơ kết.pdf", item="bao-cao")
    assert kept.status_code == 303 and kept.headers["location"] == f"{base}?done=attached"
    page = await commune.get(base, done="attached")
    assert "Đã thêm tài liệu vào hồ sơ." in page.text
    assert board_rows(page.text)[HOA_BINH][1] == "Đang soạn"
    assert "✓ Báo cáo sơ kết (bản ký, đóng dấu)" in page.text
    document = int(re.findall(r'href="/quanly/tailieu/(\d+)"', page.text)[0])
    assert (await commune.post(f"{base}/nop")).status_code == 303
    page = await commune.get(base)
    row = board_rows(page.text)[HOA_BINH]
    assert row[1] == "Đã nộp" and row[2].endswith("· Đỗ Minh Giang")
    assert row[3] == "Báo cáo sơ kết.pdf"
    assert f'action="{base}/rutlai"' in page.text  # until the due day
    assert f'action="{base}/nhan"' not in page.text  # never its own unit's decision
    # A page left open in another tab uploads to what is in now: refused, nothing kept.
    kept_before = await documents_kept(database)
    late_upload = await upload(commune, base, PDF, "Phụ lục.pdf", item="bao-cao")
    assert late_upload.status_code == 400 and "hãy rút lại trước" in late_upload.text
    assert await documents_kept(database) == kept_before

    # The province: every commune, the counts, the document (audited), the decision forms.
    top = await console_of(app, browser, province.member_id)
    page = await top.get(base)
    rows = board_rows(page.text)
    assert list(rows) == [HOA_BINH, YEN_LAC]
    assert rows[YEN_LAC][1] == "Chưa nộp" and rows[HOA_BINH][1] == "Đã nộp"
    assert "Đã nộp 1/2 · Trễ 0" in page.text
    opened = await top.get(f"/quanly/tailieu/{document}")
    assert opened.status_code == 200 and opened.content == PDF
    number, seen = decision(page.text, await unit_id(database, "DEMO-XA"))
    assert seen == "submitted"
    assert 'aria-label="Nhận hồ sơ của Xã Hòa Bình"' in page.text
    assert 'aria-label="Trả lại hồ sơ của Xã Hòa Bình"' in page.text

    # Odd addresses and numbers: a refusal or a problem shown, never a failure.
    assert (await top.get(base.replace(f"{due:%Y-%m-%d}", "2026-02-31"))).status_code == 403
    assert (await top.get(base.replace("so-ket-quan-ly", "khong-co"))).status_code == 403
    huge = await top.post(f"{base}/nhan", {"submission": "9" * 30, "seen_state": "x" * 20})
    assert huge.status_code == 400 and await state_of(database, "so-ket") == "submitted"

    # The fragment the page fetches again: the table alone, never stored.
    fragment = await top.get(f"{base}/bang")
    assert fragment.status_code == 200 and fragment.headers["cache-control"] == "no-store"
    assert "<html" not in fragment.text and board_rows(fragment.text) == rows

    # Another commune's officer sees their own commune only, and may neither open the
    # document nor decide; a team leader has no such deadline at all.
    elsewhere = await console_of(app, browser, other.member_id)
    theirs = await elsewhere.get(base)
    assert list(board_rows(theirs.text)) == [YEN_LAC]
    assert (await elsewhere.get(f"/quanly/tailieu/{document}")).status_code == 403
    sideways = await elsewhere.post(f"{base}/nhan", {"submission": number, "seen_state": seen})
    assert sideways.status_code == 400 and 'role="alert"' in sideways.text
    team = await console_of(app, browser, leader.member_id)
    assert (await team.get(base)).status_code == 403
    below = await team.post(f"{base}/nhan", {"submission": number, "seen_state": seen})
    assert below.status_code == 403  # no such deadline on a team's board at all
    assert await state_of(database, "so-ket") == "submitted"

    # Sending back needs a reason; with one, the commune's officer is told it.
    bare = await top.post(f"{base}/tralai", {"submission": number, "seen_state": seen})
    assert bare.status_code == 400 and 'role="alert"' in bare.text
    assert await state_of(database, "so-ket") == "submitted"
    back = await top.post(
        f"{base}/tralai", {"submission": number, "seen_state": seen, "reason": REASON}
    )
    assert back.status_code == 303 and back.headers["location"] == f"{base}?done=returned"
    page = await top.get(base, done="returned")
    assert "Đã trả lại hồ sơ; chỉ huy đơn vị đã được báo lý do." in page.text
    row = board_rows(page.text)[HOA_BINH]
    assert row[1] == f"Trả lại Lý do trả lại: {REASON}"
    assert any(REASON in line for line in await told(officer))
    listed = rows_of((await top.get("/quanly/hanchot", tinh_trang="returned")).text, "deadlines")
    assert [(row[2], row[3]) for row in listed] == [(HOA_BINH, f"Trả lại Lý do trả lại: {REASON}")]
    # A decision on what the page showed before is refused, in words: nothing changes.
    stale = await top.post(f"{base}/nhan", {"submission": number, "seen_state": seen})
    assert stale.status_code == 400 and 'role="alert"' in stale.text
    assert await state_of(database, "so-ket") == "returned"

    # The commune mends it: drops the document, uploads the signed one, submits, withdraws
    # (before the due day), submits again; the province accepts and the commune is told.
    page = await commune.get(base)
    assert REASON in page.text
    dropped = await commune.post(f"{base}/bo", {"document": str(document)})
    assert dropped.status_code == 303
    page = await commune.get(base)
    assert "✗ Báo cáo sơ kết (bản ký, đóng dấu)" in page.text
    assert f'action="{base}/nop"' not in page.text
    await upload(commune, base, PDF, "Báo cáo sơ kết (đã ký).pdf", item="bao-cao")
    assert (await commune.post(f"{base}/nop")).status_code == 303
    # The province's tab shows that submission; the commune withdraws it (to change it)
    # and submits again: accepting from the old tab would accept what nobody above has seen.
    number, seen, at = decision_form((await top.get(base)).text, await unit_id(database, "DEMO-XA"))
    assert (await commune.post(f"{base}/rutlai")).status_code == 303
    assert await state_of(database, "so-ket") == "draft"
    assert (await commune.post(f"{base}/nop")).status_code == 303
    form = {"submission": number, "seen_state": seen, "seen_at": at}
    stale = await top.post(f"{base}/nhan", form)
    assert stale.status_code == 400 and 'role="alert"' in stale.text
    assert await state_of(database, "so-ket") == "submitted"
    page = await top.get(base)
    number, seen = decision(page.text, await unit_id(database, "DEMO-XA"))
    assert board_rows(page.text)[HOA_BINH][3] == "Báo cáo sơ kết (đã ký).pdf"
    # Not decided yet: the send back before is said as such, with its reason, not as a decision.
    earlier = board_rows(page.text)[HOA_BINH][5]
    assert earlier.startswith("Trả lại lần trước (Quản Trị Tỉnh, ") and REASON in earlier, earlier
    accepted = await top.post(f"{base}/nhan", {"submission": number, "seen_state": seen})
    assert accepted.status_code == 303
    row = board_rows((await top.get(base)).text)[HOA_BINH]
    assert row[1] == "Đã nhận" and row[5].startswith("Quản Trị Tỉnh")
    assert f'action="{base}/nhan"' not in (await top.get(base)).text
    acted = await database.run(
        lambda c: set(
            c.execute(select(audit_log.c.action).where(audit_log.c.target == "deliverables"))
            .scalars()
            .all()
        )
    )
    assert {"deliverable.returned", "deliverable.accepted", "deliverable.withdrawn"} <= acted

    # Today's board and its export follow the states; the late deadline, submitted bare
    # today, is marked as submitted late.
    late_base = f"/quanly/hanchot/so-ket-quan-ly/bao-cao-cu/{today - timedelta(days=2):%Y-%m-%d}"
    page = await commune.get(late_base)
    assert board_rows(page.text)[HOA_BINH][1] == "Trễ hạn"
    photo = await upload(commune, late_base, real_png(), "bien-ban.png")
    assert photo.status_code == 303, photo.text
    assert (await commune.post(f"{late_base}/nop")).status_code == 303
    late_rows = board_rows((await top.get(late_base)).text)
    assert late_rows[HOA_BINH][1] == "Đã nộp (nộp muộn)" and late_rows[YEN_LAC][1] == "Trễ hạn"
    only = rows_of((await top.get("/quanly/hanchot", tinh_trang="accepted")).text, "deadlines")
    assert [(row[2], row[3]) for row in only] == [(HOA_BINH, "Đã nhận")]
    exported = csv_rows((await top.get("/quanly/hanchot", xuat="csv")).content)
    states = {(row[2], row[4]): row[5] for row in exported[1:] if len(row) > 5}
    assert states[("Sơ kết đợt 1", HOA_BINH)] == "Đã nhận"
    assert states[("Báo cáo tháng trước", HOA_BINH)] == "Đã nộp (nộp muộn)"
    assert states[("Báo cáo tháng trước", YEN_LAC)] == "Trễ hạn"


def real_png() -> bytes:
    made = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(made, "PNG")
    return made.getvalue()


async def unit_id(database: Database, code: str) -> int:
    found: int = await database.run(
        lambda c: c.execute(select(units.c.id).where(units.c.code == code)).scalar_one()
    )
    return found


async def documents_kept(database: Database) -> int:
    found: int = await database.run(
        lambda c: c.execute(select(func.count()).select_from(documents)).scalar_one()
    )
    return found


async def state_of(database: Database, deadline: str) -> str | None:
    found: str | None = await database.run(
        lambda c: c.execute(
            select(deliverables.c.state).where(deliverables.c.deadline_code == deadline)
        ).scalar()
    )
    return found
