"""The sample report as an official would print it: `make report-preview` (or `python -m
tests.e2e.report_pdf docs/reports`) converts the sample .docx to PDF with LibreOffice and writes
page 1 of each template as PNG for a human look. Not part of the test run: tests never write into
docs/. LibreOffice substitutes Liberation Serif for Times New Roman (same metrics)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bot.report_files import render, sample_report

TIMEOUT = 120  # seconds: a first LibreOffice start builds its profile


def to_pdf(docx: bytes, folder: Path) -> bytes:
    """The .docx converted by LibreOffice, with its own profile in `folder` (a shared profile's
    lock breaks runs side by side)."""
    soffice = shutil.which("soffice")
    if soffice is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    source = folder / "bao-cao.docx"
    source.write_bytes(docx)
    profile = folder / "profile"
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation={profile.as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=TIMEOUT,
    )
    return (folder / "bao-cao.pdf").read_bytes()


def pdf_text(pdf: bytes, folder: Path) -> str | None:
    """The PDF's text (poppler's pdftotext), None without it."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        return None
    path = folder / "text.pdf"
    path.write_bytes(pdf)
    done = subprocess.run(
        [pdftotext, "-layout", str(path), "-"], check=True, capture_output=True, timeout=60
    )
    return done.stdout.decode("utf-8")


def first_page_png(pdf: bytes, folder: Path, out: Path) -> Path:
    path = folder / "page.pdf"
    path.write_bytes(pdf)
    stem = out.with_suffix("")
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "100",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(path),
            str(stem),
        ],
        check=True,
        timeout=60,
    )
    return stem.with_suffix(".png")


def main(argv: list[str]) -> None:
    out = Path(argv[0]) if argv else Path("docs/reports")
    out.mkdir(parents=True, exist_ok=True)
    for name, province in (("bao-cao-don-vi", False), ("bao-cao-tinh", True)):
        with tempfile.TemporaryDirectory() as scratch:
            pdf = to_pdf(render(sample_report(province), None).docx, Path(scratch))
            print(first_page_png(pdf, Path(scratch), out / f"{name}-trang-1.png"))


if __name__ == "__main__":
    main(sys.argv[1:])
