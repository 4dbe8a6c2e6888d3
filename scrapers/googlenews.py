"""Google News search RSS → ParsedFeed. Links are opaque redirects: they identify, never get fetched."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from scrapers.feeds import FeedEntry, ParsedFeed, cap_entries, read_feed, reject_unusable, struct_date
from scrapers.text import html_to_text, normalise_language, plain_text
from scrapers.urls import normalise_text

# Google puts the outlet after the headline as '&nbsp;&nbsp;<font color=...>Outlet</font>'.
_OUTLET = re.compile(r"(?:&nbsp;|\xa0|\s)*<font\b[^>]*>", re.I)


def split_publisher(title: str, publisher: str | None) -> str:
    """'Headline - Reuters' → 'Headline' (only when the suffix is the item's own <source>)."""
    if publisher:
        suffix = f" - {publisher}"
        if title.endswith(suffix) and len(title) > len(suffix):
            return title[: -len(suffix)].strip()
    return title


def _description_lines(description: str, title: str, publisher: str | None) -> list[str]:
    """Lines of the description that add something beyond 'headline + publisher' (story clusters)."""
    seen = {normalise_text(title), normalise_text(f"{title} {publisher or ''}"), ""}
    lines: list[str] = []
    for line in html_to_text(_OUTLET.sub(" — <font>", description)).split("\n"):
        key = normalise_text(line)
        if key not in seen and key != normalise_text(publisher or ""):
            seen.add(key)
            lines.append(line.strip())
    return lines


def _entry(raw: Any, *, language: str | None, now: datetime | None) -> FeedEntry | None:
    link = (raw.get("link") or "").strip()
    if not link:
        return None
    source = raw.get("source") or {}
    publisher = plain_text(source.get("title")) or None
    title = split_publisher(plain_text(raw.get("title")), publisher)
    extra = _description_lines(raw.get("summary") or "", title, publisher)
    return FeedEntry(
        guid=(raw.get("id") or "").strip() or None,
        url=link,
        title=title,
        summary=" ".join(extra),
        published=struct_date(dict.get(raw, "published_parsed"), now),
        language=language,
        author=None,
        content_id=None,
        content="\n".join([title, *extra]),
        fetch_page=False,
        publisher=publisher,
        publisher_url=(source.get("href") or "").strip() or None,
    )


def parse_google_news(
    body: bytes,
    *,
    url: str,
    content_type: str | None = None,
    now: datetime | None = None,
    max_entries: int = 500,
) -> ParsedFeed:
    """Entries of a news.google.com/rss/search response, newest first."""
    parsed = read_feed(body, url=url, content_type=content_type)
    language = normalise_language(parsed.feed.get("language"))
    entries = [e for e in (_entry(raw, language=language, now=now) for raw in parsed.entries) if e]
    reject_unusable(parsed, body, content_type=content_type, url=url, usable=bool(entries))
    return ParsedFeed(
        title=plain_text(parsed.feed.get("title")) or None,
        language=language,
        ttl_minutes=None,
        entries=cap_entries(entries, max_entries),
        warning=str(parsed.get("bozo_exception")) if parsed.get("bozo") else None,
    )
