"""detect_kind and parse_source: each source URL reaches its parser."""

from __future__ import annotations

from pathlib import Path

import pytest

from scrapers.kinds import SourceKind, detect_kind, parse_source

FEEDS = Path(__file__).parent.parent / "fixtures" / "feeds"


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://t.me/s/koordshtab", "telegram"),
        ("https://t.me/s/koordshtab/", "telegram"),
        ("https://t.me/koordshtab", "rss"),  # not the preview page
        ("https://t.me/s/koordshtab/9124", "rss"),  # a single post, not a channel
        ("https://news.google.com/rss/search?q=prisoner+exchange&hl=en-US", "google_news"),
        ("https://news.google.com/rss/articles/CBMi?oc=5", "rss"),
        ("https://api.gdeltproject.org/api/v2/doc/doc?query=x&mode=artlist&format=json", "gdelt"),
        ("https://rss.dw.com/rdf/rss-de-all", "rss"),
        ("https://www.rferl.org/api/zpyqpeoqpq", "rss"),
    ],
)
def test_detect_kind(url: str, kind: SourceKind) -> None:
    assert detect_kind(url) == kind


@pytest.mark.parametrize(
    ("kind", "fixture", "url", "count"),
    [
        ("rss", "dw-rss-de-all.rdf", "https://rss.dw.com/rdf/rss-de-all", 3),
        ("telegram", "telegram-koordshtab.html", "https://t.me/s/koordshtab", 4),
        ("google_news", "googlenews-search.xml", "https://news.google.com/rss/search?q=x", 3),
        ("gdelt", "gdelt-artlist.json", "https://api.gdeltproject.org/api/v2/doc/doc?query=x", 6),
    ],
)
def test_parse_source_dispatches(kind: SourceKind, fixture: str, url: str, count: int) -> None:
    feed = parse_source(kind, (FEEDS / fixture).read_bytes(), url=url)
    assert len(feed.entries) == count
    assert all(e.fetch_page is (kind in ("rss", "gdelt")) for e in feed.entries)
