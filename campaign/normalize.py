"""Text folding so that "bao tin", "Báo tin" and "BÁO TIN" compare equal."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Lower-case, strip Vietnamese marks (đ -> d included) and collapse spaces."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(bare.lower().split())


# Invisible characters that carry no meaning in an answer but can hide or reorder text:
# zero-width spaces and joiners' cousins, the byte-order mark, and bidirectional overrides.
# U+200D (zero-width joiner) stays: emoji such as 👨‍👩‍👧 are built with it.
_INVISIBLE = dict.fromkeys(
    [0x200B, 0x200C, 0x200E, 0x200F, 0x2060, 0xFEFF, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
)


def clean_text(text: str) -> str:
    """NFC-normalise (phones send both composed and decomposed marks), drop invisible
    characters and trim."""
    return unicodedata.normalize("NFC", text).translate(_INVISIBLE).strip()


def small_number(text: str) -> int | None:
    """An ASCII whole number ("12", "0"), or None; "²" or "١٢" are not read as numbers."""
    stripped = text.strip()
    return int(stripped) if stripped.isascii() and stripped.isdigit() else None
