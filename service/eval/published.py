"""Parse a corpus row's `published` value, whatever it holds, into a time span (never raises).

Corpora are gathered by hand from many outlets, so `published` may be an ISO date or datetime, a bare
year ("2026") or month ("2022-10"), an English date ("June 11, 2025", "11 June 2025"), a dotted or
slashed day-month-year ("11.06.2025", "11/06/2025"), garbage, a number or null. Each is either a span
of possible publication days with a precision, or unknown with a human-readable warning.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any, Literal

Precision = Literal["time", "day", "month", "year"]

_MONTHS = {
    name.lower(): index for index in range(1, 13) for name in (calendar.month_name[index], calendar.month_abbr[index])
}
_MONTHS["sept"] = 9
_YEAR = re.compile(r"^(\d{4})$")
_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_DMY = re.compile(r"^(\d{1,2})[./](\d{1,2})[./](\d{4})$")
_YMD_SLASH = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$")
_MONTH_DAY_YEAR = re.compile(r"^([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\.?\s+([A-Za-z]+)\.?,?\s+(\d{4})$")
_PLAUSIBLE_YEARS = range(1990, 2101)


@dataclass(frozen=True)
class Published:
    """When an article was published: the exact moment when known, else the span of possible days."""

    first: date
    last: date
    precision: Precision
    moment: datetime | None = None  # aware UTC; for "time" the given moment, for "day" midnight UTC

    @property
    def exact(self) -> datetime | None:
        """A publication time usable as such (day precision or better)."""
        return self.moment if self.precision in ("time", "day") else None

    @property
    def latest(self) -> datetime:
        """The latest moment the article can have been published (the end of its span)."""
        return self.moment or datetime.combine(self.last, time(23, 59), UTC)


def parse(value: Any) -> tuple[Published | None, str | None]:
    """The span of ``value`` and None, or None and a warning saying why it was not understood."""
    if value is None:
        return None, None
    if not isinstance(value, str):
        return None, f"published {value!r} is not a string; treated as unknown"
    text = value.strip()
    if not text:
        return None, None
    try:
        found = _parse_text(text)
    except (ValueError, OverflowError):
        found = None
    if found is None:
        return None, f"published {value[:40]!r} is not a date; treated as unknown"
    if found.first.year not in _PLAUSIBLE_YEARS:
        return None, f"published {value[:40]!r} has an implausible year; treated as unknown"
    return found, None


def _parse_text(text: str) -> Published | None:
    if match := _YEAR.match(text):
        year = int(match[1])
        return Published(date(year, 1, 1), date(year, 12, 31), "year")
    if match := _YEAR_MONTH.match(text):
        return _month(int(match[1]), int(match[2]))
    if match := _DMY.match(text):
        return _day(int(match[3]), int(match[2]), int(match[1]))
    if match := _YMD_SLASH.match(text):
        return _day(int(match[1]), int(match[2]), int(match[3]))
    if match := _MONTH_DAY_YEAR.match(text):
        return _named(match[1], int(match[2]), int(match[3]))
    if match := _DAY_MONTH_YEAR.match(text):
        return _named(match[2], int(match[1]), int(match[3]))
    return _iso(text)


def _month(year: int, month: int) -> Published:
    first = date(year, month, 1)
    return Published(first, first.replace(day=calendar.monthrange(year, month)[1]), "month")


def _day(year: int, month: int, day: int) -> Published:
    found = date(year, month, day)
    return Published(found, found, "day", datetime.combine(found, time(0), UTC))


def _named(month_name: str, day: int, year: int) -> Published | None:
    month = _MONTHS.get(month_name.lower())
    return _day(year, month, day) if month else None


def _iso(text: str) -> Published | None:
    if len(text) == 10:
        return _day(*(int(part) for part in text.split("-"))) if re.match(r"^\d{4}-\d{2}-\d{2}$", text) else None
    if not re.match(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}", text):
        return None
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return Published(moment.date(), moment.date(), "time", moment)
