"""Reading a drafted report as an official (and a checker) does: with python-docx, every
paragraph's text in the body, its tables and the page headers, and a table by its header row."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from typing import Any

from docx import Document


def opened(docx: bytes) -> Any:
    return Document(io.BytesIO(docx))


def all_texts(document: Any) -> list[str]:
    found: list[str] = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                found.extend(p.text for p in cell.paragraphs)
    for section in document.sections:
        for part in (section.header, section.first_page_header, section.footer):
            found.extend(p.text for p in part.paragraphs)
    return found


def cells(table: Any) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def table_under(document: Any, *headers: str) -> list[list[str]]:
    """The rows of the table whose header row is `headers`, without the header."""
    for table in document.tables:
        rows = cells(table)
        if tuple(rows[0]) == headers:
            return rows[1:]
    raise AssertionError(f"no table headed {headers}")


def edited(docx: bytes, edit: Callable[[str], str]) -> bytes:
    """The same .docx with its word/document.xml changed (a province's edit in Word)."""
    source = zipfile.ZipFile(io.BytesIO(docx))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                changed = edit(data.decode("utf-8"))
                assert changed != data.decode("utf-8"), "the edit changed nothing"
                data = changed.encode("utf-8")
            target.writestr(item, data)
    return buffer.getvalue()


def part(docx: bytes, name: str) -> str:
    return zipfile.ZipFile(io.BytesIO(docx)).read(name).decode("utf-8")
