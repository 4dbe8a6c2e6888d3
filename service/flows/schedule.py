"""When to poll a feed next: pure functions of the feed, the response and the settings."""

from __future__ import annotations

import random
from collections.abc import Mapping
from datetime import datetime, timedelta

from scrapers.freshness import backoff_delay, freshness_seconds, next_poll_delay
from service.models import Feed
from service.settings import Settings

MIN_RETRY_SECONDS = 1.0


def base_interval(feed: Feed, settings: Settings) -> float:
    """The feed's own interval, else its kind's default; GDELT asks for no more than one poll per 15 min."""
    if feed.poll_interval_seconds:
        interval = feed.poll_interval_seconds
    elif feed.kind == "telegram":
        interval = settings.telegram_poll_interval_seconds
    else:
        interval = settings.poll_interval_seconds
    if feed.kind == "gdelt":
        interval = max(interval, settings.gdelt_min_interval_seconds)
    return interval


def after_success(
    feed: Feed,
    headers: Mapping[str, str],
    ttl_minutes: int | None,
    now: datetime,
    settings: Settings,
    rng: random.Random,
) -> datetime:
    """Next check after a 200 or 304: our interval, or later if Cache-Control/Expires/<ttl> ask for it."""
    interval = base_interval(feed, settings)
    delay = next_poll_delay(
        default=interval,
        freshness=freshness_seconds(headers, now),
        ttl_minutes=ttl_minutes,
        minimum=min(interval, MIN_RETRY_SECONDS),
        maximum=max(interval, settings.max_poll_interval_seconds),
        jitter=settings.poll_jitter,
        rng=rng,
    )
    return now + timedelta(seconds=delay)


def after_failure(
    feed: Feed,
    error_count: int,
    retry_after: float | None,
    now: datetime,
    settings: Settings,
    rng: random.Random,
) -> datetime:
    """Exponential backoff from the feed's interval up to the ceiling; never 'stop forever'."""
    interval = base_interval(feed, settings)
    ceiling = max(interval, settings.error_backoff_ceiling_seconds)
    if feed.kind == "gdelt":
        retry_after = max(retry_after or 0.0, settings.gdelt_min_interval_seconds)
    delay = backoff_delay(error_count, base=interval, ceiling=ceiling, rng=rng, retry_after=retry_after)
    return now + timedelta(seconds=max(delay, MIN_RETRY_SECONDS))
