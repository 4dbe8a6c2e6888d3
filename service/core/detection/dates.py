"""Date expressions in news text and their resolution against a reference date.

Finds, over a normalised token list: full dates ("23 травня 2025", "May 23, 2025", "30.12.2024",
"2024-12-30"), day-month ("23 мая", "Dec. 30", "May 23–25" → the 23rd), month-year or month alone
("у червні", "in April 2025"), weekdays ("on Sunday", "в воскресенье", "am Sonntag") and relative days
("today", "вчора", "накануне"). `resolve` turns one into a calendar date using the publication date
(or, when there is none, a date the text states), never the clock.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from service.core.domain import DatePrecision
from service.core.topics import Topic, load_topic

_PREPOSITIONS_BEFORE_DAY = frozenset({"de", "of", "the"})
_FUTURE_TOLERANCE = timedelta(days=10)  # an expected stage may be dated a few days ahead


@dataclass(frozen=True)
class DateMention:
    """A date expression at token indices [start, end)."""

    start: int
    end: int
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None  # ISO weekday, Monday = 1
    offset: int | None = None  # relative days: 0 today, -1 yesterday

    @property
    def explicit(self) -> bool:
        return self.month is not None

    @property
    def names_day(self) -> bool:
        """A day of the month, a weekday or a relative day ("today"): one day, not a month or a year."""
        return self.day is not None or self.weekday is not None or self.offset is not None


def _day(token: str) -> int | None:
    if token.isdecimal() and len(token) <= 2 and 1 <= int(token) <= 31:
        return int(token)
    if token[:2].isdecimal() and token[2:] in ("st", "nd", "rd", "th", "го", "е", "er") and len(token) <= 4:
        return int(token[:2]) if 1 <= int(token[:2]) <= 31 else None
    if token[:1].isdecimal() and token[1:] in ("st", "nd", "rd", "th", "го", "е", "er"):
        return int(token[:1])
    return None


def _year(token: str) -> int | None:
    if len(token) == 4 and token.isdecimal() and 1990 <= int(token) <= 2100:
        return int(token)
    return None


def _numeric(tokens: list[str], i: int) -> DateMention | None:
    """30.12.2024 (d m y) or 2024-12-30 (y m d), seen as three digit tokens."""
    if i + 2 >= len(tokens):
        return None
    a, b, c = tokens[i : i + 3]
    if not (a.isdecimal() and b.isdecimal() and c.isdecimal()):
        return None
    if _year(c) and len(b) <= 2 and 1 <= int(b) <= 12 and _day(a):
        return DateMention(i, i + 3, _year(c), int(b), int(a))
    if _year(a) and len(b) <= 2 and 1 <= int(b) <= 12 and _day(c):
        return DateMention(i, i + 3, _year(a), int(b), int(c))
    return None


def _around_month(tokens: list[str], i: int, month: int, topic: Topic) -> DateMention | None:
    """Day before ("23 травня", "23-25 мая", "23 de mayo") or after ("May 23", "May 23-25"), then a year."""
    start, end, day = i, i + 1, None
    j = i - 1
    if j >= 0 and tokens[j] in _PREPOSITIONS_BEFORE_DAY:
        j -= 1
    if j >= 0 and _day(tokens[j]):
        day, start = _day(tokens[j]), j
        if j >= 1 and _day(tokens[j - 1]) and int(tokens[j - 1]) < (day or 0):
            day, start = _day(tokens[j - 1]), j - 1  # "23–25 мая": the first day
    elif end < len(tokens) and _day(tokens[end]) and not _year(tokens[end]):
        day, end = _day(tokens[end]), end + 1
        if end < len(tokens) and _day(tokens[end]) and (_day(tokens[end]) or 0) > (day or 0):
            end += 1  # "May 23-25"
        elif end + 1 < len(tokens) and tokens[end] in ("to", "and", "through") and _day(tokens[end + 1]):
            end += 2
    k = end
    if k < len(tokens) and tokens[k] in _PREPOSITIONS_BEFORE_DAY:
        k += 1
    year = _year(tokens[k]) if k < len(tokens) else None
    if year:
        end = k + 1
    if day is None and year is None and tokens[i] in topic.ambiguous_months:
        return None  # "may", "march": a verb unless a day or year is next to it
    return DateMention(start, end, year, month, day)


def find_dates(tokens: list[str], topic: Topic | None = None) -> list[DateMention]:
    """Date expressions in a token list, in order, without overlaps."""
    topic = topic or load_topic()
    found: list[DateMention] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        mention: DateMention | None = None
        if token.isdecimal():
            mention = _numeric(tokens, i)
        elif token in topic.months:
            mention = _around_month(tokens, i, topic.months[token], topic)
            if mention and found and mention.start < found[-1].end:
                mention = None
        elif token in topic.weekdays and _is_weekday(tokens, i, topic):
            mention = _weekday_day_month(tokens, i, topic.weekdays[token])
        elif token in topic.relative_days:
            mention = DateMention(i, i + 1, offset=topic.relative_days[token])
        if mention is not None:
            found.append(mention)
            i = max(mention.end, i + 1)
        else:
            i += 1
    return _merge_weekdays(found)


def _weekday_day_month(tokens: list[str], i: int, weekday: int) -> DateMention:
    """A weekday, with the day and month written after it in digits ("Selasa (25/6)", "Tuesday 25/6"): the day
    and month are part of the date, not counts."""
    day = _day(tokens[i + 1]) if i + 2 < len(tokens) else None
    month = tokens[i + 2] if day is not None else ""
    if day is not None and month.isdecimal() and len(month) <= 2 and 1 <= int(month) <= 12:
        year = _year(tokens[i + 3]) if i + 3 < len(tokens) else None
        end = i + 4 if year else i + 3
        return DateMention(i, end, year, int(month), day, weekday=weekday)
    return DateMention(i, i + 1, weekday=weekday)


def _is_weekday(tokens: list[str], i: int, topic: Topic) -> bool:
    """A weekday name that is also another word is a day only in its day's company: "segunda-feira", not
    "a segunda fase"; "luni" (also "months") not after a count ("de trei luni")."""
    token = tokens[i].lower()
    if token in topic.weekday_next:
        return i + 1 < len(tokens) and tokens[i + 1].lower() == topic.weekday_next[token]
    if token in topic.weekday_nouns and i > 0:
        before = tokens[i - 1].lower()
        return not (before.isdecimal() or before in topic.weekday_not_after or before in topic.number_words)
    return True


def _merge_weekdays(found: list[DateMention]) -> list[DateMention]:
    """ "Friday, May 23": one mention carrying both, so the weekday can fix a missing year."""
    merged: list[DateMention] = []
    for m in found:
        prev = merged[-1] if merged else None
        if prev and m.month and prev.weekday and prev.month is None and m.start - prev.end <= 1:
            merged[-1] = DateMention(prev.start, m.end, m.year, m.month, m.day, prev.weekday)
        elif prev and m.weekday and prev.month and prev.weekday is None and m.start - prev.end <= 1:
            merged[-1] = DateMention(prev.start, m.end, prev.year, prev.month, prev.day, m.weekday)
        else:
            merged.append(m)
    return merged


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _year_from_weekday(month: int, day: int, weekday: int, era_start: int) -> int | None:
    for year in range(era_start, era_start + 15):
        d = _safe_date(year, month, day)
        if d and d.isoweekday() == weekday:
            return year
    return None


def _year_near(month: int, day: int, anchor: date) -> int:
    """The year that puts day-month closest to the anchor, preferring the past."""
    best, best_gap = anchor.year, None
    for year in (anchor.year, anchor.year - 1, anchor.year + 1):
        d = _safe_date(year, month, day)
        if d is None:
            continue
        gap = anchor - d
        if gap < -_FUTURE_TOLERANCE:
            continue
        if best_gap is None or abs(gap) < best_gap:
            best, best_gap = year, abs(gap)
    return best


def _year_after(month: int, day: int, anchor: date) -> int:
    """Without a publication date: the first year putting day-month at most two months before the
    latest date the text states (background usually precedes the news it accompanies)."""
    floor = anchor - timedelta(days=60)
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        d = _safe_date(year, month, day)
        if d is not None and d >= floor:
            return year
    return anchor.year


def resolve(
    mention: DateMention, anchor: date | None, topic: Topic | None = None, published: bool = True
) -> tuple[date | None, DatePrecision]:
    """Calendar date of a mention relative to an anchor date.

    `published` says whether the anchor is the publication date (relative words and weekdays count
    back from it) or only a date the text states (then only day-month expressions use it, for the year).
    """
    topic = topic or load_topic()
    if mention.month is not None:
        year = mention.year
        if mention.day is None:
            if year is None:
                if anchor is None:
                    return None, "unknown"
                year = anchor.year if mention.month <= anchor.month or not published else anchor.year - 1
            return date(year, mention.month, 1), "month"
        if year is None and mention.weekday is not None:
            if anchor is not None and published:
                candidate = _year_near(mention.month, mention.day, anchor)
                d = _safe_date(candidate, mention.month, mention.day)
                if d and d.isoweekday() == mention.weekday:
                    year = candidate
            year = year or _year_from_weekday(mention.month, mention.day, mention.weekday, topic.era_start_year)
        if year is None and anchor is not None:
            near = _year_near if published else _year_after
            year = near(mention.month, mention.day, anchor)
        if year is None:
            return None, "unknown"
        d = _safe_date(year, mention.month, mention.day)
        return (d, "day") if d else (None, "unknown")
    if anchor is None or not published:
        return None, "unknown"
    if mention.weekday is not None:
        return anchor - timedelta(days=(anchor.isoweekday() - mention.weekday) % 7), "day"
    if mention.offset is not None:
        return anchor + timedelta(days=mention.offset), "day"
    return None, "unknown"


def resolve_ahead(
    mention: DateMention, anchor: date | None, topic: Topic | None = None, published: bool = True
) -> tuple[date | None, DatePrecision]:
    """As :func:`resolve`, for the day a plan is set for: a weekday alone counts forward from the anchor
    ("will swap on Wednesday", said on a Tuesday, is the next day; on a Wednesday, that day)."""
    if mention.weekday is not None and mention.month is None and anchor is not None and published:
        return anchor + timedelta(days=(mention.weekday - anchor.isoweekday()) % 7), "day"
    return resolve(mention, anchor, topic, published)


_URL_DATE = re.compile(r"https?://\S+?/(20\d\d)[/-](\d{1,2})[/-](\d{1,2})(?=[/-])")


def url_date(text: str) -> date | None:
    """A date in a link the text quotes ("Read more: https://…/2024/9/14/…"), the last resort."""
    match = _URL_DATE.search(text)
    if match is None:
        return None
    return _safe_date(int(match.group(1)), int(match.group(2)), int(match.group(3)))


_DATELINE_SENTENCES = 8  # a date line sits above the text: headline, lead, byline, a timestamp
_DATELINE_EXTRA_WORDS = 3  # "обновлено", "р", a city or an outlet beside the date and the time


def dateline(lines: Iterable[tuple[list[str], list[DateMention]]]) -> date | None:
    """The publication day a text prints above itself ("26 червня 2025 р. 17:38", "14:13 вторник, 28 июня
    2022 г.", "16.02.2024 13:59"): among the first lines, one that is a full date with a year and little
    else (a time, a weekday, a word or three). None when there is none: a date inside a sentence is the
    event's or the background's, never the publication's."""
    for n, (tokens, found) in enumerate(lines):
        if n >= _DATELINE_SENTENCES:
            break
        full = [m for m in found if m.year is not None and m.month is not None and m.day is not None]
        if len(full) != 1:
            continue
        inside = {i for m in found for i in range(m.start, m.end)}
        words = [t for i, t in enumerate(tokens) if i not in inside and not t.isdecimal()]
        if len(words) <= _DATELINE_EXTRA_WORDS:
            day = _safe_date(full[0].year or 0, full[0].month or 0, full[0].day or 0)
            if day is not None:
                return day
    return None
