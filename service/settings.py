"""The one Settings object; nothing else in the service reads the environment."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_USER_AGENT = "exchangewatch/0.1 (+https://github.com/exchangewatch/exchangewatch; news monitor)"


class Settings(BaseSettings):
    """All configuration, from `EXCHANGEWATCH_*` environment variables (or a `.env` file)."""

    model_config = SettingsConfigDict(env_prefix="EXCHANGEWATCH_", env_file=".env", extra="ignore")

    database_url: str = "sqlite+aiosqlite:///./exchangewatch.db"
    admin_token: SecretStr | None = None
    feeds_file: Path | None = None
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    log_format: Literal["text", "json"] = "text"
    log_level: str = "INFO"
    migrate_on_start: bool = True

    # Polling
    poll_interval_seconds: float = Field(default=600.0, ge=1.0)
    telegram_poll_interval_seconds: float = Field(default=120.0, ge=1.0)
    gdelt_min_interval_seconds: float = Field(default=900.0, ge=1.0)
    max_poll_interval_seconds: float = Field(default=6 * 3600.0, ge=1.0)
    error_backoff_ceiling_seconds: float = Field(default=6 * 3600.0, ge=1.0)
    poll_jitter: float = Field(default=0.1, ge=0.0, le=0.5)
    scheduler_tick_seconds: float = Field(default=1.0, gt=0.0)
    feeds_per_tick: int = Field(default=50, ge=1)
    lease_seconds: float = Field(default=300.0, ge=5.0)

    # HTTP
    user_agent: str = DEFAULT_USER_AGENT
    connect_timeout_seconds: float = 5.0
    read_timeout_seconds: float = 15.0
    total_timeout_seconds: float = 30.0
    max_feed_bytes: int = 10_000_000
    max_page_bytes: int = 5_000_000
    per_host_concurrency: int = Field(default=2, ge=1)
    fetch_concurrency: int = Field(default=16, ge=1)
    respect_robots: bool = True
    fetch_allow_private: bool = True  # feed URLs are configured by the operator; webhooks are not
    # Article pages are chosen by feed publishers: a non-public address is fetched only on the feed's own
    # origin (scheme, host, port) unless this is true.
    page_allow_private: bool = False
    extract_processes: int = Field(default=0, ge=0)  # 0: one per CPU core; 1: in-process
    # Which article pages are fetched and extracted. candidates: every page is fetched, but only those
    # whose feed title+summary or visible page text pass the prefilter are extracted; the rest keep the
    # feed summary as their text. all: every page extracted. none: no page fetched (summary only; the
    # prefilter keeps only ~90 % of relevant items on title + first paragraph, see README).
    page_policy: Literal["all", "candidates", "none"] = "candidates"

    # Events and alerts
    alert_max_age_days: int = Field(default=7, ge=0)
    confidence_threshold: float = Field(default=0.6, ge=0.0, le=1.0)
    max_candidates: int = Field(default=500, ge=1)  # events a report is compared with, most recently seen first

    # Webhooks
    webhook_allow_private: bool = False
    webhook_allow_http: bool = False
    delivery_tick_seconds: float = Field(default=1.0, gt=0.0)
    delivery_concurrency_per_endpoint: int = Field(default=4, ge=1)
    delivery_batch: int = Field(default=1000, ge=1)  # at 4 per endpoint: 250 endpoints served per tick
    delivery_lease_seconds: float = Field(default=60.0, ge=1.0)  # covers the 15 s send plus bookkeeping
    endpoint_disable_after_days: float = 5.0

    # API
    rate_limit_per_minute: int = Field(default=600, ge=1)
    max_request_bytes: int = Field(default=64_000, ge=1024)

    # Retention (0 keeps forever)
    retention_article_text_days: int = Field(default=180, ge=0)
    retention_delivery_log_days: int = Field(default=30, ge=0)

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
