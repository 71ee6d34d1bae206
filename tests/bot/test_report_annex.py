"""The report's annex as an official opens it in a spreadsheet (read with openpyxl): one sheet
per section under the same title block, the numbers as numbers and equal to the .docx's, the
dates as dd/mm/yyyy text."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date, datetime
from typing import Any

import pytest
from openpyxl import load_workbook

from bot.report_files import render, sample_report
from tests.bot.reports_read import opened, table_under
from tests.workbooks import emoji_in, table

UNIT_SHEETS = [
    "Nội dung",
    "Nguồn tin",
    "Vụ việc",
    "Lực lượng",
    "Chỉ tiêu",
    "Xếp hạng",
    "Mô hình",
    "Khen thưởng",
    "Báo cáo đã nộp",
]


@pytest.fixture(scope="module")
def unit() -> tuple[Any, Any]:
    rendered = render(sample_report(), None)
    return load_workbook(io.BytesIO(rendered.xlsx)), opened(rendered.docx)


@pytest.fixture(scope="module")
def province() -> Any:
    return load_workbook(io.BytesIO(render(sample_report(province=True), None).xlsx))


def test_one_sheet_per_section_each_under_the_title_block(unit: tuple[Any, Any]) -> None:
    book, _ = unit
    assert book.sheetnames == UNIT_SHEETS
    for sheet in book:
        lines = [row[0] for row in sheet.iter_rows(max_col=1, max_row=6, values_only=True)]
        assert lines[0] == "Phụ lục kèm theo Báo cáo số …/BC-CAX"
        assert lines[2:] == [
            "Đơn vị: Công an xã Đông Hưng",
            "Kế hoạch: Kế hoạch thi đua đặc biệt bảo vệ an ninh, trật tự năm 2026",
            "Kỳ báo cáo: Đợt 1 (01/07/2026–31/12/2026)",
            "Số liệu đến hết ngày: 04/12/2026",
        ]
    assert book["Nội dung"]["A2"].value == "Nội dung: Kết quả theo nội dung thi đua"


def plain_number(written: str) -> int | float | None:
    """A number as the .docx writes it ("1.234", "708,5", "—") back to a number."""
    if written == "—":
        return None
    value = float(written.replace(".", "").replace(",", "."))
    return int(value) if value.is_integer() else value


def test_the_numbers_are_numbers_and_equal_the_documents(unit: tuple[Any, Any]) -> None:
    book, document = unit
    areas = table(book["Nội dung"])
    assert [row["Kỳ này"] for row in areas] == [12, 1234, 7]
    assert all(isinstance(row["Kỳ này"], int) for row in areas)
    in_docx = table_under(document, "Nội dung", "Kỳ này", "Kỳ trước", "Chờ xác nhận")
    assert [
        [row["Nội dung"], row["Kỳ này"], row["Kỳ trước"], row["Chờ xác nhận"]] for row in areas
    ] == [[name, *(plain_number(v) for v in values)] for name, *values in in_docx]
    tips = table(book["Nguồn tin"])
    assert [[r["Loại nguồn tin"], r["Kết quả xử lý"], r["Số lượng"]] for r in tips] == [
        [kind, outcome, plain_number(count)]
        for kind, outcome, count in table_under(
            document, "Loại nguồn tin", "Kết quả xử lý", "Số lượng"
        )
    ]
    standings = table(book["Xếp hạng"])
    assert standings[0]["Hạng"] == 3 and standings[0]["Trên tổng số"] == 17
    assert standings[0]["Điểm"] == 1520.5
    assert [(r["Tên"], r["Điểm"]) for r in standings[1:3]] == [
        ("Tổ bảo vệ ANTT thôn Đông", 812),
        ("Tổ bảo vệ ANTT thôn Tây", 708.5),
    ]
    people = table(book["Lực lượng"])
    assert [r["Số lượng"] for r in people] == [38, 45, 1234, 4321]


def test_dates_are_dd_mm_yyyy_text_and_no_emoji(unit: tuple[Any, Any]) -> None:
    book, _ = unit
    dated = 0
    for sheet in book:
        for row in sheet.iter_rows(values_only=True):
            for value in row:
                assert not isinstance(value, date | datetime)
                if isinstance(value, str):
                    assert not re.search(r"\d{4}-\d{2}-\d{2}", value)
                    for written in re.findall(r"\b\d{2}/\d{2}/\d{4}\b", value):
                        datetime.strptime(written, "%d/%m/%Y")
                        dated += 1
    assert dated > 10
    assert table(book["Báo cáo đã nộp"])[1]["Ngày nộp"] is None  # not submitted: empty
    assert [r["Đánh giá"] for r in table(book["Chỉ tiêu"])] == ["đạt", "chưa đạt", "chưa nhập"]
    assert emoji_in(book) == []


def test_a_province_annex_has_its_communes_and_those_not_submitted(province: Any) -> None:
    assert province.sheetnames == [*UNIT_SHEETS, "Các xã", "Chưa nộp"]
    communes = table(province["Các xã"])
    assert communes[0] == {
        "STT": 1,
        "Xã": "Xã Đông Hưng",
        "Nguồn tin về an ninh, trật tự": 12,
        "Tuần tra, canh gác": 1234,
        "Việc tốt, gương người tốt": 7,
        "Chỉ tiêu đạt": 1,
        "Số chỉ tiêu": 2,
        "Báo cáo kỳ này": "Đã nhận",
        "Ngày nộp": "08/12/2026",
    }
    assert [r["Xã"] for r in table(province["Chưa nộp"])] == ["Xã Ứng Hòe"]
    assert province["Các xã"]["A1"].value == "Phụ lục kèm theo Báo cáo số …/BC-CAT"


def test_an_english_speaking_reader_gets_english_sheets_and_headers() -> None:
    english = replace(sample_report(), language="en")
    book = load_workbook(io.BytesIO(render(english, None).xlsx))
    assert book.sheetnames[0] == "Areas"
    assert book["Areas"]["A1"].value == "Annex to Report No. …/BC-CAX"
    rows = list(book["Areas"].iter_rows(values_only=True))
    header = next(n for n, row in enumerate(rows) if row[0] == "No.")
    assert rows[header] == ("No.", "Area", "This period", "Previous period", "Awaiting review")
    assert [row[2] for row in rows[header + 1 :]] == [12, 1234, 7]
