"""The reports the bot drafts, tried as a commune officer, a province admin, an attacker and an
operator would, on the demo database (made on 02/12/2026) with the real renderer: the .docx and
the .xlsx are opened as an official opens them."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import Connection, update

from bot import report_files
from campaign.normalize import clean_text
from services import reports
from services.ports import COMMAND_LINE
from storage.schema import members, units
from tests.bot.reports_read import all_texts, opened
from tests.services.test_reports import NOW, Demo


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    made = Demo(tmp_path_factory.mktemp("reports-review"))
    yield made
    made.database.close()


def _build(demo: Demo, builder: Any, unit_code: str, **asked: Any) -> reports.BuiltReport:
    def run(conn: Connection) -> reports.BuiltReport:
        return reports.build(
            demo.store(conn),
            lambda data: report_files.render(data, None),
            builder,
            plan_code=demo.plan_code,
            unit_id=demo.units(conn)[unit_code],
            now=NOW,
            period=asked.pop("period", "2026-H2"),
            **asked,
        )

    return demo.run(run)


def _sheet_texts(xlsx: bytes) -> list[str]:
    book = load_workbook(io.BytesIO(xlsx))
    return [
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    ]


def test_a_name_typed_with_a_control_character_does_not_stop_the_report(demo: Demo) -> None:
    """A member's name is typed in the chat, which keeps control characters (a web chat client
    can send any); one of them in a name on the standings stopped the whole commune's and the
    province's reports (openpyxl and python-docx refuse them)."""
    typed = clean_text("Thành viên\x08 mẫu 1")
    assert "\x08" in typed  # what the chat keeps
    demo.run(
        lambda c: c.execute(
            update(members).where(members.c.full_name == "Thành viên mẫu 1").values(full_name=typed)
        )
    )
    demo.run(
        lambda c: c.execute(
            update(units).where(units.c.code == "DEMO-XA2").values(name="Xã Yên\x01 Lạc")
        )
    )
    for unit_code in ("DEMO-XA", "DEMO"):
        built = _build(demo, COMMAND_LINE, unit_code)
        texts = all_texts(opened(built.rendered.docx))
        assert "Thành viên mẫu 1" in texts, unit_code
        assert "Thành viên mẫu 1" in _sheet_texts(built.rendered.xlsx)
    assert "Xã Yên Lạc" in texts  # the province's table of communes
