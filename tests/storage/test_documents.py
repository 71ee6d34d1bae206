"""Documents kept like photos: told by their bytes, sealed from anyone outside the unit's line
of command, every upload and opening audited."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Connection, select

from campaign.documents import DOCX, PDF, XLSX, clean_name, sniff
from campaign.localized import Localized
from campaign.roles import Role
from services import documents
from services.demo import DemoInvites
from services.ports import MemberView
from services.refusals import Refused
from storage.database import Database
from storage.files import PhotoFiles
from storage.repository import Repository
from storage.schema import audit_log, units
from storage.sealing import Sealer

NOW = datetime(2026, 12, 2, 3, 0, tzinfo=UTC)
PDF_BYTES = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def office(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


def test_kinds_are_told_by_content_never_by_name() -> None:
    assert sniff(PDF_BYTES) == PDF
    assert sniff(office("[Content_Types].xml", "word/document.xml")) == DOCX
    assert sniff(office("[Content_Types].xml", "xl/workbook.xml")) == XLSX
    assert sniff(office("readme.txt")) is None  # a plain ZIP is not an office file
    assert sniff(b"MZ\x90\x00 an executable") is None
    assert sniff(b"PK\x03\x04 broken zip") is None
    assert clean_name("../../etc/bao cao.exe", PDF) == "bao cao.exe.pdf"
    assert clean_name("Biên bản họp.PDF", PDF) == "Biên bản họp.pdf"
    assert clean_name("\x00\x07", DOCX) == "tai-lieu.docx"


def reader(conn: Connection, code: str, role: Role) -> MemberView:
    unit_id = conn.execute(select(units.c.id).where(units.c.code == code)).scalar_one()
    return MemberView(1, "Người đọc", role, unit_id, code, "vi")


def refusal(error: pytest.ExceptionInfo[Refused]) -> Localized:
    return error.value.reason


async def test_a_document_is_kept_opened_in_its_line_of_command_and_audited(
    database: Database, demo: DemoInvites, tmp_path: Path
) -> None:
    def work(conn: Connection) -> None:
        repo = Repository(conn, Sealer("s" * 40), PhotoFiles(tmp_path / "kept"))
        team = reader(conn, "DEMO-XA-T1", Role.LEADER)
        other_team = reader(conn, "DEMO-XA-T2", Role.LEADER)
        commune = reader(conn, "DEMO-XA", Role.OFFICER)
        kept = documents.keep(
            repo,
            repo,
            team,
            data=PDF_BYTES,
            name="bien-ban.pdf",
            unit_id=team.unit_id,
            owner_kind="dossier_item",
            owner_id=None,
            now=NOW,
        )
        shown, data = documents.open_document(repo, repo, commune, kept, NOW)
        assert (shown.content_type, shown.original_name, data) == (PDF, "bien-ban.pdf", PDF_BYTES)
        with pytest.raises(Refused) as outsider:
            documents.open_document(repo, repo, other_team, kept, NOW)
        assert "không được xem" in refusal(outsider).vi
        with pytest.raises(Refused) as missing:
            documents.open_document(repo, repo, commune, kept + 1000, NOW)
        assert refusal(missing).vi == refusal(outsider).vi  # nothing told about existence
        with pytest.raises(Refused) as executable:
            documents.keep(
                repo,
                repo,
                team,
                data=b"MZ\x90\x00",
                name="bao-cao.pdf",
                unit_id=team.unit_id,
                owner_kind="dossier_item",
                owner_id=None,
                now=NOW,
            )
        assert "PDF, Word (.docx), Excel (.xlsx)" in refusal(executable).vi
        with pytest.raises(Refused) as big:
            documents.keep(
                repo,
                repo,
                team,
                data=PDF_BYTES + b"x" * 2048,
                name="a.pdf",
                unit_id=team.unit_id,
                owner_kind="dossier_item",
                owner_id=None,
                now=NOW,
                limit=1024,
            )
        assert "quá lớn" in refusal(big).vi
        about = audit_log.c.target == "documents"
        actions = conn.execute(select(audit_log.c.action).where(about).order_by(audit_log.c.id))
        assert list(actions.scalars()) == ["document.uploaded", "document.opened"]

    await database.run(work)
    stored = [p for p in (tmp_path / "kept").rglob("*") if p.is_file()]
    assert [p.read_bytes() for p in stored] == [PDF_BYTES]  # refused bytes never reach the disk
    assert stored[0].stat().st_mode & 0o077 == 0
