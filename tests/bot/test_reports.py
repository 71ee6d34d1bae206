"""The standings charts and the workbooks, as a commander sees them on a phone and an official
opens them on a PC: legible at 390 px, namesakes told apart, title blocks, no emoji."""

from __future__ import annotations

import io
import re
import warnings
from datetime import date, datetime

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.textpath import TextToPath
from openpyxl import load_workbook
from PIL import Image, ImageChops

from bot import reports
from campaign.localized import L
from campaign.roles import Role
from services.ports import GradeLine, GradingBoard, Placing, Ranking
from tests.workbooks import emoji_in

EAST = "Tổ bảo vệ ANTT thôn Đông"
WEST = "Tổ bảo vệ ANTT thôn Tây"
GIVEN = ["An", "Bình", "Cúc", "Dũng", "Đức", "Hòa", "Hoa", "Khai", "Thắng", "Ánh"]
FAMILY = ["Nguyễn Văn", "Trần Thị", "Lê Minh", "Đặng Thị"]


def long_board() -> Ranking:
    """40 members of two teams (the first two are namesakes), ranked by points."""
    people = [f"{family} {given}" for family in FAMILY for given in GIVEN]
    rows = [
        Placing(
            rank=number,
            name=name,
            points=80 - 2 * number,
            entries=40 - number,
            team=EAST if number % 2 else WEST,
            role=Role.LEADER if number == 1 else Role.MEMBER,
            counts=(number % 5, number % 3),
            moved=1 if number == 2 else None,
        )
        for number, name in enumerate(people, 1)
    ]
    rows[1] = Placing(2, rows[0].name, 76, 38, team=WEST, role=Role.MEMBER, counts=(2, 2), moved=1)
    return Ranking(
        plan_name=L("Kế hoạch thi đua đặc biệt 🚩", "Special campaign 🚩"),
        phase_name=L("Đợt 2", "Phase 2"),
        scope_name="Xã Hòa Bình",
        members=rows,
        teams=[Placing(1, EAST, 400, 200, counts=(30, 12)), Placing(2, WEST, 380, 190)],
        mine=None,
        areas=(L("Tuần tra", "Patrol"), L("Việc tốt", "Good deed")),
        period=(date(2026, 4, 1), date(2026, 6, 30)),
        made_at=datetime(2026, 5, 4, 7, 0),
    )


def shown(figure: Figure) -> list[str]:
    return [t.get_text() for figure_axis in figure.axes for t in figure_axis.texts]


def ink_height_on_phone(figure: Figure, label: str) -> int:
    """The height, in pixels, of a text's ink once the PNG is shrunk to a 390-px-wide screen."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=figure.dpi)
    image = Image.open(buffer).convert("L")
    scale = reports.PHONE_PX / image.width
    phone = image.resize((reports.PHONE_PX, round(image.height * scale)), Image.Resampling.LANCZOS)
    item = next(t for t in figure.axes[0].texts if t.get_text() == label)
    box = item.get_window_extent(figure.canvas.get_renderer())  # type: ignore[attr-defined]
    crop = phone.crop(
        (
            int(box.x0 * scale),
            int((image.height - box.y1) * scale),
            int(box.x1 * scale) + 1,
            int((image.height - box.y0) * scale) + 1,
        )
    )
    pixels = crop.tobytes()  # one byte a pixel (grayscale)
    dark = [
        y for y in range(crop.height) if min(pixels[y * crop.width : (y + 1) * crop.width]) < 128
    ]
    return dark[-1] - dark[0] + 1 if dark else 0


def test_a_long_standings_chart_comes_as_several_images_legible_on_a_390_px_phone() -> None:
    board = long_board()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing Vietnamese glyph warns: fail on it
        images = [Image.open(io.BytesIO(png)) for png in reports.charts(board, "vi")]
        figures = reports.figures(board, "vi")
    assert len(images) == 4  # the teams, then 40 members as 3 images of at most 15 bars
    assert all(image.format == "PNG" and image.width == 800 for image in images)
    assert all(image.height < 2.8 * image.width for image in images)  # a short scroll each
    members = figures[1:]
    assert [sum(1 for t in shown(f) if re.fullmatch(r"\d+", t)) for f in members] == [14, 14, 12]
    assert "Xã Hòa Bình · 04/05/2026 · 1/3" in shown(members[0])
    assert "3/3" in " ".join(shown(members[2]))
    # Every line of text is >= 12 px high at 390 px wide: by the type's size, and by the ink
    # of the points (digits only, no accents) in the picture itself.
    for figure in figures:
        for item in figure.axes[0].texts:
            size_px = float(item.get_fontsize()) / 72 * figure.dpi * reports.PHONE_PX / 800
            assert size_px >= 16, item.get_text()
    assert ink_height_on_phone(members[0], "78") >= 12
    assert ink_height_on_phone(members[0], "1. Nguyễn Văn An · Tổ thôn Đông") >= 16


def test_namesakes_are_told_apart_by_their_team_in_vietnamese_letters() -> None:
    figures = reports.figures(long_board(), "vi")
    labels = " | ".join(t for figure in figures[1:] for t in shown(figure))
    assert "1. Nguyễn Văn An · Tổ thôn Đông" in labels
    assert "2. Nguyễn Văn An · Tổ thôn Tây" in labels  # the namesake, in the other team
    assert "Thành viên · Đợt 2" in shown(figures[1])
    assert "1. Tổ thôn Đông" in shown(figures[0])
    assert not any("Kế hoạch" in t for figure in figures for t in shown(figure))  # short title
    font = {t.get_fontname() for figure in figures for t in figure.axes[0].texts}
    assert font == {"DejaVu Sans"}  # has every Vietnamese letter
    assert "Members · Phase 2" in shown(reports.figures(long_board(), "en")[1])


def test_the_standings_workbook_reads_as_an_official_document() -> None:
    book = load_workbook(io.BytesIO(reports.xlsx(long_board(), "vi")))
    assert book.sheetnames == ["Các tổ", "Thành viên"]
    people = book["Thành viên"]
    top = [people.cell(row=r, column=1).value for r in range(1, 7)]
    assert top == [
        "BẢNG XẾP HẠNG THI ĐUA",
        "Kế hoạch: Kế hoạch thi đua đặc biệt",
        "Đợt: Đợt 2",
        "Đơn vị: Xã Hòa Bình",
        "Thời gian: 01/04/2026 – 30/06/2026",
        "Lập lúc: 04/05/2026 07:00",
    ]
    assert [c.value for c in people[8]] == [
        "STT",
        "Hạng",
        "Họ và tên",
        "Tổ",
        "Vai trò",
        "Tuần tra",
        "Việc tốt",
        "Tổng số mục đã xác nhận",
        "Điểm",
        "Thay đổi hạng so với bảng tuần trước",
    ]
    assert [c.value for c in people[9]] == [
        1,
        1,
        "Nguyễn Văn An",
        EAST,
        "Tổ trưởng",
        1,
        1,
        39,
        78,
        None,
    ]
    assert [c.value for c in people[10]][:5] == [2, 2, "Nguyễn Văn An", WEST, "Tổ viên"]
    assert people.cell(row=10, column=10).value == 1
    assert people.cell(row=10, column=10).number_format == "+0;-0;0"  # shows +1
    assert people.cell(row=48, column=1).value == 40 and people.max_row == 48
    teams = book["Các tổ"]
    assert [c.value for c in teams[8]][:3] == ["STT", "Hạng", "Tổ"]
    assert [c.value for c in teams[9]][:6] == [1, 1, EAST, 30, 12, 200]
    assert not emoji_in(book)
    english = load_workbook(io.BytesIO(reports.xlsx(long_board(), "en")))
    assert english.sheetnames == ["Teams", "Members"]
    assert english["Members"]["A6"].value == "Made on: 04/05/2026 07:00"


def test_the_grading_workbook_has_a_title_block_roles_and_numbers_from_one() -> None:
    def line(number: int, kind: str, name: str, role: Role | None) -> GradeLine:
        return GradeLine(
            id=number,
            kind=kind,
            name=name,
            team_name=EAST if kind == "member" else "",
            share=0.5,
            done=1,
            tasks=2,
            active_months=12,
            proposed="kha",
            notes=(),
            final=None,
            reason=None,
            role=role,
        )

    board = GradingBoard(
        guide_name=L("Hướng dẫn 01/HD-BCA", "Guide 01/HD-BCA"),
        grade_names=(("kha", L("Hoàn thành tốt nhiệm vụ", "Good")),),
        year_start=date(2025, 12, 15),
        year_end=date(2026, 12, 14),
        commune_name="Xã Hòa Bình",
        lines=[
            line(1, "team", EAST, None),
            line(2, "member", "Nguyễn Văn An", Role.LEADER),
            line(3, "member", "Trần Thị Bình", Role.MEMBER),
        ],
        minimum_months=9,
        top_share=0.2,
        made_at=datetime(2026, 12, 20, 9, 5),
    )
    book = load_workbook(io.BytesIO(reports.grades_xlsx(board, "vi")))
    people = book["Thành viên"]
    assert [people.cell(row=r, column=1).value for r in range(1, 6)] == [
        "Xếp loại Xã Hòa Bình, năm đánh giá 15/12/2025 – 14/12/2026",
        "Hướng dẫn: Hướng dẫn 01/HD-BCA",
        "Đơn vị: Xã Hòa Bình",
        "Năm đánh giá: 15/12/2025 – 14/12/2026",
        "Lập lúc: 20/12/2026 09:05",
    ]
    assert [c.value for c in people[7]][:5] == ["STT", "Số trong chat", "Tên", "Tổ", "Vai trò"]
    assert [c.value for c in people[8]][:5] == [1, 2, "Nguyễn Văn An", EAST, "Tổ trưởng"]
    assert [c.value for c in people[9]][:2] == [2, 3]  # numbered from 1; the chat's number beside
    assert [c.value for c in book["Các tổ"][8]][:3] == [1, 1, EAST]
    assert not emoji_in(book)


def one_team_board() -> Ranking:
    """A commune of one team and two members, in English."""
    return Ranking(
        plan_name=L("Kế hoạch", "Plan"),
        phase_name=None,
        scope_name="Xã Quảng Phú Cầu Thượng Nguyên",
        members=[
            Placing(1, "Đỗ Huỳnh Thị Phương Nguyệt Quỳnh Hưởng", 62, 31, EAST, Role.LEADER),
            Placing(2, "Ngô  Ánh", 0, 0, EAST, Role.MEMBER),
        ],
        teams=[Placing(1, EAST, 62, 31)],
        mine=None,
        made_at=datetime(2027, 4, 5, 7, 0),
    )


def test_a_chart_is_the_picture_matplotlib_itself_draws_to_the_pixel() -> None:
    """Charts are drawn by a quicker renderer and saved with a palette: what a member sees
    must stay what matplotlib's own Agg draws (a newer matplotlib would show here)."""
    for board, lang in ((long_board(), "vi"), (long_board(), "en"), (one_team_board(), "en")):
        drawn = reports.charts(board, lang)
        figures = reports.figures(board, lang)
        assert len(drawn) == len(figures)
        for png, figure in zip(drawn, figures, strict=True):
            FigureCanvasAgg(figure)  # matplotlib's own canvas and renderer
            buffer = io.BytesIO()
            figure.savefig(buffer, format="png", dpi=figure.dpi)
            theirs = Image.open(buffer).convert("RGB")
            ours = Image.open(io.BytesIO(png))
            assert ours.size == theirs.size
            assert ImageChops.difference(ours.convert("RGB"), theirs).getbbox() is None
            assert len(png) < buffer.tell()  # the palette: a smaller file to send


def test_a_picture_of_many_colours_is_saved_as_it_is() -> None:
    figure = Figure(figsize=(2, 1), dpi=100)
    canvas = FigureCanvasAgg(figure)
    colours = [[(x / 200, y / 100, (x * y) % 97 / 97) for x in range(200)] for y in range(100)]
    figure.figimage(colours)
    canvas.draw()  # type: ignore[no-untyped-call]
    saved = Image.open(io.BytesIO(reports._png(canvas)))
    rgba = canvas.buffer_rgba()  # type: ignore[no-untyped-call]
    drawn = Image.frombuffer("RGBA", canvas.get_width_height(), rgba)
    assert saved.mode == "RGBA"  # over 256 colours: no palette
    assert ImageChops.difference(saved.convert("RGBA"), drawn).getbbox() is None


def test_a_lines_width_added_up_from_its_words_is_the_width_measured_whole() -> None:
    """Wrapping sums cached word widths: the sum must be the line's own width (so names wrap
    where they did), spaces doubled, odd spaces and combining marks included."""
    measure = TextToPath()
    lines = [
        "1. Nguyễn Văn An · Tổ thôn Đông",
        "Thành viên · Đợt 2: Mùa xuân an toàn cho mọi nhà",
        "12. Đỗ Huỳnh Thị Phương Nguyệt Quỳnh Hưởng",
        "· Tổ bảo vệ an ninh, trật tự ở cơ sở tổ dân phố Cửa Việt 14",
        "AVATAR Wy. fi ffl T. Yến",
        "Ngô  Ánh ",
        " Lê\u00a0Minh",
        "Nguye\u0302\u0303n \u0301Văn",
        "Tổ\u2029thôn",
        "",
    ]
    for line in lines:
        for size, bold in ((reports.FONT, False), (reports.TITLE_FONT, True), (12.5, False)):
            prop = FontProperties(
                family=reports.FAMILY, size=size, weight="bold" if bold else "normal"
            )
            whole, _, _ = measure.get_text_width_height_descent(line, prop, ismath=False)
            assert reports._width(line, size, bold) == whole / 72, (line, size, bold)

    # And so a long name breaks where the whole line's width says, as before the sums.
    def wrapped(value: str, room: float) -> list[str]:
        prop = FontProperties(family=reports.FAMILY, size=reports.FONT)
        lines: list[str] = []
        for word in value.split():
            longer = f"{lines[-1]} {word}" if lines else word
            width, _, _ = measure.get_text_width_height_descent(longer, prop, ismath=False)
            if lines and width / 72 <= room:
                lines[-1] = longer
            else:
                lines.append(word)
        return lines

    name = "Đỗ Huỳnh Thị Phương Nguyệt Quỳnh Hưởng Nguyễn Trường Tộ Khu Phố Đông"
    for room in (1.0, 1.6, 2.0, 2.4, 3.1):
        assert reports._wrap(name, reports.FONT, room) == wrapped(name, room)
    assert len(reports._wrap(name, reports.FONT, 1.6)) > 2


def test_a_name_with_dollar_signs_is_drawn_as_written_not_as_a_formula() -> None:
    """Members name themselves: "$...$" in a name must neither become mathematics nor, as
    bad TeX, stop the whole commune's chart from being drawn."""
    board = one_team_board()
    odd = "Lê $\\khonglenh$ Văn $5$"
    board.members[1] = Placing(2, odd, 0, 0, EAST, Role.MEMBER)
    figures = reports.figures(board, "vi")
    texts = [text for figure in figures for axis in figure.axes for text in axis.texts]
    assert not any(text.get_parse_math() for text in texts)
    assert "$\\khonglenh$" in " ".join(line for figure in figures for line in shown(figure))
    assert reports.charts(board, "vi")  # drawn: no error from the "formula"
