"""An admin keeps the registry at the command line: a unit registered for a plan's scheme, its
dossier's documents sent, returned and accepted, its outcome; ratings set and imported (all
or nothing); commendations recorded, proposed and granted, the person told."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Connection, insert, select
from typer.testing import CliRunner

from bot.cli import app
from storage.database import Database
from storage.schema import audit_log, documents, members, ratings, registrations, units
from tests.registry_plan import plan_text

runner = CliRunner()
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def env(tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    monkeypatch.setenv("ANTT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ANTT_DATABASE_URL", database_url)
    monkeypatch.setenv("ANTT_SECRET_KEY", "k" * 40)
    monkeypatch.delenv("ANTT_LANGUAGE", raising=False)
    monkeypatch.chdir(tmp_path)
    database = Database(database_url)
    yield database
    database.close()


def invoke(*args: str, lang: str = "vi") -> tuple[int, str]:
    result = runner.invoke(app, list(args), env={"ANTT_LANGUAGE": lang})
    return result.exit_code, result.output


def ok(*args: str) -> str:
    code, output = invoke(*args)
    assert code == 0, output
    return output


def test_a_registration_its_dossier_and_outcome_at_the_command_line(
    env: Database, tmp_path: Path
) -> None:
    ok("unit", "add", "HN", "Tỉnh Hà Nam", "--kind", "province")
    ok("unit", "add", "XA-A", "Xã An Bình", "--kind", "commune", "--parent", "HN")
    (tmp_path / "plan.yaml").write_text(plan_text("HN"), encoding="utf-8")
    ok("plan", "load", str(tmp_path / "plan.yaml"))
    added = ok("registration", "add", "XA-A", "an-toan-antt", "--on", "02/03/2026")
    assert "Đã đăng ký số 1: XA-A — an-toan-antt. Hồ sơ cần:" in added
    assert "to-trinh: Tờ trình hoặc đề xuất" in added and "anh-hoat-dong: Ảnh hoạt động" in added
    code, twice = invoke("registration", "add", "XA-A", "an-toan-antt", "--on", "03/03/2026")
    assert code == 2 and "Xã An Bình đã đăng ký phong trào này năm 2026." in twice
    (tmp_path / "to-trinh.png").write_bytes(PNG)
    (tmp_path / "virus.pdf").write_bytes(b"MZ\x90\x00")
    ok("dossier", "upload", "1", "to-trinh", str(tmp_path / "to-trinh.png"))
    code, refused = invoke("dossier", "upload", "1", "bao-cao-ket-qua", str(tmp_path / "virus.pdf"))
    assert code == 2 and "Chỉ nhận tệp PDF" in refused
    ok("dossier", "return", "1", "to-trinh", "--reason", "Ảnh mờ")
    shown = ok("dossier", "show", "1")
    assert "to-trinh  Tờ trình hoặc đề xuất: Bị trả lại — Ảnh mờ" in shown
    assert "bao-cao-ket-qua  Báo cáo kết quả: Còn thiếu" in shown
    ok("dossier", "upload", "1", "to-trinh", str(tmp_path / "to-trinh.png"))
    assert "Đã duyệt to-trinh" in ok("dossier", "accept", "1", "to-trinh")
    outcome = ok(
        "registration", "outcome", "1", "achieved", "--on", "20/12/2026", "--decision", "9/QĐ"
    )
    assert "Đăng ký số 1: Đạt." in outcome
    listed = ok("registration", "list", "--year", "2026")
    assert "1  XA-A  Xã An Bình  an-toan-antt 2026  Đạt  hồ sơ 1/3" in listed

    def rows(c: Connection) -> tuple[tuple[str, str], list[str], str]:
        outcome = c.execute(select(registrations.c.outcome, registrations.c.decision_no)).one()
        by = select(audit_log.c.actor).where(audit_log.c.action == "registration.outcome")
        return (
            (outcome.outcome, outcome.decision_no),
            list(c.execute(select(documents.c.owner_kind)).scalars()),
            c.execute(by).scalar_one(),
        )

    outcome_row, owners, actor = env.run_blocking(rows)
    assert outcome_row == ("achieved", "9/QĐ")
    assert owners == ["dossier_item", "dossier_item"] and actor == "cli"


def test_ratings_and_commendations_at_the_command_line(env: Database, tmp_path: Path) -> None:
    ok("unit", "add", "HN", "Tỉnh Hà Nam", "--kind", "province")
    ok("unit", "add", "XA-A", "Xã An Bình", "--kind", "commune", "--parent", "HN")
    ok("unit", "add", "XA-B", "Xã Bình Minh", "--kind", "commune", "--parent", "HN")
    assert "XA-A năm 2025: Khá." in ok("rating", "set", "XA-A", "kha", "--year", "2025")
    (tmp_path / "bad.csv").write_text(
        "don vi,phan loai\nXA-A,xuat-sac\nXA-B,gioi\n", encoding="utf-8"
    )
    code, refused = invoke("rating", "import", str(tmp_path / "bad.csv"), "--year", "2025")
    assert (
        code == 2
        and "dòng 3: Không có mức phân loại gioi" in refused
        and "(chưa ghi gì)" in refused
    )
    (tmp_path / "good.csv").write_text(
        "don vi,phan loai\nXA-A,xuat-sac\nXA-B,trung-binh,\n", encoding="utf-8"
    )
    assert "cho 2 đơn vị" in ok("rating", "import", str(tmp_path / "good.csv"), "--year", "2025")
    listed = ok("rating", "list", "--year", "2025")
    assert "XA-A  Xã An Bình  Xuất sắc" in listed and "XA-B  Xã Bình Minh  Trung bình" in listed

    def add_member(c: Connection) -> int:
        unit = c.execute(select(units.c.id).where(units.c.code == "XA-A")).scalar_one()
        return int(
            c.execute(
                insert(members)
                .values(
                    full_name="Nguyễn Văn An",
                    unit_id=unit,
                    role="officer",
                    language="vi",
                    created_at=datetime.now(UTC),
                )
                .returning(members.c.id)
            ).scalar_one()
        )

    member = env.run_blocking(add_member)
    added = ok(
        "commendation",
        "add",
        "giay-khen",
        "commune",
        "--member",
        str(member),
        "--reason",
        "Bắt quả tang",
        "--proposed",
    )
    assert "Đã ghi khen thưởng số 1." in added
    assert "Đề nghị" in ok("commendation", "list")
    assert "Khen thưởng số 1: Đã khen thưởng." in ok(
        "commendation", "grant", "1", "--decision", "3/QĐ-UBND"
    )
    code, again = invoke("commendation", "grant", "1", "--refuse")
    assert code == 2 and "đã được quyết định" in again
    unit_one = ok("commendation", "add", "bang-khen", "province_committee", "--unit", "XA-B")
    assert "số 2" in unit_one
    code, neither = invoke("commendation", "add", "bang-khen", "commune")
    assert code == 2 and "--member hoặc --unit" in neither
    listed = ok("commendation", "list")
    assert "Nguyễn Văn An  Giấy khen (Cấp xã)  Đã khen thưởng  Bắt quả tang" in listed
    assert "Xã Bình Minh  Bằng khen (UBND tỉnh)" in listed
    count = env.run_blocking(lambda c: len(c.execute(select(ratings)).all()))
    assert count == 2
