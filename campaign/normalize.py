"""Text folding so that "bao tin", "Báo tin" and "BÁO TIN" compare equal."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """Lower-case, strip Vietnamese marks (đ -> d included) and collapse spaces."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(bare.lower().split())


def clean_text(text: str) -> str:
    """NFC-normalise (phones send both composed and decomposed marks) and trim."""
    return unicodedata.normalize("NFC", text).strip()
