"""Reading roster files (.xlsx, .csv) and writing the invite list back as .xlsx."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook, load_workbook

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
        # The delimiter used most (a title block above the header defeats csv.Sniffer).
        delimiter = max(",;\t", key=content.count)
        for number, row in enumerate(
            csv.reader(content.splitlines(), delimiter=delimiter), start=1
        ):
            yield number, [cell.strip() for cell in row]
    else:
        raise RosterFileError(
            f"chỉ nhận tệp .xlsx hoặc .csv, không phải {path.suffix or path.name}",
            f"only .xlsx or .csv files, not {path.suffix or path.name}",
        )


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def write_invites(path: Path, imported: list[ImportedMember]) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Mã mời"
    sheet.append(["Dòng", "Đơn vị", "Họ và tên", "Vai trò", "Mã mời", "Ghi chú"])
    for item in imported:
        note = "mới" if item.created else ("đã đăng ký" if item.invite_code is None else "đã có")
        sheet.append(
            [
                item.line,
                item.unit_code,
                item.full_name,
                item.role.label("vi"),
                item.invite_code or "",
                note,
            ]
        )
    for column, width in zip("ABCDEF", (6, 18, 30, 22, 12, 14), strict=True):
        sheet.column_dimensions[column].width = width
    book.save(path)
