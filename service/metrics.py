"""Prometheus metrics (prefix exchangewatch_); labels are low-cardinality codes, never ids or URLs."""

from __future__ import annotations

from collections.abc import Iterator

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client.core import GaugeMetricFamily, Metric

REGISTRY = CollectorRegistry(auto_describe=True)

FEED_POLLS = Counter(
    "exchangewatch_feed_polls_total",
    "Feed polls by outcome (ok, not_modified, or an error kind).",
    ["outcome"],
    registry=REGISTRY,
)
POLL_DURATION = Histogram(
    "exchangewatch_feed_poll_duration_seconds",
    "Time to fetch and parse one feed.",
    registry=REGISTRY,
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
ARTICLES_INGESTED = Counter("exchangewatch_articles_ingested_total", "New articles stored.", registry=REGISTRY)
EXTRACTION_FAILURES = Counter(
    "exchangewatch_extraction_failures_total",
    "Article pages that gave no text, by reason.",
    ["reason"],
    registry=REGISTRY,
)
REPORTS_DETECTED = Counter(
    "exchangewatch_reports_detected_total",
    "Relevant reports detected, by primary event kind.",
    ["kind"],
    registry=REGISTRY,
)
EVENTS_CREATED = Counter("exchangewatch_events_created_total", "Events created, by kind.", ["kind"], registry=REGISTRY)
ALERTS = Counter("exchangewatch_alerts_total", "Alerts emitted, by type.", ["type"], registry=REGISTRY)
WEBHOOK_ATTEMPTS = Counter(
    "exchangewatch_webhook_attempts_total",
    "Webhook delivery attempts by outcome.",
    ["outcome"],
    registry=REGISTRY,
)
DELIVERY_LAG = Histogram(
    "exchangewatch_delivery_lag_seconds",
    "Alert created to first 2xx from the subscriber.",
    registry=REGISTRY,
    buckets=(0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 1800, 7200, 86400),
)
PENDING_DELIVERIES = Gauge(
    "exchangewatch_pending_deliveries", "Webhook messages waiting to be delivered.", registry=REGISTRY
)
API_REQUESTS = Counter(
    "exchangewatch_api_requests_total",
    "API requests by route template and status code.",
    ["route", "method", "status"],
    registry=REGISTRY,
)
FEEDS_FAILING = Gauge(
    "exchangewatch_feeds_failing",
    "Enabled feeds whose last poll failed (an error since their last success).",
    registry=REGISTRY,
)
FEEDS_ENABLED = Gauge("exchangewatch_feeds_enabled", "Feeds being polled.", registry=REGISTRY)
PENDING_ARTICLES = Gauge(
    "exchangewatch_pending_articles", "Articles waiting to be fetched, extracted or processed.", registry=REGISTRY
)
OLDEST_PENDING_ARTICLE = Gauge(
    "exchangewatch_oldest_pending_article_age_seconds",
    "Age of the oldest article still waiting to be processed (0 when none waits).",
    registry=REGISTRY,
)
OLDEST_UNDELIVERED = Gauge(
    "exchangewatch_oldest_undelivered_message_age_seconds",
    "Age of the oldest webhook message still owed to an enabled endpoint (0 when none).",
    registry=REGISTRY,
)


class FeedStateCollector:
    """Per-feed gauges from the latest snapshot, so a removed feed's series disappears with it.

    One series per feed id (bounded by the operator's feed list), never per URL.
    """

    def __init__(self) -> None:
        self._rows: list[tuple[str, str, bool, int, float]] = []  # id, kind, enabled, error streak, last success

    def update(self, rows: list[tuple[str, str, bool, int, float]]) -> None:
        self._rows = rows

    def describe(self) -> list[Metric]:
        return []  # no fixed families: the registry must not call collect() at registration

    def collect(self) -> list[Metric]:
        up = GaugeMetricFamily(
            "exchangewatch_feed_up",
            "1 when the feed's last poll succeeded, 0 when it failed; disabled feeds are left out.",
            labels=["feed_id", "kind"],
        )
        errors = GaugeMetricFamily(
            "exchangewatch_feed_consecutive_errors", "Failed polls since the feed's last success.", labels=["feed_id"]
        )
        success = GaugeMetricFamily(
            "exchangewatch_feed_last_success_timestamp_seconds",
            "Unix time of the feed's last successful poll (0: never).",
            labels=["feed_id"],
        )
        for feed_id, kind, enabled, error_count, last_success in self._rows:
            if not enabled:
                continue
            up.add_metric([feed_id, kind], 0.0 if error_count else 1.0)
            errors.add_metric([feed_id], float(error_count))
            success.add_metric([feed_id], last_success)
        return [up, errors, success]


FEED_STATES = FeedStateCollector()
REGISTRY.register(FEED_STATES)


# --- a worker's polling child counts; its parent serves /metrics (service/worker/supervisor.py) -------------

FORWARDED_TYPES = ("counter", "histogram")
_NOT_FORWARDED = ("exchangewatch_api_requests",)  # the parent's own server counts its requests


def counted_samples(registry: CollectorRegistry = REGISTRY) -> list[tuple[str, dict[str, str], float]]:
    """This process's counter and histogram samples (name, labels, cumulative value), read through the
    registry's public collect(); the `_created` timestamps are left out (they are not counts)."""
    return [
        (sample.name, dict(sample.labels), sample.value)
        for family in registry.collect()
        if family.type in FORWARDED_TYPES and family.name not in _NOT_FORWARDED
        for sample in family.samples
        if not sample.name.endswith("_created")
    ]


SampleKey = tuple[str, tuple[tuple[str, str], ...]]


class ChildCounts:
    """What the polling children counted, kept by the parent: children that ended, and the live one's last
    report. Counts are cumulative within a child and start at zero in each new one."""

    def __init__(self) -> None:
        self._ended: dict[SampleKey, float] = {}
        self._live: dict[SampleKey, float] = {}
        self._labels: dict[SampleKey, dict[str, str]] = {}

    def report(self, samples: list[tuple[str, dict[str, str], float]]) -> None:
        """The live child's counts so far (its whole report: cumulative values, not increments)."""
        live = {}
        for name, labels, value in samples:
            key = (name, tuple(sorted(labels.items())))
            self._labels.setdefault(key, dict(labels))
            live[key] = float(value)
        self._live = live

    def child_ended(self) -> None:
        """The live child is gone: its last report stays in the totals."""
        for key, value in self._live.items():
            self._ended[key] = self._ended.get(key, 0.0) + value
        self._live = {}

    def totals(self) -> dict[SampleKey, float]:
        out = dict(self._ended)
        for key, value in self._live.items():
            out[key] = out.get(key, 0.0) + value
        return out

    def labels(self, key: SampleKey) -> dict[str, str]:
        return self._labels[key]


class WithChildCounts:
    """A registry view for `generate_latest`: this process's metrics with the children's counts added to the
    counters and histograms of the same name (series only a child had are added as they were)."""

    def __init__(self, counts: ChildCounts, registry: CollectorRegistry = REGISTRY) -> None:
        self.counts = counts
        self.registry = registry

    def collect(self) -> Iterator[Metric]:
        extra = self.counts.totals()
        for family in self.registry.collect():
            if family.type not in FORWARDED_TYPES or family.name in _NOT_FORWARDED or not extra:
                yield family
                continue
            merged = Metric(family.name, family.documentation, family.type, family.unit)
            for sample in family.samples:
                key = (sample.name, tuple(sorted(sample.labels.items())))
                merged.add_sample(sample.name, sample.labels, sample.value + extra.pop(key, 0.0))
            mine = {family.name + suffix for suffix in ("_total", "_bucket", "_count", "_sum")}
            for key in [k for k in extra if k[0] in mine]:  # series this process has not counted
                merged.add_sample(key[0], self.counts.labels(key), extra.pop(key))
            yield merged
