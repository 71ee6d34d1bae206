"""Vietnamese alphabetical order, as a sort key (the order of CLDR's Vietnamese collation).

Python's default order puts "Đ" after "Z" and "Á" after every plain letter; Vietnamese lists
put Đ right after D, Ă and Â right after A, and compare tones only when the letters tie, in
the order ngang, huyền, hỏi, ngã, sắc, nặng. PyICU would give the same order but needs the ICU
headers to install; this key needs nothing.
"""

from __future__ import annotations

import unicodedata

# The alphabet with the letters Vietnamese does not use (f, j, w, z) in their Latin places.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {letter: rank for rank, letter in enumerate(_ALPHABET)}
# Tone marks, in the order a dictionary lists them; no mark (ngang) comes first.
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}

# Primary weights by group, so that spaces and punctuation < digits < letters (as in ICU).
_DIGITS = 1_000
_LETTERS = 2_000
_OTHER_LETTERS = 3_000

SortKey = tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]]


def _split(char: str) -> tuple[str, int]:
    """A character's letter without its tone (Ư keeps its horn) and the tone's rank."""
    decomposed = unicodedata.normalize("NFD", char)
    tone = next((_TONE_RANK[mark] for mark in decomposed if mark in _TONE_RANK), 0)
    letter = unicodedata.normalize("NFC", "".join(m for m in decomposed if m not in _TONE_RANK))
    return letter, tone


def _primary(letter: str) -> int:
    lower = letter.lower()
    if lower in _LETTER_RANK:
        return _LETTERS + _LETTER_RANK[lower]
    if lower.isdigit():
        return _DIGITS + int(lower) if lower.isascii() else _DIGITS + 10
    if lower.isalpha():
        return _OTHER_LETTERS + ord(lower)
    return ord(lower) if ord(lower) < _DIGITS else _DIGITS - 1


def vietnamese_key(text: str) -> SortKey:
    """Letters first, then tones, then case (lower before upper), each over the whole text."""
    letters: list[int] = []
    tones: list[int] = []
    cases: list[int] = []
    for char in " ".join(unicodedata.normalize("NFC", text).split()):
        letter, tone = _split(char)
        letters.append(_primary(letter))
        tones.append(tone)
        cases.append(1 if letter != letter.lower() else 0)
    return tuple(letters), tuple(tones), tuple(cases)


def person_key(full_name: str) -> tuple[SortKey, SortKey]:
    """Vietnamese lists order people by given name (the last word), then by the whole name."""
    words = full_name.split()
    return vietnamese_key(words[-1] if words else ""), vietnamese_key(full_name)
