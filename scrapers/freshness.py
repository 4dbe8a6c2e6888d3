"""How long to wait before asking a server again: Retry-After, cache freshness, poll and backoff delays.

Pure functions: the clock (``now``) and randomness (``rng``) are arguments, so tests are deterministic.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

# A Retry-After or max-age of "ten years" is a misconfiguration, not a wish; clamp to something finite.
MAX_HINT_SECONDS = 30 * 24 * 3600.0

_DIGITS = re.compile(r"\d{1,12}")
_DIRECTIVE = re.compile(r"""\s*([A-Za-z][\w-]*)\s*(?:=\s*("?)([^",]*)\2)?\s*""")


def _aware(value: datetime) -> datetime:
    # HTTP dates are always GMT; asctime-format dates parse as naive, so naive means UTC here.
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def parse_http_date(value: str | None) -> datetime | None:
    """Parse an HTTP-date (IMF-fixdate, RFC 850 or asctime) into an aware datetime, or None."""
    if not value:
        return None
    try:
        return _aware(parsedate_to_datetime(value.strip()))
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a Retry-After value (delta-seconds or HTTP-date); never negative."""
    if value is None:
        return None
    text = value.strip()
    if _DIGITS.fullmatch(text):
        return min(float(text), MAX_HINT_SECONDS)
    when = parse_http_date(text)
    if when is None:
        return None
    seconds = (when - _aware(now)).total_seconds()
    return min(max(seconds, 0.0), MAX_HINT_SECONDS)


def _cache_directives(value: str) -> dict[str, str]:
    directives: dict[str, str] = {}
    for part in value.split(","):
        match = _DIRECTIVE.fullmatch(part)
        if match:
            directives[match.group(1).lower()] = match.group(3) or ""
    return directives


def _lower(headers: Mapping[str, str]) -> dict[str, str]:
    return {name.lower(): value for name, value in headers.items()}


def freshness_seconds(headers: Mapping[str, str], now: datetime) -> float | None:
    """Remaining freshness the server granted (Cache-Control, then Expires), or None if it said nothing."""
    lowered = _lower(headers)
    directives = _cache_directives(lowered.get("cache-control", ""))
    if "no-cache" in directives or "no-store" in directives:
        return 0.0
    age = _seconds(lowered.get("age")) or 0.0
    for name in ("max-age", "s-maxage"):
        lifetime = _seconds(directives.get(name))
        if lifetime is not None:
            return min(max(lifetime - age, 0.0), MAX_HINT_SECONDS)
    if "expires" not in lowered:
        return None
    expires = parse_http_date(lowered["expires"])
    if expires is None:
        return 0.0  # RFC 9111: an invalid Expires (e.g. "0") means "already expired".
    date = parse_http_date(lowered.get("date")) or _aware(now)
    return min(max((expires - date).total_seconds(), 0.0), MAX_HINT_SECONDS)


def _seconds(value: str | None) -> float | None:
    if value is None or not _DIGITS.fullmatch(value.strip()):
        return None
    return float(value.strip())


def _clamp(value: float, low: float, high: float) -> float:
    return min(max(value, low), high)


def next_poll_delay(
    *,
    default: float,
    freshness: float | None,
    ttl_minutes: int | None,
    minimum: float,
    maximum: float,
    jitter: float,
    rng: random.Random,
) -> float:
    """Delay before the next poll: the longest of our default and the server's hints, clamped and jittered.

    ``jitter`` is a fraction (0.1 = up to ±10%) so that feeds added together drift apart.
    """
    hints = [default]
    if freshness is not None and math.isfinite(freshness):
        hints.append(freshness)
    if ttl_minutes is not None and ttl_minutes > 0:
        hints.append(ttl_minutes * 60.0)
    base = _clamp(max(hints), minimum, maximum)
    spread = abs(jitter)
    return _clamp(base * (1.0 + rng.uniform(-spread, spread)), minimum, maximum)


def backoff_delay(
    error_count: int,
    *,
    base: float,
    ceiling: float,
    rng: random.Random,
    retry_after: float | None = None,
) -> float:
    """Exponential backoff after ``error_count`` consecutive failures, jittered, honouring Retry-After.

    The result never exceeds ``ceiling``: a hostile Retry-After cannot park a feed forever.
    """
    exponent = min(max(error_count, 1) - 1, 64)  # 2**64 * base is already beyond any sane ceiling
    capped = min(base * 2.0**exponent, ceiling)
    # "Equal jitter": at least half the delay, so retries stay spread out but still grow.
    delay = capped * rng.uniform(0.5, 1.0)
    if retry_after is not None and math.isfinite(retry_after):
        delay = max(delay, retry_after)
    return _clamp(delay, 0.0, ceiling)
