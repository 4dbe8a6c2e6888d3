"""parse_feed on saved RSS 1.0 (DW), RSS 2.0 (Pangea, Ghost) and Atom feeds, and on broken input."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from scrapers.errors import ParseError
from scrapers.feeds import ParsedFeed, parse_feed

FEEDS = Path(__file__).parent.parent / "fixtures" / "feeds"
NOW = datetime(2025, 6, 10, 12, 0, tzinfo=UTC)


def load(name: str, url: str = "https://feeds.example.com/feed.xml") -> ParsedFeed:
    return parse_feed((FEEDS / name).read_bytes(), url=url, now=NOW)


def rss(items: str, *, encoding: str = "utf-8", channel: str = "<title>T</title>") -> str:
    head = f'<?xml version="1.0" encoding="{encoding}"?><rss version="2.0">'
    return f"{head}<channel>{channel}{items}</channel></rss>"


def item(n: int, title: str = "", date: str = "Mon, 09 Jun 2025 10:00:00 GMT") -> str:
    return (
        f"<item><title>{title or f'Item {n}'}</title><link>https://ex.com/a/{n}</link>"
        f"<guid>g-{n}</guid><pubDate>{date}</pubDate></item>"
    )


def test_dw_rdf_feed() -> None:
    feed = load("dw-rss-de-all.rdf", "https://rss.dw.com/rdf/rss-de-all")
    assert feed.title == "Deutsche Welle: DW.com Deutsch"
    assert feed.warning is None
    assert feed.language == "de"  # DW's channel declares none: its items' dc:language all agree
    assert [e.content_id for e in feed.entries] == ["72841903", "72840555", "72839117"]  # newest first
    first = feed.entries[0]
    assert first.url == (
        "https://www.dw.com/de/gefangenenaustausch-zwischen-russland-und-der-ukraine-läuft-weiter"
        "/a-72841903?maca=de-rss-de-all-1119-rdf"
    )
    assert first.guid == first.url
    # DW puts its only date in dc:date, which feedparser reports as `updated`.
    assert first.published == datetime(2025, 6, 9, 14, 47, tzinfo=UTC)
    assert first.published.tzinfo is UTC
    assert first.language == "de"
    assert first.fetch_page is True
    assert first.content == ""


def test_feed_language_from_items_only_when_they_agree() -> None:
    rdf = (FEEDS / "dw-rss-de-all.rdf").read_text(encoding="utf-8")
    mixed = rdf.replace("<dc:language>de</dc:language>", "<dc:language>uk</dc:language>", 1)
    assert parse_feed(mixed.encode(), url="https://rss.dw.com/rdf/x", now=NOW).language is None
    one = parse_feed(rdf.replace("<dc:language>de</dc:language>", "").encode(), url="https://rss.dw.com/r", now=NOW)
    assert one.language is None and {e.language for e in one.entries} == {None}


def test_dw_double_escaped_title_and_markup_in_description() -> None:
    entry = load("dw-rss-de-all.rdf").entries[2]
    assert entry.title == 'Rückführung tausender Gefallener "im Grundsatz" vereinbart'
    assert entry.summary.startswith("Die Delegationen einigten sich")
    assert "<" not in entry.summary and "umstritten." in entry.summary


def test_pangea_rss2_feed() -> None:
    feed = load("rferl-pangea-rss2.xml")
    assert feed.ttl_minutes == 60
    assert feed.language == "en"
    urls = [e.url for e in feed.entries]
    assert len(urls) == len(set(urls)) == 4  # the repeated GUID collapsed
    swap = feed.entries[0]
    assert swap.title == "Ukraine, Russia Begin New Prisoner Swap Under Istanbul Deal"
    assert swap.author == "Levko Marchuk"
    assert swap.published == datetime(2025, 6, 9, 15, 42, tzinfo=UTC)  # +0200 converted
    assert swap.summary.startswith("Ukraine and Russia exchanged")  # first occurrence wins
    live = feed.entries[1]
    assert live.summary == ""
    bodies = feed.entries[2]
    assert "ready at the border & accused" in bodies.summary
    assert feed.entries[3].author is None  # bare e-mail is not a name


def test_ghost_rss2_content_relative_link_and_bad_dates() -> None:
    feed = load("kyivindependent-ghost-rss2.xml", "https://kyivindependent.com/news-archive/rss/")
    first = feed.entries[0]
    assert first.url == (
        "https://kyivindependent.com/ukraine-brings-home-wounded-young-pows-in-first-stage-of-istanbul-exchange/"
    )
    assert first.guid == "6846f0a1c9e77c0001a3b2d4"
    assert first.author == "Kateryna Hodunova"
    assert first.summary.startswith("Ukraine and Russia carried out") and "<b>" not in first.summary
    assert "Istanbul on June 2" in first.content and "\n" in first.content
    by_url = {e.url.rsplit("/", 2)[-2]: e for e in feed.entries}
    strikes = by_url["russian-strikes-on-kharkiv-kill-3-injure-21"]
    assert strikes.title == "Russian strikes on Kharkiv kill 3 & injure 21"
    assert by_url["scheduled-post"].published is None  # 2045: beyond the future tolerance
    assert by_url["placeholder-date"].published is None  # 1970 epoch placeholder
    assert feed.entries[-1].published is None  # undated entries sort last


def test_atom_feed_xml_base_and_languages() -> None:
    feed = load("ombudsman-atom.xml")
    assert feed.title == "Новини Уповноваженого"
    assert feed.language == "uk"
    uk, en = feed.entries
    assert uk.url == "https://ombudsman.example.gov.ua/news/povernennia-poranenykh-zakhysnykiv-4821"
    assert uk.title == "Додому повернулися поранені захисники"
    assert uk.published == datetime(2025, 6, 9, 14, 55, tzinfo=UTC)
    assert uk.updated == datetime(2025, 6, 9, 15, 10, tzinfo=UTC)
    assert uk.author == "Прес-служба"
    assert en.url == "https://ombudsman.example.gov.ua/en/news/statement-repatriation-4815"
    assert (en.language, uk.language) == ("en", "uk")
    assert en.published == datetime(2025, 6, 8, 12, 0, tzinfo=UTC)  # only <updated>


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("&lt;b&gt;Обмін&lt;/b&gt; полоненими", "Обмін полоненими"),
        ("Tom &amp;amp; Jerry", "Tom & Jerry"),
        ("<![CDATA[<i>CDATA</i> &amp; markup]]>", "CDATA & markup"),
        ("  spaced \n\t out  ", "spaced out"),
        ("a &lt; b and c &gt; d", "a < b and c > d"),
    ],
)
def test_titles_become_plain_text(raw: str, expected: str) -> None:
    feed = parse_feed(rss(item(1, raw)).encode(), url="https://ex.com/f", now=NOW)
    assert feed.entries[0].title == expected


def test_relative_links_resolve_against_the_final_feed_url() -> None:
    body = rss("<item><title>x</title><link>../news/1.html</link></item>").encode()
    feed = parse_feed(body, url="https://ex.com/feeds/ua/rss.xml", now=NOW)
    assert feed.entries[0].url == "https://ex.com/feeds/news/1.html"


def test_entries_without_link_use_permalink_guid_or_are_skipped() -> None:
    items = (
        "<item><title>a</title><guid>https://ex.com/a</guid></item>"
        '<item><title>b</title><guid isPermaLink="false">b</guid></item>'
    )
    feed = parse_feed(rss(items).encode(), url="https://ex.com/f", now=NOW)
    assert [e.url for e in feed.entries] == ["https://ex.com/a"]


def test_huge_feed_is_capped_newest_first() -> None:
    items = "".join(item(n, date=f"Mon, 09 Jun 2025 {n % 24:02d}:{n % 60:02d}:00 GMT") for n in range(10_000))
    feed = parse_feed(rss(items).encode(), url="https://ex.com/f", max_entries=100, now=NOW)
    assert len(feed.entries) == 100
    dates = [e.published for e in feed.entries]
    assert dates == sorted(dates, reverse=True)  # type: ignore[type-var]
    assert dates[0] == datetime(2025, 6, 9, 23, 59, tzinfo=UTC)


def test_default_cap_is_500() -> None:
    items = "".join(item(n) for n in range(600))
    assert len(parse_feed(rss(items).encode(), url="https://ex.com/f", now=NOW).entries) == 500


def test_empty_feed_is_not_an_error() -> None:
    feed = parse_feed(rss("").encode(), url="https://ex.com/f", now=NOW)
    assert feed.entries == () and feed.title == "T"


@pytest.mark.parametrize("body", [b"", b"   \n\t "])
def test_empty_body_raises(body: bytes) -> None:
    with pytest.raises(ParseError, match="empty body"):
        parse_feed(body, url="https://ex.com/f")


@pytest.mark.parametrize("content_type", [None, "text/html; charset=utf-8"])
def test_html_page_instead_of_feed_raises(content_type: str | None) -> None:
    page = b"<!DOCTYPE html><html><head><title>Just a moment...</title></head><body><p>Hi</p></body></html>"
    with pytest.raises(ParseError, match="HTML page") as caught:
        parse_feed(page, url="https://ex.com/f", content_type=content_type)
    assert caught.value.kind == "parse"


@pytest.mark.parametrize(
    "body",
    [
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>broken',
        b"<<<>>> not xml at all &&&",
        b'{"items": [{"title": "json"}]}',
        b"\xff\xfe\x00\x01garbage\x00",
    ],
)
def test_garbage_without_entries_raises(body: bytes) -> None:
    with pytest.raises(ParseError):
        parse_feed(body, url="https://ex.com/f")


def test_bozo_feed_with_entries_is_used_with_a_warning() -> None:
    body = rss(item(1) + "<item><title>Fish & Chips</title><link>https://ex.com/a/2</link></item>").encode()
    feed = parse_feed(body, url="https://ex.com/f", now=NOW)
    assert feed.warning
    assert {e.title for e in feed.entries} == {"Item 1", "Fish & Chips"}


def test_invalid_utf8_bytes_do_not_crash() -> None:
    body = rss(item(1, "Обмін полоненими")).encode().replace(b"Item", b"It\xff\xfem")
    body = body.replace("полоненими".encode(), "полоненими".encode() + b"\xc3\x28")
    feed = parse_feed(body, url="https://ex.com/f", now=NOW)
    assert feed.entries[0].title.startswith("Обмін полоненими")


def test_declared_latin1_but_utf8_bytes() -> None:
    body = rss(item(1, "Обмін полоненими: повернулися 84 захисники"), encoding="ISO-8859-1").encode()
    feed = parse_feed(body, url="https://ex.com/f", content_type="application/rss+xml; charset=ISO-8859-1")
    assert feed.entries[0].title == "Обмін полоненими: повернулися 84 захисники"


def test_declared_utf8_but_windows_1251_bytes() -> None:
    title = "Россия и Украина провели обмен военнопленными по формуле 84 на 84"
    body = rss(item(1, title) + item(2, "Состоялся второй этап обмена пленными"), encoding="utf-8")
    feed = parse_feed(body.encode("windows-1251"), url="https://ex.com/f", now=NOW)
    assert {e.title for e in feed.entries} == {title, "Состоялся второй этап обмена пленными"}


def test_correctly_declared_windows_1251_feed() -> None:
    body = rss(item(1, "Обмен пленными: домой вернулись военные"), encoding="windows-1251")
    feed = parse_feed(body.encode("windows-1251"), url="https://ex.com/f", now=NOW)
    assert feed.entries[0].title == "Обмен пленными: домой вернулись военные"


def test_windows_1252_feed_keeps_its_accents() -> None:
    body = rss(item(1, "Échange de prisonniers à la frontière ukrainienne"), encoding="windows-1252")
    feed = parse_feed(body.encode("windows-1252"), url="https://ex.com/f", now=NOW)
    assert feed.entries[0].title == "Échange de prisonniers à la frontière ukrainienne"
