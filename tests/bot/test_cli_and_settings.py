"""The command line and the settings, as an administrator uses them."""

from __future__ import annotations

import csv
import os
import stat
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from bot.cli import app
from bot.settings import SettingsError, load_settings
from services.invites import INVITE_DAYS
from storage.units import unit_id
from tests.workbooks import emoji_in, table

runner = CliRunner()


@pytest.fixture
def env(tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ANTT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ANTT_DATABASE_URL", database_url)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def test_secret_key_is_generated_once_with_owner_only_permissions(tmp_path: Path) -> None:
    first = load_settings(data_dir=tmp_path)
    second = load_settings(data_dir=tmp_path)
    assert first.secret_key == second.secret_key and len(first.secret_key) >= 32
    mode = stat.S_IMODE(os.stat(tmp_path / "secret.key").st_mode)
    assert mode == 0o600


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("ANTT_WEB_PORT", "eighty"),
        ("ANTT_WEB_PORT", "70000"),
        ("ANTT_TIMEZONE", "Mars/Base"),
        ("ANTT_LANGUAGE", "fr"),
        ("ANTT_DATABASE_URL", "mysql://x"),
        ("ANTT_TELEGRAM_TOKEN", "not-a-token"),
        ("ANTT_TELEGRAM_WEBHOOK_URL", "http://bot.example.vn"),
        ("ANTT_ZALO_TOKEN", "abc"),
        ("ANTT_ZALO_WEBHOOK_URL", "bot.example.vn/hook"),
    ],
)
def test_a_bad_value_stops_with_one_line_naming_the_variable(
    variable: str, value: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError) as raised:
        load_settings(data_dir=tmp_path)
    assert str(raised.value).startswith(variable) and "\n" not in str(raised.value)
    monkeypatch.setenv("ANTT_DATA_DIR", str(tmp_path))
    code, output = invoke("db", "upgrade")
    assert code == 2 and variable in output and "Traceback" not in output


def test_demo_is_idempotent_and_units_and_invites(env: Path) -> None:
    code, first = invoke("demo")
    assert code == 0 and "Đã tạo dữ liệu minh họa" in first
    code, second = invoke("demo")
    assert code == 0 and "đã có" in second
    # The same open codes are offered again instead of new ones.
    assert first.splitlines()[-3:] == second.splitlines()[-3:]
    code, output = invoke(
        "unit", "add", "DEMO-XA-T3", "Tổ bảo vệ ANTT thôn Nam", "--parent", "DEMO-XA"
    )
    assert code == 0, output
    code, output = invoke("unit", "add", "DEMO-XA-T3", "Trùng", "--parent", "DEMO-XA")
    assert code == 2 and "đã tồn tại" in output
    # The tree keeps the order roles need; a kind typed with capitals is the same kind.
    for args, why in (
        (("X-1", "Xã trong tổ", "--kind", "commune", "--parent", "DEMO-XA-T1"), "dưới một tổ"),
        (("X-2", "Xã trong xã", "--kind", "Commune", "--parent", "DEMO-XA"), "dưới một xã"),
        (("X-3", "Tổ mồ côi", "--kind", "team"), "phải thuộc một xã"),
        (("X-6", "Tổ thẳng dưới tỉnh", "--parent", "DEMO"), "phải thuộc một xã"),
        (("X-4", "Tỉnh con", "--kind", "province", "--parent", "DEMO"), "cao nhất"),
        (("X-5", "Cấp lạ", "--kind", "Làng", "--parent", "DEMO-XA"), "không hợp lệ"),
        (("X-7", "Tổ dân phố dưới tỉnh", "--kind", "Tổ dân phố", "--parent", "DEMO"), "commune"),
    ):
        code, output = invoke("unit", "add", *args)
        assert code == 2 and why in output, output
    code, output = invoke(
        "unit", "add", "XA-MOI", "Xã Mới", "--kind", " Commune", "--parent", "DEMO"
    )
    assert code == 0, output
    code, output = invoke("unit", "list")
    assert "DEMO-XA-T3" in output and "thôn Nam" in output
    assert "X-1" not in output and "XA-MOI" in output
    code, output = invoke("invite", "create", "--unit", "XA-MOI", "--role", "officer")
    assert code == 0, output  # stored as the kind "commune", so it takes an officer
    code, output = invoke(
        "invite", "create", "--unit", "DEMO-XA-T3", "--role", "leader", "--count", "3"
    )
    assert code == 0 and output.count("Tổ trưởng") == 3
    code, output = invoke("invite", "create", "--unit", "NOPE", "--role", "leader")
    assert code == 2 and "Không có đơn vị NOPE" in output
    code, output = invoke("invite", "create", "--unit", "DEMO-XA-T3", "--role", "boss")
    assert code == 2 and "Vai trò không rõ" in output


def test_demo_and_roster_import_still_run_when_a_unit_holds_two_people_of_one_name(
    env: Path, database_url: str
) -> None:
    """Someone registered as the demo officer without being asked (an earlier version) and
    typed the roster's name: the commune now holds two "Cán bộ mẫu". Start-up (which runs the
    demo) and the import go on."""
    from datetime import UTC, datetime

    from sqlalchemy import func, insert, select

    from storage.database import Database
    from storage.schema import members

    assert invoke("demo")[0] == 0
    database = Database(database_url)

    def register_twin(conn: Any) -> None:
        commune = unit_id(conn, "DEMO-XA")
        conn.execute(
            insert(members).values(
                full_name="Cán bộ mẫu",
                unit_id=commune,
                role="officer",
                active=True,
                language="vi",
                created_at=datetime.now(UTC),
                joined_at=datetime.now(UTC),
            )
        )

    def twins(conn: Any) -> int:
        query = select(func.count()).where(members.c.full_name == "Cán bộ mẫu")
        return int(conn.execute(query).scalar_one())

    try:
        database.run_blocking(register_twin)
        code, output = invoke("demo")
        assert code == 0 and "đã có" in output, output
        roster = env / "danh-sach.csv"
        _write_csv(
            roster,
            [
                ["Đơn vị", "Họ và tên", "Vai trò", "Số điện thoại"],
                ["Xã Hòa Bình", "Cán bộ mẫu", "Cán bộ Công an xã", ""],
            ],
        )
        code, output = invoke("roster", "import", str(roster), "--yes")
        assert code == 0 and "0 mới, 1 đã có" in output, output
        assert database.run_blocking(twins) == 2  # nobody added or merged
    finally:
        database.close()


def _write_csv(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)


def test_roster_import_checks_everything_first_then_imports_once(env: Path) -> None:
    invoke("demo")
    roster = env / "danh-sach.csv"
    header = ["Đơn vị", "Họ và tên", "Vai trò", "Số điện thoại"]
    _write_csv(
        roster,
        [
            header,
            ["Xã Hòa Bình / Tổ bảo vệ ANTT thôn Đông", "Vũ Văn Mới", "Tổ viên", "0912345678"],
            ["DEMO-XA-T2", "Đinh Thị Hai", "to pho", ""],
            ["Xã Không Có", "Ai Đó", "Tổ viên", ""],
            ["DEMO-XA-T2", "Sai Vai", "trưởng thôn", ""],
        ],
    )
    code, output = invoke("roster", "import", str(roster), "--yes")
    assert code == 1
    assert "dòng 4" in output and "không tìm thấy đơn vị" in output
    assert "dòng 5" in output and "vai trò" in output
    _, units = invoke("unit", "list")
    assert " 3  Tổ bảo vệ ANTT thôn Đông" in units  # nothing imported

    _write_csv(
        roster,
        [
            header,
            *[
                ["Xã Hòa Bình / Tổ bảo vệ ANTT thôn Đông", "Vũ Văn Mới", "Tổ viên", "0912345678"],
                ["DEMO-XA-T2", "Đinh Thị Hai", "to pho", ""],
            ],
        ],
    )
    code, output = invoke("roster", "import", str(roster), "--dry-run")
    assert code == 0 and "2 dòng hợp lệ" in output
    code, output = invoke("roster", "import", str(roster), "--yes")
    assert code == 0 and "2 mới" in output, output
    book = load_workbook(env / "danh-sach-ma-moi.xlsx")
    rows = table(book.active)
    assert [r["Họ và tên"] for r in rows] == ["Vũ Văn Mới", "Đinh Thị Hai"]
    codes = [r["Mã mời"] for r in rows]
    assert all(isinstance(c, str) and len(c) == 8 for c in codes)
    # The official's list: what it is, when it was made, each row's unit by name and expiry.
    today = datetime.now(ZoneInfo("Asia/Ho_Chi_Minh")).date()
    assert book.active["A1"].value == "DANH SÁCH MÃ MỜI"
    assert book.active["A2"].value == "Danh sách: danh-sach.csv"
    assert str(book.active["A3"].value).startswith(f"Lập lúc: {today:%d/%m/%Y} ")
    assert rows[0] == {
        "STT": 1,
        "Dòng trong tệp": 2,
        "Đơn vị": "Tổ bảo vệ ANTT thôn Đông",
        "Mã đơn vị": "DEMO-XA-T1",
        "Họ và tên": "Vũ Văn Mới",
        "Vai trò": "Tổ viên",
        "Mã mời": codes[0],
        "Hết hạn": f"{today + timedelta(days=INVITE_DAYS):%d/%m/%Y}",
        "Ghi chú": "mới",
    }
    assert rows[1]["STT"] == 2 and rows[1]["Vai trò"] == "Tổ phó"
    assert not emoji_in(book)
    # A re-run creates nobody and hands out the same codes, expiring the same day.
    code, output = invoke("roster", "import", str(roster), "--yes")
    assert code == 0 and "0 mới, 2 đã có" in output
    again = table(load_workbook(env / "danh-sach-ma-moi.xlsx").active)
    assert [r["Mã mời"] for r in again] == codes
    assert [r["Hết hạn"] for r in again] == [r["Hết hạn"] for r in rows]


def test_roster_import_refuses_other_files(env: Path) -> None:
    other = env / "list.txt"
    other.write_text("x")
    code, output = invoke("roster", "import", str(other))
    assert code == 2 and ".xlsx hoặc .csv" in output


def test_a_bad_token_is_named_but_never_echoed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret_looking = "12345:short"
    monkeypatch.setenv("ANTT_TELEGRAM_TOKEN", secret_looking)
    with pytest.raises(SettingsError) as raised:
        load_settings(data_dir=tmp_path)
    assert "ANTT_TELEGRAM_TOKEN" in str(raised.value) and secret_looking not in str(raised.value)


PLANS = Path(__file__).resolve().parents[2] / "plans"


def test_plan_load_list_show(env: Path) -> None:
    invoke("demo")
    seed_plan = PLANS / "2024-hai-duong-thi-dua-dac-biet.yaml"
    code, output = invoke("plan", "load", str(seed_plan))
    assert code == 2 and "Không có đơn vị HD" in output  # the province is not in this database
    code, output = invoke("plan", "load", str(seed_plan), "--scope", "DEMO")
    assert code == 0 and "Đã nạp hd-2024-thi-dua-dac-biet" in output
    code, output = invoke("plan", "load", str(seed_plan), "--scope", "DEMO")
    assert code == 0 and "Đã thay" in output  # loading again replaces, never duplicates
    code, output = invoke("plan", "load", str(PLANS / "2026-huong-dan-01-hd-bca-v05.yaml"))
    assert code == 0
    code, output = invoke("plan", "list")
    assert output.count("hd-2024-thi-dua-dac-biet") == 1 and "xếp loại" in output
    code, output = invoke("plan", "show", "hd-2024-thi-dua-dac-biet")
    assert "Đợt 1: 19/08/2024–03/02/2025" in output and "Việc tốt: 2 điểm" in output
    assert "Mỗi tổ mỗi tháng ít nhất 01 việc tốt" in output and "03/02/2025: Sơ kết Đợt 1" in output
    code, output = invoke("plan", "show", "nope")
    assert code == 2 and "Không có kế hoạch nope" in output


def test_plan_load_refuses_a_bad_file_whole(env: Path) -> None:
    bad = env / "ke-hoach.yaml"
    bad.write_text(
        "code: x\nname: Thử\nissuer: T\nscope: DEMO\nstarts: 1/1/2025\nends: 32/1/2025\n",
        encoding="utf-8",
    )
    code, output = invoke("plan", "load", str(bad))
    assert code == 1 and "chưa nạp gì" in output
    assert "dòng 1: code:" in output and "dòng 6: ends: không có ngày '32/1/2025'" in output
    code, output = invoke("plan", "list")
    assert "Chưa nạp kế hoạch nào" in output
