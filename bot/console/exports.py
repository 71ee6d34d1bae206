"""Every console table as a file: XLSX or CSV, the rows the screen showed under its filters
(the screen's own service call, unpaged up to EXPORT_LIMIT), never a sealed answer.

Cells members typed can begin with "=", "+", "-" or "@": a spreadsheet would run them as a
formula, so they are written as text (a leading apostrophe in CSV, a string cell in XLSX).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime, tzinfo
from typing import Any

from starlette.responses import Response

from bot import workbooks
from bot.channels.common import disposition
from campaign.areas import SEALED_KEYS

EXPORT_LIMIT = 50_000  # rows; past it the screen asks for narrower filters
FORMATS = ("csv", "xlsx")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any, zone: tzinfo) -> Any:
    """A value as a spreadsheet shows it: dates dd/mm/yyyy, None empty, no emoji."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.astimezone(zone).strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, bool):
        return "x" if value else ""
    return workbooks.plain(value)


def defused(value: Any) -> Any:
    """Text that a spreadsheet would take for a formula, kept as text."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def without_sealed(answers: dict[str, Any]) -> dict[str, Any]:
    """Defence in depth: sealed answers never live in an entry's details, and never leave."""
    return {key: value for key, value in answers.items() if key not in SEALED_KEYS}


def export(
    fmt: str,
    *,
    title: str,
    lines: Sequence[tuple[str, str]],
    headers: Sequence[str],
    rows: Iterable[Sequence[Any]],
    filename: str,
    zone: tzinfo,
) -> Response:
    """The file of a table. `lines` are the title block's "label: value" rows (who exported,
    when, the filters in words); `filename` has no extension."""
    if fmt not in FORMATS:
        raise ValueError(fmt)
    shown = ([cell(value, zone) for value in row] for row in rows)
    if fmt == "csv":
        body = _csv(headers, ([defused(value) for value in row] for row in shown))
        media = "text/csv; charset=utf-8"
    else:
        body = _xlsx(title, lines, headers, shown)
        media = XLSX
    return Response(
        body,
        media_type=media,
        headers={"content-disposition": disposition("attachment", f"{filename}.{fmt}")},
    )


def _csv(headers: Sequence[str], rows: Iterable[list[Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(rows)
    # The byte-order mark makes Excel on Windows read the Vietnamese as UTF-8.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _xlsx(
    title: str,
    lines: Sequence[tuple[str, str]],
    headers: Sequence[str],
    rows: Iterable[list[Any]],
) -> bytes:
    book = workbooks.book()
    sheet = book.create_sheet(title=workbooks.plain(title)[:31] or "Sheet")
    header_row = workbooks.title_block(sheet, title, lines, len(headers))
    workbooks.table(sheet, header_row, headers, (list(row) for row in rows))
    for row in sheet.iter_rows(min_row=header_row + 1):
        for found in row:
            if found.data_type == "f":  # typed text that looks like a formula stays text
                found.data_type = "s"
    workbooks.widths(sheet, [max(10, min(48, len(h) + 6)) for h in headers])
    return workbooks.saved(book)
