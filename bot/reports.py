"""Standings as a chart (PNG, readable on a phone) and a workbook (XLSX, one sheet per level)."""

from __future__ import annotations

import io
from typing import Any

import matplotlib

matplotlib.use("Agg")  # no screen on a server

from matplotlib import pyplot
from matplotlib.figure import Figure
from openpyxl import Workbook
from openpyxl.styles import Font

from campaign.text import Language
from handlers.ports import GradingBoard, Ranking
from handlers.texts import text

LABELS = {
    "vi": {
        "points": "Điểm",
        "teams": "Các tổ",
        "members": "Thành viên",
        "rank": "Hạng",
        "name": "Tên",
        "entries": "Mục đã xác nhận",
        "whole": "Cả kế hoạch",
    },
    "en": {
        "points": "Points",
        "teams": "Teams",
        "members": "Members",
        "rank": "Rank",
        "name": "Name",
        "entries": "Verified entries",
        "whole": "Whole plan",
    },
}


def figure(board: Ranking, lang: Language) -> Figure:
    """Two horizontal bar charts, teams then top members, each bar labelled with its points."""
    words = LABELS[lang]
    sections = [(words["teams"], board.teams), (words["members"], board.members)]
    sections = [(title, rows) for title, rows in sections if rows]
    heights = [max(len(rows), 1) * 0.45 + 0.9 for _, rows in sections] or [1.0]
    fig, axes = pyplot.subplots(
        len(sections) or 1,
        1,
        figsize=(6, sum(heights) + 1.0),
        gridspec_kw={"height_ratios": heights},
        squeeze=False,
    )
    phase = board.phase_name.get(lang) if board.phase_name else words["whole"]
    fig.suptitle(f"{board.plan_name.get(lang)}\n{phase} — {board.scope_name}", fontsize=11)
    for axis, (title, rows) in zip(axes[:, 0], sections, strict=False):
        names = [f"{rank}. {name}" for rank, name, _, _ in rows][::-1]
        points = [p for _, _, p, _ in rows][::-1]
        bars = axis.barh(names, points, color="#8b1a1a")
        axis.bar_label(bars, labels=[str(p) for p in points], padding=3, fontsize=10)
        axis.set_title(title, fontsize=11, loc="left")
        axis.set_xlabel(words["points"])
        axis.tick_params(axis="y", labelsize=10)
        axis.set_xlim(0, max([*points, 1]) * 1.2)
        for side in ("top", "right"):
            axis.spines[side].set_visible(False)
    fig.tight_layout()
    return fig


def png(board: Ranking, lang: Language) -> bytes:
    fig = figure(board, lang)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=150)
    pyplot.close(fig)
    return buffer.getvalue()


def xlsx(board: Ranking, lang: Language) -> bytes:
    words = LABELS[lang]
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for title, rows in ((words["teams"], board.teams), (words["members"], board.members)):
        sheet: Any = book.create_sheet(title[:31])
        sheet.append([words["rank"], words["name"], words["points"], words["entries"]])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(list(row))
        sheet.column_dimensions["B"].width = 36
        sheet.column_dimensions["D"].width = 18
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


GRADE_LABELS = {
    "vi": (
        "STT",
        "Tên",
        "Tổ",
        "Tháng hoạt động",
        "Nhiệm vụ hoàn thành",
        "Tỷ lệ",
        "Đề xuất",
        "Ghi chú",
        "Kết quả",
        "Lý do thay đổi",
    ),
    "en": (
        "No.",
        "Name",
        "Team",
        "Active months",
        "Tasks done",
        "Share",
        "Proposed",
        "Notes",
        "Result",
        "Reason for change",
    ),
}


def grades_xlsx(board: GradingBoard, lang: Language) -> bytes:
    """A sheet for teams and one for members, numbered as in the chat."""
    words = LABELS[lang]
    names = {code: name.get(lang) for code, name in board.grade_names}
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    title = text(
        "grading_title",
        lang,
        commune=board.commune_name,
        start=f"{board.year_start:%d/%m/%Y}",
        end=f"{board.year_end:%d/%m/%Y}",
    )
    number = 0
    for kind, sheet_title in (("team", words["teams"]), ("member", words["members"])):
        sheet: Any = book.create_sheet(sheet_title[:31])
        sheet.append([title])
        sheet.append([board.guide_name.get(lang)])
        sheet.append(list(GRADE_LABELS[lang]))
        for cell in sheet[3]:
            cell.font = Font(bold=True)
        for line in board.lines:
            if line.kind != kind:
                continue
            number += 1
            notes = "; ".join(
                text(
                    f"grade_note_{note}",
                    lang,
                    months=board.minimum_months,
                    share=f"{board.top_share:.0%}",
                )
                for note in line.notes
            )
            sheet.append(
                [
                    number,
                    line.name,
                    line.team_name,
                    line.active_months,
                    f"{line.done}/{line.tasks}",
                    line.share,
                    names.get(line.proposed or "", "—"),
                    notes,
                    names.get(line.final or "", ""),
                    line.reason or "",
                ]
            )
            sheet.cell(row=sheet.max_row, column=6).number_format = "0%"
        for column, width in (("B", 30), ("C", 28), ("G", 30), ("H", 34), ("I", 30), ("J", 36)):
            sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
