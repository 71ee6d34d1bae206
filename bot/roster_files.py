"""Reading roster files (.xlsx, .csv) and writing the invite list back as .xlsx."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from bot import workbooks
from campaign.roster import HEADER_SEARCH_ROWS, NAME, column_of
from campaign.text import L, Language
from storage.admin import ImportedMember


class RosterFileError(ValueError):
    """A file that cannot be read as a roster; Vietnamese (str) and English (`text("en")`)."""

    def __init__(self, vi: str, en: str) -> None:
        super().__init__(vi)
        self.localized = L(vi, en)

    def text(self, lang: Language) -> str:
        return self.localized.get(lang)


def read_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(line number as the person sees it in the file, cells as text). Date cells read as
    dd/mm/yyyy, whole numbers without ".0" (a phone typed as a number), merged cells as their
    top-left value with the others empty."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        try:
            book = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:
            raise RosterFileError(
                f"không đọc được tệp Excel {path.name}: {exc}",
                f"cannot read the Excel file {path.name}: {exc}",
            ) from None
        sheet = book.worksheets[0]
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, [_cell_text(v) for v in row]
        book.close()
    elif suffix == ".csv":
        raw = path.read_bytes()
        try:
            content = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise RosterFileError(
                f"{path.name} không phải UTF-8; hãy lưu lại dạng CSV UTF-8",
                f"{path.name} is not UTF-8; save it again as CSV UTF-8",
            ) from None
        for number, row in enumerate(
            csv.reader(content.splitlines(), delimiter=_delimiter(content)), start=1
        ):
            yield number, [cell.strip() for cell in row]
    else:
        raise RosterFileError(
            f"chỉ nhận tệp .xlsx hoặc .csv, không phải {path.suffix or path.name}",
            f"only .xlsx or .csv files, not {path.suffix or path.name}",
        )


def _delimiter(content: str) -> str:
    """The delimiter that splits a header row into columns, trying the one used most first; a
    title block above the header defeats csv.Sniffer, and addresses full of commas in a
    semicolon file (as Excel writes CSV in Vietnamese) outnumber the semicolons."""
    candidates = sorted(",;\t", key=content.count, reverse=True)
    top = content.splitlines()[:HEADER_SEARCH_ROWS]
    for delimiter in candidates:
        for row in csv.reader(top, delimiter=delimiter):
            named = [column_of(cell) for cell in row]
            if NAME in named and sum(key is not None for key in named) >= 2:
                return delimiter
    return candidates[0]


def other_sheets(path: Path) -> list[str]:
    """The names of a workbook's sheets after the first that hold anything: `read_rows` reads
    the first only, and a commune may keep one sheet a team."""
    if path.suffix.lower() != ".xlsx":
        return []
    book = load_workbook(path, read_only=True, data_only=True)
    try:
        return [
            sheet.title
            for sheet in book.worksheets[1:]
            if any(
                value is not None and str(value).strip()
                for row in sheet.iter_rows(values_only=True)
                for value in row
            )
        ]
    finally:
        book.close()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def write_invites(
    path: Path, imported: list[ImportedMember], *, source: str, made_at: datetime
) -> None:
    """The invite list an official hands out: a title block, then one numbered row a person
    with the unit's name, the code and the day it expires (dd/mm/yyyy, in `made_at`'s zone)."""
    book = workbooks.book()
    sheet: Any = book.create_sheet("Mã mời")
    headers = [
        "STT",
        "Dòng trong tệp",
        "Đơn vị",
        "Mã đơn vị",
        "Họ và tên",
        "Vai trò",
        "Mã mời",
        "Hết hạn",
        "Ghi chú",
    ]
    block = [
        ("Danh sách", source),
        ("Lập lúc", f"{made_at:%d/%m/%Y %H:%M}"),
        ("Cách dùng", "mỗi người mở trò chuyện với bot và gửi mã của mình, trước ngày hết hạn"),
    ]
    header_row = workbooks.title_block(sheet, "DANH SÁCH MÃ MỜI", block, len(headers))
    rows = []
    for number, item in enumerate(imported, 1):
        note = "mới" if item.created else ("đã đăng ký" if item.invite_code is None else "đã có")
        expires = item.expires_at.astimezone(made_at.tzinfo) if item.expires_at else None
        rows.append(
            [
                number,
                item.line,
                item.unit_name,
                item.unit_code,
                item.full_name,
                item.role.label("vi"),
                item.invite_code or "",
                workbooks.day(expires.date()) if expires else "",
                note,
            ]
        )
    workbooks.table(sheet, header_row, headers, rows)
    workbooks.widths(sheet, (6, 9, 30, 14, 30, 18, 12, 12, 14))
    path.write_bytes(workbooks.saved(book))
