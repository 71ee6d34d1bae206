"""Reading roster files (.xlsx, .csv) and writing the invite list back as .xlsx."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from openpyxl import Workbook, load_workbook

from storage.admin import ImportedMember


class RosterFileError(ValueError):
    pass


def read_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(line number as the person sees it in the file, cells as text)."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        try:
            book = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:
            raise RosterFileError(f"không đọc được tệp Excel {path.name}: {exc}") from None
        sheet = book.worksheets[0]
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, ["" if v is None else str(v).strip() for v in row]
        book.close()
    elif suffix == ".csv":
        raw = path.read_bytes()
        try:
            content = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise RosterFileError(
                f"{path.name} không phải UTF-8; hãy lưu lại dạng CSV UTF-8"
            ) from None
        dialect = (
            csv.Sniffer().sniff(content[:4096], delimiters=",;\t") if content.strip() else csv.excel
        )
        for number, row in enumerate(csv.reader(content.splitlines(), dialect), start=1):
            yield number, row
    else:
        raise RosterFileError(
            f"chỉ nhận tệp .xlsx hoặc .csv, không phải {path.suffix or path.name}"
        )


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
