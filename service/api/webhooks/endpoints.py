"""/v1/webhooks CRUD: register, list (paged), read, change and delete subscriptions."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Response, status

from service.api.deps import AdminDep, DatabaseDep, SettingsDep
from service.api.pagination import CursorQuery, LimitQuery, parse_time_id_cursor, split_page, time_id_cursor
from service.api.webhooks.schemas import (
    AUTH,
    NOT_FOUND,
    REJECTED,
    WebhookCreate,
    WebhookCreated,
    WebhookList,
    WebhookPublic,
    WebhookUpdate,
    endpoint_out,
)
from service.api.webhooks.shared import ResolverDep, checked_url, endpoint_or_404
from service.delivery.signing import generate_secret
from service.flows.notifications import quota_message
from service.models import utcnow
from service.store import webhooks as store

router = APIRouter(prefix="/v1/webhooks", tags=["webhooks"], dependencies=[AdminDep])


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
    url = await checked_url(body.url, settings, resolver)
    now = utcnow()
    async with db.session() as session:
        if await store.count_endpoints(session) >= settings.max_subscriptions:
            raise HTTPException(status.HTTP_409_CONFLICT, quota_message(settings.max_subscriptions))
        endpoint = await store.create_endpoint(
            session,
            url=url,
            secret=generate_secret(),
            now=now,
            description=body.description,
            **body.filters.columns(),
        )
    response.headers["Location"] = f"/v1/webhooks/{endpoint.id}"
    return WebhookCreated(**endpoint_out(endpoint, now).model_dump(), secret=endpoint.secret)


@router.get("", response_model=WebhookList, summary="List webhooks (oldest first)", responses=AUTH)
async def list_webhooks(db: DatabaseDep, cursor: CursorQuery = None, limit: LimitQuery = 50) -> WebhookList:
    now = utcnow()
    async with db.reader() as session:
        rows = await store.list_endpoints(session, after=parse_time_id_cursor(cursor), limit=limit + 1)
    page, next_cursor, has_more = split_page(rows, limit, lambda e: time_id_cursor(e.created_at, e.id))
    return WebhookList(data=[endpoint_out(e, now) for e in page], next_cursor=next_cursor, has_more=has_more)


@router.get("/{webhook_id}", response_model=WebhookPublic, summary="Get one webhook", responses={**AUTH, **NOT_FOUND})
async def get_webhook(webhook_id: str, db: DatabaseDep) -> WebhookPublic:
    return endpoint_out(await endpoint_or_404(db, webhook_id), utcnow())


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
        changes["url"] = await checked_url(body.url, settings, resolver)
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
