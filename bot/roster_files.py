"""Reading roster files (.xlsx, .csv) and writing the invite list back as .xlsx."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from bot import workbooks
from campaign.catalogs import DEFAULT_LANGUAGE, text
from campaign.localized import Language
from campaign.roster import HEADER_SEARCH_ROWS, NAME, column_of
from services.invites import ImportedMember

# A roster has a dozen columns; a workbook's own <dimension> may claim 16,384 of them, and
# openpyxl pads every row (a missing one too) to it: a few kilobytes would make billions of cells.
MAX_COLUMNS = 64
OTHER_SHEET_ROWS = 10_000  # rows of a later sheet looked at for "holds anything"


class RosterFileError(ValueError):
    """A file that cannot be read as a roster: a catalog message (str() in Vietnamese)."""

    def __init__(self, key: str, **values: Any) -> None:
        super().__init__(text(key, DEFAULT_LANGUAGE, **values))
        self.key, self.values = key, values

    def text(self, lang: Language) -> str:
        return text(self.key, lang, **self.values)


def read_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    """(line number as the person sees it in the file, cells as text). Date cells read as
    dd/mm/yyyy, whole numbers without ".0" (a phone typed as a number), merged cells as their
    top-left value with the others empty."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        from openpyxl import load_workbook  # here: the CLI and the console import this module

        try:
            book = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:
            raise RosterFileError("roster_unreadable_excel", name=path.name, error=exc) from None
        try:
            rows = book.worksheets[0].iter_rows(values_only=True, max_col=MAX_COLUMNS)
            for number, row in enumerate(rows, start=1):
                yield number, [_cell_text(v) for v in row]
        finally:  # a reader may stop early (too many rows)
            book.close()
    elif suffix == ".csv":
        raw = path.read_bytes()
        try:
            content = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise RosterFileError("roster_not_utf8", name=path.name) from None
        try:
            rows = csv.reader(content.splitlines(), delimiter=_delimiter(content))
            for number, row in enumerate(rows, start=1):
                yield number, [cell.strip() for cell in row]
        except csv.Error as exc:  # a cell over the csv module's 128 KiB, a stray quote...
            raise RosterFileError(
                "console_review2_roster_unreadable_csv", name=path.name, error=exc
            ) from None
    else:
        raise RosterFileError("roster_not_a_table", suffix=path.suffix or path.name)


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
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        return [
            sheet.title
            for sheet in book.worksheets[1:]
            if any(
                value is not None and str(value).strip()
                for row in sheet.iter_rows(
                    values_only=True, max_row=OTHER_SHEET_ROWS, max_col=MAX_COLUMNS
                )
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


# The invite workbook's columns: their catalog messages (invites.ftl).
INVITE_COLUMNS = (
    "invites_column_number",
    "invites_column_line",
    "invites_column_unit",
    "invites_column_unit_code",
    "invites_column_name",
    "invites_column_role",
    "invites_column_code",
    "invites_column_expires",
    "invites_column_note",
)


def write_invites(
    path: Path,
    imported: list[ImportedMember],
    *,
    source: str,
    made_at: datetime,
    lang: Language = DEFAULT_LANGUAGE,
) -> None:
    """The invite list (`invites_workbook`) written to `path`."""
    path.write_bytes(invites_workbook(imported, source=source, made_at=made_at, lang=lang))


def invites_workbook(
    imported: list[ImportedMember],
    *,
    source: str,
    made_at: datetime,
    lang: Language = DEFAULT_LANGUAGE,
) -> bytes:
    """The invite list an official hands out: a title block, then one numbered row a person
    with the unit's name, the code and the day it expires (dd/mm/yyyy, in `made_at`'s zone)."""
    book = workbooks.book()
    sheet: Any = book.create_sheet(text("invites_sheet", lang))
    headers = [text(key, lang) for key in INVITE_COLUMNS]
    block = [
        (text("invites_source", lang), source),
        (text("invites_made", lang), f"{made_at:%d/%m/%Y %H:%M}"),
        (text("invites_usage", lang), text("invites_usage_text", lang)),
    ]
    header_row = workbooks.title_block(sheet, text("invites_title", lang), block, len(headers))
    rows = []
    for number, item in enumerate(imported, 1):
        state = "new" if item.created else ("registered" if item.invite_code is None else "kept")
        note = text("invites_note", lang, state=state)
        expires = item.expires_at.astimezone(made_at.tzinfo) if item.expires_at else None
        rows.append(
            [
                number,
                item.line,
                item.unit_name,
                item.unit_code,
                item.full_name,
                item.role.label(lang),
                item.invite_code or "",
                workbooks.day(expires.date()) if expires else "",
                note,
            ]
        )
    workbooks.table(sheet, header_row, headers, rows)
    workbooks.widths(sheet, (6, 9, 30, 14, 30, 18, 12, 12, 14))
    saved: bytes = workbooks.saved(book)
    return saved
