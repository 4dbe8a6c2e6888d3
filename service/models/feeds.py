"""Feeds (sources): the row is also the polling schedule."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from service.models.types import UTCDateTime, utcnow


class Feed(SQLModel, table=True):
    __tablename__ = "feeds"

    id: int | None = Field(default=None, primary_key=True)
    url: str = Field(max_length=2048, unique=True)
    kind: str = Field(default="rss", max_length=16)  # rss | telegram | google_news | gdelt
    title: str | None = Field(default=None, max_length=500)
    language: str | None = Field(default=None, max_length=16)
    official: bool = Field(default=False)
    enabled: bool = Field(default=True, index=True)
    disabled_reason: str | None = Field(default=None, max_length=500)
    poll_interval_seconds: float | None = None  # per-feed override of the default

    # Conditional GET validators from the last 200 response.
    etag: str | None = Field(default=None, max_length=500)
    last_modified: str | None = Field(default=None, max_length=100)

    # Health and schedule.
    next_check_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    last_checked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_success_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_error: str | None = Field(default=None, max_length=1000)
    last_error_kind: str | None = Field(default=None, max_length=32)
    error_count: int = 0
    last_status: int | None = None
    ttl_minutes: int | None = None
    pending_redirect: str | None = Field(default=None, max_length=2048)
    redirect_count: int = 0
    articles_seen: int = 0

    # Lease so several workers can share one database.
    lease_owner: str | None = Field(default=None, max_length=64)
    lease_until: datetime | None = Field(default=None, sa_type=UTCDateTime)

    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
