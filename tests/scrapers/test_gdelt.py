"""parse_gdelt on a DOC 2.0 artlist response and on the ways GDELT answers badly."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from scrapers.errors import ParseError, RateLimited
from scrapers.gdelt import parse_gdelt

FEEDS = Path(__file__).parent.parent / "fixtures" / "feeds"
URL = "https://api.gdeltproject.org/api/v2/doc/doc?query=%22prisoner%20exchange%22&mode=artlist&format=json"


def test_artlist_response() -> None:
    feed = parse_gdelt((FEEDS / "gdelt-artlist.json").read_bytes(), url=URL)
    assert len(feed.entries) == 6
    assert feed.warning == "1 article(s) without a usable url skipped"
    by_domain = {e.publisher: e for e in feed.entries}
    ukr = by_domain["ukrinform.net"]
    assert ukr.url.startswith("https://www.ukrinform.net/rubric-ato/4001234-")
    assert ukr.published == datetime(2025, 6, 9, 15, 15, tzinfo=UTC)
    assert ukr.fetch_page is True
    assert ukr.publisher_url == "https://ukrinform.net"
    languages = {domain: e.language for domain, e in by_domain.items()}
    assert languages == {
        "ukrinform.net": "en",
        "pravda.com.ua": "uk",
        "ria.ru": "ru",
        "tagesschau.de": "de",
        "lemonde.fr": "fr",
        "example-news.in": None,  # a language we do not map
    }
    assert by_domain["lemonde.fr"].title == "Ukraine : premier échange de prisonniers depuis les pourparlers d'Istanbul"
    assert by_domain["example-news.in"].published is None  # unparseable seendate
    assert feed.entries[0].publisher == "lemonde.fr"  # newest first


@pytest.mark.parametrize("body", [b"{}", b'{"articles": []}', b"  {}  \n"])
def test_no_results_is_an_empty_feed(body: bytes) -> None:
    feed = parse_gdelt(body, url=URL)
    assert feed.entries == () and feed.warning is None


def test_rate_limit_text_is_a_transient_error() -> None:
    with pytest.raises(RateLimited) as caught:
        parse_gdelt((FEEDS / "gdelt-ratelimit.txt").read_bytes(), url=URL)
    assert caught.value.transient and caught.value.retry_after == 5.0


@pytest.mark.parametrize(
    ("body", "match"),
    [
        ((FEEDS / "gdelt-truncated.json").read_bytes(), "invalid JSON"),
        (
            b"<!DOCTYPE html><html><body><h1>Error</h1><p>Your query was too short.</p></body></html>",
            "not JSON",
        ),
        (b"The specified phrase is too short.", "not JSON"),
        (b"", "empty body"),
        (b"[1, 2, 3]", "not an object"),
        (b'{"articles": {"url": "x"}}', "not a list"),
    ],
)
def test_bad_responses_raise_parse_error(body: bytes, match: str) -> None:
    with pytest.raises(ParseError, match=match):
        parse_gdelt(body, url=URL)


def test_odd_articles_never_crash() -> None:
    body = (
        b'{"articles": [null, 5, "x", {"url": 7}, {"url": "ftp://x/y"}, '
        b'{"url": "https://ex.com/a", "title": null, "seendate": 20250609, '
        b'"language": null, "domain": null}]}'
    )
    (entry,) = parse_gdelt(body, url=URL).entries
    assert entry.url == "https://ex.com/a" and entry.title == "" and entry.published is None
    assert entry.publisher is None and entry.language is None


def test_control_characters_in_titles_are_tolerated() -> None:
    body = b'{"articles": [{"url": "https://ex.com/a", "title": "Obmin\tpolonenymy\x01", "seendate": "x"}]}'
    (entry,) = parse_gdelt(body, url=URL).entries
    assert entry.title == "Obmin polonenymy"
