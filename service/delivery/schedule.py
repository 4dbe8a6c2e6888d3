"""The retry schedule (pure): about 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h, with jitter."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime

# Delay after the n-th failed attempt (n = 1..9); the first attempt is immediate. After the last
# retry fails the message is dead: ~3.1 days from the first attempt, inside the 5-day disable window.
RETRY_DELAYS: tuple[float, ...] = (5, 300, 1800, 7200, 18000, 36000, 50400, 72000, 86400)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1
JITTER = 0.1  # ±10 %, so endpoints that failed together do not all retry in the same second
MAX_RETRY_AFTER = 86400.0
MIN_RETRY_AFTER = 1.0


def retry_delay(
    attempts: int,
    *,
    retry_after: float | None = None,
    rand: Callable[[float, float], float] = random.uniform,
) -> float | None:
    """Seconds to wait after `attempts` failed attempts, or None when the message is dead.

    A Retry-After (429/503) replaces the scheduled delay, clamped to [1 s, 24 h]; it still counts as
    an attempt, so a server that keeps asking cannot keep a message alive for ever.
    """
    if attempts < 1 or attempts >= MAX_ATTEMPTS:
        return None
    if retry_after is not None:
        return min(max(retry_after, MIN_RETRY_AFTER), MAX_RETRY_AFTER)
    base = RETRY_DELAYS[attempts - 1]
    return base * rand(1 - JITTER, 1 + JITTER)


def next_attempt_at(
    now: datetime,
    attempts: int,
    *,
    retry_after: float | None = None,
    rand: Callable[[float, float], float] = random.uniform,
) -> datetime | None:
    """When to try again after `attempts` failures, or None when retries are exhausted."""
    delay = retry_delay(attempts, retry_after=retry_after, rand=rand)
    return None if delay is None else now + timedelta(seconds=delay)


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date); None when absent or garbled."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)

    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, (when - now).total_seconds())
