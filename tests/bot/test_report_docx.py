"""The drafted report as an official opens it in Word (read here with python-docx): the header
block and the title of Nghị định 30/2020, dates dd/mm/yyyy, the figures in their own cells, the
parts left to write, the recipients and the signature, the page and the font."""

from __future__ import annotations

import io
import re
import tempfile
import unicodedata
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml.ns import qn
from openpyxl import load_workbook
from sqlalchemy import Connection

from bot import workbooks
from bot.report_files import number, render, sample_report
from campaign.report_content import TO_WRITE, ReportData, Standings
from services import reports, standings
from services.ports import MemberView
from tests.bot.reports_read import all_texts, cells, opened, part, table_under
from tests.services.test_reports import NOW, TODAY, Demo
from tests.workbooks import EMOJI

DATE_LINE = re.compile(r"^.+, ngày \d{2} tháng (0[12]|[3-9]|1[0-2]) năm \d{4}$")
AREA_HEADERS = ("Nội dung", "Kỳ này", "Kỳ trước", "Chờ xác nhận")


def document_of(data: ReportData) -> Any:
    return opened(render(data, None).docx)


@pytest.fixture(scope="module")
def unit() -> Any:
    return document_of(sample_report())


@pytest.fixture(scope="module")
def province() -> Any:
    return document_of(sample_report(province=True))


def test_the_header_block_names_the_units_the_nation_and_the_place_and_day(unit: Any) -> None:
    header = unit.tables[0]
    (left, right), (number, day_line) = (row.cells for row in header.rows)
    assert [p.text for p in left.paragraphs if p.text] == [
        "CÔNG AN TỈNH HƯNG YÊN",
        "CÔNG AN XÃ ĐÔNG HƯNG",
    ]
    assert number.text == "Số:      /BC-CAX"  # the number left blank for the clerk
    assert re.fullmatch(r"Số:\s{2,}/BC-\S+", number.text)
    assert [p.text for p in right.paragraphs if p.text] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    assert day_line.text == "Đông Hưng, ngày 05 tháng 12 năm 2026"
    assert DATE_LINE.match(day_line.text)
    assert all(run.bold for run in left.paragraphs[1].runs)  # the issuing unit
    assert not any(run.bold for run in left.paragraphs[0].runs)  # the unit above it
    assert all(run.bold for p in right.paragraphs for run in p.runs)
    assert all(run.italic for run in day_line.paragraphs[0].runs)


def test_the_date_line_pads_as_the_decree_says_and_nothing_else_is_in_words() -> None:
    """NĐ 30/2020: a zero before a day under 10 and before the months 1 and 2, not 3–9."""
    data = sample_report()
    january = replace(data, heading=replace(data.heading, made_on=date(2027, 1, 9)))
    assert "Đông Hưng, ngày 09 tháng 01 năm 2027" in all_texts(document_of(january))
    early = replace(data, heading=replace(data.heading, made_on=date(2027, 3, 7)))
    document = document_of(early)
    texts = all_texts(document)
    assert "Đông Hưng, ngày 07 tháng 3 năm 2027" in texts
    assert sum(bool(re.search(r"ngày \d+ tháng", t)) for t in texts) == 1


def test_bao_cao_is_the_first_centred_bold_paragraph_after_the_header(unit: Any) -> None:
    body = list(unit.element.body.iterchildren())
    assert body[0].tag == qn("w:tbl")  # the header block comes first
    first, subject = unit.paragraphs[0], unit.paragraphs[1]
    assert first._p is body[1]
    assert first.text == "BÁO CÁO"
    assert first.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert first.runs and all(run.bold for run in first.runs)
    assert subject.text == sample_report().heading.subject
    assert subject.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert all(run.bold for run in subject.runs)


@pytest.mark.parametrize("which", ["unit", "province"])
def test_every_date_is_dd_mm_yyyy_and_none_is_iso(which: str, request: Any) -> None:
    text = "\n".join(all_texts(request.getfixturevalue(which)))
    found = re.findall(r"\b\d{1,2}/\d{1,2}/\d{4}\b", text)
    assert len(found) > 10
    for written in found:
        assert re.fullmatch(r"\d{2}/\d{2}/\d{4}", written)
        datetime.strptime(written, "%d/%m/%Y")
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text)
    assert "01/07/2026" in text and "04/12/2026" in text  # the span and its last day counted


def test_vietnamese_survives_whole_and_composed(unit: Any) -> None:
    text = "\n".join(all_texts(unit))
    assert unicodedata.normalize("NFC", text) == text
    for words in ("Nguồn tin", "Tuần tra", "Việc tốt", "Nguyễn Thị Hằng", "Đông Hưng"):
        assert words in text
    # No emoji on paper: the verdicts /chitieu marks with ✅/❌/⏳ are words here.
    assert not EMOJI.search(text)
    assert "chưa đạt" in text and "chưa nhập" in text


def test_names_typed_decomposed_come_out_composed() -> None:
    data = sample_report()
    typed = unicodedata.normalize("NFD", "Công an xã Hòa Bình")
    assert typed != "Công an xã Hòa Bình"
    rendered = render(replace(data, heading=replace(data.heading, unit_name=typed)), None)
    texts = all_texts(opened(rendered.docx))
    assert "CÔNG AN XÃ HÒA BÌNH" in texts
    assert any("Công an xã Hòa Bình báo cáo" in t for t in texts)
    book = load_workbook(io.BytesIO(rendered.xlsx))
    assert book["Nội dung"]["A3"].value == "Đơn vị: Công an xã Hòa Bình"


def test_recipients_on_the_left_and_the_signer_on_the_right_of_the_last_table(unit: Any) -> None:
    left, right = unit.tables[-1].rows[0].cells
    heading = left.paragraphs[0]
    assert heading.text == "Nơi nhận:"
    assert all(run.bold and run.italic for run in heading.runs)
    assert [p.text for p in left.paragraphs[1:]] == [
        "- Công an tỉnh Hưng Yên;",
        "- Đảng ủy, Ủy ban nhân dân xã Đông Hưng;",
        "- Lưu: VT.",
    ]
    signed = [p.text for p in right.paragraphs if p.text]
    assert signed == ["TRƯỞNG CÔNG AN XÃ", "[Họ và tên]"]
    assert all(run.bold for p in right.paragraphs for run in p.runs)


def test_a_known_signer_is_named() -> None:
    data = sample_report()
    named = replace(data, heading=replace(data.heading, signer_name="Lê Văn Minh"))
    right = document_of(named).tables[-1].rows[0].cells[1]
    assert [p.text for p in right.paragraphs if p.text] == ["TRƯỞNG CÔNG AN XÃ", "Lê Văn Minh"]


def test_the_parts_left_to_write_are_marked_for_the_officer(unit: Any) -> None:
    marked = [p for p in unit.paragraphs if p.text.startswith(TO_WRITE)]
    assert len(marked) >= 2
    headings = [p.text for p in unit.paragraphs]
    for paragraph in marked:
        assert all(run.bold and run.italic for run in paragraph.runs)
        assert all(run.font.highlight_color == WD_COLOR_INDEX.YELLOW for run in paragraph.runs)
    assert headings[headings.index(marked[0].text) - 1].endswith("ĐÁNH GIÁ CHUNG")
    assert headings[headings.index(marked[1].text) - 1].endswith("ĐỀ XUẤT, KIẾN NGHỊ")


def test_a4_portrait_margins_and_times_new_roman(unit: Any) -> None:
    section = unit.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert 20 <= round(section.top_margin.mm) <= 25
    assert 20 <= round(section.bottom_margin.mm) <= 25
    assert 30 <= round(section.left_margin.mm) <= 35
    assert 15 <= round(section.right_margin.mm) <= 20
    normal = unit.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size.pt == 14
    fonts = normal.element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "Times New Roman"
    assert normal.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert normal.paragraph_format.first_line_indent.cm == pytest.approx(1.27, abs=0.01)
    # No theme font can override it (Word prefers a theme attribute to a named font).
    assert (
        "Theme="
        not in part(render(sample_report(), None).docx, "word/styles.xml").split(
            "</w:docDefaults>"
        )[0]
    )


def test_page_numbers_from_the_second_page(unit: Any) -> None:
    section = unit.sections[0]
    assert section.different_first_page_header_footer
    header = section.header._element.xml
    assert 'w:instr="PAGE"' in header
    assert "PAGE" not in section.first_page_header._element.xml


def test_the_figures_sit_one_per_cell_in_their_tables(unit: Any) -> None:
    data = sample_report()
    assert table_under(unit, *AREA_HEADERS) == [
        ["Nguồn tin về an ninh, trật tự", "12", "9", "2"],
        ["Tuần tra, canh gác", "1.234", "987", "5"],  # thousands with a dot from 1 000 on
        ["Việc tốt, gương người tốt", "7", "—", "0"],  # no previous period
    ]
    assert table_under(unit, "Loại nguồn tin", "Kết quả xử lý", "Số lượng") == [
        [t.kind, t.outcome, str(t.count)] for t in data.tips
    ]
    assert table_under(
        unit, "Chỉ tiêu", "Cách tính", "Thời gian", "Mức phải đạt", "Kết quả", "Đánh giá"
    ) == [
        [
            "Tỷ lệ thành viên tham gia",
            "thành viên có kết quả / thành viên",
            "01/07/2026–31/12/2026",
            "≥ 80%",
            "84% (38/45)",
            "đạt",
        ],
        [
            "Số buổi tuần tra mỗi tháng",
            "số mục đã xác nhận",
            "01/12/2026–31/12/2026",
            "≥ 20",
            "9",
            "chưa đạt",
        ],
        [
            "Không để xảy ra trường hợp tái phạm",
            "do Cán bộ Công an xã nhập",
            "01/07/2026–31/12/2026",
            "không quá 0",
            "—",
            "chưa nhập",
        ],
    ]
    assert table_under(unit, "Hạng", "Số đơn vị xếp hạng", "Điểm") == [["3", "17", "1.520,5"]]
    assert table_under(unit, "Hạng", "Tổ/đội", "Điểm", "Số mục đã xác nhận") == [
        ["1", "Tổ bảo vệ ANTT thôn Đông", "812", "640"],
        ["2", "Tổ bảo vệ ANTT thôn Tây", "708,5", "601"],
    ]
    assert table_under(unit, "Nội dung", "Số lượng") == [
        ["Thành viên có kết quả được xác nhận", "38"],
        ["Thành viên đang tham gia", "45"],
        ["Lượt tuần tra", "1.234"],
        ["Lượt người tham gia tuần tra", "4.321"],
    ]
    assert table_under(unit, "Báo cáo, hồ sơ", "Hạn nộp", "Ngày nộp", "Tình trạng") == [
        ["Báo cáo tháng 10/2026", "25/10/2026", "24/10/2026", "Đã nhận"],
        ["Báo cáo tháng 11/2026", "25/11/2026", "—", "Chưa nộp"],
    ]
    assert table_under(unit, "Số hiệu", "Ngày", "Nội dung", "Loại", "Tổ/đội")[0] == [
        "NT-0042",
        "14/08/2026",
        "Nguồn tin",
        "Ma túy",
        "Tổ thôn Đông",
    ]


def test_a_province_lists_its_communes_and_those_that_have_not_submitted(
    province: Any, unit: Any
) -> None:
    assert table_under(
        province, "Xã", "Chỉ tiêu đạt", "Số chỉ tiêu", "Báo cáo kỳ này", "Ngày nộp"
    ) == [
        ["Xã Đông Hưng", "1", "2", "Đã nhận", "08/12/2026"],
        ["Xã Hòa Bình", "2", "2", "Đã nộp", "09/12/2026"],
        ["Xã Ứng Hòe", "0", "2", "Chưa nộp", "—"],
    ]
    # A column per content area of the plan, and the total: one number per cell.
    areas = [a.name for a in sample_report(province=True).areas]
    assert table_under(province, "Xã", *areas, "Tổng số") == [
        ["Xã Đông Hưng", "12", "1.234", "7", "1.253"],
        ["Xã Hòa Bình", "3", "45", "2", "50"],
        ["Xã Ứng Hòe", "0", "0", "0", "0"],
    ]
    assert not any("[bảng kết quả các xã]" in t for t in all_texts(province))
    texts = [p.text for p in province.paragraphs]
    listed = texts.index("3. Các xã chưa nộp báo cáo kỳ này:")
    assert texts[listed + 1] == "- Xã Ứng Hòe"
    assert cells(province.tables[0])[0][0].startswith("BỘ CÔNG AN\nCÔNG AN TỈNH HƯNG YÊN")
    assert not any(t.startswith("3. Các xã chưa nộp") for t in (p.text for p in unit.paragraphs))


def test_a_province_whose_communes_all_submitted_says_so() -> None:
    data = replace(sample_report(province=True), not_submitted=())
    texts = [p.text for p in document_of(data).paragraphs]
    listed = texts.index("3. Các xã chưa nộp báo cáo kỳ này:")
    assert texts[listed + 1] == "Tất cả các xã đã nộp báo cáo."


def test_empty_sections_say_so_instead_of_an_empty_table() -> None:
    data = replace(
        sample_report(),
        tips=(),
        notable=(),
        targets=(),
        models=(),
        registrations=(),
        commendations=(),
        submissions=(),
        standings=None,
        previous=None,
        areas=tuple(replace(a, previous=None, pending=0) for a in sample_report().areas),
    )
    document = document_of(data)
    texts = [p.text for p in document.paragraphs]
    for said in (
        "Không có nguồn tin được xác nhận trong kỳ.",
        "Không có vụ việc tiêu biểu trong kỳ.",
        "Kế hoạch không đặt chỉ tiêu cho đơn vị trong kỳ.",
        "Kế hoạch không xếp hạng đơn vị trong kỳ.",
        "Không có mô hình mới trong kỳ.",
        "Không có khen thưởng trong kỳ.",
        "Chưa có báo cáo, hồ sơ nào được nộp trong kỳ.",
    ):
        assert said in texts
    headers = [tuple(cells(t)[0]) for t in document.tables]
    assert ("Loại nguồn tin", "Kết quả xử lý", "Số lượng") not in headers
    assert not any(t.startswith("Các mục chờ xác nhận") for t in texts)
    assert any("kỳ trước: không có" in t for t in texts)


def test_a_standing_without_a_rank_is_a_dash() -> None:
    data = sample_report()
    assert data.standings is not None
    unranked: Standings = replace(data.standings, unit_rank=None, teams=(), members=())
    document = document_of(replace(data, standings=unranked))
    assert table_under(document, "Hạng", "Số đơn vị xếp hạng", "Điểm") == [["—", "17", "1.520,5"]]
    assert "Chưa có tổ, đội có kết quả." in [p.text for p in document.paragraphs]


# -- the demo commune's report, built by the service on the demo database ----------------------


@pytest.fixture(scope="module")
def demo_built() -> Iterator[tuple[Demo, MemberView, reports.BuiltReport]]:
    with tempfile.TemporaryDirectory() as scratch:
        demo = Demo(Path(scratch))
        officer = demo.view("Cán bộ mẫu")
        built = demo.run(
            lambda conn: reports.build(
                demo.store(conn),
                lambda data: render(data, None),
                officer,
                plan_code=demo.plan_code,
                unit_id=officer.unit_id,
                now=NOW,
                period="2026-H2",
            )
        )
        yield demo, officer, built
        demo.database.close()


def test_the_demo_communes_report_prints_what_chitieu_and_the_standings_say(
    demo_built: tuple[Demo, MemberView, reports.BuiltReport],
) -> None:
    demo, officer, built = demo_built
    document = opened(built.rendered.docx)
    assert built.rendered.template == "packaged:bao-cao-don-vi.docx"

    def expected(conn: Connection) -> tuple[list[list[str]], list[str], list[list[str]]]:
        store = demo.store(conn)
        shown = standings.target_table(standings.targets(store, officer, TODAY), "vi")
        targets = []
        for row in shown:
            assert row.mine is not None
            value, verdict = row.mine.value or "—", row.mine.verdict
            cells = [row.description, row.how, row.period, row.threshold, value, verdict]
            targets.append([str(workbooks.plain(cell)) for cell in cells])
        found = store.report_plan(demo.plan_code)
        assert found is not None
        plan, scope = found
        peers = store.ranked(plan.code, "dot-1", "commune", scope)
        rank, mine = next((r, s) for r, s in peers if s.subject_id == officer.unit_id)
        unit = [str(rank), str(len(peers)), number(mine.points)]
        teams = [
            [str(r), s.name, number(s.points), str(s.entries)]
            for r, s in store.ranked(plan.code, "dot-1", "team", officer.unit_id)
        ]
        return targets, unit, teams

    targets, unit, teams = demo.run(expected)
    assert targets, "the demo plan has targets"
    headers = ("Chỉ tiêu", "Cách tính", "Thời gian", "Mức phải đạt", "Kết quả", "Đánh giá")
    assert table_under(document, *headers) == targets
    assert table_under(document, "Hạng", "Số đơn vị xếp hạng", "Điểm") == [unit]
    assert table_under(document, "Hạng", "Tổ/đội", "Điểm", "Số mục đã xác nhận") == teams
    areas = {row[0]: row[1:] for row in table_under(document, *AREA_HEADERS)}
    assert areas["Tuần tra"] == ["3", "—", "1"]  # verified, no previous period, pending
    header = cells(document.tables[0])
    assert "XÃ HÒA BÌNH" in header[0][0] and re.fullmatch(r"Số:\s{2,}/BC-CAX", header[1][0])
    assert DATE_LINE.match(header[1][1])
    text = "\n".join(all_texts(document))
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text) and not EMOJI.search(text)
