"""A commune imports the roster it already keeps: a workbook or CSV with a title block, headers
in its own words and order, section rows, signatures; the joining dates it records let grading
count the members' months from the day they joined, not from the bot's first day."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import event, select
from sqlalchemy.engine import Engine
from typer.testing import CliRunner

from bot.cli import app
from storage import grading
from storage.database import Database
from storage.schema import members, units
from tests.workbooks import table

runner = CliRunner()
ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
GUIDE = Path(__file__).resolve().parents[2] / "plans" / "2026-huong-dan-01-hd-bca-v05.yaml"


@pytest.fixture
def env(tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    monkeypatch.setenv("ANTT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("ANTT_DATABASE_URL", database_url)
    monkeypatch.delenv("ANTT_LANGUAGE", raising=False)
    monkeypatch.chdir(tmp_path)
    for args in (
        ("HN", "Tỉnh Hà Nam", "--kind", "province"),
        ("XA-AB", "Xã An Bình", "--kind", "commune", "--parent", "HN"),
        ("XA-AB-T1", "Tổ bảo vệ ANTT thôn Đông", "--parent", "XA-AB"),
        ("XA-AB-T2", "Tổ bảo vệ ANTT thôn Tây", "--parent", "XA-AB"),
    ):
        result = runner.invoke(app, ["unit", "add", *args])
        assert result.exit_code == 0, result.output
    database = Database(database_url)
    yield database
    database.close()


def invoke(*args: str, lang: str = "vi", answer: str | None = None) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env={"ANTT_LANGUAGE": lang}, input=answer)
    return result.exit_code, result.output


def commune_workbook(path: Path) -> None:
    """As a commune's clerk makes it: merged title cells, headers in capitals and in their own
    order, a "(1) (2) ..." row, a section row per team, phones typed as numbers, date cells,
    blank lines, the signatures."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["CÔNG AN XÃ AN BÌNH", None, None, "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"])
    sheet.append([None, None, None, "Độc lập - Tự do - Hạnh phúc"])
    sheet.append([])
    sheet.append(["DANH SÁCH THÀNH VIÊN TỔ BẢO VỆ AN NINH, TRẬT TỰ Ở CƠ SỞ"])
    sheet.merge_cells("A4:G4")
    sheet.append(["(Kèm theo Quyết định số 12/QĐ-UBND ngày 01/7/2024)"])
    sheet.merge_cells("A5:G5")
    sheet.append([])
    sheet.append(["STT", "HỌ VÀ TÊN", "Ngày sinh", "Số ĐT", "Chức vụ", "Ngày vào tổ", "Đơn vị/Tổ"])
    sheet.append(["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"])
    sheet.append(["I. Tổ bảo vệ ANTT thôn Đông"])
    sheet.merge_cells("A9:G9")
    sheet.append([1, "Nguyễn Văn Tuấn", datetime(1970, 3, 2), 912345678, "Tổ trưởng",
                  datetime(2020, 1, 15), None])  # fmt: skip
    sheet.append([2, "Trần Thị Lan", "12/08/1985", "0987 654 321", "Tổ viên", "01/03/2024", ""])
    sheet.append([])
    sheet.append([3, "Lê Văn Hùng", None, None, None, None, None])  # a member, no date known
    sheet.append(["II. Tổ bảo vệ ANTT thôn Tây"])
    sheet.append([1, "Phạm Thị Mai", None, None, "Tổ phó", "15/9/2023", "XA-AB-T2"])
    sheet.append([])
    sheet.append([None, None, None, None, "An Bình, ngày 20 tháng 11 năm 2026"])
    sheet.append([None, "Người lập biểu", None, None, "TRƯỞNG CÔNG AN XÃ"])
    sheet.append([None, "(Ký, ghi rõ họ tên)"])
    sheet.append([None, "Đỗ Văn Lập", None, None, "Hoàng Văn Trưởng"])
    book.save(path)


def people(database: Database) -> dict[str, Any]:
    rows = database.run_blocking(
        lambda c: c.execute(
            select(
                members.c.full_name,
                members.c.role,
                members.c.phone,
                members.c.joined_team_on,
                units.c.code,
            ).join(units, members.c.unit_id == units.c.id)
        ).all()
    )
    return {r.full_name: r for r in rows}


def test_a_commune_workbook_with_title_block_sections_and_signatures_imports(
    env: Database, tmp_path: Path
) -> None:
    roster = tmp_path / "danh-sach-to-bao-ve.xlsx"
    commune_workbook(roster)
    code, output = invoke("roster", "import", str(roster), "--yes")
    assert code == 0, output
    assert "4 dòng hợp lệ (3 có ngày vào tổ)" in output and "4 mới" in output, output
    assert "Dừng đọc ở dòng 17: phần chữ ký" in output
    found = people(env)
    assert set(found) == {"Nguyễn Văn Tuấn", "Trần Thị Lan", "Lê Văn Hùng", "Phạm Thị Mai"}
    tuan = found["Nguyễn Văn Tuấn"]
    assert (tuan.code, tuan.role, tuan.phone) == ("XA-AB-T1", "leader", "0912345678")
    assert tuan.joined_team_on == date(2020, 1, 15)
    assert found["Trần Thị Lan"].joined_team_on == date(2024, 3, 1)
    assert found["Lê Văn Hùng"].code == "XA-AB-T1" and found["Lê Văn Hùng"].joined_team_on is None
    assert found["Phạm Thị Mai"].code == "XA-AB-T2" and found["Phạm Thị Mai"].role == "deputy"
    codes = table(load_workbook(tmp_path / "danh-sach-to-bao-ve-ma-moi.xlsx").active)
    assert [r["Họ và tên"] for r in codes] == [
        "Nguyễn Văn Tuấn", "Trần Thị Lan", "Lê Văn Hùng", "Phạm Thị Mai"
    ]  # fmt: skip


def test_a_csv_with_unaccented_headers_two_unit_columns_and_a_title_line_imports(
    env: Database, tmp_path: Path
) -> None:
    roster = tmp_path / "ds.csv"
    with roster.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["DANH SACH TO BAO VE ANTT THON TAY"])
        writer.writerow([])
        writer.writerow(["so tt", "ho ten", "vai tro", "dien thoai", "don vi", "to", "ngay vao to",
                         "ghi chu"])  # fmt: skip
        writer.writerow(["1", "Vũ Văn Nam", "to vien", "", "Xã An Bình", "Tổ bảo vệ ANTT thôn Tây",
                         "2022-05-01", "vào tổ ngày 1 tháng 5 năm 2022"])  # fmt: skip
        writer.writerow(["2", "Hà Thị Thu", "", "", "XA-AB", "XA-AB-T2", "", ""])
        writer.writerow(["", "", "", "", "", "", "", ""])
        writer.writerow(["Nguoi lap bieu"])
        writer.writerow(["", "Ai Đó Ký"])
    code, output = invoke("roster", "import", str(roster), "--yes")
    assert code == 0 and "2 mới" in output, output  # a note with a date ends nothing
    found = people(env)
    assert found["Vũ Văn Nam"].joined_team_on == date(2022, 5, 1)
    assert found["Hà Thị Thu"].code == "XA-AB-T2"


def test_without_headers_it_says_which_columns_it_expects_and_imports_nothing(
    env: Database, tmp_path: Path
) -> None:
    roster = tmp_path / "ds.csv"
    roster.write_text("XA-AB-T1,Nguyễn Văn A,Tổ viên\n", encoding="utf-8")
    code, output = invoke("roster", "import", str(roster), "--yes")
    assert code == 2, output
    for column in ("Họ và tên", "Đơn vị/Tổ", "Chức vụ/Vai trò", "Số điện thoại", "Ngày vào tổ"):
        assert column in output, output
    code, output = invoke("roster", "import", str(roster), "--yes", lang="en")
    assert code == 2 and "No header row" in output and "Full name" in output, output
    assert people(env) == {}


def test_bad_rows_are_listed_with_their_lines_in_either_language(
    env: Database, tmp_path: Path
) -> None:
    roster = tmp_path / "ds.csv"
    roster.write_text(
        "Họ và tên,Đơn vị,Ngày vào tổ\n"
        "Nguyễn Văn A,XA-AB-T1,31/02/2024\n"
        "Trần Văn B,XA-AB-T1,01/01/2999\n"
        "Lê Văn C,Xã Không Có,\n",
        encoding="utf-8",
    )
    code, output = invoke("roster", "import", str(roster), "--yes")
    assert code == 1 and "chưa nhập gì" in output, output
    assert (
        "dòng 2: ngày vào tổ không hợp lệ" in output and "dòng 3: ngày vào tổ 01/01/2999" in output
    )
    assert "dòng 4: không tìm thấy đơn vị 'Xã Không Có'" in output
    code, output = invoke("roster", "import", str(roster), "--yes", lang="en")
    assert code == 1 and "line 2: not a joining date" in output and "nothing imported" in output
    assert people(env) == {}


@pytest.mark.parametrize("answer", ["n", "k", "không"])
def test_answering_no_at_the_confirmation_changes_nothing_and_exits_0(
    env: Database, tmp_path: Path, answer: str
) -> None:
    roster = tmp_path / "ds.xlsx"
    commune_workbook(roster)
    code, output = invoke("roster", "import", str(roster), answer=f"{answer}\n")
    assert code == 0 and "Nhập 4 thành viên?" in output, output
    assert "Đã huỷ, không thay đổi gì." in output
    assert people(env) == {} and not (tmp_path / "ds-ma-moi.xlsx").exists()
    code, output = invoke("roster", "import", str(roster), lang="en", answer="n\n")
    assert code == 0 and "Cancelled; nothing changed." in output, output


def test_a_commune_that_imports_its_real_roster_is_graded_in_its_first_year(
    env: Database, tmp_path: Path
) -> None:
    """The bot was installed today; the roster says who has been in the team for years. The
    year's proposals count them active from their joining day (the guide wants 9 months)."""
    assert invoke("plan", "load", str(GUIDE))[0] == 0
    roster = tmp_path / "ds.xlsx"
    commune_workbook(roster)
    assert invoke("roster", "import", str(roster), "--yes")[0] == 0
    now = datetime.now(ZONE)

    def proposals(conn: Any) -> dict[str, Any]:
        team = conn.execute(select(units.c.id).where(units.c.code == "XA-AB-T1")).scalar_one()
        board = grading.board(conn, team, now.date(), now, ZONE, fresh=True)
        assert board is not None
        return {line.name: line for line in board.lines}

    lines = env.run_blocking(proposals)
    tuan = lines["Nguyễn Văn Tuấn"]  # in the team since 2020
    assert tuan.active_months == 12 and "under_months" not in tuan.notes
    assert tuan.proposed is not None
    hung = lines["Lê Văn Hùng"]  # no joining day in the roster: not graded, and says why
    assert hung.active_months == 0 and hung.proposed is None and "under_months" in hung.notes
    team = lines["Tổ bảo vệ ANTT thôn Đông"]  # the team existed since its first member joined
    assert team.active_months == 12 and team.proposed is not None


def test_a_header_over_two_rows_imports_its_sub_columns(env: Database, tmp_path: Path) -> None:
    """Commune lists often group columns under a merged heading: "Năm sinh" over "Nam | Nữ",
    "Liên hệ" over "Số điện thoại". The second header row is not a person, and a column named
    only there (the phone) is read."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["DANH SÁCH THÀNH VIÊN TỔ BẢO VỆ ANTT THÔN ĐÔNG"])
    sheet.merge_cells("A1:F1")
    sheet.append(["STT", "Họ và tên", "Năm sinh", None, "Liên hệ", "Đơn vị/Tổ"])
    sheet.append([None, None, "Nam", "Nữ", "Số điện thoại", None])
    for cells in ("A2:A3", "B2:B3", "C2:D2", "F2:F3"):
        sheet.merge_cells(cells)
    sheet.append([1, "Trần Thị Hoa", None, 1980, "0912345678", "XA-AB-T1"])
    sheet.append([2, "Lê Văn Bình", 1975, None, "0912 345 679", "XA-AB-T1"])
    roster = tmp_path / "ds-hai-dong-tieu-de.xlsx"
    book.save(roster)
    code, output = invoke("roster", "import", str(roster), "--yes")
    assert code == 0, output
    assert "2 mới" in output, output
    found = people(env)
    assert set(found) == {"Trần Thị Hoa", "Lê Văn Bình"}
    assert found["Trần Thị Hoa"].phone == "0912345678"
    assert found["Lê Văn Bình"].phone == "0912345679"


def test_a_province_sized_list_is_checked_without_a_query_a_row(
    env: Database, tmp_path: Path
) -> None:
    """A large list (here 3,000 people in two teams) is checked at once: the teams are looked
    up once each, not twice a row (50,000 rows took 30 s with nothing printed)."""
    roster = tmp_path / "ds-lon.csv"
    with roster.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["STT", "Họ và tên", "Đơn vị/Tổ"])
        for number in range(1, 3001):
            team = "XA-AB-T1" if number % 2 else "XA-AB-T2"
            writer.writerow([number, f"Người Thứ {number}", team])
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(str(args[2]))

    event.listen(Engine, "before_cursor_execute", count)
    try:
        code, output = invoke("roster", "import", str(roster), "--dry-run")
    finally:
        event.remove(Engine, "before_cursor_execute", count)
    assert code == 0 and "3000 dòng hợp lệ" in output, output
    assert len(statements) < 200, len(statements)


def test_an_empty_file_is_called_empty(env: Database, tmp_path: Path) -> None:
    """Not "no header row in the first 30 rows": there is no row at all."""
    empty_csv = tmp_path / "ds.csv"
    empty_csv.write_bytes(b"\xef\xbb\xbf\r\n;;\r\n")  # Excel's BOM and blank lines
    empty_book = tmp_path / "ds.xlsx"
    Workbook().save(empty_book)
    for roster in (empty_csv, empty_book):
        code, output = invoke("roster", "import", str(roster), "--yes")
        assert code == 2 and f"{roster.name}: tệp trống" in output, output
        assert "tiêu đề" not in output
    code, output = invoke("roster", "import", str(empty_csv), "--yes", lang="en")
    assert code == 2 and "the file is empty" in output, output
    assert people(env) == {}


def test_a_workbook_with_a_sheet_a_team_says_which_sheets_it_did_not_read(
    env: Database, tmp_path: Path
) -> None:
    """Only the first sheet is read: the others are named before anything is imported, so the
    official is not left believing the whole commune was imported."""
    book = Workbook()
    east = book.active
    assert east is not None
    east.title = "Thôn Đông"
    east.append(["STT", "Họ và tên", "Đơn vị/Tổ"])
    east.append([1, "Trần Thị Hoa", "XA-AB-T1"])
    west = book.create_sheet("Thôn Tây")
    west.append(["STT", "Họ và tên", "Đơn vị/Tổ"])
    west.append([1, "Lê Văn Bình", "XA-AB-T2"])
    book.create_sheet("Trống")
    roster = tmp_path / "ds-hai-to.xlsx"
    book.save(roster)
    code, output = invoke("roster", "import", str(roster), answer="n\n")
    assert code == 0, output
    assert "các trang 'Thôn Tây' không được đọc" in output, output
    assert "Trống" not in output
    assert people(env) == {}


def test_a_semicolon_csv_with_addresses_full_of_commas_imports(
    env: Database, tmp_path: Path
) -> None:
    """Excel in Vietnamese writes CSV with semicolons; an address column can hold more commas
    than the file has semicolons."""
    roster = tmp_path / "ds.csv"
    address = "Số 5, ngõ 3, xóm 1, thôn Đông, xã An Bình, tỉnh Hà Nam"
    roster.write_text(
        "STT;Họ và tên;Địa chỉ;Đơn vị\n"
        f"1;Nguyễn Văn Ánh;{address};XA-AB-T1\n"
        f"2;Lê Thị Hồng;{address};XA-AB-T1\n",
        encoding="utf-8-sig",
    )
    code, output = invoke("roster", "import", str(roster), "--yes")
    assert code == 0 and "2 mới" in output, output
    assert set(people(env)) == {"Nguyễn Văn Ánh", "Lê Thị Hồng"}


def test_an_invite_list_that_cannot_be_written_stops_the_import_before_it_starts(
    env: Database, tmp_path: Path
) -> None:
    """--output in a folder that is not there: said before anything is imported, so no code is
    made that nobody can hand out (it used to import, then fail with a traceback)."""
    roster = tmp_path / "ds.csv"
    roster.write_text("Họ và tên,Đơn vị\nNguyễn Văn A,XA-AB-T1\n", encoding="utf-8")
    missing = tmp_path / "khong-co" / "ma-moi.xlsx"
    code, output = invoke("roster", "import", str(roster), "--yes", "--output", str(missing))
    assert code == 2 and "Không ghi được danh sách mã mời" in output, output
    assert "chưa nhập gì" in output
    assert people(env) == {}
    code, output = invoke("roster", "import", str(roster), "--yes")
    assert code == 0 and "1 mới" in output, output
