"""Writes the two report templates, `bao-cao-don-vi.docx` (a commune, an agency) and
`bao-cao-tinh.docx` (a province: also each commune's figures and the communes that have not
submitted), in the layout of Nghị định 30/2020/NĐ-CP, Phụ lục I: A4 portrait, margins 20/20/30/15
mm, Times New Roman, body 14 pt justified with an indented first line, the header and signature
blocks as borderless two-column tables.

Every size and margin is here in Python so that a reviewer reads them; the .docx files are
rebuilt by `make report-templates` (`python -m bot.report_templates.make`) and committed as
package data. The Jinja tags (docxtpl: `{%tr %}` repeats a table row, `{%p %}` a paragraph) name
the context `bot.report_files.context` builds; a province may replace a file with its own made in
Word, as long as `antt-bot report template check` passes it.
"""

from __future__ import annotations

import io
import sys
import zipfile
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Length, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from campaign.report_content import TO_WRITE

FOLDER = Path(__file__).resolve().parent
UNIT_FILE = "bao-cao-don-vi.docx"
PROVINCE_FILE = "bao-cao-tinh.docx"

FONT = "Times New Roman"
BODY = Pt(14)  # the decree: 13-14 pt
HEAD = Pt(13)  # the header block's unit names, "Số:", the date line
NATION = Pt(12)  # "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" (12-13 pt), on one line in its column
CELL = Pt(12)  # tables in the body: 12-13 pt
RECIPIENTS = Pt(11)  # the "Nơi nhận" list
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
TOP, BOTTOM, LEFT, RIGHT = Mm(20), Mm(20), Mm(30), Mm(15)
TEXT_WIDTH = Length(PAGE_WIDTH - LEFT - RIGHT)  # 165 mm
HEADER_COLUMNS = (Mm(68), Mm(97))  # the issuing unit | the national title

CENTER = WD_ALIGN_PARAGRAPH.CENTER
LEFT_ALIGN = WD_ALIGN_PARAGRAPH.LEFT
RIGHT_ALIGN = WD_ALIGN_PARAGRAPH.RIGHT


def build(province: bool) -> bytes:
    """One template as .docx bytes."""
    document = Document()
    page(document)
    styles(document)
    heading(document)
    title(document)
    results(document)
    targets(document)
    standings(document, province)
    records(document)
    if province:
        communes(document)
    closing(document, first=7 if province else 6)
    signature(document)
    for table in document.tables:
        ordered(table)
    properties(document, province)
    buffer = io.BytesIO()
    document.save(buffer)
    return steady(buffer.getvalue())


def steady(docx: bytes) -> bytes:
    """The same file with fixed times in the zip, so that rebuilding an unchanged template
    changes no byte (python-docx stamps each part with the time it was written)."""
    source = zipfile.ZipFile(io.BytesIO(docx))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            fixed = zipfile.ZipInfo(item.filename, date_time=(2026, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(item.filename))
    return buffer.getvalue()


# -- the page, the styles ----------------------------------------------------------------------


def page(document: DocumentObject) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = TOP, BOTTOM
    section.left_margin, section.right_margin = LEFT, RIGHT
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)
    # The page number at the top centre from page 2 on (the decree: not on the first page).
    section.different_first_page_header_footer = True
    number = section.header.paragraphs[0]
    number.alignment = CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"  # the value shown until the reader's program updates the field
    run.append(text)
    field.append(run)
    number._p.append(field)


def fonts(element: BaseOxmlElement) -> None:
    """Times New Roman for every script: without w:eastAsia, Word substitutes on some systems."""
    found = element.find(qn("w:rFonts"))
    if found is None:
        found = OxmlElement("w:rFonts")
        element.insert(0, found)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        if found.get(qn(theme)) is not None:
            del found.attrib[qn(theme)]
    for name in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        found.set(qn(name), FONT)


def styles(document: DocumentObject) -> None:
    defaults = document.styles.element.find(qn("w:docDefaults"))
    assert defaults is not None
    run_defaults = defaults.find(qn("w:rPrDefault"))
    assert run_defaults is not None
    fonts(run_defaults.find(qn("w:rPr")))
    language = run_defaults.find(qn("w:rPr")).find(qn("w:lang"))
    if language is not None:
        language.set(qn("w:val"), "vi-VN")
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = BODY
    fonts(normal.element.get_or_add_rPr())
    body = normal.paragraph_format
    body.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    body.first_line_indent = Cm(1.27)
    body.space_before = Pt(0)
    body.space_after = Pt(6)  # the decree: at least 6 pt between paragraphs
    body.line_spacing = 1.0
    grid = document.styles["Table Grid"]
    grid.font.name = FONT


# -- building blocks ---------------------------------------------------------------------------


def paragraph(
    where: DocumentObject | _Cell,
    text: str = "",
    *,
    size: Length | None = None,
    bold: bool = False,
    italic: bool = False,
    align: WD_ALIGN_PARAGRAPH | None = None,
    indent: bool = True,
    after: Length | None = None,
    before: Length | None = None,
) -> Paragraph:
    """A paragraph of one run (in a cell, after the cell's own empty one: see `tidy`)."""
    made = where.add_paragraph()
    if align is not None:
        made.alignment = align
    if not indent:
        made.paragraph_format.first_line_indent = Pt(0)
    if after is not None:
        made.paragraph_format.space_after = after
    if before is not None:
        made.paragraph_format.space_before = before
    if text:
        run = made.add_run(text)
        run.bold = bold or None
        run.italic = italic or None
        if size is not None:
            run.font.size = size
    if size is not None:
        mark(made, size)
    return made


def mark(made: Paragraph, size: Length) -> None:
    """The paragraph mark's size too, so that an empty line is as high as its text would be."""
    properties = made._p.get_or_add_pPr()
    marks = properties.find(qn("w:rPr"))
    if marks is None:
        marks = OxmlElement("w:rPr")
        properties.append(marks)
    for tag in ("w:sz", "w:szCs"):
        size_element = OxmlElement(tag)
        size_element.set(qn("w:val"), str(int(size.pt * 2)))
        marks.append(size_element)


def tag(where: DocumentObject | _Cell, text: str) -> Paragraph:
    """A paragraph that holds only a docxtpl `{%p ... %}` tag (it goes when rendered)."""
    return paragraph(where, text, indent=False, after=Pt(0))


def rule(where: DocumentObject | _Cell, width: Length, column: Length) -> None:
    """A short centred line under a heading: an empty paragraph's bottom border, indented on
    both sides to `width` (a drawn shape would hide from readers that extract text)."""
    made = where.add_paragraph()
    made.alignment = CENTER
    side = Length(max(int((column - width) / 2) - Mm(2), 0))
    made.paragraph_format.left_indent = side
    made.paragraph_format.right_indent = side
    made.paragraph_format.first_line_indent = Pt(0)
    made.paragraph_format.space_before = Pt(1)
    made.paragraph_format.space_after = Pt(4)
    made.paragraph_format.line_spacing = Pt(3)
    properties = made._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for name, value in (
        ("w:val", "single"),
        ("w:sz", "6"),
        ("w:space", "1"),
        ("w:color", "000000"),
    ):
        bottom.set(qn(name), value)
    borders.append(bottom)
    # w:pBdr sits before w:spacing and w:ind in a paragraph's properties (the schema's order).
    properties.insert(_position(properties, ("w:pStyle", "w:keepNext", "w:keepLines")), borders)
    mark(made, Pt(2))


def _position(properties: BaseOxmlElement, before: Sequence[str]) -> int:
    index = 0
    child: BaseOxmlElement
    for position, child in enumerate(properties):
        if child.tag in {qn(name) for name in before}:
            index = position + 1
    return index


def tidy(*cells: _Cell) -> None:
    """Drop the empty paragraph a new cell starts with (the cell's text was added after it)."""
    for cell in cells:
        first = cell.paragraphs[0]
        if not first.text and len(cell.paragraphs) > 1:
            cell._tc.remove(first._p)


def borderless(table: Table) -> None:
    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "nil")
        borders.append(edge)
    properties.append(borders)


def widths(table: Table, sizes: Sequence[Length]) -> None:
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for column, size in zip(table.columns, sizes, strict=True):
        column.width = size
        for cell in column.cells:
            cell.width = size


# The order of a table's properties in the schema: Word calls a file with them out of order
# unreadable, though LibreOffice does not mind.
TABLE_PROPERTIES = tuple(
    qn(f"w:{name}")
    for name in (
        "tblStyle",
        "tblpPr",
        "tblOverlap",
        "bidiVisual",
        "tblStyleRowBandSize",
        "tblStyleColBandSize",
        "tblW",
        "jc",
        "tblCellSpacing",
        "tblInd",
        "tblBorders",
        "shd",
        "tblLayout",
        "tblCellMar",
        "tblLook",
        "tblCaption",
        "tblDescription",
    )
)


def ordered(table: Table) -> None:
    """A table's properties in the schema's order (python-docx appends some at the end)."""
    properties = table._tbl.tblPr
    children = sorted(
        properties,
        key=lambda child: (
            TABLE_PROPERTIES.index(child.tag)
            if child.tag in TABLE_PROPERTIES
            else len(TABLE_PROPERTIES)
        ),
    )
    for child in children:
        properties.append(child)  # lxml moves it: the children end in this order


def repeat_header(table: Table) -> None:
    """The header row again at the top of every page the table runs onto, and no row cut in
    two by a page break."""
    for index, row in enumerate(table.rows):
        row_properties = row._tr.get_or_add_trPr()
        row_properties.append(OxmlElement("w:cantSplit"))
        if index == 0:
            row_properties.append(OxmlElement("w:tblHeader"))


def cell_text(
    cell: _Cell, text: str, *, bold: bool = False, align: WD_ALIGN_PARAGRAPH = LEFT_ALIGN
) -> None:
    made = cell.paragraphs[0]
    made.alignment = align
    made.paragraph_format.first_line_indent = Pt(0)
    made.paragraph_format.space_before = Pt(2)
    made.paragraph_format.space_after = Pt(2)
    if text:
        run = made.add_run(text)
        run.bold = bold or None
        run.font.size = CELL
    mark(made, CELL)


def grid(
    document: DocumentObject,
    loop: str,
    columns: Sequence[tuple[str, str, Length, WD_ALIGN_PARAGRAPH]],
) -> Table:
    """A bordered table: a bold header row, then one row per item of `loop` ("r in rows"),
    each cell one value (a reader finds a number in its own cell)."""
    table: Table = document.add_table(rows=4, cols=len(columns))
    table.style = document.styles["Table Grid"]
    widths(table, [size for _, _, size, _ in columns])
    for index, (header, value, _, align) in enumerate(columns):
        cell_text(table.cell(0, index), header, bold=True, align=CENTER)
        cell_text(table.cell(2, index), value, align=align)
    cell_text(table.cell(1, 0), "{%tr for " + loop + " %}")
    cell_text(table.cell(3, 0), "{%tr endfor %}")
    repeat_header(table)
    return table


def numbers(size: Length) -> tuple[Length, WD_ALIGN_PARAGRAPH]:
    return size, CENTER


def section(document: DocumentObject, text: str) -> None:
    paragraph(document, text, bold=True, before=Pt(6)).paragraph_format.keep_with_next = True


def item(document: DocumentObject, text: str) -> None:
    """A numbered part of a section ("1. …:"), set off from the table before it and on the
    same page as what it introduces."""
    paragraph(document, text, before=Pt(6)).paragraph_format.keep_with_next = True


def optional(
    document: DocumentObject, condition: str, build: Callable[[], object], otherwise: str
) -> None:
    """`build` (a callable writing a table) only when `condition` holds, else a short line."""
    tag(document, "{%p if " + condition + " %}")
    build()
    tag(document, "{%p else %}")
    paragraph(document, otherwise)
    tag(document, "{%p endif %}")


# -- the header and title ----------------------------------------------------------------------


def heading(document: DocumentObject) -> None:
    """The units and the national title above, the number and the date line below, each in a
    cell of its own: "Số" and the date line share a baseline, and a reader finds each whole."""
    table = document.add_table(rows=2, cols=2)
    borderless(table)
    widths(table, HEADER_COLUMNS)
    left, right = table.rows[0].cells
    number, place = table.rows[1].cells
    left_width, right_width = HEADER_COLUMNS
    tag(left, "{%p if parent_name %}")
    paragraph(left, "{{ parent_name|upper }}", size=HEAD, align=CENTER, indent=False, after=Pt(0))
    tag(left, "{%p endif %}")
    paragraph(
        left, "{{ unit_name|upper }}", size=HEAD, bold=True, align=CENTER, indent=False, after=Pt(0)
    )
    rule(left, Mm(25), left_width)
    # The number is the clerk's to write when the report is registered; the blanks stay.
    paragraph(number, "Số:      /{{ symbol }}", size=HEAD, align=CENTER, indent=False, after=Pt(0))
    paragraph(
        right,
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        size=NATION,
        bold=True,
        align=CENTER,
        indent=False,
        after=Pt(0),
    )
    paragraph(
        right,
        "Độc lập - Tự do - Hạnh phúc",
        size=HEAD,
        bold=True,
        align=CENTER,
        indent=False,
        after=Pt(0),
    )
    rule(right, Mm(60), right_width)
    paragraph(
        place,
        "{{ place }}, ngày {{ made_day }} tháng {{ made_month }} năm {{ made_year }}",
        size=HEAD,
        italic=True,
        align=CENTER,
        indent=False,
        after=Pt(0),
    )
    tidy(left, right, number, place)


def title(document: DocumentObject) -> None:
    paragraph(
        document, "BÁO CÁO", bold=True, align=CENTER, indent=False, before=Pt(18), after=Pt(0)
    )
    paragraph(document, "{{ subject }}", bold=True, align=CENTER, indent=False, after=Pt(0))
    rule(document, Mm(40), TEXT_WIDTH)
    paragraph(
        document,
        "Thực hiện {{ plan_name }}, {{ unit_name }} báo cáo kết quả {{ period_label }} "
        "(số liệu từ ngày {{ starts }} đến hết ngày {{ as_of }}) như sau:",
        before=Pt(12),
    )
    tag(document, "{%p for note in notes %}")
    paragraph(document, "{{ note }}", italic=True)
    tag(document, "{%p endfor %}")


# -- the body ----------------------------------------------------------------------------------


def results(document: DocumentObject) -> None:
    section(document, "I. KẾT QUẢ THỰC HIỆN CÁC NỘI DUNG THI ĐUA")
    item(
        document,
        "1. Kết quả theo nội dung (số mục đã được xác nhận; kỳ trước: {{ previous_label }}):",
    )
    optional(
        document,
        "areas",
        lambda: grid(
            document,
            "a in areas",
            [
                ("Nội dung", "{{ a.name }}", Mm(75), LEFT_ALIGN),
                ("Kỳ này", "{{ a.verified }}", *numbers(Mm(30))),
                ("Kỳ trước", "{{ a.previous }}", *numbers(Mm(30))),
                ("Chờ xác nhận", "{{ a.pending }}", *numbers(Mm(30))),
            ],
        ),
        "Kế hoạch không có nội dung thi đua được đếm.",
    )
    tag(document, "{%p if pending_total %}")
    paragraph(
        document,
        "Các mục chờ xác nhận chưa được tính vào kết quả (tổng số: {{ pending_total }}).",
        italic=True,
        before=Pt(3),
    )
    tag(document, "{%p endif %}")
    item(document, "2. Nguồn tin về an ninh, trật tự theo loại và kết quả xử lý:")
    optional(
        document,
        "tips",
        lambda: grid(
            document,
            "t in tips",
            [
                ("Loại nguồn tin", "{{ t.kind }}", Mm(70), LEFT_ALIGN),
                ("Kết quả xử lý", "{{ t.outcome }}", Mm(60), LEFT_ALIGN),
                ("Số lượng", "{{ t.count }}", *numbers(Mm(35))),
            ],
        ),
        "Không có nguồn tin được xác nhận trong kỳ.",
    )
    item(document, "3. Vụ việc tiêu biểu (vụ việc khẩn, nguồn tin đã giải quyết):")
    optional(
        document,
        "notable",
        lambda: grid(
            document,
            "n in notable",
            [
                ("Số hiệu", "{{ n.reference }}", Mm(20), LEFT_ALIGN),
                ("Ngày", "{{ n.day }}", *numbers(Mm(26))),
                ("Nội dung", "{{ n.area }}", Mm(37), LEFT_ALIGN),
                ("Loại", "{{ n.kind }}", Mm(35), LEFT_ALIGN),
                ("Tổ/đội", "{{ n.team }}", Mm(47), LEFT_ALIGN),
            ],
        ),
        "Không có vụ việc tiêu biểu trong kỳ.",
    )
    item(document, "4. Lực lượng tham gia và tuần tra:")
    grid(
        document,
        "p in participation",
        [
            ("Nội dung", "{{ p.label }}", Mm(120), LEFT_ALIGN),
            ("Số lượng", "{{ p.value }}", *numbers(Mm(45))),
        ],
    )


def targets(document: DocumentObject) -> None:
    section(document, "II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU")
    optional(
        document,
        "targets",
        lambda: grid(
            document,
            "t in targets",
            [
                ("Chỉ tiêu", "{{ t.description }}", Mm(36), LEFT_ALIGN),
                ("Cách tính", "{{ t.how }}", Mm(42), LEFT_ALIGN),
                ("Thời gian", "{{ t.period }}", Mm(25), CENTER),
                ("Mức phải đạt", "{{ t.threshold }}", Mm(20), CENTER),
                ("Kết quả", "{{ t.value }}", Mm(22), CENTER),
                ("Đánh giá", "{{ t.verdict }}", Mm(20), CENTER),
            ],
        ),
        "Kế hoạch không đặt chỉ tiêu cho đơn vị trong kỳ.",
    )


def standings(document: DocumentObject, province: bool) -> None:
    section(document, "III. XẾP HẠNG THI ĐUA")
    tag(document, "{%p if standings %}")
    if province:
        # A province has no peers to rank it among: its communes are its standings.
        item(document, "1. Các xã dẫn đầu ({{ standings.phase }}):")
        optional(
            document,
            "standings.teams",
            lambda: ranking(document, "standings.teams", "Xã"),
            "Chưa có xã có kết quả.",
        )
        item(document, "2. Các thành viên dẫn đầu:")
        members_ranking(document)
        return
    item(document, "1. Xếp hạng của đơn vị ({{ standings.phase }}):")
    grid(
        document,
        "u in standings.unit",
        [
            ("Hạng", "{{ u.rank }}", *numbers(Mm(40))),
            ("Số đơn vị xếp hạng", "{{ u.of }}", *numbers(Mm(65))),
            ("Điểm", "{{ u.points }}", *numbers(Mm(60))),
        ],
    )
    item(document, "2. Các tổ, đội dẫn đầu:")
    optional(
        document,
        "standings.teams",
        lambda: ranking(document, "standings.teams", "Tổ/đội"),
        "Chưa có tổ, đội có kết quả.",
    )
    item(document, "3. Các thành viên dẫn đầu:")
    members_ranking(document)


def members_ranking(document: DocumentObject) -> None:
    """The members' table, and the end of the standings section."""
    optional(
        document,
        "standings.members",
        lambda: ranking(document, "standings.members", "Thành viên"),
        "Chưa có thành viên có kết quả.",
    )
    tag(document, "{%p else %}")
    paragraph(document, "Kế hoạch không xếp hạng đơn vị trong kỳ.")
    tag(document, "{%p endif %}")


def ranking(document: DocumentObject, rows: str, who: str) -> None:
    grid(
        document,
        f"r in {rows}",
        [
            ("Hạng", "{{ r.rank }}", *numbers(Mm(20))),
            (who, "{{ r.name }}", Mm(85), LEFT_ALIGN),
            ("Điểm", "{{ r.points }}", *numbers(Mm(25))),
            ("Số mục đã xác nhận", "{{ r.entries }}", *numbers(Mm(35))),
        ],
    )


def record_table(document: DocumentObject, rows: str) -> None:
    grid(
        document,
        f"r in {rows}",
        [
            ("Ngày", "{{ r.day }}", *numbers(Mm(27))),
            ("Nội dung", "{{ r.text }}", Mm(98), LEFT_ALIGN),
            ("Tình trạng", "{{ r.status }}", Mm(40), LEFT_ALIGN),
        ],
    )


def records(document: DocumentObject) -> None:
    section(document, "IV. MÔ HÌNH, ĐĂNG KÝ THI ĐUA VÀ XẾP LOẠI")
    item(document, "1. Mô hình:")
    optional(
        document,
        "models",
        lambda: record_table(document, "models"),
        "Không có mô hình mới trong kỳ.",
    )
    item(document, "2. Đăng ký thi đua, xếp loại:")
    optional(
        document,
        "registrations",
        lambda: record_table(document, "registrations"),
        "Không có đăng ký, xếp loại trong kỳ.",
    )
    section(document, "V. KHEN THƯỞNG")
    optional(
        document,
        "commendations",
        lambda: record_table(document, "commendations"),
        "Không có khen thưởng trong kỳ.",
    )
    section(document, "VI. CÁC BÁO CÁO, HỒ SƠ ĐÃ NỘP")
    optional(
        document,
        "submissions",
        lambda: grid(
            document,
            "s in submissions",
            [
                ("Báo cáo, hồ sơ", "{{ s.title }}", Mm(75), LEFT_ALIGN),
                ("Hạn nộp", "{{ s.due }}", *numbers(Mm(27))),
                ("Ngày nộp", "{{ s.submitted_on }}", *numbers(Mm(27))),
                ("Tình trạng", "{{ s.state }}", Mm(36), LEFT_ALIGN),
            ],
        ),
        "Chưa có báo cáo, hồ sơ nào được nộp trong kỳ.",
    )


def communes(document: DocumentObject) -> None:
    section(document, "VII. KẾT QUẢ CỦA CÁC XÃ")
    item(document, "1. Số mục đã được xác nhận theo nội dung:")
    # A column per content area: the plan decides how many, so the renderer builds this table
    # (bot.report_files.commune_table) where the tag stands.
    optional(
        document,
        "communes",
        lambda: tag(document, "{{ commune_table }}"),
        "Không có xã trực thuộc.",
    )
    item(document, "2. Chỉ tiêu và báo cáo của từng xã:")
    optional(
        document,
        "communes",
        lambda: grid(
            document,
            "c in communes",
            [
                ("Xã", "{{ c.name }}", Mm(55), LEFT_ALIGN),
                ("Chỉ tiêu đạt", "{{ c.targets_met }}", *numbers(Mm(22))),
                ("Số chỉ tiêu", "{{ c.targets_counted }}", *numbers(Mm(22))),
                ("Báo cáo kỳ này", "{{ c.report_state }}", Mm(36), LEFT_ALIGN),
                ("Ngày nộp", "{{ c.submitted_on }}", *numbers(Mm(30))),
            ],
        ),
        "Không có xã trực thuộc.",
    )
    item(document, "3. Các xã chưa nộp báo cáo kỳ này:")
    tag(document, "{%p for name in not_submitted %}")
    paragraph(document, "- {{ name }}")
    tag(document, "{%p endfor %}")
    tag(document, "{%p if not not_submitted and communes %}")
    paragraph(document, "Tất cả các xã đã nộp báo cáo.")
    tag(document, "{%p elif not communes %}")
    paragraph(document, "Không có xã trực thuộc.")
    tag(document, "{%p endif %}")


ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def closing(document: DocumentObject, first: int) -> None:
    """The two parts only the officer can write, marked so nobody signs them unwritten."""
    for offset, (heading_text, hint) in enumerate(
        (
            ("ĐÁNH GIÁ CHUNG", "ưu điểm, hạn chế và nguyên nhân; bài học kinh nghiệm.]"),
            (
                "ĐỀ XUẤT, KIẾN NGHỊ",
                "phương hướng thời gian tới; đề xuất, kiến nghị với cấp trên.]",
            ),
        )
    ):
        section(document, f"{ROMAN[first + offset]}. {heading_text}")
        made = paragraph(document, TO_WRITE + hint, bold=True, italic=True)
        made.runs[0].font.highlight_color = WD_COLOR_INDEX.YELLOW
    paragraph(document, "Trên đây là báo cáo của {{ unit_name }}./.", before=Pt(6))


def signature(document: DocumentObject) -> None:
    table = document.add_table(rows=1, cols=2)
    borderless(table)
    widths(table, (Mm(80), Mm(85)))
    # The block stays whole on one page.
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    left, right = table.rows[0].cells
    paragraph(
        left,
        "Nơi nhận:",
        size=Pt(12),
        bold=True,
        italic=True,
        align=LEFT_ALIGN,
        indent=False,
        after=Pt(0),
        before=Pt(12),
    )
    tag(left, "{%p for recipient in recipients %}")
    paragraph(
        left, "- {{ recipient }};", size=RECIPIENTS, align=LEFT_ALIGN, indent=False, after=Pt(0)
    )
    tag(left, "{%p endfor %}")
    paragraph(left, "- Lưu: VT.", size=RECIPIENTS, align=LEFT_ALIGN, indent=False, after=Pt(0))
    paragraph(
        right,
        "{{ signer_title|upper }}",
        size=BODY,
        bold=True,
        align=CENTER,
        indent=False,
        after=Pt(0),
        before=Pt(12),
    )
    # Room for the signature and the seal (about 3 cm).
    for _ in range(5):
        paragraph(right, "", size=BODY, align=CENTER, indent=False, after=Pt(0))
    paragraph(right, "{{ signer_name }}", size=BODY, bold=True, align=CENTER, indent=False)
    tidy(left, right)


def properties(document: DocumentObject, province: bool) -> None:
    core = document.core_properties
    core.title = "Báo cáo (mẫu của tỉnh)" if province else "Báo cáo (mẫu của đơn vị)"
    core.author = "antt-bot"
    core.last_modified_by = "antt-bot"
    core.comments = "Mẫu báo cáo theo Nghị định 30/2020/NĐ-CP; thẻ Jinja của docxtpl."
    core.revision = 1
    core.language = "vi-VN"
    core.created = core.modified = datetime(2026, 1, 1)  # not python-docx's own 2013 stamp


def main(argv: Sequence[str] = ()) -> None:
    folder = Path(argv[0]) if argv else FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for name, province in ((UNIT_FILE, False), (PROVINCE_FILE, True)):
        (folder / name).write_bytes(build(province))
        print(folder / name)


if __name__ == "__main__":
    main(sys.argv[1:])
