"""The /health checks that have operator-set thresholds, and the gauges /metrics derives from the same figures."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from service.metrics import (
    FEED_STATES,
    FEEDS_ENABLED,
    FEEDS_FAILING,
    OLDEST_PENDING_ARTICLE,
    OLDEST_UNDELIVERED,
    PENDING_ARTICLES,
    PENDING_DELIVERIES,
)
from service.settings import Settings
from service.store.health import FeedState, HealthFigures


def grade(value: float, warn: float, fail: float) -> str:
    """pass below `warn`, warn from it, fail from `fail` (a threshold of 0 never trips)."""
    if fail and value >= fail:
        return "fail"
    if warn and value >= warn:
        return "warn"
    return "pass"


def _age(since: datetime | None, now: datetime) -> float:
    return max(0.0, (now - since).total_seconds()) if since else 0.0


def _stamp(at: datetime | None) -> float:
    return at.timestamp() if at else 0.0


def _entry(status: str, value: Any, now: datetime, unit: str | None = None, **extra: Any) -> list[dict[str, Any]]:
    entry = {"status": status, "observedValue": value, "time": now.isoformat(), **extra}
    if unit:
        entry["observedUnit"] = unit
    return [entry]


def threshold_checks(figures: HealthFigures, settings: Settings, now: datetime) -> dict[str, list[dict[str, Any]]]:
    """Failing feeds (a share of the enabled ones), the oldest waiting article and the delivery lag."""
    s = settings
    share = figures.feeds_failing / figures.feeds_enabled if figures.feeds_enabled else 0.0
    article_age = _age(figures.oldest_pending_article_at, now)
    lag = _age(figures.oldest_undelivered_at, now)
    return {
        "feeds:failing": _entry(
            grade(share, s.health_failing_feeds_warn, s.health_failing_feeds_fail),
            figures.feeds_failing,
            now,
            output=f"{figures.feeds_failing} of {figures.feeds_enabled} enabled feeds failing ({share:.0%});"
            f" warn at {s.health_failing_feeds_warn:.0%}, fail at {s.health_failing_feeds_fail:.0%}",
        ),
        "articles:oldestPending": _entry(
            grade(article_age, s.health_pending_article_warn_seconds, s.health_pending_article_fail_seconds),
            round(article_age, 1),
            now,
            "s",
            output=f"{figures.articles_pending} articles waiting",
        ),
        "webhooks:deliveryLag": _entry(
            grade(lag, s.health_delivery_lag_warn_seconds, s.health_delivery_lag_fail_seconds),
            round(lag, 1),
            now,
            "s",
            output="age of the oldest message owed to an enabled endpoint",
        ),
    }


def update_gauges(figures: HealthFigures, feeds: list[FeedState] | None, now: datetime) -> None:
    """Set the gauges from one read of the figures (and the per-feed states, when read)."""
    PENDING_DELIVERIES.set(figures.deliveries_pending)
    FEEDS_ENABLED.set(figures.feeds_enabled)
    FEEDS_FAILING.set(figures.feeds_failing)
    PENDING_ARTICLES.set(figures.articles_pending)
    OLDEST_PENDING_ARTICLE.set(_age(figures.oldest_pending_article_at, now))
    OLDEST_UNDELIVERED.set(_age(figures.oldest_undelivered_at, now))
    if feeds is not None:
        FEED_STATES.update([(str(f.id), f.kind, f.enabled, f.error_count, _stamp(f.last_success_at)) for f in feeds])
