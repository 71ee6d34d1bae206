"""/baocao (/report) on demand (issue 15): an officer gets the .docx and the .xlsx of the report
picked, a team leader is refused."""

from __future__ import annotations

import io
from typing import Any

from docx import Document
from openpyxl import load_workbook

from services.demo import DemoInvites, ensure_demo
from storage.database import Database
from storage.unit_of_work import UnitOfWork

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


async def demo_plan(app: Any) -> None:
    """The demo's plan, its sơ kết due 7 days from today."""
    conversation = app.state.conversation
    now = conversation.now()
    await conversation.database.run(lambda c: ensure_demo(UnitOfWork(c).units, now))


def opened_docx(data: bytes) -> list[str]:
    """The texts of the .docx's paragraphs and table cells, as python-docx reads them."""
    document = Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    return texts + [c.text for t in document.tables for r in t.rows for c in r.cells]


async def test_an_officer_drafts_the_report_in_the_chat_and_a_leader_is_refused(
    app: Any, users: Any, demo: DemoInvites, database: Database
) -> None:
    await demo_plan(app)
    leader = users()
    await leader.register(demo.leader.code, "Tổ Trưởng Đông")
    await leader.say("/baocao")
    assert "tổ trưởng, tổ viên không soạn báo cáo" in leader.text

    officer = users()
    await officer.register(demo.officer.code, "Đỗ Minh Giang")
    await officer.say("/baocao")
    assert "Chọn báo cáo" in officer.text and "Xã Hòa Bình" in officer.text
    await officer.tap("Sơ kết")
    assert "Đang soạn báo cáo" in officer.text  # at once; the files follow when drafted
    await officer.drawn()
    files = [m for m in officer.last if m.get("file_url")]
    assert len(files) == 2, officer.text
    assert "Bản dự thảo" in files[0]["text"] and "/danop" in files[0]["text"]
    report = await officer.client.get(files[0]["file_url"])
    assert report.headers["content-type"].startswith(DOCX)
    assert any(text.strip() == "BÁO CÁO" for text in opened_docx(report.content))
    annex = await officer.client.get(files[1]["file_url"])
    assert load_workbook(io.BytesIO(annex.content)).sheetnames

    await officer.say("/report")  # the English word, typed in a Vietnamese chat
    assert "Chọn báo cáo" in officer.text
