"""parse_google_news: redirect links kept as ids, publisher split off, descriptions as content."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from scrapers.errors import ParseError
from scrapers.googlenews import parse_google_news, split_publisher

FEED = Path(__file__).parent.parent / "fixtures" / "feeds" / "googlenews-search.xml"
URL = "https://news.google.com/rss/search?q=%22prisoner+exchange%22+Ukraine+when:1d&hl=en-US&gl=US&ceid=US:en"


def test_google_news_search_feed() -> None:
    feed = parse_google_news(FEED.read_bytes(), url=URL)
    assert feed.language == "en"
    assert len(feed.entries) == 3  # the repeated GUID collapsed
    reuters = feed.entries[0]
    assert reuters.title == "Ukraine and Russia carry out first stage of new prisoner swap"
    assert reuters.publisher == "Reuters"
    assert reuters.publisher_url == "https://www.reuters.com"
    assert reuters.url.startswith("https://news.google.com/rss/articles/CBMi") and reuters.url.endswith("?oc=5")
    assert reuters.guid == "CBMiswFBVV95cUxOZXhhbXBsZVN3YXBTdGFnZU9uZUlzdGFuYnVsRGVhbA"
    assert reuters.fetch_page is False
    assert reuters.published == datetime(2025, 6, 9, 14, 33, tzinfo=UTC)
    assert reuters.content == reuters.title  # description only repeated headline + outlet
    assert reuters.language == "en"


def test_story_cluster_description_becomes_content_lines() -> None:
    ap = parse_google_news(FEED.read_bytes(), url=URL).entries[1]
    assert ap.publisher == "AP News"
    assert ap.title == "Russia, Ukraine swap POWs under 25 in deal struck in Istanbul - The Associated Press"
    assert ap.content.split("\n") == [
        ap.title,
        "Wounded soldiers among first freed as exchange begins — The Kyiv Independent",
        "Ukraine, Russia swap prisoners of war in first stage of Istanbul deal — DW",
    ]
    assert "<" not in ap.content and "&nbsp;" not in ap.content


def test_escaped_quotes_in_title() -> None:
    tass = parse_google_news(FEED.read_bytes(), url=URL).entries[2]
    assert tass.title == 'Kremlin says bodies handover "depends on Kyiv"'


@pytest.mark.parametrize(
    ("title", "publisher", "expected"),
    [
        ("Swap begins - Reuters", "Reuters", "Swap begins"),
        ("Kyiv - Moscow swap - BBC", "BBC", "Kyiv - Moscow swap"),
        ("Swap begins - Reuters", "AP", "Swap begins - Reuters"),
        (" - Reuters", "Reuters", " - Reuters"),
        ("Swap begins", None, "Swap begins"),
    ],
)
def test_split_publisher(title: str, publisher: str | None, expected: str) -> None:
    assert split_publisher(title, publisher) == expected


def test_html_error_page_raises() -> None:
    with pytest.raises(ParseError, match="HTML"):
        parse_google_news(b"<!doctype html><html><body>Sorry...</body></html>", url=URL)


def test_no_results_is_an_empty_feed() -> None:
    body = b'<?xml version="1.0"?><rss version="2.0"><channel><title>q - Google News</title></channel></rss>'
    assert parse_google_news(body, url=URL).entries == ()
