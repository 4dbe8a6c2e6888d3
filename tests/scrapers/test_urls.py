"""canonicalize_url, content_fingerprint and entry_dedup_keys: examples plus property tests."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scrapers.feeds import FeedEntry
from scrapers.urls import TRACKING_PARAMS, canonicalize_url, content_fingerprint, entry_dedup_keys

DW_IRI = "https://www.dw.com/de/rückführung-tausender-gefallener/a-72839117?maca=de-rss-de-all-1119-rdf"
DW_CANONICAL = "https://www.dw.com/de/r%C3%BCckf%C3%BChrung-tausender-gefallener/a-72839117"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (DW_IRI, DW_CANONICAL),
        ("https://www.dw.com/de/r%c3%bcckf%c3%bchrung-tausender-gefallener/a-72839117", DW_CANONICAL),
        ("https://m.dw.com/de/rückführung-tausender-gefallener/a-72839117/", DW_CANONICAL),
        ("https://amp.dw.com/de/rückführung-tausender-gefallener/a-72839117#comments", DW_CANONICAL),
        ("HTTPS://WWW.Example.COM:443/News/?utm_source=tg&utm_medium=social", "https://www.example.com/News"),
        ("http://example.com:80", "http://example.com/"),
        ("http://example.com:8080/a", "http://example.com:8080/a"),
        ("https://ex.com/a?b=2&a=1&fbclid=IwAR0x&gclid=1", "https://ex.com/a?a=1&b=2"),
        ("https://ex.com/a?id=5&ref=home&ref_src=twsrc&CMP=share_btn_tw", "https://ex.com/a?id=5"),
        ("https://ex.com/a?xtor=RSS-1&at_medium=rss&at_campaign=x&ocid=uxbndlbing", "https://ex.com/a"),
        ("https://ex.com/a?mc_cid=1&mc_eid=2&yclid=3&cmpid=4&taid=5&ito=6&_ga=7", "https://ex.com/a"),
        ("https://ex.com/story?outputType=amp&page=2", "https://ex.com/story?page=2"),
        ("https://ex.com/story/amp/?amp=1", "https://ex.com/story"),
        ("https://www.bbc.com/ukrainian/articles/c0kj.amp", "https://www.bbc.com/ukrainian/articles/c0kj"),
        ("https://ex.com/a/./b/../c", "https://ex.com/a/c"),
        ("https://ex.com/search?q=a+b&q=%41", "https://ex.com/search?q=a%20b&q=A"),
        ("https://ex.com/a%2Fb", "https://ex.com/a%2Fb"),  # an encoded slash is not a path separator
        ("https://xn--80aafkg5c.xn--j1amh/news", "https://xn--80aafkg5c.xn--j1amh/news"),
        ("https://ОБМІН.укр/новини", "https://xn--90awdb6j.xn--j1amh/%D0%BD%D0%BE%D0%B2%D0%B8%D0%BD%D0%B8"),
        ("  https://ex.com/a\n", "https://ex.com/a"),
    ],
)
def test_canonical_examples(url: str, expected: str) -> None:
    assert canonicalize_url(url) == expected


@pytest.mark.parametrize("url", ["mailto:press@example.org", "tg://resolve?domain=x", "not a url", ""])
def test_non_web_urls_pass_through(url: str) -> None:
    assert canonicalize_url(url) == url.strip()


def test_mobile_host_is_only_folded_for_known_sites() -> None:
    assert canonicalize_url("https://m.example.com/a") == "https://m.example.com/a"


segment = st.text(
    # Surrounding whitespace is stripped from a URL on purpose, so segments carry none.
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Z"), exclude_characters="/?#"),
    min_size=1,
    max_size=12,
).filter(lambda s: s not in (".", ".."))
param_name = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=8)
param_value = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"), exclude_characters="&=#+%"),
    max_size=10,
)
hosts = st.sampled_from(["ex.com", "WWW.Example.org", "m.dw.com", "news.example.co.uk:8443", "t.me"])


@st.composite
def urls(draw: st.DrawFn) -> str:
    path = "/".join(draw(st.lists(segment, max_size=4)))
    params = draw(st.lists(st.tuples(param_name, param_value), max_size=5))
    query = "&".join(f"{k}={v}" for k, v in params)
    fragment = draw(st.sampled_from(["", "#top", "#"]))
    scheme = draw(st.sampled_from(["http", "https", "HTTPS"]))
    return f"{scheme}://{draw(hosts)}/{path}" + (f"?{query}" if query else "") + fragment


@given(urls())
def test_canonicalize_is_idempotent(url: str) -> None:
    once = canonicalize_url(url)
    assert canonicalize_url(once) == once
    assert once.isascii()
    assert "#" not in once


@given(
    st.lists(st.tuples(st.sampled_from([*sorted(TRACKING_PARAMS), "utm_source", "utm_x"]), param_value), max_size=4),
    st.lists(st.tuples(st.sampled_from(["id", "page", "q", "lang"]), st.text("abc123", max_size=5)), max_size=4),
)
def test_tracking_params_dropped_other_params_kept(
    tracking: list[tuple[str, str]], kept: list[tuple[str, str]]
) -> None:
    query = "&".join(f"{k}={v}" for k, v in tracking + kept)
    canonical = canonicalize_url(f"https://ex.com/a/b-1.html?{query}")
    parts = urlsplit(canonical)
    assert parts.path == "/a/b-1.html"
    remaining = parse_qsl(parts.query, keep_blank_values=True)
    assert sorted(remaining) == sorted(kept)


@given(st.lists(segment, min_size=1, max_size=4))
def test_path_is_kept(segments: list[str]) -> None:
    iri = "https://ex.com/" + "/".join(segments)
    canonical = canonicalize_url(iri)
    # Same path once percent-decoding is undone, up to the trailing-slash and AMP rules.
    assert canonical.startswith("https://ex.com/")
    assert canonicalize_url(iri + "?utm_source=x#frag") == canonical


def test_fingerprint_ignores_case_punctuation_and_whitespace() -> None:
    a = content_fingerprint("Обмін полоненими!", "Додому повернулися 84 захисники.\n\nСлава Україні")
    b = content_fingerprint("обмін  ПОЛОНЕНИМИ", "Додому повернулися 84 захисники — слава Україні…")
    assert a == b
    assert a != content_fingerprint("Обмін полоненими", "Додому повернулися 85 захисників")
    assert len(a) == 64


def entry(url: str, guid: str | None = None, content_id: str | None = None) -> FeedEntry:
    return FeedEntry(
        guid=guid,
        url=url,
        title="t",
        summary="",
        published=None,
        language=None,
        author=None,
        content_id=content_id,
    )


def test_dedup_keys_for_a_dw_entry() -> None:
    keys = entry_dedup_keys(entry(DW_IRI, guid=DW_IRI, content_id="72839117"))
    assert keys == (f"url:{DW_CANONICAL}", "cid:www.dw.com:72839117")


def test_same_story_via_two_feeds_shares_a_key() -> None:
    rss = entry_dedup_keys(entry(DW_IRI, guid=DW_IRI, content_id="72839117"))
    mobile = entry_dedup_keys(entry("https://m.dw.com/de/x/a-72839117?maca=de-Twitter-sharing", content_id="72839117"))
    assert set(rss) & set(mobile)


def test_bare_guid_is_scoped_by_host() -> None:
    keys = entry_dedup_keys(entry("https://kyivindependent.com/a/", guid="6846f0a1"))
    assert keys == ("url:https://kyivindependent.com/a", "guid:kyivindependent.com:6846f0a1")
    other = entry_dedup_keys(entry("https://other.example/a/", guid="6846f0a1"))
    assert not set(keys) & set(other)


def test_permalink_guid_differing_from_link_adds_a_url_key() -> None:
    keys = entry_dedup_keys(entry("https://ex.com/a?utm_source=rss", guid="https://ex.com/p/123"))
    assert keys == ("url:https://ex.com/a", "url:https://ex.com/p/123")


host_label = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zs"), exclude_characters="/?#@:[]\\%."),
    min_size=1,
    max_size=10,
)


@given(st.lists(host_label, min_size=1, max_size=3), st.text(max_size=30), st.sampled_from(["http", "https"]))
def test_idempotent_for_arbitrary_hosts_and_tails(labels: list[str], tail: str, scheme: str) -> None:
    once = canonicalize_url(f"{scheme}://{'.'.join(labels)}/{tail}")
    assert canonicalize_url(once) == once


@given(st.text())
def test_never_raises_on_arbitrary_text(text: str) -> None:
    once = canonicalize_url(text)
    assert canonicalize_url(once) == once
