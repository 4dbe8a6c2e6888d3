"""Prometheus metrics (prefix exchangewatch_); labels are low-cardinality codes, never ids or URLs."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

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
