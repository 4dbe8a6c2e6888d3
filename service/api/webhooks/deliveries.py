"""/v1/webhooks/{id}: test pings, the delivery log (paged), resend one message, recover after an outage."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, status

from service.api.deps import AdminDep, DatabaseDep, SettingsDep
from service.api.pagination import BeforeQuery, CursorQuery, LimitQuery, id_cursor
from service.api.webhooks.schemas import (
    AUTH,
    NOT_FOUND,
    STATUS_PATTERN,
    Delivery,
    DeliveryList,
    PingResult,
    RecoverRequest,
    RecoverResult,
    delivery_out,
)
from service.api.webhooks.shared import endpoint_or_404
from service.db import Database
from service.flows import deliver
from service.models import utcnow
from service.store import webhooks as store

router = APIRouter(prefix="/v1/webhooks", tags=["webhooks"], dependencies=[AdminDep])


@router.post(
    "/{webhook_id}/test",
    response_model=PingResult,
    summary="Send a webhook.test message now and report the result",
    responses={**AUTH, **NOT_FOUND},
    description="The attempt is also written to the delivery log. A failed test is not retried.",
)
async def test_webhook(webhook_id: str, db: DatabaseDep, settings: SettingsDep) -> PingResult:
    delivery_id, result = await deliver.send_test(db, settings, await endpoint_or_404(db, webhook_id))
    return PingResult(
        delivery_id=delivery_id,
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
    cursor: CursorQuery = None,
    limit: LimitQuery = 50,
    before: BeforeQuery = None,
) -> DeliveryList:
    await endpoint_or_404(db, webhook_id)
    return await delivery_page(db, webhook_id, status_, id_cursor(cursor) or before, limit)


async def delivery_page(
    db: Database, endpoint_id: str, status_: str | None, before: int | None, limit: int
) -> DeliveryList:
    """One page of an endpoint's delivery log (webhooks and notification channels share it)."""
    async with db.reader() as session:
        rows = await store.list_messages(session, endpoint_id, status=status_, before=before, limit=limit + 1)
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
    await endpoint_or_404(db, webhook_id)
    async with db.session() as session:
        count = await store.recover(session, webhook_id, since=body.since, now=utcnow())
    return RecoverResult(recovered=count)
