"""An admin keeps the registry of models at the command line: registers one for a unit,
records its launch, evaluation and recognition, lists and shows it; bad input changes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Connection, func, select
from typer.testing import CliRunner

from bot.cli import app
from storage.database import Database
from storage.schema import audit_log, model_events, models

runner = CliRunner()


@pytest.fixture
def env(tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    monkeypatch.setenv("ANTT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ANTT_DATABASE_URL", database_url)
    monkeypatch.delenv("ANTT_LANGUAGE", raising=False)
    monkeypatch.chdir(tmp_path)
    database = Database(database_url)
    yield database
    database.close()


def invoke(*args: str, lang: str = "vi") -> tuple[int, str]:
    result = runner.invoke(app, list(args), env={"ANTT_LANGUAGE": lang})
    return result.exit_code, result.output


def test_an_admin_registers_follows_lists_and_shows_a_model(env: Database) -> None:
    for args in (
        ("HN", "Tỉnh Hà Nam", "--kind", "province"),
        ("XA-A", "Xã An Bình", "--kind", "commune", "--parent", "HN"),
        ("XA-A-T1", "Tổ thôn Đông", "--parent", "XA-A"),
    ):
        assert invoke("unit", "add", *args)[0] == 0
    code, out = invoke(
        "model",
        "add",
        "XA-A-T1",
        "Camera an ninh thôn Đông",
        "--scheme",
        "Camera",
        "--started",
        "05/01/2026",
    )
    assert code == 0, out
    assert (
        "Đã đăng ký: SMH-" in out
        and "Camera an ninh thôn Đông · Tổ thôn Đông · Camera an ninh" in out
    )
    reference = out.split("Đã đăng ký: ")[1].split(" ")[0]
    assert invoke("model", "event", reference, "built", "--on", "01/02/2026")[0] == 0
    code, out = invoke(
        "model",
        "event",
        reference,
        "recognised",
        "--level",
        "province_police",
        "--decision",
        "123/QĐ-CAT",
        "--on",
        "01/03/2026",
    )
    assert code == 0, out
    assert out.strip().endswith("Hiệu quả")
    code, out = invoke("model", "event", reference, "evaluated", "--outcome", "not_effective")
    assert code == 2 and "Cần ghi lý do." in out
    code, out = invoke("model", "list", "XA-A", lang="en")
    assert code == 0 and f"{reference} · Camera an ninh thôn Đông" in out and "Effective" in out
    code, out = invoke("model", "show", reference.lower(), lang="en")
    assert code == 0, out
    assert "Model · Built new (source: -) · started 05/01/2026" in out
    assert "01/03/2026 · Recognised · Provincial police · 123/QĐ-CAT" in out
    code, out = invoke("model", "add", "XA-Z", "Mô hình", "--scheme", "tu-quan")
    assert (code, out.strip()) == (2, "Không có đơn vị mã XA-Z.")

    def counted(conn: Connection) -> tuple[int, int, list[str]]:
        return (
            conn.execute(select(func.count()).select_from(models)).scalar_one(),
            conn.execute(select(func.count()).select_from(model_events)).scalar_one(),
            list(
                conn.execute(
                    select(audit_log.c.actor).where(audit_log.c.target == "models")
                ).scalars()
            ),
        )

    assert env.run_blocking(counted) == (1, 2, ["cli", "cli", "cli"])
