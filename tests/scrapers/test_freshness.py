"""Retry-After, cache freshness, poll delay and backoff: examples plus hypothesis properties."""

from __future__ import annotations

import math
import random
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scrapers.freshness import (
    MAX_HINT_SECONDS,
    backoff_delay,
    freshness_seconds,
    next_poll_delay,
    parse_retry_after,
)

NOW = datetime(2025, 6, 9, 12, 0, tzinfo=UTC)


def http_date(moment: datetime) -> str:
    return format_datetime(moment, usegmt=True)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("120", 120.0),
        (" 0 ", 0.0),
        (http_date(NOW + timedelta(minutes=5)), 300.0),
        (http_date(NOW - timedelta(minutes=5)), 0.0),  # a date in the past means "now"
        ("Monday, 09-Jun-25 12:01:00 GMT", 60.0),  # RFC 850
        ("Mon Jun  9 12:02:00 2025", 120.0),  # asctime, implicitly GMT
        ("99999999999", MAX_HINT_SECONDS),
        ("-5", None),
        ("1.5", None),
        ("soon", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_retry_after(value: str | None, expected: float | None) -> None:
    assert parse_retry_after(value, NOW) == expected


@given(st.text(max_size=40), st.datetimes(timezones=st.just(UTC)))
def test_parse_retry_after_never_negative_or_infinite(value: str, now: datetime) -> None:
    result = parse_retry_after(value, now)
    assert result is None or (0 <= result <= MAX_HINT_SECONDS and math.isfinite(result))


@given(st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)))
def test_parse_retry_after_dates_round_trip(moment: datetime) -> None:
    moment = moment.replace(microsecond=0)
    result = parse_retry_after(http_date(moment), NOW)
    assert result == min(max((moment - NOW).total_seconds(), 0.0), MAX_HINT_SECONDS)


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"Cache-Control": "public, max-age=600"}, 600.0),
        ({"cache-control": "max-age=600", "age": "100"}, 500.0),
        ({"Cache-Control": "s-maxage=300"}, 300.0),
        ({"Cache-Control": 'max-age="60"'}, 60.0),
        ({"Cache-Control": "no-cache, max-age=600"}, 0.0),
        ({"Cache-Control": "no-store"}, 0.0),
        ({"Expires": http_date(NOW + timedelta(hours=1)), "Date": http_date(NOW)}, 3600.0),
        (
            {"Expires": http_date(NOW + timedelta(hours=1)), "Date": http_date(NOW - timedelta(hours=1))},
            7200.0,
        ),
        ({"Expires": http_date(NOW + timedelta(minutes=10))}, 600.0),  # no Date: measure from now
        ({"Expires": "0"}, 0.0),
        ({"Cache-Control": "max-age=60", "Expires": http_date(NOW + timedelta(days=1))}, 60.0),
        ({"Cache-Control": "public"}, None),
        ({}, None),
    ],
)
def test_freshness_seconds(headers: dict[str, str], expected: float | None) -> None:
    assert freshness_seconds(headers, NOW) == expected


def poll(freshness: float | None = None, ttl: int | None = None, jitter: float = 0.0, seed: int = 1) -> float:
    return next_poll_delay(
        default=900,
        freshness=freshness,
        ttl_minutes=ttl,
        minimum=300,
        maximum=3600,
        jitter=jitter,
        rng=random.Random(seed),
    )


def test_next_poll_delay_takes_longest_hint_within_bounds() -> None:
    assert poll() == 900
    assert poll(freshness=60) == 900  # a short max-age never makes us poll faster than our default
    assert poll(freshness=1800) == 1800
    assert poll(ttl=45) == 2700
    assert poll(freshness=86400) == 3600
    assert poll(freshness=math.inf) == 900


@given(
    st.floats(0, 1e7) | st.none(),
    st.integers(-10, 10_000) | st.none(),
    st.floats(0, 0.5),
    st.integers(0, 2**32),
)
def test_next_poll_delay_stays_in_bounds(freshness: float | None, ttl: int | None, jitter: float, seed: int) -> None:
    assert 300 <= poll(freshness, ttl, jitter, seed) <= 3600


def test_jitter_spreads_feeds() -> None:
    delays = {round(poll(jitter=0.2, seed=seed)) for seed in range(50)}
    assert len(delays) > 10 and min(delays) >= 720 and max(delays) <= 1080


def test_backoff_grows_and_caps() -> None:
    delays = [backoff_delay(n, base=60, ceiling=3600, rng=random.Random(7)) for n in range(1, 12)]
    assert delays[0] <= 60 and delays[-1] <= 3600 and delays[-1] >= 1800
    assert delays == sorted(delays)


def test_backoff_honours_retry_after_up_to_ceiling() -> None:
    assert backoff_delay(1, base=60, ceiling=3600, rng=random.Random(1), retry_after=900) == 900
    assert backoff_delay(1, base=60, ceiling=3600, rng=random.Random(1), retry_after=10**9) == 3600
    assert backoff_delay(1, base=60, ceiling=3600, rng=random.Random(1), retry_after=math.nan) <= 60


@given(
    st.integers(-5, 10_000),
    st.floats(0.1, 1e4),
    st.floats(1, 1e6),
    st.integers(0, 2**32),
    st.floats(0, 1e9) | st.none(),
)
def test_backoff_monotone_capped_finite(
    count: int, base: float, ceiling: float, seed: int, retry_after: float | None
) -> None:
    def delay(n: int) -> float:
        return backoff_delay(n, base=base, ceiling=ceiling, rng=random.Random(seed), retry_after=retry_after)

    assert 0 <= delay(count) <= ceiling and math.isfinite(delay(count))
    assert delay(count + 1) >= delay(count)  # same random draw: more failures never means a shorter wait
    if retry_after is not None:
        assert delay(count) >= min(retry_after, ceiling)
