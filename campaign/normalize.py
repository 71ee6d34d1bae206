"""Text folding so that "bao tin", "Báo tin" and "BÁO TIN" compare equal."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence


def fold(text: str) -> str:
    """Lower-case, strip Vietnamese marks (đ -> d included) and collapse spaces."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(bare.lower().split())


def search_words(reference: str, answers: Mapping[str, object]) -> str:
    """An entry's reference and typed answers folded into one line, for text search (SQL
    cannot fold Vietnamese). Numbers and places given as a point are left out."""
    words = [reference]

    def gather(value: object) -> None:
        if isinstance(value, str):
            words.append(value)
        elif isinstance(value, Mapping):
            for inner in value.values():
                gather(inner)
        elif isinstance(value, list | tuple):
            for inner in value:
                gather(inner)

    gather(answers)
    return fold(" ".join(words))[:4000]


# Invisible characters that carry no meaning in an answer but can hide or reorder text:
# zero-width spaces and joiners' cousins, the byte-order mark, and bidirectional overrides.
# U+200D (zero-width joiner) stays: emoji such as 👨‍👩‍👧 are built with it. Control characters
# other than tab and line breaks go too: PostgreSQL refuses NUL in text, and Word and Excel
# cannot hold the others (a name with one stopped a report's annex).
_INVISIBLE = dict.fromkeys(
    [
        *range(0x00, 0x09),
        0x0B,
        0x0C,
        *range(0x0E, 0x20),
        0x7F,
        0x200B,
        0x200C,
        0x200E,
        0x200F,
        0x2060,
        0xFEFF,
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
    ]
)


def clean_text(text: str) -> str:
    """NFC-normalise (phones send both composed and decomposed marks), drop invisible
    characters and trim."""
    return unicodedata.normalize("NFC", text).translate(_INVISIBLE).strip()


def small_number(text: str) -> int | None:
    """An ASCII whole number ("12", "0"), or None; "²" or "١٢" are not read as numbers."""
    stripped = text.strip()
    return int(stripped) if stripped.isascii() and stripped.isdigit() else None


def _marked_key(label: str) -> str:
    """A label compared with its marks kept: case, icons and punctuation forgiven."""
    kept = "".join(ch if ch.isalnum() or ch.isspace() else " " for ch in clean_text(label))
    return " ".join(kept.casefold().split())


def label_key(label: str) -> str:
    """A label as typed answers are compared with it: folded, icons and punctuation dropped
    ("🚨 Khẩn cấp — cần xử lý ngay" -> "khan cap can xu ly ngay")."""
    return fold("".join(ch if ch.isalnum() or ch.isspace() else " " for ch in label))


# A shorter typed part names too much: one letter starts a word of most labels.
_SHORTEST_PART = 2


def label_matches(typed: str, labels: Sequence[str], *, partial: bool = True) -> list[int]:
    """Which labels a typed answer names (their indices): those it equals, marks, case and
    icons forgiven; failing that (and when `partial`), those where it starts a word and runs
    on ("khan cap", "KHẨN CẤP" name "Khẩn cấp — cần xử lý ngay"). The caller takes one match;
    several mean the answer is ambiguous and the person is asked which."""
    key = label_key(typed)
    if not key:
        return []
    keys = [label_key(label) for label in labels]
    exact = [i for i, k in enumerate(keys) if k == key]
    if len(exact) > 1:  # "Bình" and "Bính": the marks typed tell them apart
        marked = [i for i in exact if _marked_key(labels[i]) == _marked_key(typed)]
        if len(marked) == 1:
            return marked
    if exact or not partial or len(key.replace(" ", "")) < _SHORTEST_PART:
        return exact
    return [i for i, k in enumerate(keys) if f" {k}".find(f" {key}") >= 0]
