"""/v1/notifications: alerts to Telegram, Slack, e-mail, ntfy, Matrix… through one Apprise URL.

The same filters, outbox, retries, delivery log and disable rules as webhooks. Apprise URLs carry the
channel's credentials: they are stored as given and every response shows them masked.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Response, status
from pydantic import BaseModel, ConfigDict, Field

from service.api.deps import AdminDep, DatabaseDep, SettingsDep
from service.api.pagination import BeforeQuery, CursorQuery, LimitQuery, id_cursor
from service.api.webhooks import AUTH, NOT_FOUND, REJECTED, STATUS_PATTERN, DeliveryList, Filters
from service.api.webhooks.deliveries import delivery_page
from service.api.webhooks.schemas import PartialUpdate, filters_of
from service.flows import notifications as flow
from service.models import utcnow
from service.models.webhooks import WebhookEndpoint
from service.store import webhooks as store

router = APIRouter(prefix="/v1/notifications", tags=["notifications"], dependencies=[AdminDep])
URL_EXAMPLE = "tgram://123456789:AAE-bot-token/-1001234567890"


NotificationFilters = Filters  # the webhook filters, official_only included


class NotificationCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"url": URL_EXAMPLE, "filters": {"kinds": ["pow_exchange"]}}]},
    )

    url: str = Field(min_length=6, max_length=2048, description="an Apprise URL: https://appriseit.com/services/")
    description: str = Field(default="", max_length=500)
    filters: NotificationFilters = Field(default_factory=NotificationFilters)


class NotificationUpdate(PartialUpdate):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"enabled": True}]})

    url: str | None = Field(default=None, min_length=6, max_length=2048)
    description: str | None = Field(default=None, max_length=500)
    filters: NotificationFilters | None = None
    enabled: bool | None = None


class NotificationPublic(BaseModel):
    id: str
    url: str = Field(description="masked: tokens and passwords are never shown", examples=["tgram://1...n/-1...0/"])
    description: str
    filters: NotificationFilters
    enabled: bool
    disabled_reason: str | None
    disabled_at: datetime | None
    last_success_at: datetime | None
    failing_since: datetime | None
    created_at: datetime
    updated_at: datetime


class NotificationList(BaseModel):
    data: list[NotificationPublic]


class TestResult(BaseModel):
    delivery_id: str
    success: bool
    duration_ms: int
    error_class: str | None = Field(description="unsafe_url, rejected, timeout, internal")
    error: str | None = Field(description="what the service said, with the URL's secrets removed")


def channel_out(endpoint: WebhookEndpoint) -> NotificationPublic:
    return NotificationPublic(
        id=endpoint.id,
        url=flow.public_url(endpoint),
        description=endpoint.description,
        filters=filters_of(endpoint),
        enabled=endpoint.enabled,
        disabled_reason=endpoint.disabled_reason,
        disabled_at=endpoint.disabled_at,
        last_success_at=endpoint.last_success_at,
        failing_since=endpoint.failing_since,
        created_at=endpoint.created_at,
        updated_at=endpoint.updated_at,
    )


async def _channel(db: DatabaseDep, channel_id: str) -> WebhookEndpoint:
    endpoint = await flow.get_channel(db, channel_id)
    if endpoint is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"notification channel {channel_id} not found")
    return endpoint


@router.post("", status_code=201, response_model=NotificationPublic, summary="Subscribe an Apprise URL",
             responses={**AUTH, **REJECTED})  # fmt: skip
async def create(
    body: NotificationCreate, db: DatabaseDep, settings: SettingsDep, response: Response
) -> NotificationPublic:
    try:
        endpoint = await flow.add_channel(
            db, settings, body.url, description=body.description, filters=body.filters.model_dump()
        )
    except flow.SubscriptionQuota as exc:
        raise HTTPException(409, str(exc)) from None
    except flow.InvalidChannel as exc:
        raise HTTPException(422, f"notification URL refused: {exc}") from None
    response.headers["Location"] = f"/v1/notifications/{endpoint.id}"
    return channel_out(endpoint)


@router.get("", response_model=NotificationList, summary="List notification channels", responses=AUTH)
async def list_all(db: DatabaseDep) -> NotificationList:
    return NotificationList(data=[channel_out(e) for e in await flow.list_channels(db)])


@router.get("/{channel_id}", response_model=NotificationPublic, summary="One channel", responses={**AUTH, **NOT_FOUND})
async def get_one(channel_id: str, db: DatabaseDep) -> NotificationPublic:
    return channel_out(await _channel(db, channel_id))


@router.patch("/{channel_id}", response_model=NotificationPublic, summary="Change URL, filters or enabled state",
              responses={**AUTH, **NOT_FOUND, **REJECTED})  # fmt: skip
async def update(
    channel_id: str, body: NotificationUpdate, db: DatabaseDep, settings: SettingsDep
) -> NotificationPublic:
    changes = body.model_dump(exclude_unset=True, exclude={"filters"})
    if body.url is not None:
        try:
            changes["url"] = await flow.validate(body.url, settings)
        except flow.InvalidChannel as exc:
            raise HTTPException(422, f"notification URL refused: {exc}") from None
    if body.filters is not None:
        changes.update(body.filters.model_dump())
    async with db.session() as session:
        endpoint = await store.get_endpoint(session, channel_id, channel="apprise")
        if endpoint is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, f"notification channel {channel_id} not found")
        endpoint = await store.update_endpoint(session, endpoint, changes, now=utcnow())
    return channel_out(endpoint)


@router.delete("/{channel_id}", status_code=204, summary="Unsubscribe", responses={**AUTH, **NOT_FOUND})
async def delete(channel_id: str, db: DatabaseDep) -> Response:
    async with db.session() as session:
        endpoint = await store.get_endpoint(session, channel_id, channel="apprise")
        if endpoint is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, f"notification channel {channel_id} not found")
        await store.delete_endpoint(session, endpoint)
    return Response(status_code=204)


@router.post("/{channel_id}/test", response_model=TestResult, summary="Send a test message now",
             responses={**AUTH, **NOT_FOUND})  # fmt: skip
async def test(channel_id: str, db: DatabaseDep, settings: SettingsDep) -> TestResult:
    outcome = await flow.send_test(db, settings, await _channel(db, channel_id))
    result = outcome.result
    return TestResult(
        delivery_id=outcome.delivery_id,
        success=result.ok,
        duration_ms=result.duration_ms,
        error_class=result.error_class,
        error=result.error,
    )


@router.get("/{channel_id}/deliveries", response_model=DeliveryList, summary="The delivery log, newest first",
            responses={**AUTH, **NOT_FOUND})  # fmt: skip
async def deliveries(
    channel_id: str,
    db: DatabaseDep,
    status_: Annotated[str | None, Query(alias="status", pattern=STATUS_PATTERN)] = None,
    cursor: CursorQuery = None,
    limit: LimitQuery = 50,
    before: BeforeQuery = None,
) -> DeliveryList:
    await _channel(db, channel_id)
    return await delivery_page(db, channel_id, status_, id_cursor(cursor) or before, limit)
