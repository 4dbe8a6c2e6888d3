"""The one Settings object; nothing else in the service reads the environment."""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEFAULT_USER_AGENT = "exchangewatch/0.1 (+https://github.com/exchangewatch/exchangewatch; news monitor)"


class Settings(BaseSettings):
    """All configuration, from `EXCHANGEWATCH_*` environment variables (or a `.env` file)."""

    model_config = SettingsConfigDict(
        env_prefix="EXCHANGEWATCH_", env_file=".env", extra="ignore", use_attribute_docstrings=True
    )

    database_url: str = "sqlite+aiosqlite:///./exchangewatch.db"
    """SQLite file (WAL) or postgresql+psycopg://user:pass@host/db."""
    admin_token: SecretStr | None = None
    """Bearer token for write endpoints; unset disables them (403)."""
    feeds_file: Path | None = None
    """OPML file that replaces the built-in feed list (feeds not in it are removed at start)."""
    host: str = "127.0.0.1"
    """Address the API listens on."""
    port: int = Field(default=8000, ge=1, le=65535)
    """Port the API listens on."""
    log_format: Literal["text", "json"] = "text"
    """text, or json for one JSON object per line."""
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "INFO"
    """DEBUG, INFO, WARNING or ERROR."""
    migrate_on_start: bool = True
    """Apply database migrations at start (turn off when a migration job runs first)."""
    database_wait_seconds: float = Field(default=60.0, ge=0.0)
    """At start, wait this long for an unreachable database (one line per try), then exit with code 5."""

    # Polling
    poll_interval_seconds: float = Field(default=600.0, ge=1.0)
    """Default per-feed poll interval."""
    telegram_poll_interval_seconds: float = Field(default=120.0, ge=1.0)
    """Poll interval for Telegram channel previews."""
    gdelt_min_interval_seconds: float = Field(default=900.0, ge=1.0)
    """GDELT is never polled more often than this."""
    max_poll_interval_seconds: float = Field(default=6 * 3600.0, ge=1.0)
    """Ceiling for intervals a feed asks for (Cache-Control, Expires, <ttl>)."""
    error_backoff_ceiling_seconds: float = Field(default=6 * 3600.0, ge=1.0)
    """Exponential backoff after errors stops growing here; retries never stop."""
    poll_jitter: float = Field(default=0.1, ge=0.0, le=0.5)
    """± fraction of jitter on every interval."""
    scheduler_tick_seconds: float = Field(default=1.0, gt=0.0)
    """How often due feeds are claimed."""
    worker_idle_exit_seconds: float = Field(default=60.0, ge=0.0)
    """`exchangewatch worker` polls in a child process that exits after this long without work; the parent
    (scheduler and probes) starts it again when feeds, pages or webhooks are due. 0: all in one process."""
    feeds_per_tick: int = Field(default=50, ge=1)
    """How many due feeds one tick claims."""
    lease_seconds: float = Field(default=300.0, ge=5.0)
    """How long a claimed feed or article stays with its worker."""

    # HTTP
    user_agent: str = DEFAULT_USER_AGENT
    """Sent with every request."""
    connect_timeout_seconds: float = 5.0
    """Connect timeout per request."""
    read_timeout_seconds: float = 15.0
    """Read timeout per request."""
    total_timeout_seconds: float = 30.0
    """Hard deadline per request, even for trickling servers."""
    max_feed_bytes: int = 10_000_000
    """Feed response cap (decompressed)."""
    max_page_bytes: int = 5_000_000
    """Article page response cap (decompressed)."""
    per_host_concurrency: int = Field(default=2, ge=1)
    """Requests at once to one host."""
    fetch_concurrency: int = Field(default=16, ge=1)
    """Requests at once overall."""
    respect_robots: bool = True
    """Honour robots.txt when fetching article pages."""
    fetch_allow_private: bool = True  # feed URLs are configured by the operator; webhooks are not
    """Allow feeds on private addresses (feeds are chosen by the operator)."""
    # Article pages are chosen by feed publishers: a non-public address is fetched only on the feed's own
    # origin (scheme, host, port) unless this is true.
    page_allow_private: bool = False
    """Allow article pages on private addresses other than the feed's own origin."""
    page_retry_seconds: float = Field(default=120.0, ge=0.0)
    """A page that failed transiently is retried after this many seconds times the attempts so far; its
    article is detected on the feed summary at once and upgraded when the page text arrives."""
    extract_processes: int = Field(default=0, ge=0)  # 0: auto; 1: in-process
    """Text-extraction processes (0: one per core; in-process for poll --once unless PAGE_POLICY=all; 1: in-process)."""
    # Which article pages are fetched and extracted. candidates: every page is fetched, but only those
    # whose feed title+summary or visible page text pass the prefilter are extracted; the rest keep the
    # feed summary as their text. all: every page extracted. none: no page fetched (summary only; the
    # prefilter keeps only ~90 % of relevant items on title + first paragraph, see README).
    page_policy: Literal["all", "candidates", "none"] = "candidates"
    """Which article pages are extracted: all, candidates (could be about an exchange), or none (feed summary)."""

    # Events and alerts
    alert_max_age_days: int = Field(default=7, ge=0)
    """An event first seen when already older than this is stored but not alerted."""
    confidence_threshold: float = Field(default=0.6, ge=0.0, le=1.0)
    """Crossing it raises an event.updated alert."""
    max_candidates: int = Field(default=500, ge=1)  # events a report is compared with, most recently seen first
    """Events a report is compared with, most recently seen first."""

    # Webhooks and notifications
    public_url: str = ""
    """Where people reach this service (e.g. https://watch.example.org): notification links start with it."""
    webhook_allow_private: bool = False
    """Allow webhook URLs and notification hosts on loopback/private addresses (tests, local demos)."""
    webhook_allow_http: bool = False
    """Allow http:// webhook URLs and notification channels without TLS (json://, mailto:// without TLS)."""
    delivery_tick_seconds: float = Field(default=1.0, gt=0.0)
    """How often due webhook messages are claimed."""
    delivery_concurrency_per_endpoint: int = Field(default=4, ge=1)
    """Webhook sends at once to one endpoint."""
    delivery_batch: int = Field(default=1000, ge=1)  # at 4 per endpoint: 250 endpoints served per tick
    """Webhook messages claimed per tick."""
    delivery_lease_seconds: float = Field(default=60.0, ge=1.0)  # covers the 15 s send plus bookkeeping
    """A claimed webhook message is re-sent (same webhook-id) if its worker dies and this passes."""
    endpoint_disable_after_days: float = 5.0
    """An endpoint with no success for this long is disabled with a reason."""

    # API
    rate_limit_per_minute: int = Field(default=600, ge=1)
    """Requests per minute per client address (429 + Retry-After)."""
    max_request_bytes: int = Field(default=64_000, ge=1024)
    """Request body cap (413)."""
    idempotency_key_hours: float = Field(default=24.0, gt=0)
    """How long a POST's Idempotency-Key and its first response are kept for replay."""
    trusted_proxies: str = ""
    """Comma-separated addresses of reverse proxies whose X-Forwarded-For is believed (default: none)."""
    http_max_header_bytes: int = Field(default=16_384, ge=1024)
    """Request line and headers cap (431 and the connection closed)."""
    http_header_timeout_seconds: float = Field(default=10.0, gt=0.0)
    """A request's headers must arrive within this from its first byte (slow clients are disconnected)."""
    http_keepalive_timeout_seconds: float = Field(default=5.0, gt=0.0)
    """An idle keep-alive connection is closed after this."""
    http_max_connections: int = Field(default=1000, ge=1)
    """Concurrent connections the server accepts; beyond it new ones are closed at once."""
    probe_cache_seconds: float = Field(default=1.5, ge=0.0)
    """/health and /metrics reuse their database figures this long (a probe flood costs one query set)."""
    max_subscriptions: int = Field(default=1000, ge=1)
    """Webhook endpoints and notification channels the service holds, together (409 beyond it)."""

    # Retention (0 keeps forever)
    retention_article_text_days: int = Field(default=180, ge=0)
    """Clear article text older than this (0 keeps)."""
    retention_delivery_log_days: int = Field(default=30, ge=0)
    """Delete delivery attempts and finished webhook messages older than this (0 keeps)."""

    # Operators: /health thresholds (a share of enabled feeds, or the age of the oldest waiting item)
    health_failing_feeds_warn: float = Field(default=0.25, ge=0.0, le=1.0)
    """/health warns when at least this share of enabled feeds is failing."""
    health_failing_feeds_fail: float = Field(default=0.75, ge=0.0, le=1.0)
    """/health fails (503) when at least this share of enabled feeds is failing."""
    health_delivery_lag_warn_seconds: float = Field(default=300.0, ge=0.0)
    """/health warns when the oldest undelivered webhook message is older than this."""
    health_delivery_lag_fail_seconds: float = Field(default=3600.0, ge=0.0)
    """/health fails when the oldest undelivered webhook message is older than this."""
    health_pending_article_warn_seconds: float = Field(default=900.0, ge=0.0)
    """/health warns when the oldest article still waiting for processing is older than this."""
    health_pending_article_fail_seconds: float = Field(default=3600.0, ge=0.0)
    """/health fails when the oldest article still waiting for processing is older than this."""
    access_log: bool = False
    """Log one line per HTTP request (method, path, status, milliseconds, client)."""

    # Browsers
    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    """Origins allowed to read the API and the stream from a browser, comma-separated (* for any)."""

    @field_validator("database_url")
    @classmethod
    def _async_driver(cls, value: str) -> str:
        """Accept the plain URLs people paste and pick the async driver we ship."""
        if value.startswith("sqlite:///"):
            return "sqlite+aiosqlite:///" + value.removeprefix("sqlite:///")
        for prefix in ("postgresql://", "postgres://"):
            if value.startswith(prefix):
                return "postgresql+psycopg://" + value.removeprefix(prefix)
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, value: object) -> object:
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _comma_list(cls, value: object) -> object:
        """`https://a.example,https://b.example` as well as a JSON list."""
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                return json.loads(text)
            return [part.strip().rstrip("/") for part in text.split(",") if part.strip()]
        return value

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    def admin_token_value(self) -> str | None:
        return self.admin_token.get_secret_value() if self.admin_token else None


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Settings read once per process (tests construct Settings directly instead)."""
    return Settings()


def cpu_count() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
