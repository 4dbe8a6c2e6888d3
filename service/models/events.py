"""Events, the reports that back them, and alerts (the cursor that orders API, SSE and webhooks)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import BigInteger, Column, Identity, Integer, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from service.models.types import JSONType, UTCDateTime, utcnow


class Event(SQLModel, table=True):
    __tablename__ = "events"

    id: str = Field(primary_key=True, max_length=32)
    topic: str = Field(default="exchanges", max_length=32)
    kind: str = Field(max_length=32, index=True)
    status: str = Field(max_length=16)
    event_date: date | None = Field(default=None, index=True)
    confidence: float = 0.0
    historical: bool = False
    parent_id: str | None = Field(default=None, max_length=32)
    revision: int = 0
    report_count: int = 0
    first_seen: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    last_seen: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    state: dict[str, Any] = Field(default_factory=dict, sa_type=JSONType)


class EventReport(SQLModel, table=True):
    __tablename__ = "event_reports"
    __table_args__ = (UniqueConstraint("event_id", "article_id", name="uq_event_reports_event_article"),)

    id: int | None = Field(default=None, primary_key=True)
    event_id: str = Field(foreign_key="events.id", index=True, ondelete="CASCADE")
    article_id: int = Field(foreign_key="articles.id", index=True, ondelete="CASCADE")
    is_primary: bool = True
    recalled: bool = False
    mention: dict[str, Any] = Field(default_factory=dict, sa_type=JSONType)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Alert(SQLModel, table=True):
    __tablename__ = "alerts"
    __table_args__ = (UniqueConstraint("event_id", "revision", name="uq_alerts_event_revision"),)

    # The id is the cursor: monotonic, shared by the alerts API, the SSE stream and webhooks.
    id: int | None = Field(
        default=None,
        sa_column=Column(BigInteger().with_variant(Integer(), "sqlite"), Identity(), primary_key=True),
    )
    type: str = Field(max_length=32, index=True)
    event_id: str = Field(foreign_key="events.id", index=True, ondelete="CASCADE")
    revision: int
    kind: str = Field(max_length=32, index=True)
    language: str | None = Field(default=None, max_length=16, index=True)
    confidence: float = 0.0
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    payload: dict[str, Any] = Field(default_factory=dict, sa_type=JSONType)
    # The public JSON of the alert, rendered once when it is written: alerts never change, so the API and
    # the stream serve these bytes as they are instead of decoding and re-encoding the payload.
    body: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
