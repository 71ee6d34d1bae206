"""The drafted report prints: LibreOffice converts it to a PDF that holds the national title
and the unit's name. Skipped where LibreOffice is not installed (it is no runtime dependency:
`apt-get install libreoffice-writer-nogui poppler-utils fonts-liberation2`)."""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import pytest

from bot.report_files import render, sample_report
from tests.e2e.report_pdf import pdf_text, to_pdf

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None, reason="no LibreOffice")


def test_the_report_converts_to_a_pdf_with_its_header(tmp_path: Path) -> None:
    pdf = to_pdf(render(sample_report(), None).docx, tmp_path)
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf, tmp_path)
    if text is None:
        return  # no pdftotext: the PDF's existence is what can be checked
    text = unicodedata.normalize("NFC", text)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "CÔNG AN XÃ ĐÔNG HƯNG" in text
    assert "Đông Hưng, ngày 05 tháng 12 năm 2026" in text
    assert "1.234" in text
