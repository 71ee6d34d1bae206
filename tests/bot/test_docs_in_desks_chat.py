"""Documents in the desks, through the web chat: /nhapchitieu takes a PDF as a value's evidence
and /dangky a DOCX for a dossier item, which the unit and the level above then open from the
registration's card (a file link, audited) and an officer of another commune cannot; a program
renamed .pdf is refused on both, nothing kept, the question asked again."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import Connection, select

from bot.settings import Settings
from campaign.roles import Role
from services import documents as kept_documents
from services.demo import DemoInvites
from services.refusals import Refused
from services.units import add_unit
from storage.database import Database
from storage.repository import Repository
from storage.schema import audit_log, documents, dossier_items, members
from storage.schema import target_values as values_table
from storage.sealing import Sealer
from storage.unit_of_work import UnitOfWork
from storage.units import unit_id
from tests.bot.test_documents_chat import EXE, PDF, upload
from tests.bot.test_registry_chat import admin_code, running_plan
from tests.bot.test_review import invite
from tests.bot.test_target_values_chat import a_plan

DOCX_KIND = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


async def kept(database: Database) -> list[Any]:
    return list(await database.run(lambda c: c.execute(select(documents)).all()))


async def actions(database: Database) -> list[str]:
    return list(await database.run(lambda c: c.execute(select(audit_log.c.action)).scalars().all()))


async def officer_at_the_evidence_step(users: Any, demo: DemoInvites) -> Any:
    officer = users()
    await officer.register(demo.officer.code, "Đỗ Minh Giang")
    await officer.say("/nhapchitieu")
    await officer.tap("Không để xảy ra tái phạm")
    await officer.say("0")
    await officer.tap("Bỏ qua")
    assert "tệp PDF, Word (.docx), Excel (.xlsx)" in officer.text
    assert officer.last[-1]["asks_document"] is True  # the page shows its file button
    return officer


async def test_a_pdf_is_kept_as_a_values_evidence_and_linked_to_it(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    await a_plan(database, settings)
    officer = await officer_at_the_evidence_step(users, demo)
    response = await upload(officer, PDF, "Biên bản rà soát.pdf")
    assert response.status_code == 200, response.text
    assert "Minh chứng: có tệp Biên bản rà soát.pdf" in officer.text
    await officer.tap("Lưu")
    assert "Đã lưu ✅ Không để xảy ra tái phạm — Xã Hòa Bình: 0." in officer.text
    (saved,) = await database.run(lambda c: c.execute(select(values_table)).all())
    (row,) = await kept(database)
    assert saved.document_id == row.id
    assert (row.owner_kind, row.owner_id) == ("target_value", saved.id)
    assert (row.content_type, row.original_name) == ("application/pdf", "Biên bản rà soát.pdf")
    assert "document.uploaded" in await actions(database)


async def test_a_program_renamed_pdf_is_refused_as_evidence_and_asked_again(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    await a_plan(database, settings)
    officer = await officer_at_the_evidence_step(users, demo)
    response = await upload(officer, EXE, "minh-chung.pdf")
    assert response.status_code == 200
    assert "Chỉ nhận tệp PDF, Word (.docx), Excel (.xlsx) hoặc ảnh" in officer.text
    assert "Kiểm tra lại trước khi lưu" not in officer.text
    assert await kept(database) == []
    await officer.tap("Không kèm minh chứng")  # the question is still open
    assert "Minh chứng: không kèm mới" in officer.text
    await officer.tap("Lưu")
    (saved,) = await database.run(lambda c: c.execute(select(values_table)).all())
    assert saved.document_id is None and await kept(database) == []


async def officer_at_an_items_upload(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> Any:
    await running_plan(database, settings)
    officer = users()
    await officer.register(demo.officer.code, "Cán bộ Hòa")
    await officer.say("/dangky")
    await officer.tap("Đăng ký mới")
    await officer.tap("Đạt chuẩn An toàn về ANTT")
    await officer.tap("Xã Hòa Bình")
    await officer.tap("Gửi tài liệu: Tờ trình")
    assert "hoặc tệp PDF, Word (.docx), Excel (.xlsx)" in officer.text
    assert officer.last[-1]["asks_document"] is True
    return officer


async def test_a_docx_in_a_dossier_is_opened_from_the_card_above_not_by_another_commune(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    officer = await officer_at_an_items_upload(users, demo, database, settings)
    sent = docx()  # once: a zip's bytes carry the time it was made
    response = await upload(officer, sent, "To trinh.docx", DOCX_KIND)
    assert response.status_code == 200, response.text
    assert "📎 Đã nhận tài liệu" in officer.text
    assert "• Tờ trình hoặc đề xuất: Đã gửi, chờ duyệt" in officer.text
    (row,) = await kept(database)
    item = await database.run(
        lambda c: c.execute(select(dossier_items).where(dossier_items.c.item == "to-trinh")).one()
    )
    assert (row.owner_kind, row.owner_id, item.document_id) == ("dossier_item", item.id, row.id)
    assert row.original_name == "To trinh.docx" and row.content_type == DOCX_KIND
    await officer.tap("Xem: Tờ trình")  # the unit's own officer opens what was sent
    assert "📄 Tờ trình hoặc đề xuất — hồ sơ của Xã Hòa Bình" in officer.text
    await officer.say("/huy")

    admin = users()  # the level above
    await admin.register(await admin_code(database, settings), "Quản trị Tỉnh")
    await admin.say("/dangky")
    await admin.tap("Xã Hòa Bình")
    assert "• Tờ trình hoặc đề xuất: Đã gửi, chờ duyệt" in admin.text
    await admin.tap("Xem: Tờ trình")
    link = next(m["file_url"] for m in admin.last if m["file_url"])
    opened = await admin.client.get(link)
    assert opened.status_code == 200 and opened.content == sent
    assert "To trinh.docx" in opened.headers["content-disposition"]
    assert (await actions(database)).count("document.opened") == 2
    assert "Duyệt: Tờ trình" in admin.text  # the card is shown again, its choices open

    stranger = await officer_of_another_commune(users, database, settings)
    await stranger.say("/dangky")
    assert "Xã Hòa Bình" not in stranger.text  # not theirs to list
    assert (await stranger.client.get(link)).status_code == 404  # nor the link, passed on

    def opened_by_the_stranger(conn: Connection) -> None:
        store = Repository(conn, Sealer(settings.secret_key))
        other = unit_id(conn, "XA-KHAC")
        found = conn.execute(select(members.c.id).where(members.c.unit_id == other)).scalar()
        reader = store.member_by_id(int(found or 0))
        assert reader is not None
        kept_documents.open_document(store, store, reader, row.id, datetime.now(settings.zone))

    with pytest.raises(Refused):
        await database.run(opened_by_the_stranger)
    assert (await actions(database)).count("document.opened") == 2


async def officer_of_another_commune(users: Any, database: Database, settings: Settings) -> Any:
    def add_other_commune(conn: Connection) -> None:
        add_unit(
            UnitOfWork(conn).units,
            code="XA-KHAC",
            name="Xã Khác",
            kind="commune",
            parent_code="DEMO",
            now=datetime.now(settings.zone),
        )

    await database.run(add_other_commune)
    stranger = users()
    await stranger.register(await invite(database, settings, "XA-KHAC", Role.OFFICER), "Người Lạ")
    return stranger


async def test_a_program_renamed_pdf_is_refused_for_a_dossier_item_and_asked_again(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    officer = await officer_at_an_items_upload(users, demo, database, settings)
    response = await upload(officer, EXE, "to-trinh.pdf")
    assert response.status_code == 200
    assert "Chỉ nhận tệp PDF, Word (.docx), Excel (.xlsx) hoặc ảnh" in officer.text
    assert "Đã nhận tài liệu" not in officer.text
    assert await kept(database) == []
    statuses = await database.run(
        lambda c: c.execute(select(dossier_items.c.status)).scalars().all()
    )
    assert set(statuses) == {"missing"}
    await upload(officer, PDF, "to-trinh.pdf")  # the question is still open: the right one
    assert "📎 Đã nhận tài liệu" in officer.text
    assert [r.original_name for r in await kept(database)] == ["to-trinh.pdf"]
