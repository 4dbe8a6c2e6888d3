"""Typed schemas of an alert's parts (event, facts, changes, evidence, sources) and of the webhook messages.

They describe service.render's JSON for OpenAPI and client generators; the alert routes still serve the
stored bytes. Extra keys are allowed: a new fact or event field never breaks a client built from these.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

OPEN = ConfigDict(extra="allow")


class AlertEvent(BaseModel):
    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "examples": [
                {"id": "5c1e0e3f9a8b4c7d", "kind": "pow_exchange", "status": "completed", "event_date": "2026-06-09"}
            ]
        },
    )

    id: str = Field(description="event id (GET /v1/events/{id})")
    kind: str = Field(description="pow_exchange, body_repatriation or agreement")
    status: str | None = Field(default=None, description="completed, agreed, postponed or disrupted")
    summary: str | None = Field(default=None, description="one English line built from the merged facts")
    event_date: str | None = Field(default=None, description="ISO date of the event itself (not of the news)")
    date_precision: str | None = Field(default=None, description="day, month or unknown")
    confidence: float | None = Field(default=None, description="0–1: evidence strength, sources, officials")
    official: bool | None = Field(default=None, description="an official source reported it")
    historical: bool | None = Field(default=None, description="first seen long after it happened (no alert)")
    parent_id: str | None = Field(default=None, description="the operation or agreement a stage belongs to")
    sources_count: int | None = Field(default=None, description="independent sources reporting it")
    report_count: int | None = Field(default=None, description="reports (articles) grouped into it")
    first_seen: str | None = Field(default=None, description="when the first report was seen")
    last_seen: str | None = Field(default=None, description="when the latest report was seen")
    links: dict[str, str] | None = Field(default=None, description="`event`: JSON, `page`: HTML page")


class AlertFacts(BaseModel):
    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={"examples": [{"returned_to_ukraine": 84, "returned_to_russia": 84, "stage": 2}]},
    )

    returned_to_ukraine: int | None = Field(default=None, description="people returned to Ukraine")
    returned_to_russia: int | None = Field(default=None, description="people returned to Russia")
    bodies_to_ukraine: int | None = Field(default=None, description="bodies of the fallen handed to Ukraine")
    bodies_to_russia: int | None = Field(default=None, description="bodies handed to Russia")
    stage: int | None = Field(default=None, description="stage (phase, day) of a multi-stage exchange")
    categories: list[str] | None = Field(default=None, description="wounded, civilians, under_25, officers, …")
    mediators: list[str] | None = Field(default=None, description="UAE, Turkey, Qatar, Vatican, US, …")


class AlertChange(BaseModel):
    model_config = OPEN

    field: str = Field(description="the fact or event field that changed")
    before: Any = Field(description="its value in the previous revision (null: it was unknown)")
    after: Any = Field(description="its value now")


class AlertEvidence(BaseModel):
    model_config = OPEN

    sentence: str = Field(description="the sentence the fact or the detection rests on")
    source: str | None = Field(default=None, description="the outlet or channel (host name)")
    url: str | None = Field(default=None, description="the article")
    official: bool | None = Field(default=None, description="an official primary source")
    value: Any = Field(default=None, description="the value this sentence supports, when it supports one")


class AlertSource(BaseModel):
    model_config = OPEN

    source: str = Field(description="the outlet or channel (host name)")
    url: str | None = Field(default=None, description="the article")
    official: bool = Field(default=False, description="an official primary source")


class TestData(BaseModel):
    endpoint_id: str = Field(description="the webhook that was pinged")
    message: str


class WebhookEnvelope(BaseModel):
    """Standard Webhooks envelope; headers webhook-id, webhook-timestamp, webhook-signature (v1, HMAC-SHA256
    of `{id}.{timestamp}.{body}` with the whsec_ secret). The same webhook-id on every retry: deduplicate."""

    type: str = Field(description="event.created, event.updated or webhook.test")
    timestamp: datetime = Field(description="when the alert was created (RFC 3339, UTC)")


class PingMessage(WebhookEnvelope):
    type: Literal["webhook.test"] = "webhook.test"
    data: TestData
