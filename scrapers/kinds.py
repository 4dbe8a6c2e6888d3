"""Which parser a source URL needs, and one entry point that dispatches to it."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Literal
from urllib.parse import urlsplit

from scrapers.feeds import ParsedFeed, parse_feed
from scrapers.gdelt import parse_gdelt
from scrapers.googlenews import parse_google_news
from scrapers.telegram import parse_channel

SourceKind = Literal["rss", "telegram", "google_news", "gdelt"]
_TELEGRAM_PREVIEW = re.compile(r"^/s/[A-Za-z0-9_]{4,64}/?$")


def detect_kind(url: str) -> SourceKind:
    """t.me/s/<channel> → telegram, news.google.com/rss/search → google_news, GDELT DOC API → gdelt."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    if host in ("t.me", "telegram.me") and _TELEGRAM_PREVIEW.match(parts.path):
        return "telegram"
    if host == "news.google.com" and parts.path.rstrip("/") == "/rss/search":
        return "google_news"
    if host == "api.gdeltproject.org" and parts.path.rstrip("/") == "/api/v2/doc/doc":
        return "gdelt"
    return "rss"


def parse_source(
    kind: SourceKind,
    body: bytes,
    *,
    url: str,
    content_type: str | None = None,
    now: datetime | None = None,
) -> ParsedFeed:
    """Parse a fetched source body with the parser for its kind."""
    if kind == "telegram":
        return parse_channel(body, url=url, now=now)
    if kind == "google_news":
        return parse_google_news(body, url=url, content_type=content_type, now=now)
    if kind == "gdelt":
        return parse_gdelt(body, url=url, now=now)
    return parse_feed(body, url=url, content_type=content_type, now=now)
