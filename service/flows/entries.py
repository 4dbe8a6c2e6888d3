"""A parsed feed entry as the store takes it: dedup keys, the new article's row, what an edit compares.

This is the scrapers-dependent half of batched ingest (canonical URL, dedup keys, content fingerprint,
source host); the store's half (service/store/ingest.py) sees only plain values and the models.
"""

from __future__ import annotations

from datetime import datetime
from functools import partial
from typing import Any
from urllib.parse import urlsplit

from scrapers.feeds import FeedEntry
from scrapers.urls import canonicalize_url, content_fingerprint, entry_dedup_keys
from service.core.sources import is_official
from service.models import Feed
from service.store.clean import clean_text
from service.store.ingest import IncomingEntry


def incoming(feed: Feed, entry: FeedEntry, now: datetime) -> IncomingEntry:
    """`entry` of `feed`, polled at `now`, ready for `ingest.upsert_entries`."""
    return IncomingEntry(_keys(entry), partial(_row, feed, entry, now), entry.title, entry.content, entry.fetch_page)


def _keys(entry: FeedEntry) -> list[str]:
    # Cleaned here as the engine cleans bound parameters, so a key compares equal to the stored one.
    return list(dict.fromkeys(clean_text(k)[:2100] for k in entry_dedup_keys(entry)))


def _source_of(feed: Feed, entry: FeedEntry) -> str:
    if feed.kind == "telegram":
        return "t.me/" + (entry.guid or "").split("/")[0]
    if entry.publisher_url or entry.publisher:
        host = urlsplit(entry.publisher_url or "").hostname
        return (host or entry.publisher or "").removeprefix("www.")
    return (urlsplit(entry.url).hostname or "").removeprefix("www.")


def _row(feed: Feed, entry: FeedEntry, now: datetime) -> dict[str, Any]:
    text = entry.content if not entry.fetch_page else ""
    source = _source_of(feed, entry)
    # The engine cleans every value it sends; the URL is cleaned here as well because RETURNING hands it
    # back clean and it must match this row's key in the store.
    return {
        "url": clean_text(canonicalize_url(entry.url))[:2048],
        "feed_id": feed.id,
        "guid": (entry.guid or "")[:2048] or None,
        "fingerprint": content_fingerprint(entry.title, text or entry.summary),
        "source": source[:255],
        # An official page found through an aggregator is as official as the ministry's own feed.
        "official": feed.official or is_official(entry.url, source),
        "title": entry.title[:1000],
        "summary": entry.summary,
        "text": text,
        "language": entry.language or feed.language,
        "author": (entry.author or "")[:500] or None,
        "published_at": entry.published,
        "discovered_at": now,
        "updated_at": now,
        "state": "pending",
        "fetch_page": entry.fetch_page,
        "text_source": None if entry.fetch_page else "post" if feed.kind == "telegram" else "feed",
        "attempts": 0,
    }
