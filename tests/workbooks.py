"""Reading a workbook as an official does: the table under its title block, and no emoji."""

from __future__ import annotations

import re
from typing import Any

# Pictographs, dingbats, flags, arrows-and-symbols blocks, variation selectors, joiners.
EMOJI = re.compile(
    "[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u231a\u231b\u23e9-\u23fa\ufe0f\u200d\u20e3]"
)


def table(sheet: Any) -> list[dict[str, Any]]:
    """The rows under a sheet's header row (the one starting "STT"), by header."""
    rows = list(sheet.iter_rows(values_only=True))
    at = next(n for n, row in enumerate(rows) if row[0] == "STT")
    return [dict(zip(rows[at], row, strict=True)) for row in rows[at + 1 :]]


def emoji_in(book: Any) -> list[str]:
    """Every text cell of every sheet holding an emoji."""
    return [
        cell.value
        for sheet in book
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and EMOJI.search(cell.value)
    ]
