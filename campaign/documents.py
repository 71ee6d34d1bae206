"""Documents people upload (evidence, dossiers, reports): which kinds are taken, told by their
bytes and never by their name or the type a sender claims. Pure."""

from __future__ import annotations

import io
import zipfile

from campaign.catalogs import Said, said

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
JPEG, PNG, WEBP = "image/jpeg", "image/png", "image/webp"
EXTENSIONS = {PDF: "pdf", DOCX: "docx", XLSX: "xlsx", JPEG: "jpg", PNG: "png", WEBP: "webp"}
# A dossier's scanned minutes run to a few MB; 20 MB is Telegram's own limit for a bot's download.
DEFAULT_LIMIT = 20 * 1024 * 1024
# Office files are ZIP archives; one with more entries than this is not a report but a trick.
_MAX_ZIP_ENTRIES = 5_000


def sniff(data: bytes) -> str | None:
    """The content type these bytes are (one of EXTENSIONS), or None for anything else."""
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return WEBP
    if data.startswith(b"PK\x03\x04"):
        return _office(data)
    return None


def _office(data: bytes) -> str | None:
    """DOCX or XLSX by the parts the archive names (only its directory is read, nothing is
    unpacked: a ZIP bomb costs nothing here)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return None
    if len(names) > _MAX_ZIP_ENTRIES or "[Content_Types].xml" not in names:
        return None
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    return None


def problem(data: bytes, limit: int = DEFAULT_LIMIT) -> Said | None:
    """Why these bytes cannot be kept as a document (None: they can)."""
    if not data:
        return said("document_empty")
    if len(data) > limit:
        return too_big(len(data), limit)
    if sniff(data) is None:
        return said("document_kind_refused")
    return None


def too_big(size: int, limit: int = DEFAULT_LIMIT) -> Said:
    """A file of `size` bytes is over the limit (told by its size before it was read whole)."""
    return said("document_too_big", size_mb=_mb(size), limit_mb=_mb(limit))


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".rstrip("0").rstrip(".")


def clean_name(name: str, content_type: str) -> str:
    """The name a document is shown and downloaded by: no folders, no control characters, at
    most 200 characters, ending in the extension of what it is."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip(" .") or "tai-lieu"
    extension = EXTENSIONS[content_type]
    stem, dot, given = base.rpartition(".")
    if not dot or given.lower() != extension:
        stem = base
    return f"{stem[: 200 - len(extension) - 1]}.{extension}"
