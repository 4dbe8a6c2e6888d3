"""Webhook endpoints, the delivery outbox (one message per alert and endpoint) and the attempt log."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Column, ForeignKey, Identity, Index, Integer, Text, UniqueConstraint, false
from sqlmodel import Field, SQLModel

from service.models.types import JSONType, UTCDateTime, utcnow

# Message states: pending → delivering (leased) → delivered | failed (retry due at next_attempt_at) | dead.
# SQLite only auto-increments INTEGER PRIMARY KEY; PostgreSQL gets a BIGINT identity.
BIGINT = BigInteger().with_variant(Integer(), "sqlite")

PENDING, DELIVERING, DELIVERED, FAILED, DEAD = "pending", "delivering", "delivered", "failed", "dead"


WEBHOOK, APPRISE = "webhook", "apprise"


class WebhookEndpoint(SQLModel, table=True):
    """A subscriber: a signed webhook, or an Apprise notification channel sharing the same outbox and rules."""

    __tablename__ = "webhook_endpoints"

    id: str = Field(primary_key=True, max_length=40)  # ep_<random> (webhook) or nt_<random> (apprise)
    # webhook: POSTs signed JSON to `url`; apprise: `url` is an Apprise URL (a secret: shown only masked).
    channel: str = Field(default=WEBHOOK, max_length=16, index=True, sa_column_kwargs={"server_default": WEBHOOK})
    url: str = Field(max_length=2048)
    description: str = Field(default="", max_length=500)
    # Filters; None matches everything.
    event_types: list[str] | None = Field(default=None, sa_type=JSONType)
    kinds: list[str] | None = Field(default=None, sa_type=JSONType)
    languages: list[str] | None = Field(default=None, sa_type=JSONType)
    min_confidence: float | None = None
    official_only: bool = Field(default=False, sa_column_kwargs={"server_default": false()})
    # Secrets are whsec_<base64>; during rotation the previous one keeps co-signing until it expires.
    secret: str = Field(max_length=100)
    previous_secret: str | None = Field(default=None, max_length=100)
    previous_secret_expires_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    enabled: bool = Field(default=True, index=True)
    disabled_reason: str | None = Field(default=None, max_length=500)
    disabled_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_success_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # First failure since the last success: five days of that disables the endpoint.
    failing_since: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class WebhookMessage(SQLModel, table=True):
    """The outbox row: written in the alert's transaction, claimed with a lease by the delivery tick."""

    __tablename__ = "webhook_messages"
    __table_args__ = (
        UniqueConstraint("endpoint_id", "alert_id", name="uq_webhook_messages_endpoint_alert"),
        Index("ix_webhook_messages_due", "status", "next_attempt_at"),
    )

    id: int | None = Field(default=None, sa_column=Column(BIGINT, Identity(), primary_key=True))
    msg_id: str = Field(max_length=40, unique=True)  # the webhook-id header, fixed for every retry
    endpoint_id: str = Field(
        sa_column=Column(ForeignKey("webhook_endpoints.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    # None for webhook.test messages (NULLs never collide in the unique constraint).
    alert_id: int | None = Field(
        default=None,
        sa_column=Column(BIGINT, ForeignKey("alerts.id", ondelete="CASCADE"), index=True),
    )
    event_type: str = Field(max_length=32)
    # The exact body bytes (as text) so every retry and resend carries the same body.
    payload: str = Field(sa_column=Column(Text, nullable=False))
    status: str = Field(default=PENDING, max_length=16)
    attempts: int = 0
    next_attempt_at: datetime | None = Field(default_factory=utcnow, sa_type=UTCDateTime)
    lease_owner: str | None = Field(default=None, max_length=64)
    lease_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_attempt_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_status: int | None = None
    last_error: str | None = Field(default=None, max_length=500)
    first_delivered_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)


class WebhookAttempt(SQLModel, table=True):
    """One HTTP attempt of one message: kept for the delivery log."""

    __tablename__ = "webhook_attempts"

    id: int | None = Field(default=None, primary_key=True)
    message_id: int = Field(
        sa_column=Column(
            BIGINT,
            ForeignKey("webhook_messages.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        )
    )
    endpoint_id: str = Field(max_length=40, index=True)
    attempted_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    duration_ms: int = 0
    status_code: int | None = None
    success: bool = False
    error_class: str | None = Field(default=None, max_length=32)
    error: str | None = Field(default=None, max_length=500)
    response_body: str | None = Field(default=None, sa_column=Column(Text, nullable=True))  # first 4 KB
    trigger: str = Field(default="scheduled", max_length=16)  # scheduled | resend | test
    worker_id: str | None = Field(default=None, max_length=64)
