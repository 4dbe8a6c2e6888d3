"""RSS 2.0 / RSS 1.0 (RDF) / Atom bytes → ParsedFeed, via feedparser (never given a URL)."""

from __future__ import annotations

import calendar
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from typing import Any
from urllib.parse import urljoin

import feedparser
import feedparser.mixin

from scrapers.errors import ParseError
from scrapers.text import decode_body, html_to_text, looks_like_html, normalise_language, plain_text

FUTURE_TOLERANCE = timedelta(days=2)
_EPOCH_CUTOFF = datetime(1971, 1, 1, tzinfo=UTC)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_EMAIL_ONLY = re.compile(r"^\S+@\S+$")

# feedparser joins the document's base URI with each element's base at every start tag, and each link with
# the base: with `content-location` given (relative links must resolve), that was a sixth of its parse time,
# almost all of it the same few joins again. Both are pure functions of their strings, so they are
# remembered (per process, a few thousand entries).
feedparser.mixin.make_safe_absolute_uri = lru_cache(maxsize=4096)(feedparser.mixin.make_safe_absolute_uri)
feedparser.mixin._urljoin = lru_cache(maxsize=4096)(feedparser.mixin._urljoin)


@dataclass(frozen=True)
class FeedEntry:
    """One feed item, normalised: absolute URL, plain-text title/summary, aware UTC dates."""

    guid: str | None
    url: str
    title: str
    summary: str
    published: datetime | None
    language: str | None
    author: str | None
    content_id: str | None
    content: str = ""
    fetch_page: bool = True
    publisher: str | None = None
    publisher_url: str | None = None
    updated: datetime | None = None


@dataclass(frozen=True)
class ParsedFeed:
    """A parsed feed; `warning` carries the bozo reason when entries were still usable."""

    title: str | None
    language: str | None
    ttl_minutes: int | None
    entries: tuple[FeedEntry, ...]
    warning: str | None
    format: str | None = None  # feedparser's version: rss20, rss10 (RDF), atom10, …; None for other sources


def sane_date(value: datetime | None, now: datetime | None = None) -> datetime | None:
    """Aware UTC date, or None for 1970-epoch placeholders and dates beyond FUTURE_TOLERANCE."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    value = value.astimezone(UTC)
    if value < _EPOCH_CUTOFF or value > (now or datetime.now(UTC)) + FUTURE_TOLERANCE:
        return None
    return value


def struct_date(parsed: time.struct_time | None, now: datetime | None) -> datetime | None:
    """feedparser struct_time (UTC) → sane aware datetime."""
    if not parsed:
        return None
    try:
        return sane_date(datetime.fromtimestamp(calendar.timegm(parsed), UTC), now)
    except (OverflowError, ValueError, OSError):
        return None


def cap_entries(entries: Iterable[FeedEntry], max_entries: int) -> tuple[FeedEntry, ...]:
    """Drop repeated GUIDs/URLs (first wins), then keep the newest `max_entries` (undated last)."""
    seen: set[str] = set()
    unique: list[FeedEntry] = []
    for entry in entries:
        keys = {entry.guid or entry.url, entry.url}
        if keys & seen:
            continue
        seen |= keys
        unique.append(entry)
    # Stable sort keeps the feed's own order among equal/undated entries.
    unique.sort(key=lambda e: (e.published is None, -(e.published.timestamp() if e.published else 0)))
    return tuple(unique[:max_entries])


def _author(raw: Any) -> str | None:
    detail = raw.get("author_detail") or {}
    name = plain_text(detail.get("name") or raw.get("author"))
    if not name or _EMAIL_ONLY.match(name):
        return None
    return name


def _language(raw: Any) -> str | None:
    # Atom carries xml:lang on the text constructs rather than on the entry itself.
    for detail in (raw, raw.get("title_detail") or {}, raw.get("summary_detail") or {}):
        if code := normalise_language(detail.get("language")):
            return code
    return None


def _shared_language(entries: list[FeedEntry]) -> str | None:
    """The feed's language when only its items declare one (DW's RDF feeds: dc:language per item) and agree."""
    languages = {e.language for e in entries}
    return languages.pop() if len(languages) == 1 else None


def _content(raw: Any) -> str:
    parts = [c.get("value", "") for c in raw.get("content") or () if c.get("value")]
    return html_to_text(max(parts, key=len)) if parts else ""


def _entry(raw: Any, *, base_url: str, feed_language: str | None, now: datetime | None) -> FeedEntry | None:
    guid = (raw.get("id") or "").strip() or None
    link = (raw.get("link") or "").strip()
    if not link and guid and guid.startswith(("http://", "https://")):
        link = guid
    if not link:
        return None
    published = struct_date(dict.get(raw, "published_parsed"), now)
    updated = struct_date(dict.get(raw, "updated_parsed"), now)
    summary = plain_text(raw.get("summary"))
    content = _content(raw)
    return FeedEntry(
        guid=guid,
        url=urljoin(base_url, link),
        title=plain_text(raw.get("title")),
        summary=summary,
        published=published or updated,
        language=_language(raw) or feed_language,
        author=_author(raw),
        content_id=(raw.get("dwsyn_contentid") or "").strip() or None,
        content=content if len(content) > len(summary) else "",
        updated=updated,
    )


def _as_utf8(body: bytes, content_type: str | None) -> bytes:
    """Re-encode to UTF-8 ourselves so a wrong declared charset cannot turn text into mojibake."""
    text, _ = decode_body(body, content_type)
    return _XML_DECL.sub("", text, count=1).lstrip().encode("utf-8")


def reject_unusable(parsed: Any, body: bytes, *, content_type: str | None, url: str, usable: bool) -> None:
    """Raise ParseError when nothing usable came out: HTML page, junk, or a broken document."""
    if usable:
        return
    html_type = (content_type or "").lower().startswith("text/html")
    if (looks_like_html(body) or html_type) and not parsed.version:
        raise ParseError("got an HTML page, not a feed", url=url)
    if parsed.get("bozo"):
        raise ParseError(f"malformed feed, no entries: {parsed.get('bozo_exception')}", url=url)
    if not parsed.version:
        raise ParseError("not a recognised feed format (RSS, RDF or Atom)", url=url)


def read_feed(body: bytes, *, url: str, content_type: str | None = None) -> Any:
    """feedparser's result for the bytes, re-encoded to UTF-8 first; raises ParseError on an empty body."""
    if not body or not body.strip():
        raise ParseError("empty body", url=url)
    headers = {"content-location": url, "content-type": "application/xml; charset=utf-8"}
    return feedparser.parse(_as_utf8(body, content_type), response_headers=headers)


def parse_feed(
    body: bytes,
    *,
    url: str,
    content_type: str | None = None,
    max_entries: int = 500,
    now: datetime | None = None,
) -> ParsedFeed:
    """Parse RSS/RDF/Atom bytes; relative links resolve against `url` (the final feed URL)."""
    parsed = read_feed(body, url=url, content_type=content_type)
    feed = parsed.feed
    language = normalise_language(feed.get("language"))
    built = (_entry(raw, base_url=url, feed_language=language, now=now) for raw in parsed.entries)
    entries = [e for e in built if e is not None]
    reject_unusable(parsed, body, content_type=content_type, url=url, usable=bool(entries))
    language = language or _shared_language(entries)
    try:
        ttl = int(feed.get("ttl", "")) or None
    except ValueError:
        ttl = None
    return ParsedFeed(
        title=plain_text(feed.get("title")) or None,
        language=language,
        ttl_minutes=ttl,
        entries=cap_entries(entries, max_entries),
        warning=str(parsed.get("bozo_exception")) if parsed.get("bozo") else None,
        format=parsed.version or None,
    )
