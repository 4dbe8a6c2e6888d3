"""Solar Hijri dates (Iran's and Afghanistan's calendar, used by Persian and Dari news) written as Gregorian
ones, so date detection reads "۱۹ خرداد ۱۴۰۴" as 9 June 2025.

Works on text normalize() has already given ASCII digits and folded Arabic letters (آ → ا, ي → ی).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

# Iranian month names, then Afghan (Dari) ones, in calendar order.
_MONTHS = (
    ("فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "ابان", "اذر", "دی", "بهمن", "اسفند"),
    ("حمل", "ثور", "جوزا", "سرطان", "اسد", "سنبله", "میزان", "عقرب", "قوس", "جدی", "دلو", "حوت"),
)
_NUMBER = {name: i + 1 for names in _MONTHS for i, name in enumerate(names)}
_DATE = re.compile(
    r"(?<![0-9])([0-9]{1,2})\s+(" + "|".join(_NUMBER) + r")(?:[\s\u200c]*ماه)?(?:\s+(1[34][0-9]{2}))?(?![\w])"
)
# Nowruz (1 Farvardin) falls on 20 or 21 March; the years this war's news needs.
_NOWRUZ_MARCH_20 = frozenset({1399, 1403, 1407})
_GREGORIAN_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
                    "october", "november", "december")  # fmt: skip


def to_gregorian(day: int, month: int, year: int | None) -> tuple[int, int, int | None]:
    """(day, month, year) in the Gregorian calendar; without a year, a year starting on 21 March."""
    start = date((year or 1404) + 621, 3, 20 if year in _NOWRUZ_MARCH_20 else 21)
    offset = (month - 1) * 31 if month <= 6 else 186 + (month - 7) * 30
    when = start + timedelta(days=offset + day - 1)
    return when.day, when.month, when.year if year else None


def _replace(match: re.Match[str]) -> str:
    day, month = int(match.group(1)), _NUMBER[match.group(2)]
    if not 1 <= day <= 31:
        return match.group(0)
    year = int(match.group(3)) if match.group(3) else None
    g_day, g_month, g_year = to_gregorian(day, month, year)
    return f" {g_day} {_GREGORIAN_NAMES[g_month - 1]}" + (f" {g_year} " if g_year else " ")


def gregorian(text: str) -> str:
    """The text with its Solar Hijri day-month(-year) dates written as Gregorian ones."""
    return _DATE.sub(_replace, text)
