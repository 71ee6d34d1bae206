"""Paging for the people screens' tables: 50 rows a page, the rest behind ?page=."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from bot.console.typed import whole

PAGE = 50
T = TypeVar("T")


@dataclass(frozen=True)
class Paged(Generic[T]):
    rows: Sequence[T]
    page: int  # from 1
    pages: int
    total: int

    @property
    def first(self) -> int:
        """The number of the page's first row (1-based; 0 on an empty table)."""
        return (self.page - 1) * PAGE + 1 if self.total else 0

    @property
    def last(self) -> int:
        return (self.page - 1) * PAGE + len(self.rows)


def page_of(rows: Sequence[T], page: int) -> Paged[T]:
    pages = max(1, -(-len(rows) // PAGE))
    page = min(max(1, page), pages)
    return Paged(rows[(page - 1) * PAGE : page * PAGE], page, pages, len(rows))


def page_number(typed: str) -> int:
    """A page number as typed in the URL (?page=abc, ?page=² or ?page=-1: the first page)."""
    return whole(typed) or 1
