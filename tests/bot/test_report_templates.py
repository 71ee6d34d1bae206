"""Report templates: the packaged files are what make.py writes; a province's own file in its
override folder wins (a unit's own, then an ancestor's, then the general one); `check` tells a
province what in its file would spoil a report; names with <, & and > survive."""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bot import report_files
from bot.report_files import TemplateError, check, export, packaged, render, sample_report
from bot.report_templates import make
from tests.bot.reports_read import all_texts, edited, opened, part

UNIT = "bao-cao-don-vi.docx"
PROVINCE = "bao-cao-tinh.docx"
CLOSING = "Trên đây là báo cáo của "


@pytest.mark.parametrize(("name", "province"), [(UNIT, False), (PROVINCE, True)])
def test_the_packaged_templates_are_what_make_writes(name: str, province: bool) -> None:
    built = make.build(province)
    for inside in ("word/document.xml", "word/styles.xml"):
        assert part(built, inside) == part(packaged(name), inside), (
            f"{name} is stale: run `make report-templates` and commit it"
        )


# The order of a table's properties in the schema (Word refuses a file with them out of order).
TABLE_PROPERTIES = ["tblStyle", "tblW", "jc", "tblBorders", "tblLayout", "tblLook"]


@pytest.mark.parametrize("province", [False, True])
def test_table_properties_are_in_the_schemas_order_once_each(province: bool) -> None:
    xml = part(render(sample_report(province), None).docx, "word/document.xml")
    found = re.findall(r"<w:tblPr>(.*?)</w:tblPr>", xml)
    assert len(found) > 10
    for properties in found:
        names = re.findall(r"<w:(\w+)[ />]", properties)
        names = [name for name in names if name in TABLE_PROPERTIES]
        assert names == sorted(names, key=TABLE_PROPERTIES.index), names
        assert len(names) == len(set(names)), names


def marked(marker: str, template: bytes | None = None) -> bytes:
    """A province's own template: the packaged one with a sentence of its own."""
    return edited(
        template or packaged(UNIT), lambda xml: xml.replace(CLOSING, f"{marker} {CLOSING}")
    )


def closing(rendered: bytes) -> str:
    return next(t for t in all_texts(opened(rendered)) if CLOSING in t)


def test_without_an_override_the_packaged_template_is_used(tmp_path: Path) -> None:
    for folder in (None, tmp_path, tmp_path / "missing"):
        rendered = render(sample_report(), folder)
        assert rendered.template == f"packaged:{UNIT}"
        assert rendered.template_sha256 == hashlib.sha256(packaged(UNIT)).hexdigest()
    assert render(sample_report(province=True), None).template == f"packaged:{PROVINCE}"


def test_an_override_in_the_folder_wins(tmp_path: Path) -> None:
    own = marked("Mẫu riêng của tỉnh.")
    (tmp_path / "don-vi.docx").write_bytes(own)
    rendered = render(sample_report(), tmp_path)
    assert rendered.template == "don-vi.docx"
    assert rendered.template_sha256 == hashlib.sha256(own).hexdigest()
    assert closing(rendered.docx).startswith("Mẫu riêng của tỉnh.")
    # The province's own report keeps the packaged province template (no tinh.docx there).
    assert render(sample_report(province=True), tmp_path).template == f"packaged:{PROVINCE}"


def test_a_provinces_letterhead_serves_its_communes_and_a_communes_own_file_beats_it(
    tmp_path: Path,
) -> None:
    commune = sample_report()
    assert commune.unit_codes == ("HY-DH", "HY")
    (tmp_path / "don-vi.docx").write_bytes(marked("Chung."))
    (tmp_path / "HY.docx").write_bytes(marked("Tỉnh Hưng Yên."))
    rendered = render(commune, tmp_path)
    assert rendered.template == "HY.docx"
    assert closing(rendered.docx).startswith("Tỉnh Hưng Yên.")
    (tmp_path / "hy-dh.docx").write_bytes(marked("Xã Đông Hưng."))  # any case of the code
    rendered = render(commune, tmp_path)
    assert rendered.template == "hy-dh.docx"
    assert closing(rendered.docx).startswith("Xã Đông Hưng.")
    # Another province's commune is not served by Hưng Yên's files.
    other = replace(commune, unit_codes=("HN-BD", "HN"))
    assert render(other, tmp_path).template == "don-vi.docx"


def test_a_broken_override_is_named_and_never_silently_replaced(tmp_path: Path) -> None:
    broken = edited(packaged(UNIT), lambda xml: xml.replace("{{ subject }}", "{{ subject }"))
    (tmp_path / "HY.docx").write_bytes(broken)
    with pytest.raises(TemplateError) as raised:
        render(sample_report(), tmp_path)
    assert raised.value.template == "HY.docx"
    assert check(broken)  # and the check says what is wrong


def test_the_packaged_templates_pass_the_check() -> None:
    assert check(packaged(UNIT)) == []
    assert check(packaged(PROVINCE)) == []


@pytest.mark.parametrize(
    ("edit", "said"),
    [
        (lambda xml: xml.replace("{{ subject }}", "{{ subject }"), "Thẻ chưa đóng"),
        (lambda xml: xml.replace("{{ subject }}", "{{ subject | }}"), "Thẻ sai"),
        (lambda xml: xml.replace("{{ subject }}", "{{ trich_yeu }}"), "trich_yeu"),
        (lambda xml: xml.replace("{{ a.verified }}", "{{ a.verifed }}"), "verifed"),
        (lambda xml: xml.replace("/{{ symbol }}", "/BC-CAX"), "thiếu các thẻ bắt buộc: symbol"),
        (lambda xml: xml.replace("{%p endfor %}", "", 1), "Jinja"),
        (lambda xml: xml.replace("[Cán bộ viết: ", "[", 1), "ít nhất hai chỗ"),
    ],
)
def test_check_flags_what_would_spoil_a_report(edit: object, said: str) -> None:
    assert callable(edit)
    problems = check(edited(packaged(UNIT), edit))
    assert problems, "the broken template passed"
    assert any(said in problem for problem in problems), problems


def test_check_refuses_a_file_that_is_no_docx() -> None:
    problems = check(b"%PDF-1.7 not a Word file")
    assert len(problems) == 1 and ".docx" in problems[0]


def test_export_writes_the_packaged_templates_under_the_names_the_folder_reads(
    tmp_path: Path,
) -> None:
    written = export(tmp_path / "mau-bao-cao")
    assert [p.name for p in written] == ["don-vi.docx", "tinh.docx"]
    assert written[0].read_bytes() == packaged(UNIT)
    assert written[1].read_bytes() == packaged(PROVINCE)
    assert render(sample_report(), tmp_path / "mau-bao-cao").template == "don-vi.docx"


def test_names_with_angle_brackets_and_ampersands_survive() -> None:
    data = sample_report()
    odd = "A <&> B"
    named = replace(
        data,
        plan_name="Kế hoạch <số 1> & phụ lục",
        heading=replace(data.heading, unit_name=odd, recipients=("Phòng PV05 & PC06",)),
        areas=(replace(data.areas[0], name="Tin <khẩn> & thường"), *data.areas[1:]),
    )
    rendered = render(named, None)
    texts = all_texts(opened(rendered.docx))
    assert "A <&> B" in texts  # the header block, upper case
    assert any("Kế hoạch <số 1> & phụ lục, A <&> B báo cáo" in t for t in texts)
    assert "- Phòng PV05 & PC06;" in texts
    assert "Tin <khẩn> & thường" in texts
    book = load_workbook(io.BytesIO(rendered.xlsx))
    assert book["Nội dung"]["A3"].value == "Đơn vị: A <&> B"
    # docxtpl's own default would have dropped "<&" silently: the renderer never uses it.
    assert report_files.environment().autoescape is True
