"""Standings as charts (PNG, legible on a phone) and workbooks (XLSX) an official can file.

The charts are drawn for a phone about 390 px wide: a few bars an image, each bar under its
own line of text (rank, name, team), the points at the right, in type that stays at least
~12 px high once the image is shrunk to that width. The workbooks open with a title block
(plan, phase, unit, period, when made), number their rows from 1 and hold no emoji.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, ClassVar

import matplotlib

matplotlib.use("Agg")  # no screen on a server

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg, get_hinting_flag
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.ft2font import FT2Font, RenderMode
from matplotlib.patches import Rectangle
from matplotlib.textpath import TextToPath
from PIL import Image

from bot import workbooks
from campaign.catalogs import text
from campaign.localized import Language
from services.ports import GradingBoard, Placing, Ranking

# The words of the charts and workbooks: their catalog messages (reports.ftl).
REPORT_WORDS = {
    "points": "report_points",
    "teams": "report_teams",
    "members": "report_members",
    "rank": "report_rank",
    "number": "report_number",
    "name": "report_name",
    "team": "report_team",
    "role": "report_role",
    "entries": "report_entries",
    "moved": "report_moved",
    "whole": "report_whole",
    "standings": "report_standings",
    "grading": "report_grading",
    "plan": "report_plan",
    "phase": "report_phase",
    "unit": "report_unit",
    "period": "report_period",
    "year": "report_year",
    "guide": "report_guide",
    "made": "report_made",
    "chat_number": "report_chat_number",
}


def labels(lang: Language) -> dict[str, str]:
    """The charts' and workbooks' own words, from the catalogs."""
    return {word: text(key, lang) for word, key in REPORT_WORDS.items()}


# The chart's geometry, in inches and points. The text's height on a phone does not depend on
# the DPI: shown 390 px wide, a FONT-point line is FONT / 72 * 390 / WIDTH px high.
PHONE_PX = 390
WIDTH = 4.0  # inches
DPI = 200  # 800 px wide: sharp on a phone's dense screen, fine opened full size
FONT = 14.0  # names and points: 14 / 72 * 390 / 4 = 19 px a line on the phone, digits 13 px
TITLE_FONT = 15.0
SUBTITLE_FONT = 12.5  # 17 px a line on the phone
BARS_PER_IMAGE = 15
FAMILY = "DejaVu Sans"  # ships with matplotlib and has every Vietnamese letter
BAR = "#8b1a1a"
TRACK = "#ececec"
INK = "#1a1a1a"
MARGIN = 0.1
LINE = FONT / 72 * 1.3  # one line of label text, in inches
BAR_HEIGHT = 0.17
ROW_GAP = 0.13
POINTS_GAP = 0.15  # inches between a label and the points at its right


def text_px_on_phone(size: float) -> float:
    """How many pixels high a line of `size`-point text is once the chart is 390 px wide."""
    return size / 72 * PHONE_PX / WIDTH


def short_team(name: str) -> str:
    """'Tổ bảo vệ ANTT thôn Đông' -> 'Tổ thôn Đông': every team of a commune starts alike."""
    return re.sub(
        r"^tổ\s+bảo\s+vệ\s+(antt|an\s+ninh,?\s+trật\s+tự)(\s+ở\s+cơ\s+sở)?\s+",
        "Tổ ",
        name.strip(),
        flags=re.IGNORECASE,
    )


_MEASURE = TextToPath()
# Where a line's width is not the sum of its words' (see `_width`): a space other than " " (a
# paragraph separator breaks the line) or a word opening on a combining mark.
_UNSUMMABLE = re.compile(r"[^\S ]|(?:^| )[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff]")


@lru_cache(maxsize=16384)
def _points(word: str, bold: bool) -> float:
    """A word's width at TextToPath's own size (a whole number of 1/64 points)."""
    prop = FontProperties(
        family=FAMILY, size=_MEASURE.FONT_SCALE, weight="bold" if bold else "normal"
    )
    width, _, _ = _MEASURE.get_text_width_height_descent(word, prop, ismath=False)
    return float(width)


def _width(value: str, size: float, bold: bool = False) -> float:
    """The width of one line of text, in inches, as TextToPath measures it (the font's
    advances, unhinted, and its kerning), added up from its words': wrapping measures a line
    again for every word it grows by, and words repeat from one name and commune to the next.
    The font kerns no pair with a space, so the sum is the line's own width to the last bit
    (tests/bot/test_reports.py compares)."""
    if _UNSUMMABLE.search(value):
        prop = FontProperties(family=FAMILY, size=size, weight="bold" if bold else "normal")
        width, _, _ = _MEASURE.get_text_width_height_descent(value, prop, ismath=False)
        return float(width) / 72
    words = value.split(" ")
    whole = sum(_points(word, bold) for word in words) + (len(words) - 1) * _points(" ", bold)
    return whole * (size / _MEASURE.FONT_SCALE) / 72


def _wrap(value: str, size: float, room: float, bold: bool = False) -> list[str]:
    """Words on as few lines as fit `room` inches (a word too long for a line stands alone)."""
    lines: list[str] = []
    for word in value.split():
        if lines and _width(f"{lines[-1]} {word}", size, bold) <= room:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def _label(row: Placing, team: bool, room: float) -> list[str]:
    """'3. Nguyễn Văn An · Tổ thôn Đông' on one line if it fits `room` inches, else the name and
    the team on lines of their own."""
    head = f"{row.rank}. {short_team(row.name) if team else row.name}"
    if team or not row.team:
        return _wrap(head, FONT, room)
    whole = f"{head} · {short_team(row.team)}"
    if _width(whole, FONT) <= room:
        return [whole]
    return _wrap(head, FONT, room) + _wrap(f"· {short_team(row.team)}", FONT, WIDTH - 2 * MARGIN)


def _chunks(rows: Sequence[Placing]) -> list[Sequence[Placing]]:
    """Images of at most BARS_PER_IMAGE bars, evened out (40 rows: 14, 14, 12)."""
    count = -(-len(rows) // BARS_PER_IMAGE)
    size = -(-len(rows) // count) if count else 0
    return [rows[i : i + size] for i in range(0, len(rows), size)] if size else []


def figures(board: Ranking, lang: Language) -> list[Figure]:
    """Teams first, then members, a few bars an image; bars share one scale across images."""
    words = labels(lang)
    phase = board.phase_name.get(lang) if board.phase_name else words["whole"]
    result: list[Figure] = []
    for title, rows, team in (
        (words["teams"], board.teams, True),
        (words["members"], board.members, False),
    ):
        top = max([row.points for row in rows] + [1])
        parts = _chunks(rows)
        for number, part in enumerate(parts, 1):
            heading = f"{title} · {phase}"
            where = [board.scope_name]
            if board.made_at is not None:
                where.append(f"{board.made_at:%d/%m/%Y}")
            if len(parts) > 1:
                where.append(f"{number}/{len(parts)}")
            result.append(_figure(heading, " · ".join(where), part, top, team))
    return result


def _figure(heading: str, where: str, rows: Sequence[Placing], top: int, team: bool) -> Figure:
    room = WIDTH - 2 * MARGIN
    title_lines = _wrap(heading, TITLE_FONT, room, bold=True)
    where_lines = _wrap(where, SUBTITLE_FONT, room)
    widest = max([_width(str(row.points), FONT, bold=True) for row in rows] + [0.0])
    labels = [_label(row, team, room - widest - POINTS_GAP) for row in rows]
    header = (
        MARGIN
        + len(title_lines) * TITLE_FONT / 72 * 1.3
        + len(where_lines) * SUBTITLE_FONT / 72 * 1.3
        + ROW_GAP
    )
    height = header + sum(len(lines) * LINE + BAR_HEIGHT + ROW_GAP for lines in labels) + MARGIN
    fig = Figure(figsize=(WIDTH, height), dpi=DPI, facecolor="white")
    _Canvas(fig)  # drawn without pyplot: no global state shared between threads
    axis = fig.add_axes((0.0, 0.0, 1.0, 1.0))
    axis.set_axis_off()
    # Inches from the top-left corner, so that every size above is what is drawn.
    axis.set_xlim(0, WIDTH)
    axis.set_ylim(height, 0)
    # parse_math off: a name with two "$" is a name, not a formula (nor a crash on bad TeX).
    font: dict[str, Any] = {"family": FAMILY, "color": INK, "parse_math": False}
    y = MARGIN
    for line in title_lines:
        axis.text(MARGIN, y, line, va="top", fontsize=TITLE_FONT, fontweight="bold", **font)
        y += TITLE_FONT / 72 * 1.3
    for line in where_lines:
        axis.text(MARGIN, y, line, va="top", fontsize=SUBTITLE_FONT, **font)
        y += SUBTITLE_FONT / 72 * 1.3
    y += ROW_GAP
    for row, lines in zip(rows, labels, strict=True):
        axis.text(
            WIDTH - MARGIN,
            y,
            str(row.points),
            ha="right",
            va="top",
            fontsize=FONT,
            fontweight="bold",
            **font,
        )
        for line in lines:
            axis.text(MARGIN, y, line, va="top", fontsize=FONT, **font)
            y += LINE
        # add_artist, not add_patch: the limits are set, the data's extent is not wanted.
        axis.add_artist(Rectangle((MARGIN, y), room, BAR_HEIGHT, color=TRACK, linewidth=0))
        axis.add_artist(
            Rectangle((MARGIN, y), room * row.points / top, BAR_HEIGHT, color=BAR, linewidth=0)
        )
        y += BAR_HEIGHT + ROW_GAP
    return fig


def charts(board: Ranking, lang: Language) -> list[bytes]:
    """The standings as PNG images (see `figures`)."""
    images = []
    for fig in figures(board, lang):
        canvas = fig.canvas
        assert isinstance(canvas, FigureCanvasAgg)
        canvas.draw()  # type: ignore[no-untyped-call]
        images.append(_png(canvas))
    return images


# A 24-bit colour -> its place in an image's palette (16 MB of address space, a few pages used).
_PLACES = np.zeros(1 << 24, np.uint8)


def _png(canvas: FigureCanvasAgg) -> bytes:
    """The drawn canvas as a PNG with a palette: a chart has about 230 colours (the shades of
    its antialiased ink on white, and the bars'), so each pixel's colour becomes a byte that
    points into them, exactly; a quarter of the pixel data to compress, half the file. A
    picture of more colours, or not opaque, is saved as it is."""
    width, height = canvas.get_width_height()
    rgba = canvas.buffer_rgba()  # type: ignore[no-untyped-call]
    image = Image.frombuffer("RGBA", (width, height), rgba, "raw", "RGBA", 0, 1)
    colors: list[tuple[int, tuple[int, int, int, int]]] | None = image.getcolors(256)  # type: ignore[assignment]
    buffer = io.BytesIO()
    if colors is None or any(color[3] != 255 for _, color in colors):
        image.save(buffer, "png", dpi=(DPI, DPI))
        return buffer.getvalue()
    palette = [color[:3] for _, color in colors]
    _PLACES[[r | g << 8 | b << 16 for r, g, b in palette]] = range(len(palette))
    # RGBA read as one little-endian 32-bit number: its low three bytes are the colour.
    pixels = np.frombuffer(rgba, "<u4").reshape(height, width) & 0xFFFFFF
    indexed = Image.fromarray(_PLACES[pixels], "P")
    indexed.putpalette([value for color in palette for value in color])
    indexed.save(buffer, "png", dpi=(DPI, DPI), compress_level=3)
    return buffer.getvalue()


# matplotlib 3.11 draws text glyph by glyph (earlier versions draw a line as one image).
_GLYPH_BY_GLYPH = hasattr(FT2Font, "_layout") and hasattr(FT2Font, "_render_glyph")


def _hinting() -> Any:
    """The glyph loading flags of rcParams["text.hinting"], as Agg reads them."""
    return get_hinting_flag()  # type: ignore[no-untyped-call]


class _Renderer(RendererAgg):
    """Agg, drawing a line of text as matplotlib 3.11 does, less two repeated costs: the line
    is shaped (HarfBuzz: glyphs and their places) once, not once to measure it and again to
    draw it, the glyphs' heights kept per font, size and glyph; and the font's size is set
    once a line, not once a glyph (FreeType runs the font's hinting program again at every
    size set). The picture is the same to the pixel (tests/bot/test_reports.py compares)."""

    # (font file, points, dpi, hinting, glyph) -> the glyph's advance, bottom and top (1/64 px)
    _glyphs: ClassVar[dict[tuple[str, float, float, Any, int], tuple[int, int, int]]] = {}

    def __init__(self, width: float, height: float, dpi: float) -> None:
        super().__init__(width, height, dpi)  # type: ignore[no-untyped-call]
        self._shaped: dict[tuple[str, FontProperties], Any] = {}

    def get_text_width_height_descent(
        self, s: str, prop: FontProperties, ismath: Any
    ) -> tuple[float, float, float]:
        if ismath or not _GLYPH_BY_GLYPH:
            measured: tuple[float, float, float] = super().get_text_width_height_descent(  # type: ignore[no-untyped-call]
                s, prop, ismath
            )
            return measured
        # As FT2Font.set_text measures: the advance to the end of the line, and the lowest
        # bottom and highest top of its glyphs (the baseline counts: a space's box is empty).
        font = self._prepare_font(prop)  # type: ignore[no-untyped-call]
        flags = _hinting()
        items = font._layout(s, flags=flags)
        self._shaped[(s, prop)] = items
        if not items:
            return 0.0, 0.0, 0.0
        size = prop.get_size_in_points()
        bottom, top = 32000, -32000
        advance = 0
        for item in items:
            key = (item.ft_object.fname, size, self.dpi, flags, item.glyph_index)
            metrics = self._glyphs.get(key)
            if metrics is None:
                glyph = item.ft_object.load_glyph(item.glyph_index, flags=flags)
                _, low, _, high = glyph.bbox
                metrics = self._glyphs[key] = (glyph.horiAdvance, low, high)
            advance, low, high = metrics
            lift = round(item.y * 64)
            bottom, top = min(bottom, low + lift), max(top, high + lift)
        advance += round(items[-1].x * 64)
        return advance / 64.0, (top - bottom) / 64.0, -bottom / 64.0

    def draw_text(
        self,
        gc: Any,
        x: float,
        y: float,
        s: str,
        prop: FontProperties,
        angle: float,
        ismath: Any = False,
        mtext: Any = None,
    ) -> None:
        features = mtext.get_fontfeatures() if mtext is not None else None
        language = mtext.get_language() if mtext is not None else None
        if ismath or angle or not _GLYPH_BY_GLYPH or features or language:
            super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)  # type: ignore[no-untyped-call]
            return
        # RendererAgg._draw_text_glyphs_and_boxes at angle 0, its arithmetic kept as it is.
        font = self._prepare_font(prop)  # type: ignore[no-untyped-call]
        flags = _hinting()
        items = self._shaped.get((s, prop)) or font._layout(s, flags=flags)
        upright = np.array([[0x10000, 0], [0, 0x10000]])
        mode = RenderMode.NORMAL if gc.get_antialiased() else RenderMode.MONO
        above = self.height - y
        for item in items:
            item.ft_object._set_transform(
                upright, [round(0x40 * (x + item.x)), round(0x40 * (above + item.y))]
            )
            bitmap = item.ft_object._render_glyph(item.glyph_index, flags, mode)
            buffer = bitmap.buffer
            if mode is RenderMode.MONO:
                buffer *= 0xFF
            self._renderer.draw_text_image(
                buffer, bitmap.left, int(self.height) - bitmap.top + buffer.shape[0], 0, gc
            )


class _Canvas(FigureCanvasAgg):
    """FigureCanvasAgg drawing with `_Renderer`."""

    def get_renderer(self) -> RendererAgg:
        width, height = self.get_width_height(physical=True)
        key = width, height, self.figure.dpi
        if self._lastKey != key:
            self.renderer = _Renderer(width, height, self.figure.dpi)
            self._lastKey = key
        renderer: RendererAgg = self.renderer
        return renderer


def xlsx(board: Ranking, lang: Language) -> bytes:
    """A sheet of teams and one of members: title block, then one row each, numbered from 1,
    with team, role, the verified entries of each area, points and the week's movement."""
    words = labels(lang)
    areas = [area.get(lang) for area in board.areas]
    block = [
        (words["plan"], board.plan_name.get(lang)),
        (words["phase"], board.phase_name.get(lang) if board.phase_name else words["whole"]),
        (words["unit"], board.scope_name),
    ]
    if board.period is not None:
        block.append(
            (
                words["period"],
                f"{workbooks.day(board.period[0])} – {workbooks.day(board.period[1])}",
            )
        )
    if board.made_at is not None:
        block.append((words["made"], f"{board.made_at:%d/%m/%Y %H:%M}"))
    book = workbooks.book()
    tail = [words["entries"], words["points"], words["moved"]]
    for title, rows, member in (
        (words["teams"], board.teams, False),
        (words["members"], board.members, True),
    ):
        sheet: Any = book.create_sheet(title[:31])
        who = [words["name"], words["team"], words["role"]] if member else [words["team"]]
        headers = [words["number"], words["rank"], *who, *areas, *tail]
        header_row = workbooks.title_block(sheet, words["standings"], block, len(headers))
        workbooks.table(
            sheet,
            header_row,
            headers,
            (
                [
                    number,
                    row.rank,
                    row.name,
                    *([row.team, row.role.label(lang) if row.role else ""] if member else []),
                    *(row.counts or (0,) * len(areas)),
                    row.entries,
                    row.points,
                    row.moved,
                ]
                for number, row in enumerate(rows, 1)
            ),
        )
        moved_column = len(headers)
        for line in range(header_row + 1, sheet.max_row + 1):
            sheet.cell(row=line, column=moved_column).number_format = "+0;-0;0"
        names = [30, 28, 16] if member else [30]
        workbooks.widths(sheet, [6, 7, *names, *([14] * len(areas)), 14, 9, 18])
    return workbooks.saved(book)


GRADE_COLUMNS = (
    "grades_column_name",
    "grades_column_team",
    "grades_column_role",
    "grades_column_active_months",
    "grades_column_tasks_done",
    "grades_column_share",
    "grades_column_proposed",
    "grades_column_notes",
    "grades_column_result",
    "grades_column_change_reason",
)


def grades_xlsx(board: GradingBoard, lang: Language) -> bytes:
    """A sheet for teams and one for members, each numbered from 1; the number the officer
    types in the chat stands beside it."""
    words = labels(lang)
    names = {code: name.get(lang) for code, name in board.grade_names}
    title = workbooks.plain(
        text(
            "grading_title",
            lang,
            commune=board.commune_name,
            start=workbooks.day(board.year_start),
            end=workbooks.day(board.year_end),
        )
    )
    block = [
        (words["guide"], board.guide_name.get(lang)),
        (words["unit"], board.commune_name),
        (words["year"], f"{workbooks.day(board.year_start)} – {workbooks.day(board.year_end)}"),
    ]
    if board.made_at is not None:
        block.append((words["made"], f"{board.made_at:%d/%m/%Y %H:%M}"))
    book = workbooks.book()
    in_chat = 0
    for kind, sheet_title in (("team", words["teams"]), ("member", words["members"])):
        sheet: Any = book.create_sheet(sheet_title[:31])
        headers = [
            words["number"],
            words["chat_number"],
            *(text(key, lang) for key in GRADE_COLUMNS),
        ]
        header_row = workbooks.title_block(sheet, title, block, len(headers))
        rows = []
        for number, line in enumerate((x for x in board.lines if x.kind == kind), 1):
            in_chat += 1
            notes = "; ".join(
                text(
                    "grade_note",
                    lang,
                    note=note,
                    months=board.minimum_months,
                    share=f"{board.top_share:.0%}",
                )
                for note in line.notes
            )
            rows.append(
                [
                    number,
                    in_chat,
                    line.name,
                    line.team_name,
                    line.role.label(lang) if line.role else "",
                    line.active_months,
                    f"{line.done}/{line.tasks}",
                    line.share,
                    names.get(line.proposed or "", "—"),
                    notes,
                    names.get(line.final or "", ""),
                    line.reason or "",
                ]
            )
        workbooks.table(sheet, header_row, headers, rows)
        for line_row in range(header_row + 1, sheet.max_row + 1):
            sheet.cell(row=line_row, column=8).number_format = "0%"
        workbooks.widths(sheet, [6, 9, 30, 28, 16, 11, 13, 8, 30, 34, 30, 36])
    return workbooks.saved(book)
