"""`antt-bot unit fact set|list|import` and what `plan show` says of each target: how it is
measured, level, period, the value per unit and met or not."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from bot.cli import app
from storage.database import Database
from storage.schema import audit_log, unit_facts

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


def tree() -> None:
    for args in (
        ("HN", "Tỉnh Hà Nam", "--kind", "province"),
        ("XA-A", "Xã An Bình", "--kind", "commune", "--parent", "HN"),
        ("XA-B", "Xã Bình Minh", "--kind", "commune", "--parent", "HN"),
        ("XA-A-T1", "Tổ thôn Đông", "--parent", "XA-A"),
    ):
        code, output = invoke("unit", "add", *args)
        assert code == 0, output


def test_an_admin_sets_and_lists_a_unit_s_facts(env: Database) -> None:
    tree()
    code, output = invoke(
        "unit",
        "fact",
        "set",
        "XA-A",
        "residents",
        "12.500",
        "--from",
        "01/01/2026",
        "--note",
        "điều tra dân số",
    )
    assert code == 0 and "Xã An Bình: Số nhân khẩu = 12500 từ 01/01/2026" in output, output
    code, output = invoke(
        "unit", "fact", "set", "XA-A", "terrain", "miền núi", "--from", "1/7/2025"
    )
    assert code == 0, output
    code, output = invoke(
        "unit", "fact", "set", "XA-A", "terrain", "cao nguyên", "--from", "1/7/2025"
    )
    assert code == 2 and "không phải giá trị cho phép: Đô thị, Đồng bằng" in output
    code, output = invoke("unit", "fact", "list", "XA-A")
    assert "01/07/2025  Địa bàn: Miền núi  (cli)" in output
    assert "01/01/2026  Số nhân khẩu: 12500  (cli) — điều tra dân số" in output
    code, output = invoke("unit", "fact", "list", "XA-A", lang="en")
    assert "Terrain: Mountain" in output
    audited = env.run_blocking(
        lambda c: c.execute(select(audit_log.c.action, audit_log.c.actor)).all()
    )
    assert [tuple(row) for row in audited].count(("unit_fact.set", "cli")) == 2


def test_an_import_checks_every_row_before_writing(env: Database, tmp_path: Path) -> None:
    tree()
    bad = tmp_path / "so-lieu.csv"
    bad.write_text(
        "Mã đơn vị,Chỉ số,Giá trị,Từ ngày\n"
        "XA-A,households,3200,01/01/2026\n"
        "XA-B,cameras,nhiều,01/01/2026\n"
        "XA-Z,coastal,có,01/01/2026\n",
        encoding="utf-8",
    )
    code, output = invoke("unit", "fact", "import", str(bad))
    assert code == 2, output
    assert "Dòng 3: “nhiều” không phải một số đếm" in output
    assert "Dòng 4: Không có đơn vị XA-Z." in output
    assert "2 dòng lỗi: chưa ghi gì." in output
    count = env.run_blocking(lambda c: c.execute(select(unit_facts.c.id)).all())
    assert count == []
    good = tmp_path / "dung.csv"
    good.write_text(
        "unit;key;value;valid_from\nXA-A;households;3200;01/01/2026\nXA-B;coastal;yes;1/1/2026\n",
        encoding="utf-8",
    )
    code, output = invoke("unit", "fact", "import", str(good), "--dry-run")
    assert code == 0 and "sẽ ghi 2 số liệu (chạy thử, chưa ghi)" in output
    assert env.run_blocking(lambda c: c.execute(select(unit_facts.c.id)).all()) == []
    code, output = invoke("unit", "fact", "import", str(good))
    assert code == 0 and "Đã ghi 2 số liệu." in output
    code, output = invoke("unit", "fact", "import", str(tmp_path / "none.csv"))
    assert code == 2
    headless = tmp_path / "thieu.csv"
    headless.write_text("XA-A,households\n", encoding="utf-8")
    code, output = invoke("unit", "fact", "import", str(headless))
    assert code == 2 and "Tệp thiếu cột" in output


PLAN = """\
code: thu-do-luong
name: Kế hoạch thử đo lường
issuer: Công an tỉnh
scope: HN
starts: 1/1/2026
ends: 31/12/2026
areas:
  - {code: resident_info, form: resident_info, points: 1, name: Nhân khẩu}
targets:
  - code: ven-bien
    description: 100% xã ven biển có camera
    level: province
    period: year
    kind: ratio
    measure:
      computed:
        count: units
        kinds: [commune]
        where: {coastal: true, cameras: ">0"}
        out_of: {count: units, kinds: [commune], where: {coastal: true}}
  - code: thong-tin
    description: Trên 90% thông tin nhân khẩu
    level: commune
    period: year
    kind: ratio
    compare: over
    threshold: 0.9
    measure:
      computed: {count: sum, area: resident_info, field: persons, out_of: {count: fact, field: residents}}
  - {code: khong-vi-pham, description: Không có cơ sở vi phạm, level: commune, period: year, kind: count, compare: at_most, threshold: 0, measure: manual}
"""


def test_plan_show_says_how_each_target_is_measured_and_its_value(
    env: Database, tmp_path: Path
) -> None:
    tree()
    for unit, key, value in (
        ("XA-A", "coastal", "có"),
        ("XA-A", "cameras", "12"),
        ("XA-B", "coastal", "có"),
        ("XA-A", "residents", "1000"),
    ):
        assert invoke("unit", "fact", "set", unit, key, value, "--from", "1/1/2026")[0] == 0
    plan = tmp_path / "ke-hoach.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    assert invoke("plan", "load", str(plan))[0] == 0
    code, output = invoke("plan", "show", "thu-do-luong", "--on", "30/06/2026")
    assert code == 0, output
    assert "Chỉ tiêu: (tính đến 30/06/2026)" in output
    assert "🎯 100% xã ven biển có camera" in output
    assert (
        "Cách tính: đếm đơn vị (xã) có “Xã ven biển” = Có, “Số camera an ninh đã lắp” = >0"
        in output
    )
    assert "Cấp tỉnh · năm 01/01/2026–31/12/2026 · Ngưỡng: ít nhất 100%" in output
    assert "Tỉnh Hà Nam: 50% (1/2) ❌ chưa đạt" in output
    assert "Tỉnh Hà Nam (tổng hợp: mọi đơn vị đạt): 0/2 (0%) ❌ chưa đạt" in output
    assert "❌ Xã An Bình: 0% (0/1000)" in output
    assert "   Xã Bình Minh: ⏳ chưa đủ số liệu" in output  # no residents fact
    assert "   Xã An Bình: ⏳ chưa nhập" in output
    code, output = invoke("plan", "show", "thu-do-luong", "--unit", "XA-A", "--lang", "en")
    assert code == 2  # no such option: the admin is told, nothing shown
    code, output = invoke("plan", "show", "thu-do-luong", "--unit", "XA-A", lang="en")
    assert code == 0 and "Xã An Bình: 0% (0/1000) ❌ not met" in output
    assert "Tỉnh Hà Nam: 50% (1/2) ❌ not met" in output  # the province's, seen from below
