"""Cursor pages: routes fetch `limit + 1` rows, so the extra row tells whether another page exists."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")


def split_page(rows: Sequence[T], limit: int, cursor_of: Callable[[T], str]) -> tuple[list[T], str | None, bool]:
    """The page's rows, the cursor of the next page (None on the last page) and whether there is more."""
    page = list(rows[:limit])
    has_more = len(rows) > limit and bool(page)
    return page, cursor_of(page[-1]) if has_more else None, has_more
