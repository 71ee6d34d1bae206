"""A drafted report as files an official opens: the .docx (a docxtpl template filled with a
`ReportData`) and its annex .xlsx (one sheet per section, through `bot.workbooks`).

Templates: a province may put its own in its override folder (`<data_dir>/mau-bao-cao/`):
`<UNITCODE>.docx` for a unit or any unit above it (a province's letterhead serves its communes),
`<UNITCODE>-tinh.docx` for a province's own report, else `don-vi.docx` / `tinh.docx`; otherwise the packaged `bao-cao-don-vi.docx` /
`bao-cao-tinh.docx` (made by `bot/report_templates/make.py`). `check` says, in Vietnamese, what
in a template would break a report before a province relies on it.

Writing rules (what an official and a reader of the file expect): dates dd/mm/yyyy everywhere
except the date line under the national title ("Đông Hưng, ngày 05 tháng 12 năm 2026"); numbers
plainly, with Vietnamese thousands ("1.234") from 1 000 on; one value per table cell; no emoji.
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import fields, is_dataclass, replace
from datetime import date, datetime, time
from importlib import resources
from pathlib import Path
from typing import Any
from zipfile import BadZipFile

import jinja2
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment

from bot import workbooks
from bot.report_templates.make import ordered
from campaign.catalogs import text
from campaign.report_content import (
    TO_WRITE,
    AreaLine,
    CommuneLine,
    Heading,
    NotableCase,
    Participation,
    RankLine,
    RecordLine,
    Rendered,
    ReportData,
    Span,
    Standings,
    SubmissionLine,
    TargetLine,
    TipLine,
)

UNIT_TEMPLATE = "bao-cao-don-vi.docx"
PROVINCE_TEMPLATE = "bao-cao-tinh.docx"
UNIT_OVERRIDE = "don-vi.docx"
PROVINCE_OVERRIDE = "tinh.docx"
NOTHING = "—"  # a cell with no value (no previous period, not submitted)
# A paragraph of its own holding only this becomes the communes' table (a column per area).
COMMUNE_TABLE = "[bảng kết quả các xã]"

# The variables a template must use: without them the report lacks its number, its date line,
# its recipients or its signature (NĐ 30/2020, Phụ lục I).
REQUIRED = ("symbol", "place", "made_day", "made_month", "made_year", "recipients", "signer_title")


# -- writing values ----------------------------------------------------------------------------


def number(value: float | None) -> str:
    """1.234 and 0,5 as Vietnamese writes them; a count under 1 000 as its digits."""
    if value is None:
        return NOTHING
    whole = isinstance(value, int) or float(value).is_integer()
    written = f"{int(value):,}" if whole else f"{value:,.1f}"
    return written.replace(",", " ").replace(".", ",").replace(" ", ".")


def day(value: date | None) -> str:
    return NOTHING if value is None else workbooks.day(value)


def cell_number(value: float | None) -> float | int | None:
    """A number as a spreadsheet cell holds it: a whole number as an int."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def clean(value: str) -> str:
    """A text for a document: no emoji (boxes on paper), spaces tidied."""
    return str(workbooks.plain(value))


# -- the context the templates read ------------------------------------------------------------


def context(data: ReportData) -> dict[str, Any]:
    """What a template's tags name; every value already written (dates, numbers) as text, and
    composed (NFC): a name typed on a phone may come decomposed, and a reader searching the
    document for "Hòa Bình" must find it."""
    found: dict[str, Any] = composed(_context(data))
    return found


# What XML 1.0, and so Word and Excel, cannot hold: C0 controls but tab, newline and carriage
# return, lone surrogates, U+FFFE and U+FFFF. A name typed in a chat may carry one, and one in a
# member's name on the standings stopped the whole report (python-docx and openpyxl refuse it).
UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def printable(value: Any) -> Any:
    """The report's data without the characters a document cannot hold (every text field)."""
    if isinstance(value, str):
        return UNPRINTABLE.sub("", value)
    if isinstance(value, tuple):
        return tuple(printable(item) for item in value)
    if is_dataclass(value) and not isinstance(value, type):
        changed = {f.name: printable(getattr(value, f.name)) for f in fields(value) if f.init}
        return replace(value, **changed)
    return value


def composed(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {key: composed(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [composed(item) for item in value]
    return value


def _context(data: ReportData) -> dict[str, Any]:
    heading = data.heading
    span = data.span
    lang = data.language
    areas = [
        {
            "code": line.code,
            "name": clean(line.name),
            "verified": number(line.verified),
            "previous": number(line.previous),
            "pending": number(line.pending),
        }
        for line in data.areas
    ]
    pending = sum(line.pending for line in data.areas)
    return {
        "language": data.language,
        "is_province": data.is_province,
        "parent_name": heading.parent_name,
        "unit_name": heading.unit_name,
        "place": heading.place_name,
        "made_day": f"{heading.made_on.day:02d}",
        # NĐ 30/2020 Phụ lục I: a zero before days under 10 and the months 1 and 2 only.
        "made_month": f"{heading.made_on.month:02d}"
        if heading.made_on.month <= 2
        else str(heading.made_on.month),
        "made_year": f"{heading.made_on.year}",
        "made_on": day(heading.made_on),
        "symbol": heading.symbol,
        "subject": heading.subject,
        "recipients": list(heading.recipients),
        "signer_title": heading.signer_title,
        "signer_name": heading.signer_name or text("report_files_no_name", lang),
        "plan_code": data.plan_code,
        "plan_name": data.plan_name,
        "deadline_code": data.deadline_code,
        "deadline_title": data.deadline_title,
        "due": day(data.due),
        "period_label": span.label,
        "starts": day(span.starts),
        "ends": day(span.ends),
        "as_of": day(span.as_of),
        "previous_label": (
            f"{data.previous.label}, {day(data.previous.starts)}–{day(data.previous.ends)}"
            if data.previous
            else text("report_files_no_previous", lang)
        ),
        "areas": areas,
        "pending_total": number(pending) if pending else "",
        "tips": [
            {"kind": clean(t.kind), "outcome": clean(t.outcome), "count": number(t.count)}
            for t in data.tips
        ],
        "notable": [
            {
                "reference": n.reference,
                "day": day(n.day),
                "area": clean(n.area),
                "kind": clean(n.kind),
                "team": clean(n.team),
            }
            for n in data.notable
        ],
        "participation": [
            {"label": label, "value": number(value)}
            for label, value in participation(data.participation, lang)
        ],
        "targets": [
            {
                "code": t.code,
                "description": clean(t.description),
                "how": clean(t.how),
                "period": clean(t.period),
                "threshold": clean(t.threshold),
                "value": clean(t.value),
                "verdict": clean(t.verdict),
            }
            for t in data.targets
        ],
        "standings": standings(data.standings, lang),
        "models": records(data.models),
        "registrations": records(data.registrations),
        "commendations": records(data.commendations),
        "submissions": [
            {
                "title": clean(s.title),
                "due": day(s.due),
                "submitted_on": day(s.submitted_on),
                "state": clean(s.state),
            }
            for s in data.submissions
        ],
        "area_names": [clean(line.name) for line in data.areas],
        "communes": [
            {
                "name": c.name,
                "areas": [number(v) for v in c.areas],
                "targets_met": number(c.targets_met),
                "targets_counted": number(c.targets_counted),
                "report_state": clean(c.report_state),
                "submitted_on": day(c.submitted_on),
            }
            for c in data.communes
        ],
        # The communes' figures one (commune, area) per row: a table as wide as the plan's
        # areas would not fit a portrait page.
        "commune_areas": [
            {"name": c.name, "area": clean(line.name), "verified": number(value)}
            for c in data.communes
            for line, value in zip(data.areas, c.areas, strict=False)
        ],
        "commune_table": COMMUNE_TABLE,  # where render_docx puts the table (commune_table)
        "not_submitted": list(data.not_submitted),
        "notes": list(data.notes),
        "to_write": TO_WRITE,
    }


def participation(line: Participation, lang: str) -> list[tuple[str, int]]:
    rows = [
        (text("report_files_participants", lang), line.participants),
        (text("report_files_members", lang), line.members),
        (text("report_files_patrols", lang), line.patrols),
    ]
    if line.patrol_people is not None:
        rows.append((text("report_files_patrol_people", lang), line.patrol_people))
    return rows


def standings(found: Standings | None, lang: str) -> dict[str, Any] | None:
    if found is None:
        return None

    def ranked(lines: Iterable[RankLine]) -> list[dict[str, str]]:
        return [
            {
                "rank": number(r.rank),
                "name": clean(r.name),
                "points": number(r.points),
                "entries": number(r.entries),
            }
            for r in lines
        ]

    return {
        "phase": found.phase or text("report_files_whole_plan", lang),
        "unit": [
            {
                "rank": number(found.unit_rank),
                "of": number(found.unit_of),
                "points": number(found.unit_points),
            }
        ],
        "teams": ranked(found.teams),
        "members": ranked(found.members),
    }


def records(lines: Iterable[RecordLine]) -> list[dict[str, str]]:
    return [{"day": day(r.day), "text": clean(r.text), "status": clean(r.status)} for r in lines]


# -- templates ---------------------------------------------------------------------------------


def packaged(name: str) -> bytes:
    return (resources.files("bot.report_templates") / name).read_bytes()


def template_for(data: ReportData, templates_dir: Path | None) -> tuple[str, bytes]:
    """The template a report is written with, and its label: the nearest unit's own file in the
    override folder, then the folder's general one, then the packaged one."""
    province = data.is_province
    if templates_dir is not None and templates_dir.is_dir():
        # File names as a province saves them: "demo-xa.docx" serves unit DEMO-XA.
        files = {
            path.name.casefold(): path
            for path in sorted(templates_dir.iterdir())
            if path.is_file() and path.suffix.casefold() == ".docx"
        }
        # A code's own file serves the reports of that unit and the units below it; a
        # province's own report (its communes' results, those not submitted) reads
        # "<CODE>-tinh.docx": its communes' letterhead, made from don-vi.docx, has neither.
        suffix = "-tinh.docx" if province else ".docx"
        wanted = [f"{code}{suffix}" for code in data.unit_codes]
        wanted.append(PROVINCE_OVERRIDE if province else UNIT_OVERRIDE)
        for name in wanted:
            found = files.get(name.casefold())
            if found is not None:
                return found.name, found.read_bytes()
    name = PROVINCE_TEMPLATE if province else UNIT_TEMPLATE
    return f"packaged:{name}", packaged(name)


def environment() -> jinja2.Environment:
    # Autoescape ALWAYS: without it a unit named "A <&> B" comes out "A > B", silently.
    # Sandboxed: a province's template is a file from outside, and plain Jinja lets a tag reach
    # Python's internals and the os module ("{{ cycler.__init__.__globals__.os... }}").
    return SandboxedEnvironment(autoescape=True)


def render_docx(data: ReportData, template: bytes, *, strict: bool = False) -> bytes:
    """The filled .docx; `strict` (the check) fails on any name the data lacks, as a field
    misspelt after a dot ("{{ a.nam }}") otherwise prints nothing."""
    data = printable(data)
    document = DocxTemplate(io.BytesIO(template))
    env = environment()
    if strict:
        env.undefined = jinja2.StrictUndefined
    document.render(context(data), jinja_env=env, autoescape=True)
    if data.communes:
        commune_table(document.docx, data)  # get_docx() would reload the template
    # The file's own properties say what it is and when it was drafted, not the template's.
    core = document.docx.core_properties
    subject = unicodedata.normalize("NFC", data.heading.subject)
    core.title = text("report_files_document_title", data.language, subject=subject)[:255]
    core.created = core.modified = datetime.combine(data.heading.made_on, time())
    core.comments = ""
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


class TemplateError(ValueError):
    """A template that cannot be filled (a province's file broken since it was checked): the
    door names the file, and `check` says what is wrong in it."""

    def __init__(self, template: str, problem: str) -> None:
        super().__init__(f"{template}: {problem}")
        self.template = template
        self.problem = problem


def commune_table(document: Any, data: ReportData) -> None:
    """A province's communes, a row each and a column per content area plus the total, put
    where a paragraph holds only COMMUNE_TABLE: the plan decides how many areas, so no template
    can fix the columns. Borders are set on the table itself (a province's template may lack
    "Table Grid")."""
    lang = data.language
    names = [clean(area.name) for area in data.areas]
    section = document.sections[0]
    width = int(section.page_width - section.left_margin - section.right_margin)
    first = max(width // 5, int(Mm(30)))
    other = (width - first) // (len(names) + 1)
    size = Pt(12) if len(names) <= 5 else Pt(10)
    headers = [text("report_files_col_commune", lang), *names, text("report_files_col_total", lang)]
    rows = [[c.name, *(number(v) for v in c.areas), number(sum(c.areas))] for c in data.communes]
    for marker in [p for p in document.paragraphs if p.text.strip() == COMMUNE_TABLE]:
        table = document.add_table(rows=0, cols=len(headers))
        table.autofit = False
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        _grid_borders(table)
        for index, row in enumerate([headers, *rows]):
            made = table.add_row()
            row_properties = made._tr.get_or_add_trPr()
            row_properties.append(OxmlElement("w:cantSplit"))
            if index == 0:
                row_properties.append(OxmlElement("w:tblHeader"))
            for column, (cell, value) in enumerate(zip(made.cells, row, strict=True)):
                cell.width = first if column == 0 else other
                paragraph = cell.paragraphs[0]
                paragraph.paragraph_format.first_line_indent = Pt(0)
                paragraph.paragraph_format.space_before = Pt(2)
                paragraph.paragraph_format.space_after = Pt(2)
                paragraph.alignment = (
                    WD_ALIGN_PARAGRAPH.LEFT if column == 0 and index else WD_ALIGN_PARAGRAPH.CENTER
                )
                run = paragraph.add_run(value)
                run.font.size = size
                run.bold = index == 0 or None
        for column, gridcol in enumerate(table._tbl.tblGrid.gridCol_lst):
            gridcol.w = first if column == 0 else other
        ordered(table)
        marker._p.addprevious(table._tbl)
        marker._p.getparent().remove(marker._p)


def _grid_borders(table: Any) -> None:
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        for name, value in (("w:val", "single"), ("w:sz", "4"), ("w:space", "0")):
            edge.set(qn(name), value)
        borders.append(edge)
    table._tbl.tblPr.append(borders)


def render(data: ReportData, templates_dir: Path | None) -> Rendered:
    """The report's .docx and annex; raises TemplateError when the chosen template is broken
    (no silent fallback: the province would not know its letterhead was dropped)."""
    name, template = template_for(data, templates_dir)
    try:
        docx = render_docx(data, template)
    except Exception as error:  # whatever a hand-edited file raises is the file's fault
        raise TemplateError(name, str(error) or type(error).__name__) from error
    return Rendered(
        docx=docx,
        xlsx=annex_xlsx(data),
        template=name,
        template_sha256=hashlib.sha256(template).hexdigest(),
    )


# -- the annex ---------------------------------------------------------------------------------


def annex_xlsx(data: ReportData) -> bytes:
    """One sheet per section of the report, each under the same title block."""
    data = printable(data)
    lang = data.language
    book = workbooks.book()
    lines = title_lines(data)
    heading = text("report_files_annex_of", lang, symbol=data.heading.symbol)
    for sheet_name, section, headers, rows, sizes in annex_sheets(data):
        sheet = book.create_sheet(sheet_name)
        header_row = workbooks.title_block(
            sheet,
            composed(heading),
            composed([(text("report_files_section", lang), section), *lines]),
            len(headers),
        )
        workbooks.table(sheet, header_row, headers, composed(rows))
        workbooks.widths(sheet, sizes)
    return workbooks.saved(book)


Sheet = tuple[str, str, Sequence[str], list[list[Any]], Sequence[float]]


def annex_sheets(data: ReportData) -> list[Sheet]:
    """(sheet name, section title, headers, rows, column widths) for each section."""
    lang = data.language
    number_column = text("report_files_col_number", lang)
    area = text("report_files_col_area", lang)
    day_column = text("report_files_col_day", lang)
    status = text("report_files_col_status", lang)
    count = text("report_files_col_count", lang)
    standing = data.standings
    standings_title = (
        text("report_files_title_standings_phase", lang, phase=standing.phase)
        if standing and standing.phase
        else text("report_files_title_standings", lang)
    )
    sheets: list[Sheet] = [
        (
            text("report_files_sheet_areas", lang),
            text("report_files_title_areas", lang),
            (
                number_column,
                area,
                text("report_files_col_this", lang),
                text("report_files_col_previous", lang),
                text("report_files_col_pending", lang),
            ),
            [[i, a.name, a.verified, a.previous, a.pending] for i, a in enumerate(data.areas, 1)],
            (6, 40, 12, 12, 14),
        ),
        (
            text("report_files_sheet_tips", lang),
            text("report_files_title_tips", lang),
            (
                number_column,
                text("report_files_col_tip_kind", lang),
                text("report_files_col_outcome", lang),
                count,
            ),
            [[i, tip.kind, tip.outcome, tip.count] for i, tip in enumerate(data.tips, 1)],
            (6, 30, 25, 12),
        ),
        (
            text("report_files_sheet_notable", lang),
            text("report_files_title_notable", lang),
            (
                number_column,
                text("report_files_col_reference", lang),
                day_column,
                area,
                text("report_files_col_kind", lang),
                text("report_files_col_team", lang),
            ),
            [
                [i, n.reference, workbooks.day(n.day), n.area, n.kind, n.team]
                for i, n in enumerate(data.notable, 1)
            ],
            (6, 14, 12, 25, 20, 30),
        ),
        (
            text("report_files_sheet_people", lang),
            text("report_files_title_people", lang),
            (number_column, area, count),
            [
                [i, label, value]
                for i, (label, value) in enumerate(participation(data.participation, lang), 1)
            ],
            (6, 40, 12),
        ),
        (
            text("report_files_sheet_targets", lang),
            text("report_files_title_targets", lang),
            (
                number_column,
                text("report_files_col_target", lang),
                text("report_files_col_how", lang),
                text("report_files_col_when", lang),
                text("report_files_col_threshold", lang),
                text("report_files_col_value", lang),
                text("report_files_col_verdict", lang),
            ),
            [
                [i, t.description, t.how, t.period, t.threshold, t.value, t.verdict]
                for i, t in enumerate(data.targets, 1)
            ],
            (6, 40, 25, 25, 14, 14, 16),
        ),
        (
            text("report_files_sheet_standings", lang),
            standings_title,
            (
                number_column,
                text("report_files_col_group", lang),
                text("report_files_col_rank", lang),
                text("report_files_col_of", lang),
                text("report_files_col_name", lang),
                text("report_files_col_points", lang),
                text("report_files_col_entries", lang),
            ),
            [[i, *row] for i, row in enumerate(standings_rows(data), 1)],
            (6, 14, 8, 12, 35, 10, 18),
        ),
        (
            text("report_files_sheet_models", lang),
            text("report_files_title_models", lang),
            (number_column, text("report_files_col_kind", lang), day_column, area, status),
            [
                [i, kind, sheet_day(r.day), r.text, r.status]
                for i, (kind, r) in enumerate(
                    [(text("report_files_kind_model", lang), r) for r in data.models]
                    + [
                        (text("report_files_kind_registration", lang), r)
                        for r in data.registrations
                    ],
                    1,
                )
            ],
            (6, 18, 12, 50, 20),
        ),
        (
            text("report_files_sheet_commendations", lang),
            text("report_files_title_commendations", lang),
            (number_column, day_column, area, status),
            [[i, sheet_day(r.day), r.text, r.status] for i, r in enumerate(data.commendations, 1)],
            (6, 12, 55, 20),
        ),
        (
            text("report_files_sheet_submissions", lang),
            text("report_files_title_submissions", lang),
            (
                number_column,
                text("report_files_col_paper", lang),
                text("report_files_col_due", lang),
                text("report_files_col_submitted", lang),
                status,
            ),
            [
                [i, s.title, workbooks.day(s.due), sheet_day(s.submitted_on), s.state]
                for i, s in enumerate(data.submissions, 1)
            ],
            (6, 45, 12, 12, 16),
        ),
    ]
    if data.is_province:
        sheets.extend(province_sheets(data))
    return sheets


def province_sheets(data: ReportData) -> list[Sheet]:
    lang = data.language
    number_column = text("report_files_col_number", lang)
    commune = text("report_files_col_commune", lang)
    return [
        (
            text("report_files_sheet_communes", lang),
            text("report_files_title_communes", lang),
            (
                number_column,
                commune,
                *(a.name for a in data.areas),
                text("report_files_col_met", lang),
                text("report_files_col_counted", lang),
                text("report_files_col_report", lang),
                text("report_files_col_submitted", lang),
            ),
            [
                [
                    i,
                    c.name,
                    *c.areas,
                    c.targets_met,
                    c.targets_counted,
                    c.report_state,
                    sheet_day(c.submitted_on),
                ]
                for i, c in enumerate(data.communes, 1)
            ],
            (6, 30, *(14 for _ in data.areas), 12, 12, 16, 12),
        ),
        (
            text("report_files_sheet_not_submitted", lang),
            text("report_files_title_not_submitted", lang),
            (number_column, commune),
            [[i, name] for i, name in enumerate(data.not_submitted, 1)],
            (6, 40),
        ),
    ]


def title_lines(data: ReportData) -> list[tuple[str, str]]:
    lang = data.language
    span = data.span
    period = text(
        "report_files_period_value",
        lang,
        label=span.label,
        starts=day(span.starts),
        ends=day(span.ends),
    )
    return [
        (text("report_files_unit", lang), data.heading.unit_name),
        (text("report_files_plan", lang), data.plan_name),
        (text("report_files_period", lang), period),
        (text("report_files_as_of", lang), day(span.as_of)),
    ]


def sheet_day(value: date | None) -> str | None:
    return None if value is None else workbooks.day(value)


def standings_rows(data: ReportData) -> list[list[Any]]:
    found = data.standings
    if found is None:
        return []
    lang = data.language
    # A province is ranked among no peers: its communes are its standings.
    rows: list[list[Any]] = (
        []
        if data.is_province
        else [
            [
                text("report_files_group_unit", lang),
                found.unit_rank,
                found.unit_of,
                data.heading.unit_name,
                cell_number(found.unit_points),
                None,
            ]
        ]
    )
    below = "report_files_col_commune" if data.is_province else "report_files_group_teams"
    for group, lines in (
        (text(below, lang), found.teams),
        (text("report_files_group_members", lang), found.members),
    ):
        rows.extend([group, r.rank, None, r.name, cell_number(r.points), r.entries] for r in lines)
    return rows


# -- checking and exporting templates ----------------------------------------------------------

TAG = re.compile(r"{[{%#].*?[}%#]}")


def _texts(template: bytes) -> list[str]:
    """Every paragraph's text in a .docx: the body, its tables, the headers and footers."""
    document = Document(io.BytesIO(template))
    found: list[str] = []

    def cells(tables: Iterable[Any]) -> None:
        for table in tables:
            for row in table.rows:
                for cell in row.cells:
                    found.extend(p.text for p in cell.paragraphs)
                    cells(cell.tables)

    found.extend(p.text for p in document.paragraphs)
    cells(document.tables)
    for section in document.sections:
        for part in (section.header, section.footer, section.first_page_header):
            found.extend(p.text for p in part.paragraphs)
    return found


def _bad_tags(texts: Iterable[str], env: jinja2.Environment, lang: str) -> list[str]:
    """The paragraphs whose own tags do not parse: an unclosed {{, a misspelt filter."""
    problems = []
    for paragraph in texts:
        opened = paragraph.count("{{") + paragraph.count("{%")
        closed = paragraph.count("}}") + paragraph.count("%}")
        if opened != closed:
            problems.append(text("report_files_check_unclosed", lang, paragraph=paragraph.strip()))
            continue
        for found in re.findall(r"{{.*?}}", paragraph):
            try:
                env.parse(found)
            except jinja2.TemplateSyntaxError as error:
                problems.append(
                    text(
                        "report_files_check_bad_tag",
                        lang,
                        error=error.message or "",
                        paragraph=paragraph.strip(),
                    )
                )
    return problems


def check(template: bytes, language: str = "vi") -> list[str]:
    """What in a template would spoil a report, in Vietnamese (empty: it can be used): a file
    that is no .docx, Jinja syntax errors (with their paragraph), names the report data does
    not have, the required tags missing, and any error rendering a sample report."""
    try:
        texts = _texts(template)
    except (BadZipFile, KeyError, ValueError) as error:
        return [text("report_files_check_not_docx", language, error=str(error))]
    env = environment()
    problems = _bad_tags(texts, env, language)
    sample = context(sample_report())
    document = DocxTemplate(io.BytesIO(template))
    try:
        used = document.get_undeclared_template_variables(jinja_env=env)
    except jinja2.TemplateSyntaxError as error:
        if not problems:
            problems.append(text("report_files_check_syntax", language, error=error.message or ""))
        return problems
    unknown = sorted(used - set(sample))
    if unknown:
        problems.append(text("report_files_check_unknown", language, names=", ".join(unknown)))
    missing = [name for name in REQUIRED if name not in used]
    if missing:
        problems.append(text("report_files_check_missing", language, names=", ".join(missing)))
    to_write = sum(paragraph.count(TO_WRITE) for paragraph in texts)
    if to_write < 2:
        problems.append(text("report_files_check_to_write", language, mark=TO_WRITE))
    if not problems:
        for data in (sample_report(), sample_report(province=True)):
            try:
                render_docx(data, template, strict=True)
            except Exception as error:  # any failure of a province's file is the file's
                problems.append(text("report_files_check_render", language, error=str(error)))
                break
    return problems


def export(folder: Path) -> list[Path]:
    """The packaged templates, under the names the override folder reads (a province edits
    them in Word and keeps them there)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for packaged_name, name in (
        (UNIT_TEMPLATE, UNIT_OVERRIDE),
        (PROVINCE_TEMPLATE, PROVINCE_OVERRIDE),
    ):
        path = folder / name
        path.write_bytes(packaged(packaged_name))
        written.append(path)
    return written


# -- a sample report ---------------------------------------------------------------------------


def sample_report(province: bool = False) -> ReportData:
    """A full hand-made report (diacritics, every section filled) for tests and `template
    check`; `province` the province's, with its communes."""
    span = Span(
        code="dot-1",
        label="Đợt 1",
        starts=date(2026, 7, 1),
        ends=date(2026, 12, 31),
        as_of=date(2026, 12, 4),
    )
    previous = Span(
        code="2026-H1",
        label="6 tháng đầu năm 2026",
        starts=date(2026, 1, 1),
        ends=date(2026, 6, 30),
        as_of=date(2026, 6, 30),
    )
    areas = (
        AreaLine("nguon-tin", "Nguồn tin về an ninh, trật tự", 12, 2, 9),
        AreaLine("tuan-tra", "Tuần tra, canh gác", 1234, 5, 987),
        AreaLine("viec-tot", "Việc tốt, gương người tốt", 7, 0, None),
    )
    heading = Heading(
        parent_name="Bộ Công an" if province else "Công an tỉnh Hưng Yên",
        unit_name="Công an tỉnh Hưng Yên" if province else "Công an xã Đông Hưng",
        place_name="Hưng Yên" if province else "Đông Hưng",
        made_on=date(2026, 12, 5),
        symbol="BC-CAT" if province else "BC-CAX",
        subject="Sơ kết Đợt 1 phong trào thi đua đặc biệt bảo vệ an ninh, trật tự năm 2026",
        recipients=(
            ("Bộ Công an (V05)", "Ủy ban nhân dân tỉnh Hưng Yên")
            if province
            else ("Công an tỉnh Hưng Yên", "Đảng ủy, Ủy ban nhân dân xã Đông Hưng")
        ),
        signer_title="Giám đốc" if province else "Trưởng Công an xã",
        signer_name=None,
    )
    data = ReportData(
        language="vi",
        plan_code="2026-thi-dua-dac-biet",
        plan_name="Kế hoạch thi đua đặc biệt bảo vệ an ninh, trật tự năm 2026",
        deadline_code="so-ket-dot-1",
        deadline_title="Báo cáo sơ kết Đợt 1",
        due=date(2026, 12, 10),
        unit_id=2,
        unit_kind="commune",
        unit_codes=("HY-DH", "HY"),
        heading=heading,
        span=span,
        previous=previous,
        areas=areas,
        tips=(
            TipLine("An ninh", "Đã giải quyết", 4),
            TipLine("Ma túy", "Đang xác minh", 3),
            TipLine("Trật tự xã hội", "Tin không có cơ sở", 5),
        ),
        notable=(
            NotableCase("NT-0042", date(2026, 8, 14), "Nguồn tin", "Ma túy", "Tổ thôn Đông"),
            NotableCase("TT-0107", date(2026, 10, 2), "Tuần tra", "Khẩn", "Tổ thôn Tây"),
        ),
        participation=Participation(participants=38, members=45, patrols=1234, patrol_people=4321),
        targets=(
            TargetLine(
                "ty-le-tham-gia",
                "Tỷ lệ thành viên tham gia",
                "thành viên có kết quả / thành viên",
                "01/07/2026–31/12/2026",
                "≥ 80%",
                "84% (38/45)",
                "✅ đạt",
                True,
            ),
            TargetLine(
                "tuan-tra-thang",
                "Số buổi tuần tra mỗi tháng",
                "số mục đã xác nhận",
                "01/12/2026–31/12/2026",
                "≥ 20",
                "9",
                "❌ chưa đạt",
                False,
            ),
            TargetLine(
                "khong-tai-pham",
                "Không để xảy ra trường hợp tái phạm",
                "do Cán bộ Công an xã nhập",
                "01/07/2026–31/12/2026",
                "không quá 0",
                "—",
                "⏳ chưa nhập",
                None,
            ),
        ),
        standings=Standings(
            phase="Đợt 1",
            unit_rank=3,
            unit_of=17,
            unit_points=1520.5,
            teams=(
                RankLine(1, "Tổ bảo vệ ANTT thôn Đông", 812, 640),
                RankLine(2, "Tổ bảo vệ ANTT thôn Tây", 708.5, 601),
            ),
            members=(
                RankLine(1, "Nguyễn Thị Hằng", 96, 71),
                RankLine(2, "Trần Văn Đức", 88, 64),
            ),
        ),
        models=(RecordLine(date(2026, 9, 1), 'Mô hình "Camera an ninh" thôn Đông', "Đã ghi nhận"),),
        registrations=(
            RecordLine(date(2026, 7, 15), 'Đăng ký danh hiệu "Xã an toàn về ANTT"', "Đã đăng ký"),
        ),
        commendations=(
            RecordLine(
                date(2026, 11, 20),
                "Giấy khen của Chủ tịch UBND xã cho Tổ bảo vệ ANTT thôn Đông",
                "Đã quyết định",
            ),
        ),
        submissions=(
            SubmissionLine(
                "Báo cáo tháng 10/2026", date(2026, 10, 25), date(2026, 10, 24), "Đã nhận"
            ),
            SubmissionLine("Báo cáo tháng 11/2026", date(2026, 11, 25), None, "Chưa nộp"),
        ),
        notes=(),
    )
    if not province:
        return data
    return replace(
        data,
        unit_id=1,
        unit_kind="province",
        unit_codes=("HY",),
        communes=(
            CommuneLine("Xã Đông Hưng", (12, 1234, 7), 1, 2, "Đã nhận", date(2026, 12, 8)),
            CommuneLine("Xã Hòa Bình", (3, 45, 2), 2, 2, "Đã nộp", date(2026, 12, 9)),
            CommuneLine("Xã Ứng Hòe", (0, 0, 0), 0, 2, "Chưa nộp", None),
        ),
        not_submitted=("Xã Ứng Hòe",),
    )


__all__ = [
    "PROVINCE_TEMPLATE",
    "UNIT_TEMPLATE",
    "TemplateError",
    "annex_xlsx",
    "check",
    "context",
    "export",
    "number",
    "render",
    "render_docx",
    "sample_report",
    "template_for",
]
