"""Cursor pages: routes fetch `limit + 1` rows, so the extra row tells whether another page exists."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Annotated, TypeVar

from fastapi import Query

from service.api.errors import ApiError

T = TypeVar("T")
MAX_LIMIT = 200


def split_page(rows: Sequence[T], limit: int, cursor_of: Callable[[T], str]) -> tuple[list[T], str | None, bool]:
    """The page's rows, the cursor of the next page (None on the last page) and whether there is more."""
    page = list(rows[:limit])
    has_more = len(rows) > limit and bool(page)
    return page, cursor_of(page[-1]) if has_more else None, has_more


LimitQuery = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"items per page, 1–{MAX_LIMIT}")]
CursorQuery = Annotated[
    str | None, Query(max_length=80, description="`next_cursor` of the previous page (opaque); omit for the first")
]
# The delivery logs' old cursor parameter (their `next_before`), kept as a deprecated alias of `cursor`.
BeforeQuery = Annotated[
    int | None, Query(ge=1, le=2**63 - 1, deprecated=True, description="old name of `cursor` (next_before)")
]
NEXT_CURSOR = "pass as `cursor` to get the next page; null on the last page"
HAS_MORE = "another page follows"


def time_id_cursor(at: datetime, ident: str) -> str:
    """The cursor of a row ordered by (time, string id)."""
    return f"{round(at.timestamp() * 1_000_000)}.{ident}"


def parse_time_id_cursor(cursor: str | None) -> tuple[datetime, str] | None:
    if cursor is None:
        return None
    micros, _, ident = cursor.partition(".")
    if not (micros.isdecimal() and len(micros) <= 17 and ident and len(ident) <= 64):
        raise ApiError(422, "invalid_cursor", "cursor: not a cursor returned by this API")
    return datetime.fromtimestamp(int(micros) / 1_000_000, UTC), ident


def id_cursor(cursor: str | None) -> int | None:
    """The row id inside an id-ordered list's cursor; anything this API did not hand out is a 422."""
    if cursor is None:
        return None
    if not (cursor.isdecimal() and len(cursor) <= 18 and int(cursor) > 0):
        raise ApiError(422, "invalid_cursor", "cursor: not a cursor returned by this API")
    return int(cursor)
