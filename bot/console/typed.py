"""What people type into the console's addresses and forms, read once for every screen: a
number (a page, a unit, a member) and a day."""

from __future__ import annotations

from datetime import date, datetime


def whole(typed: str | None) -> int | None:
    """Plain ASCII digits that fit a database column; None otherwise ("²" is a digit to
    `str.isdigit` but not to `int`; "-1", "abc" and 30 digits are no number here)."""
    typed = (typed or "").strip()
    return int(typed) if typed.isascii() and typed.isdigit() and len(typed) < 10 else None


def day(typed: str | None) -> date | None:
    """A date field's yyyy-mm-dd, or dd/mm/yyyy as people type it; None if neither (or a
    day that does not exist, such as 31/02/2026)."""
    typed = (typed or "").strip()
    for shape in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(typed, shape).date()
        except ValueError:
            continue
    return None
