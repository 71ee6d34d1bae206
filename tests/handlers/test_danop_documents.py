"""/danop gathers a submission through the web chat (SQLite and PostgreSQL): two documents and
a photo of the paper in one go, the checklist shown ✓/✗, "Nộp" only once it is complete, a
document dropped, a withdrawal before the due day, a message delivered twice kept once, and a
file of a kind not taken refused with nothing kept."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, insert, select

from bot.settings import Settings
from campaign.roles import Role
from services import submissions
from services.demo import DemoInvites
from services.ports import MemberView
from storage.calendar import done_units
from storage.database import Database
from storage.files import PhotoFiles
from storage.repository import Repository
from storage.schema import audit_log, deliverables, documents, members, units
from storage.sealing import Sealer
from tests.bot.test_plan_menus import load
from tests.bot.test_review import invite
from tests.conftest import JPEG

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200


def checklist_plan(due: date) -> str:
    return f"""\
code: ho-so-nop
name: Kế hoạch có hồ sơ nộp
issuer: Công an tỉnh
scope: DEMO
starts: {due - timedelta(days=60):%d/%m/%Y}
ends: {due + timedelta(days=60):%d/%m/%Y}
deadlines:
  - code: so-ket
    title: {{vi: "Sơ kết của tổ", en: "Team review"}}
    due: {due:%d/%m/%Y}
    role: leader
    level: team
    deliverable: {{vi: "Báo cáo sơ kết", en: "The review"}}
    checklist:
      - {{code: bao-cao, name: {{vi: "Báo cáo (bản ký)", en: "The signed report"}}}}
      - {{code: bien-ban, name: {{vi: "Biên bản họp tổ", en: "Minutes"}}}}
"""


async def upload(user: Any, data: bytes, name: str, message_id: str | None = None) -> Any:
    response = await user.client.post(
        "/api/web/messages",
        files={"document": (name, data, "application/pdf")},
        data={"message_id": message_id or uuid.uuid4().hex},
    )
    if response.status_code == 200:
        user.last = response.json()["messages"]
    return response


def labels(user: Any) -> list[str]:
    return [c["label"] for m in user.last for c in m["choices"]]


async def test_two_documents_and_a_photo_then_submit_and_withdraw(
    users: Any, demo: DemoInvites, database: Database, settings: Settings
) -> None:
    due = datetime.now(settings.zone).date() + timedelta(days=5)
    await load(database, settings, checklist_plan(due))
    leader = users()
    await leader.register(await invite(database, settings, "DEMO-XA-T1", Role.LEADER), "Tổ Trưởng")
    await leader.say("/danop")
    await leader.tap("Sơ kết của tổ")
    assert "✗ Báo cáo (bản ký)\n✗ Biên bản họp tổ" in leader.text
    assert "Nộp" not in labels(leader) and "Không kèm tệp" not in labels(leader)

    # A program named .pdf: refused, nothing kept, the question still open.
    response = await upload(leader, EXE, "bao-cao.pdf")
    assert response.status_code == 200 and "Chỉ nhận tệp PDF" in leader.text
    assert await database.run(lambda c: c.execute(select(documents)).all()) == []

    # The same message delivered twice (a retry on a bad line) is kept once.
    again = uuid.uuid4().hex
    await upload(leader, PDF, "bao-cao.pdf", again)
    await upload(leader, PDF, "bao-cao.pdf", again)
    assert "✓ Báo cáo (bản ký)\n✗ Biên bản họp tổ" in "\n".join(
        m["text"] for m in await leader.inbox()
    )
    assert len(await database.run(lambda c: c.execute(select(documents)).all())) == 1

    await leader.photo(JPEG, "bien-ban.jpg")  # a photo of the paper minutes
    assert "✓ Báo cáo (bản ký)\n✓ Biên bản họp tổ" in leader.text
    assert "📄 bao-cao.pdf" in leader.text and "📄 anh.jpg" in leader.text
    await upload(leader, PDF, "phu-luc.pdf")  # more than the checklist asks: kept too
    assert labels(leader) == ["📤 Nộp", "Xong, nộp sau", "Bỏ tài liệu…", "Quay lại"]

    # Dropping the minutes makes it incomplete again; a new photo fills it.
    await leader.tap("Bỏ tài liệu…")
    await leader.tap("anh.jpg")
    assert "✗ Biên bản họp tổ" in leader.text and "📤 Nộp" not in labels(leader)
    await leader.photo(JPEG, "bien-ban-2.jpg")
    await leader.tap("Xong, nộp sau")
    assert "Đã lưu hồ sơ đang soạn Sơ kết của tổ" in leader.text
    team = await database.run(
        lambda c: c.execute(select(deliverables.c.unit_id, deliverables.c.state)).one()
    )
    assert team.state == "draft"

    await leader.say("/danop")
    assert "📝 Sơ kết của tổ" in leader.text
    await leader.tap("Sơ kết của tổ")
    await leader.tap("📤 Nộp")
    assert "Đã ghi nhận ✅ Sơ kết của tổ" in leader.text
    assert team.unit_id in await database.run(lambda c: done_units(c, "ho-so-nop", "so-ket", due))

    # Until its due day it may be withdrawn: a draft again, not done.
    await leader.say("/danop")
    await leader.tap("✅ Sơ kết của tổ")
    assert "Đã nộp lúc" in leader.text and labels(leader) == ["↩ Rút lại", "Quay lại"]
    await leader.tap("Rút lại")
    assert "Đã rút lại" in leader.text and "📤 Nộp" in labels(leader)
    assert team.unit_id not in await database.run(
        lambda c: done_units(c, "ho-so-nop", "so-ket", due)
    )
    kept = await database.run(
        lambda c: (
            c.execute(select(documents.c.original_name).where(documents.c.dropped_at.is_(None)))
            .scalars()
            .all()
        )
    )
    assert sorted(kept) == ["anh.jpg", "bao-cao.pdf", "phu-luc.pdf"]
    actions = await database.run(
        lambda c: (
            c.execute(select(audit_log.c.action).where(audit_log.c.action.like("deliverable.%")))
            .scalars()
            .all()
        )
    )
    assert actions.count("deliverable.document_added") == 4
    assert {"deliverable.drafted", "deliverable.document_dropped", "deliverable.withdrawn"} <= set(
        actions
    )


async def test_a_submission_sent_back_shows_its_reason_and_is_submitted_again(
    users: Any, demo: DemoInvites, database: Database, settings: Settings, tmp_path: Path
) -> None:
    due = datetime.now(settings.zone).date() + timedelta(days=5)
    await load(database, settings, checklist_plan(due))
    leader = users()
    await leader.register(await invite(database, settings, "DEMO-XA-T1", Role.LEADER), "Tổ Trưởng")
    await leader.say("/danop")
    await leader.tap("Sơ kết của tổ")
    await upload(leader, PDF, "bao-cao.pdf")
    await leader.photo(JPEG)
    await leader.tap("📤 Nộp")

    def send_back(conn: Connection) -> None:
        commune = conn.execute(select(units.c.id).where(units.c.code == "DEMO-XA")).scalar_one()
        officer = conn.execute(
            insert(members)
            .values(
                full_name="Cán Bộ Xã", unit_id=commune, role="officer", active=True,
                language="vi", joined_at=datetime.now(UTC), created_at=datetime.now(UTC),
            )
            .returning(members.c.id)
        ).scalar_one()  # fmt: skip
        repo = Repository(conn, Sealer("s" * 40), PhotoFiles(tmp_path / "kept"))
        viewer = MemberView(officer, "Cán Bộ Xã", Role.OFFICER, commune, "Xã", "vi")
        submission = conn.execute(select(deliverables.c.id)).scalar_one()
        submissions.decide(
            repo, viewer, submission, "return", "Thiếu chữ ký", datetime.now(settings.zone)
        )

    await database.run(send_back)
    assert any("Lý do: Thiếu chữ ký" in m["text"] for m in await leader.inbox())  # told
    await leader.say("/danop")
    await leader.tap("↩️ Sơ kết của tổ")
    assert "Cấp trên trả lại. Lý do: Thiếu chữ ký" in leader.text
    assert "📤 Nộp" not in labels(leader)  # something must change first
    await upload(leader, PDF, "bao-cao-da-ky.pdf")
    await leader.tap("📤 Nộp")
    assert "Đã ghi nhận ✅ Sơ kết của tổ" in leader.text
