"""What every workbook an official opens shares: a title block, a numbered table under a bold
header that repeats on each printed page, dates dd/mm/yyyy, and no emoji in any cell.

openpyxl (and numpy under it) is imported by the functions that build a workbook, not with
this module: the web process imports its users at start and may never make one."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from openpyxl import Workbook

# openpyxl's own ILLEGAL_CHARACTERS_RE (the control characters a worksheet refuses), copied so
# that cleaning a value does not import openpyxl.
ILLEGAL_CHARACTERS_RE = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")

# Emoji and their joiners/selectors: an official's spreadsheet (and its printout) shows them
# as empty boxes, so cells never carry them.
EMOJI = re.compile(
    "[\U0001f000-\U0001faff\U00002600-\U000027bf\U0001f1e6-\U0001f1ff\u231a\u231b\u23e9-\u23fa"
    "\U00002b00-\U00002bff\U0000fe0e\U0000fe0f\U0000200d\U000020e3\U0001f3fb-\U0001f3ff]"
)


def plain(value: Any) -> Any:
    """A cell's value without emoji (and the space they leave at the start), nor the control
    characters a worksheet cannot hold (a name typed in the chat may carry one)."""
    if isinstance(value, str):
        return " ".join(ILLEGAL_CHARACTERS_RE.sub("", EMOJI.sub("", value)).split())
    return value


def day(value: date) -> str:
    """A date as Vietnamese documents write it."""
    return f"{value:%d/%m/%Y}"


def title_block(sheet: Any, title: str, lines: Iterable[tuple[str, str]], columns: int) -> int:
    """The title and "label: value" rows above the table, each across the table's width, and
    a blank row; returns the table's header row."""
    from openpyxl.styles import Font

    sheet.append([plain(title)])
    sheet.cell(row=1, column=1).font = Font(bold=True, size=14)
    for label, value in lines:
        sheet.append([f"{label}: {plain(value)}"])
    last = int(sheet.max_row)
    for row in range(1, last + 1):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=max(columns, 1))
    sheet.append([])
    return last + 2


def table(sheet: Any, header_row: int, headers: Sequence[str], rows: Iterable[list[Any]]) -> None:
    """A bold header that stays on screen and on every printed page, then the rows."""
    from openpyxl.styles import Alignment, Font

    for column, header in enumerate(headers, 1):
        cell = sheet.cell(row=header_row, column=column, value=header)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for row in rows:
        sheet.append([plain(value) for value in row])
        # Text starting with "=" stays text: names are typed in the chat, and a formula in one
        # would run when the file is opened (a link sending the sheet away).
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def widths(sheet: Any, sizes: Sequence[float]) -> None:
    from openpyxl.utils import get_column_letter

    for column, width in enumerate(sizes, 1):
        sheet.column_dimensions[get_column_letter(column)].width = width


def book() -> Workbook:
    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    return book


def saved(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
