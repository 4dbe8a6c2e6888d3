"""Request and response schemas of /v1/webhooks (and of notification channels, which reuse them)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from service.api.pagination import HAS_MORE, NEXT_CURSOR
from service.api.vocab import Language
from service.core.domain import EventKind
from service.models.webhooks import WebhookAttempt, WebhookEndpoint, WebhookMessage
from service.store import webhooks as store

NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "No such webhook (or delivery)"}}
AUTH: dict[int | str, dict[str, Any]] = {
    401: {"description": "No bearer token"},
    403: {"description": "Wrong admin token"},
}
REJECTED: dict[int | str, dict[str, Any]] = {
    422: {"description": "Invalid body, or a URL the SSRF guard refuses (the detail says why)"}
}


EventType = Literal["event.created", "event.updated"]
STATUS_PATTERN = "^(" + "|".join(store.STATUSES) + ")$"
SECRET_EXAMPLE = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"


class Filters(BaseModel):
    """Which alerts an endpoint receives; an omitted (null) filter lets everything through."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"event_types": ["event.created"], "kinds": ["pow_exchange"], "min_confidence": 0.7}]
        },
    )

    event_types: list[EventType] | None = Field(default=None, min_length=1)
    kinds: list[EventKind] | None = Field(default=None, min_length=1, description="event kinds (GET /v1/event-types)")
    languages: list[Language] | None = Field(
        default=None, min_length=1, description="language of the article behind the alert (uk, ru, en, ...)"
    )
    min_confidence: float | None = Field(default=None, ge=0, le=1)
    official_only: bool = Field(default=False, description="only alerts about events an official source confirmed")

    def columns(self) -> dict[str, Any]:
        return self.model_dump()


class WebhookCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "url": "https://hooks.example.org/exchangewatch",
                    "description": "newsroom bot",
                    "filters": {
                        "event_types": ["event.created"],
                        "kinds": ["pow_exchange", "body_repatriation"],
                    },
                }
            ]
        },
    )

    url: str = Field(min_length=8, max_length=2048, description="https URL that receives POSTs")
    description: str = Field(default="", max_length=500)
    filters: Filters = Field(default_factory=Filters)


class PartialUpdate(BaseModel):
    """A PATCH body: omit a field to leave it unchanged; an explicit null would break a NOT NULL column."""

    @field_validator("url", "description", "enabled", check_fields=False)
    @classmethod
    def _not_null(cls, value: object) -> object:
        if value is None:
            raise ValueError("must not be null (omit it to leave it unchanged)")
        return value


class WebhookUpdate(PartialUpdate):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"enabled": True}, {"filters": {"languages": ["uk"]}}]},
    )

    url: str | None = Field(default=None, min_length=8, max_length=2048)
    description: str | None = Field(default=None, max_length=500)
    filters: Filters | None = None
    enabled: bool | None = None


class WebhookPublic(BaseModel):
    id: str = Field(examples=["ep_5f0c2a9d41b7e3c8a6d2f1e0"])
    url: str
    description: str
    filters: Filters
    enabled: bool
    disabled_reason: str | None = Field(examples=["the endpoint answered 410 Gone"])
    disabled_at: datetime | None
    last_success_at: datetime | None
    failing_since: datetime | None = Field(description="first failure since the last success")
    previous_secret_expires_at: datetime | None = Field(description="while set, messages carry two signatures")
    created_at: datetime
    updated_at: datetime


class WebhookCreated(WebhookPublic):
    secret: str = Field(description="shown only in this response", examples=[SECRET_EXAMPLE])


class WebhookList(BaseModel):
    data: list[WebhookPublic]
    next_cursor: str | None = Field(description=NEXT_CURSOR)
    has_more: bool = Field(description=HAS_MORE)


class SecretRotated(BaseModel):
    id: str
    secret: str = Field(description="the new secret, shown only in this response", examples=[SECRET_EXAMPLE])
    previous_secret_expires_at: datetime | None = Field(description="the old secret co-signs until then")


class PingResult(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "delivery_id": "msg_9b1d2c3e4f5a6b7c8d9e0f1a",
                    "success": True,
                    "status_code": 204,
                    "duration_ms": 87,
                    "error_class": None,
                    "error": None,
                    "response_body": "",
                }
            ]
        }
    )

    delivery_id: str
    success: bool
    status_code: int | None
    duration_ms: int
    error_class: str | None = Field(description="timeout, connect, redirect, http_4xx, http_5xx, gone, ...")
    error: str | None
    response_body: str | None = Field(description="first 4 KB of the response")


class AttemptPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    attempted_at: datetime
    duration_ms: int
    status_code: int | None
    success: bool
    error_class: str | None
    error: str | None
    response_body: str | None = Field(description="first 4 KB of the response")
    trigger: str = Field(description="scheduled, resend or test")


class Delivery(BaseModel):
    id: str = Field(description="the webhook-id header, identical on every retry and resend")
    type: str = Field(examples=["event.created"])
    alert_id: int | None
    status: str = Field(description="pending, delivering, delivered, failed (retry scheduled) or dead")
    attempts: int
    next_attempt_at: datetime | None
    created_at: datetime
    first_delivered_at: datetime | None
    last_attempt_at: datetime | None
    last_status: int | None
    last_error: str | None
    attempt_log: list[AttemptPublic]


class DeliveryList(BaseModel):
    data: list[Delivery]
    next_cursor: str | None = Field(default=None, description=NEXT_CURSOR)
    has_more: bool = Field(description=HAS_MORE)
    next_before: int | None = Field(description="deprecated: the same as next_cursor, as a number (?before=)")

    @model_validator(mode="after")
    def _cursor(self) -> DeliveryList:
        if self.next_cursor is None and self.next_before is not None:
            self.next_cursor = str(self.next_before)
        return self


class RecoverRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"since": "2026-06-09T00:00:00Z"}]})

    since: datetime = Field(description="resend failed and dead messages created at or after this time")


class RecoverResult(BaseModel):
    recovered: int


def filters_of(endpoint: WebhookEndpoint) -> Filters:
    """The endpoint's filters as the API shows them (webhooks and notification channels alike)."""
    return Filters(
        event_types=endpoint.event_types,
        kinds=endpoint.kinds,
        languages=endpoint.languages,
        min_confidence=endpoint.min_confidence,
        official_only=endpoint.official_only,
    )


def endpoint_out(endpoint: WebhookEndpoint, now: datetime) -> WebhookPublic:
    """The public view: never the secret."""
    expires = endpoint.previous_secret_expires_at
    return WebhookPublic(
        id=endpoint.id,
        url=endpoint.url,
        description=endpoint.description,
        filters=filters_of(endpoint),
        enabled=endpoint.enabled,
        disabled_reason=endpoint.disabled_reason,
        disabled_at=endpoint.disabled_at,
        last_success_at=endpoint.last_success_at,
        failing_since=endpoint.failing_since,
        previous_secret_expires_at=expires if expires is not None and expires > now else None,
        created_at=endpoint.created_at,
        updated_at=endpoint.updated_at,
    )


def delivery_out(message: WebhookMessage, attempts: list[WebhookAttempt]) -> Delivery:
    return Delivery(
        id=message.msg_id,
        type=message.event_type,
        alert_id=message.alert_id,
        status=message.status,
        attempts=message.attempts,
        next_attempt_at=message.next_attempt_at,
        created_at=message.created_at,
        first_delivered_at=message.first_delivered_at,
        last_attempt_at=message.last_attempt_at,
        last_status=message.last_status,
        last_error=message.last_error,
        attempt_log=[AttemptPublic.model_validate(a) for a in attempts],
    )
