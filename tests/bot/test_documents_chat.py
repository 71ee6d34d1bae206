"""Documents sent in the chat: /danop takes a PDF (DOCX, XLSX) as well as a photo; a file that
is not one of those, whatever its name, or one too big is refused and nothing is kept."""

from __future__ import annotations

import io
import uuid
import zipfile
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import unquote

from sqlalchemy import select

from bot.channels.web import MAX_DOCUMENT_BYTES
from bot.settings import Settings
from campaign.roles import Role
from services.demo import DemoInvites
from storage.database import Database
from storage.schema import audit_log, deliverables, documents
from tests.bot.test_plan_menus import load
from tests.bot.test_review import invite
from tests.conftest import JPEG
from tests.scheduler.test_jobs import plan_with_deadline_and_phases

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
# A Windows program (its "MZ" header) renamed to look like a report.
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200


def xlsx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


async def upload(user: Any, data: bytes, name: str, kind: str = "application/pdf") -> Any:
    response = await user.client.post(
        "/api/web/messages",
        files={"document": (name, data, kind)},
        data={"message_id": uuid.uuid4().hex},
    )
    if response.status_code == 200:
        user.last = response.json()["messages"]
    return response


async def leader_at_the_file_step(
    users: Any, database: Database, settings: Settings, unit: str = "DEMO-XA-T1"
) -> Any:
    today = datetime.now(settings.zone).date()
    plan = plan_with_deadline_and_phases(
        today + timedelta(days=5), today - timedelta(days=30), today + timedelta(days=60)
    )
    await load(database, settings, plan)
    leader = users()
    await leader.register(await invite(database, settings, unit, Role.LEADER), "Tổ Trưởng")
    await leader.say("/danop")
    await leader.tap("Báo cáo quý I")
    assert "PDF, Word (.docx), Excel (.xlsx) hoặc ảnh" in leader.text
    assert leader.last[-1]["asks_document"] is True  # the page shows its file button
    return leader


async def kept(database: Database) -> list[Any]:
    return list(await database.run(lambda c: c.execute(select(documents)).all()))


async def test_a_pdf_sent_on_the_web_is_kept_with_the_report_and_opens(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    leader = await leader_at_the_file_step(users, database, settings)
    response = await upload(leader, PDF, "Báo cáo quý I.pdf")
    assert response.status_code == 200, response.text
    assert "Đã thêm Báo cáo quý I.pdf" in leader.text and "📄 Báo cáo quý I.pdf" in leader.text
    link = next(m["file_url"] for m in leader.last if m["file_url"])
    await leader.tap("Nộp")  # a second step: the commander may add more before submitting
    assert "Đã ghi nhận ✅ Báo cáo quý I của tổ" in leader.text
    (row,) = await kept(database)
    assert (row.content_type, row.original_name, row.size) == (
        "application/pdf",
        "Báo cáo quý I.pdf",
        len(PDF),
    )
    report = await database.run(lambda c: c.execute(select(deliverables.c.id)).scalar())
    assert (row.owner_kind, row.owner_id) == ("deliverable", report)
    # the file is given back as a link the commander opens; the opening is audited
    opened = await leader.client.get(link)
    assert opened.status_code == 200 and opened.content == PDF
    actions = await database.run(lambda c: c.execute(select(audit_log.c.action)).scalars().all())
    assert "document.uploaded" in actions and "document.opened" in actions
    # the history shows what was sent by its name
    assert any(m["text"] == "📄 Báo cáo quý I.pdf" for m in await leader.inbox())


async def test_a_document_named_in_vietnamese_opens_by_its_name(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    # HTTP headers are Latin-1: "ả", "ọ", "ổ" in a header's filename failed the download (500)
    leader = await leader_at_the_file_step(users, database, settings)
    name = "Biên bản họp tổ Đội.pdf"
    assert (await upload(leader, PDF, name)).status_code == 200
    link = next(m["file_url"] for m in leader.last if m["file_url"])
    opened = await leader.client.get(link)
    assert opened.status_code == 200 and opened.content == PDF
    header = opened.headers["content-disposition"]
    assert unquote(header.split("filename*=UTF-8''")[1]) == name
    assert 'filename="Bien ban hop to Doi.pdf"' in header


async def test_a_spreadsheet_is_taken_and_a_photo_still_is(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    leader = await leader_at_the_file_step(users, database, settings)
    assert (await upload(leader, xlsx(), "so-lieu.xlsx")).status_code == 200
    await leader.tap("Nộp")
    assert "Đã ghi nhận" in leader.text
    assert [r.original_name for r in await kept(database)] == ["so-lieu.xlsx"]

    other = await leader_at_the_file_step(users, database, settings, "DEMO-XA-T2")
    await other.photo(JPEG)  # a photo of the paper is kept as one of the report's documents
    await other.tap("Nộp")
    assert "Đã ghi nhận" in other.text
    assert sorted(r.content_type for r in await kept(database)) == [
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "image/jpeg",
    ]


async def test_a_program_renamed_pdf_is_refused_and_asked_again(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    leader = await leader_at_the_file_step(users, database, settings)
    response = await upload(leader, EXE, "bao-cao.pdf")
    assert response.status_code == 200
    assert "Chỉ nhận tệp PDF, Word (.docx), Excel (.xlsx) hoặc ảnh" in leader.text
    assert "Gửi báo cáo đã nộp" in leader.text and "Đã ghi nhận" not in leader.text
    assert await kept(database) == []
    assert await database.run(lambda c: c.execute(select(deliverables)).all()) == []
    await upload(leader, PDF, "bao-cao.pdf")  # the right one then
    await leader.tap("Nộp")
    assert "Đã ghi nhận" in leader.text


async def test_an_image_file_that_does_not_decode_is_refused_as_a_photo_is(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    # A JPEG's first bytes with a program behind them was kept as "anh.jpg" through the file
    # button, though the photo button refuses it: it would open on a commander's phone.
    leader = await leader_at_the_file_step(users, database, settings)
    response = await upload(leader, b"\xff\xd8\xff\xe0" + EXE, "anh.jpg", "image/jpeg")
    assert response.status_code == 415
    assert "Không đọc được ảnh" in response.json()["detail"]
    assert await kept(database) == []
    assert (await upload(leader, JPEG, "anh.jpg", "image/jpeg")).status_code == 200
    await leader.tap("Nộp")
    assert "Đã ghi nhận" in leader.text


async def test_a_file_too_big_is_refused_before_it_is_read(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    leader = await leader_at_the_file_step(users, database, settings)
    big = PDF + b"\0" * (MAX_DOCUMENT_BYTES + 128 * 1024)
    response = await upload(leader, big, "to.pdf")
    assert response.status_code == 413
    assert "tệp tài liệu tối đa 20 MB" in response.json()["detail"]
    assert await kept(database) == []
    await leader.tap("Không kèm tệp")  # the question is still open
    assert "Đã ghi nhận" in leader.text


async def test_a_report_marked_meanwhile_keeps_no_document(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    leader = await leader_at_the_file_step(users, database, settings)
    deputy = users()  # a second leader of the same team
    await deputy.register(
        await invite(database, settings, "DEMO-XA-T1", Role.LEADER), "Tổ Trưởng Hai"
    )
    await deputy.say("/danop")
    await deputy.tap("Báo cáo quý I")
    await deputy.tap("Không kèm tệp")
    assert "Đã ghi nhận" in deputy.text
    await upload(leader, PDF, "bao-cao.pdf")  # the leader's question was still open
    assert "Báo cáo đã nộp. Muốn sửa, hãy rút lại trước" in leader.text
    assert "[↩ Rút lại]" in leader.text  # it may be withdrawn: it is not due yet
    assert await kept(database) == []
