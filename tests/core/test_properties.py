"""Property tests (hypothesis): URL canonicalisation, number and date parsing, feed-entry dedup keys."""

from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import parse_qsl, urlsplit

from hypothesis import example, given, settings
from hypothesis import strategies as st

from scrapers.feeds import FeedEntry
from scrapers.urls import TRACKING_PARAMS, canonicalize_url, entry_dedup_keys
from service.core.detection.dates import DateMention, resolve
from service.core.detection.numbers import parse_number

FAST = settings(max_examples=150, deadline=None)
_word = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=12)
_label = st.from_regex(r"[a-z][a-z0-9]{0,10}", fullmatch=True)
hosts = st.builds(
    lambda parts, tld: ".".join([*parts, tld]),
    st.lists(_label, min_size=1, max_size=3),
    st.sampled_from(["org", "com", "ua"]),
)
paths = st.lists(
    st.text(alphabet=st.characters(codec="utf-8", exclude_characters="/?#%\x00"), min_size=1, max_size=10), max_size=4
)
param_names = _label.filter(lambda n: n not in TRACKING_PARAMS and not n.startswith(("utm", "at", "pk", "mtm", "hsa")))
params = st.lists(st.tuples(param_names, _word), max_size=4, unique_by=lambda kv: kv[0])
tracking = st.lists(
    st.tuples(
        st.sampled_from(["utm_source", "utm_medium", "utm_campaign", "fbclid", "gclid", "maca", "at_medium"]), _word
    ),
    min_size=1,
    max_size=3,
)


def build(scheme: str, host: str, path: list[str], query: list[tuple[str, str]], fragment: str = "") -> str:
    from urllib.parse import quote

    url = f"{scheme}://{host}/" + "/".join(quote(p, safe="") for p in path)
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query)
    return url + (f"#{fragment}" if fragment else "")


urls = st.builds(build, st.sampled_from(["http", "https"]), hosts, paths, params, _word | st.just(""))


@FAST
@given(urls)
def test_canonicalisation_is_idempotent(url: str) -> None:
    once = canonicalize_url(url)
    assert canonicalize_url(once) == once


@FAST
@given(st.sampled_from(["http", "https"]), hosts, paths, params, tracking, st.randoms(use_true_random=False))
def test_tracking_parameters_are_dropped_and_meaning_kept(
    scheme: str, host: str, path: list[str], query: list[tuple[str, str]], noise: list[tuple[str, str]], rnd: object
) -> None:
    clean = canonicalize_url(build(scheme, host, path, query))
    mixed = query + noise
    rnd.shuffle(mixed)  # type: ignore[attr-defined]
    assert canonicalize_url(build(scheme, host.upper(), path, mixed, "frag")) == clean
    kept = urlsplit(clean)
    assert dict(parse_qsl(kept.query, keep_blank_values=True)) == dict(query)  # every real parameter survives
    assert kept.hostname == host and kept.scheme == scheme and kept.fragment == ""
    assert not any(name in kept.query for name, _ in noise if f"{name}=" not in build(scheme, host, path, query))


@FAST
@given(urls, urls)
def test_different_documents_stay_different(a: str, b: str) -> None:
    """Canonicalisation merges spellings, never documents: different paths or parameters stay apart."""
    ca, cb = canonicalize_url(a), canonicalize_url(b)
    sa, sb = urlsplit(ca), urlsplit(cb)
    if (sa.hostname, sa.path, sorted(parse_qsl(sa.query))) != (sb.hostname, sb.path, sorted(parse_qsl(sb.query))):
        assert ca != cb


def entry(url: str, guid: str | None = None, content_id: str | None = None) -> FeedEntry:
    return FeedEntry(guid, url, "t", "s", None, None, None, content_id)


@FAST
@given(urls, tracking, st.none() | _word, st.none() | st.from_regex(r"[0-9]{6,9}", fullmatch=True))
def test_dedup_keys_ignore_tracking_and_scope_bare_guids(
    url: str, noise: list[tuple[str, str]], guid: str | None, content_id: str | None
) -> None:
    sep = "&" if "?" in url.split("#")[0] else "?"
    base = url.split("#")[0]
    noisy = base + sep + "&".join(f"{k}={v}" for k, v in noise)
    keys = entry_dedup_keys(entry(base, guid, content_id))
    assert keys == entry_dedup_keys(entry(noisy, guid, content_id))  # deterministic and tracking-blind
    assert keys[0] == f"url:{canonicalize_url(base)}" and len(set(keys)) == len(keys)
    if guid:
        other_host = entry("https://elsewhere.example/x", guid, None)
        # The same bare GUID from another publisher is another article.
        assert not set(k for k in keys if k.startswith("guid:")) & set(entry_dedup_keys(other_host))


@FAST
@given(st.integers(min_value=0, max_value=9_999_999))
def test_numbers_in_digits_and_with_separators(n: int) -> None:
    assert parse_number(str(n)) == n
    assert parse_number(f"{n:,}") == n
    if n >= 1000:
        spaced = f"{n:,}".replace(",", " ")
        # two equal three-digit groups are two counts ("390 390-ზე", 390 for 390), never one number here
        twice = len(spaced) == 7 and spaced[:3] == spaced[4:]
        assert parse_number(spaced) == (None if twice else n)


@FAST
@given(st.text(max_size=40))
@example("²").via("footnote markers and km² in article text: isdigit() is true, int() fails")
def test_number_parser_never_crashes(text: str) -> None:
    value = parse_number(text)
    assert value is None or value >= 0


anchors = st.dates(min_value=date(2022, 3, 1), max_value=date(2030, 12, 31))


@FAST
@given(anchors, st.integers(1, 12), st.integers(1, 28))
def test_day_month_resolves_near_the_anchor(anchor: date, month: int, day: int) -> None:
    resolved, precision = resolve(DateMention(0, 2, month=month, day=day), anchor)
    assert precision == "day" and resolved is not None
    assert (resolved.month, resolved.day) == (month, day)
    assert abs((resolved - anchor).days) <= 366


@FAST
@given(anchors, st.integers(1, 7))
def test_weekday_resolves_to_the_last_such_day(anchor: date, weekday: int) -> None:
    resolved, precision = resolve(DateMention(0, 1, weekday=weekday), anchor)
    assert precision == "day" and resolved is not None
    assert resolved.isoweekday() == weekday and timedelta(0) <= anchor - resolved <= timedelta(days=6)


@FAST
@given(anchors, st.integers(-3, 1))
def test_relative_days_and_no_anchor(anchor: date, offset: int) -> None:
    assert resolve(DateMention(0, 1, offset=offset), anchor) == (anchor + timedelta(days=offset), "day")
    assert resolve(DateMention(0, 1, offset=offset), None) == (None, "unknown")
