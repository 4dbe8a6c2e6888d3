"""/v1/webhooks: signed subscriptions (Standard Webhooks), their delivery log, resend and recovery.

Every route needs the admin token: subscriber URLs often carry their own credentials.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Annotated, Any, Literal

import httpx
from fastapi import APIRouter, Depends, HTTPException, Query, Response, status
from pydantic import BaseModel, ConfigDict, Field

from scrapers.errors import ConnectFailed, ScrapeError, UnsafeAddress
from scrapers.netguard import Resolver, check_url, resolve_checked
from service.api.deps import AdminDep, DatabaseDep, SettingsDep
from service.api.vocab import Language
from service.core.domain import EventKind
from service.db import Database
from service.delivery.sender import create_sender
from service.models import utcnow
from service.models.webhooks import WebhookAttempt, WebhookEndpoint, WebhookMessage
from service.settings import Settings
from service.store import webhooks as store

log = logging.getLogger(__name__)
router = APIRouter(prefix="/v1/webhooks", tags=["webhooks"], dependencies=[AdminDep])

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


class WebhookUpdate(BaseModel):
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
    next_before: int | None = Field(description="pass as ?before= for the next (older) page")
    has_more: bool


class RecoverRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"since": "2026-06-09T00:00:00Z"}]})

    since: datetime = Field(description="resend failed and dead messages created at or after this time")


class RecoverResult(BaseModel):
    recovered: int


def endpoint_out(endpoint: WebhookEndpoint, now: datetime) -> WebhookPublic:
    """The public view: never the secret."""
    expires = endpoint.previous_secret_expires_at
    return WebhookPublic(
        id=endpoint.id,
        url=endpoint.url,
        description=endpoint.description,
        filters=Filters(
            event_types=endpoint.event_types,
            kinds=endpoint.kinds,
            languages=endpoint.languages,
            min_confidence=endpoint.min_confidence,
            official_only=endpoint.official_only,
        ),
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


def get_resolver() -> Resolver | None:
    """The DNS resolver for URL checks (None: the system's); tests override this dependency."""
    return None


ResolverDep = Annotated[Resolver | None, Depends(get_resolver)]


async def _checked_url(url: str, settings: Settings, resolver: Resolver | None) -> str:
    """Refuse URLs the sender would refuse anyway, now, with a 422 that says why.

    A name that does not resolve (yet) is accepted: DNS is resolved and checked again at every delivery,
    so a subscriber can register before its DNS is live; a name resolving to a private address is refused.
    """
    try:
        check_url(url, allow_private=settings.webhook_allow_private, allow_http=settings.webhook_allow_http)
        parsed = httpx.URL(url)
        port = parsed.port or (443 if parsed.scheme == "https" else 80)
        await resolve_checked(parsed.host, port, allow_private=settings.webhook_allow_private, resolver=resolver)
    except ConnectFailed:
        log.info("webhook URL %s does not resolve now; it is resolved and checked at each delivery", url)
    except UnsafeAddress as exc:
        hint = "" if settings.webhook_allow_http or not url.startswith("http:") else " (use https)"
        raise HTTPException(422, f"webhook URL refused: {exc.message}{hint}") from None
    except ScrapeError as exc:
        raise HTTPException(422, f"webhook URL refused: {exc.message}") from None
    return url


async def _endpoint(db: Database, endpoint_id: str) -> WebhookEndpoint:
    async with db.reader() as session:
        endpoint = await store.get_endpoint(session, endpoint_id)
    if endpoint is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"webhook {endpoint_id} not found")
    return endpoint


@router.post(
    "",
    status_code=201,
    response_model=WebhookCreated,
    summary="Register a webhook",
    responses={**AUTH, **REJECTED},
    description="Returns the signing secret once; it is never shown again. Nothing is sent until an alert "
    "matches: store the secret, then ask for a signed `webhook.test` ping with `POST /v1/webhooks/{id}/test`.",
)
async def create_webhook(
    body: WebhookCreate, db: DatabaseDep, settings: SettingsDep, resolver: ResolverDep, response: Response
) -> WebhookCreated:
    url = await _checked_url(body.url, settings, resolver)
    now = utcnow()
    async with db.session() as session:
        endpoint = await store.create_endpoint(
            session, url=url, now=now, description=body.description, **body.filters.columns()
        )
    response.headers["Location"] = f"/v1/webhooks/{endpoint.id}"
    return WebhookCreated(**endpoint_out(endpoint, now).model_dump(), secret=endpoint.secret)


@router.get("", response_model=WebhookList, summary="List webhooks", responses=AUTH)
async def list_webhooks(db: DatabaseDep) -> WebhookList:
    now = utcnow()
    async with db.reader() as session:
        endpoints = await store.list_endpoints(session)
    return WebhookList(data=[endpoint_out(e, now) for e in endpoints])


@router.get("/{webhook_id}", response_model=WebhookPublic, summary="Get one webhook", responses={**AUTH, **NOT_FOUND})
async def get_webhook(webhook_id: str, db: DatabaseDep) -> WebhookPublic:
    return endpoint_out(await _endpoint(db, webhook_id), utcnow())


@router.patch(
    "/{webhook_id}",
    response_model=WebhookPublic,
    summary="Change a webhook's URL, filters or enabled state",
    responses={**AUTH, **NOT_FOUND, **REJECTED},
    description="Setting `enabled: true` on a disabled webhook clears its disabled reason and failure "
    "streak; messages still pending are then delivered.",
)
async def update_webhook(
    webhook_id: str, body: WebhookUpdate, db: DatabaseDep, settings: SettingsDep, resolver: ResolverDep
) -> WebhookPublic:
    changes: dict[str, Any] = body.model_dump(exclude_unset=True, exclude={"filters"})
    if body.url is not None:
        changes["url"] = await _checked_url(body.url, settings, resolver)
    if body.filters is not None:
        changes.update(body.filters.columns())
    now = utcnow()
    async with db.session() as session:
        endpoint = await store.get_endpoint(session, webhook_id)
        if endpoint is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, f"webhook {webhook_id} not found")
        endpoint = await store.update_endpoint(session, endpoint, changes, now=now)
    return endpoint_out(endpoint, now)


@router.delete("/{webhook_id}", status_code=204, summary="Delete a webhook", responses={**AUTH, **NOT_FOUND})
async def delete_webhook(webhook_id: str, db: DatabaseDep) -> Response:
    async with db.session() as session:
        endpoint = await store.get_endpoint(session, webhook_id)
        if endpoint is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, f"webhook {webhook_id} not found")
        await store.delete_endpoint(session, endpoint)
    return Response(status_code=204)


@router.post(
    "/{webhook_id}/secret/rotate",
    response_model=SecretRotated,
    summary="Rotate the signing secret",
    responses={**AUTH, **NOT_FOUND},
    description="Returns the new secret once. For 24 hours every message carries two signatures (new and "
    "old), so subscribers can switch secrets without losing a message.",
)
async def rotate_secret(webhook_id: str, db: DatabaseDep) -> SecretRotated:
    now = utcnow()
    async with db.session() as session:
        endpoint = await store.get_endpoint(session, webhook_id)
        if endpoint is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, f"webhook {webhook_id} not found")
        secret = await store.rotate_secret(session, endpoint, now=now)
    return SecretRotated(id=webhook_id, secret=secret, previous_secret_expires_at=endpoint.previous_secret_expires_at)


@router.post(
    "/{webhook_id}/test",
    response_model=PingResult,
    summary="Send a webhook.test message now and report the result",
    responses={**AUTH, **NOT_FOUND},
    description="The attempt is also written to the delivery log. A failed test is not retried.",
)
async def test_webhook(webhook_id: str, db: DatabaseDep, settings: SettingsDep) -> PingResult:
    endpoint = await _endpoint(db, webhook_id)
    now = utcnow()
    async with db.session() as session:
        job = await store.start_test(session, endpoint, now=now, worker_id="api")
    sender = create_sender(settings)
    try:
        result = await sender.send(job.url, job.msg_id, job.body, job.secrets)
    finally:
        await sender.aclose()
    async with db.session() as session:
        await store.record_attempt(session, job, result, now=utcnow(), worker_id="api", trigger="test")
    return PingResult(
        delivery_id=job.msg_id,
        success=result.ok,
        status_code=result.status,
        duration_ms=result.duration_ms,
        error_class=result.error_class,
        error=result.error,
        response_body=result.response_body,
    )


@router.get(
    "/{webhook_id}/deliveries",
    response_model=DeliveryList,
    summary="The delivery log: messages, newest first, each with every attempt",
    responses={**AUTH, **NOT_FOUND},
)
async def list_deliveries(
    webhook_id: str,
    db: DatabaseDep,
    status_: Annotated[str | None, Query(alias="status", pattern=STATUS_PATTERN)] = None,
    before: Annotated[int | None, Query(ge=1, le=2**63 - 1, description="next_before of the previous page")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> DeliveryList:
    await _endpoint(db, webhook_id)
    async with db.reader() as session:
        rows = await store.list_messages(session, webhook_id, status=status_, before=before, limit=limit + 1)
        page = rows[:limit]
        log = await store.attempts_for(session, [m.id for m in page if m.id is not None])
    has_more = len(rows) > limit
    return DeliveryList(
        data=[delivery_out(m, log.get(m.id or 0, [])) for m in page],
        next_before=page[-1].id if has_more and page else None,
        has_more=has_more,
    )


@router.post(
    "/{webhook_id}/deliveries/{delivery_id}/resend",
    status_code=202,
    response_model=Delivery,
    summary="Send one message again (same webhook-id, same body)",
    responses={**AUTH, **NOT_FOUND},
)
async def resend_delivery(webhook_id: str, delivery_id: str, db: DatabaseDep) -> Delivery:
    async with db.session() as session:
        message = await store.get_message(session, webhook_id, delivery_id)
        if message is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, f"delivery {delivery_id} of webhook {webhook_id} not found")
        message = await store.resend(session, message, now=utcnow())
        log = await store.attempts_for(session, [message.id or 0])
    return delivery_out(message, log.get(message.id or 0, []))


@router.post(
    "/{webhook_id}/recover",
    status_code=202,
    response_model=RecoverResult,
    summary="Resend every failed or dead message since a time",
    responses={**AUTH, **NOT_FOUND},
    description="Use it after an outage longer than the retry window (about 3 days) or after re-enabling.",
)
async def recover(webhook_id: str, body: RecoverRequest, db: DatabaseDep) -> RecoverResult:
    await _endpoint(db, webhook_id)
    async with db.session() as session:
        count = await store.recover(session, webhook_id, since=body.since, now=utcnow())
    return RecoverResult(recovered=count)
