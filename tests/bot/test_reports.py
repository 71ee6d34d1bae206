"""The standings chart and workbook: they open, and they show the right numbers."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import load_workbook
from PIL import Image

from bot import reports
from campaign.text import L
from handlers.ports import Ranking

BOARD = Ranking(
    plan_name=L("Thi đua đặc biệt", "Special campaign"),
    phase_name=L("Đợt 2", "Phase 2"),
    scope_name="Xã Hòa Bình",
    members=[(1, "Nguyễn Thị Hoa", 12, 5), (2, "Trần Văn Bình", 7, 3), (2, "Lê Thị Cúc", 7, 3)],
    teams=[(1, "Tổ bảo vệ ANTT thôn Đông", 19, 8), (2, "Tổ bảo vệ ANTT thôn Tây", 7, 3)],
    mine=None,
)


def texts(figure: Any) -> list[str]:
    return [t.get_text() for t in figure.findobj(lambda o: hasattr(o, "get_text"))]


def test_chart_labels_every_bar_with_its_points_in_vietnamese() -> None:
    figure = reports.figure(BOARD, "vi")
    shown = texts(figure)
    assert "1. Tổ bảo vệ ANTT thôn Đông" in shown and "2. Lê Thị Cúc" in shown
    assert {"19", "7", "12"} <= set(shown)
    assert any("Đợt 2 — Xã Hòa Bình" in t for t in shown)
    image = Image.open(io.BytesIO(reports.png(BOARD, "vi")))
    assert image.format == "PNG" and image.width == 900  # 6 inches at 150 dpi: a phone's width


def test_workbook_has_a_sheet_per_level_with_the_numbers() -> None:
    book = load_workbook(io.BytesIO(reports.xlsx(BOARD, "vi")))
    assert book.sheetnames == ["Các tổ", "Thành viên"]
    teams = list(book["Các tổ"].iter_rows(values_only=True))
    assert teams[0] == ("Hạng", "Tên", "Điểm", "Mục đã xác nhận")
    assert teams[1] == (1, "Tổ bảo vệ ANTT thôn Đông", 19, 8)
    people = list(book["Thành viên"].iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in people] == [1, 2, 2] and people[2][1] == "Lê Thị Cúc"
    assert load_workbook(io.BytesIO(reports.xlsx(BOARD, "en"))).sheetnames == ["Teams", "Members"]
