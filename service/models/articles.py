"""Articles and their dedup keys."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Column, Text
from sqlmodel import Field, SQLModel

from service.models.types import JSONType, UTCDateTime, utcnow


class Article(SQLModel, table=True):
    __tablename__ = "articles"

    id: int | None = Field(default=None, primary_key=True)
    url: str = Field(max_length=2048, unique=True)  # canonical URL
    feed_id: int | None = Field(default=None, foreign_key="feeds.id", index=True, ondelete="SET NULL")
    guid: str | None = Field(default=None, max_length=2048)
    fingerprint: str = Field(max_length=64, index=True)
    source: str = Field(default="", max_length=255)  # outlet host or channel
    official: bool = False
    title: str = Field(default="", max_length=1000)
    summary: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    text: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    language: str | None = Field(default=None, max_length=16, index=True)
    author: str | None = Field(default=None, max_length=500)
    published_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    discovered_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)

    # pending → done; text_source says where the text came from. A transient page failure leaves the article
    # pending, detected on its summary, unleased until its next page try (lease_until).
    state: str = Field(default="pending", max_length=16, index=True)
    text_source: str | None = Field(default=None, max_length=16)  # page | feed | post | summary
    fetch_page: bool = True
    fetch_error: str | None = Field(default=None, max_length=500)
    attempts: int = 0
    lease_owner: str | None = Field(default=None, max_length=64)
    lease_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    processed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    relevant: bool | None = Field(default=None, index=True)
    report: dict[str, Any] | None = Field(default=None, sa_type=JSONType)


class ArticleKey(SQLModel, table=True):
    """Every identity of an article (canonical URL, GUID, content id, fingerprint); unique."""

    __tablename__ = "article_keys"

    key: str = Field(primary_key=True, max_length=2100)
    article_id: int = Field(foreign_key="articles.id", index=True, ondelete="CASCADE")
