"""The one normal form of a feed URL, and feed autodiscovery from HTML."""

from __future__ import annotations

import pytest

from scrapers.feedurl import InvalidFeedUrl, discover_feed_links, normalise_feed_url


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("HTTP://Host.Example/x.xml#frag", "http://host.example/x.xml"),
        ("  https://host.example:443/feed?a=1  ", "https://host.example/feed?a=1"),
        ("http://host.example:8080", "http://host.example:8080/"),
        ("https://тест.example/rss", "https://xn--e1aybc.example/rss"),
        ("http://[::1]:8000/f", "http://[::1]:8000/f"),
    ],
)
def test_one_spelling_per_feed(raw: str, normal: str) -> None:
    assert normalise_feed_url(raw) == normal


@pytest.mark.parametrize(
    "raw",
    ["", "not a url", "javascript:alert(1)", "file:///etc/passwd", "http://", "http://u:p@host/", "http://h:0/",
     "https://host/a b", "//host/feed", "http://host:99999/"],
)  # fmt: skip
def test_anything_else_is_refused_with_a_reason(raw: str) -> None:
    with pytest.raises(InvalidFeedUrl) as refused:
        normalise_feed_url(raw)
    assert str(refused.value)


def test_discovery_finds_announced_feeds_in_order() -> None:
    page = b"""<html><head>
    <link rel="alternate" type="text/html" href="/en">
    <link rel="Alternate" type="application/atom+xml; charset=utf-8" href="atom.xml">
    <link rel="alternate" type="application/rss+xml" href="https://cdn.example/rss#x">
    <link rel="alternate" type="application/rss+xml" href="javascript:void(0)">
    <link rel="alternate" type="application/rss+xml" href="atom.xml"></head></html>"""
    found = discover_feed_links(page, base_url="https://outlet.example/news/")
    assert found == ["https://outlet.example/news/atom.xml", "https://cdn.example/rss"]
    assert discover_feed_links(b"", base_url="https://outlet.example/") == []
