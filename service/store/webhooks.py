"""All SQL for webhook endpoints, the outbox and the attempt log: session first, flush, never commit."""

from __future__ import annotations

import secrets as random_ids
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, case, func, or_, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from service.models.events import Alert
from service.models.webhooks import (
    DEAD,
    DELIVERED,
    DELIVERING,
    FAILED,
    PENDING,
    WEBHOOK,
    WebhookAttempt,
    WebhookEndpoint,
    WebhookMessage,
)
from service.store.leases import claim

ROTATION_OVERLAP = timedelta(hours=24)
FILTER_FIELDS = ("event_types", "kinds", "languages", "min_confidence", "official_only")


def new_id(prefix: str) -> str:
    return f"{prefix}_{random_ids.token_hex(12)}"


# --- endpoints -------------------------------------------------------------------------------------


async def create_endpoint(
    session: AsyncSession, *, url: str, secret: str, now: datetime, channel: str = WEBHOOK, **fields: Any
) -> WebhookEndpoint:
    """A new enabled endpoint with its signing secret (returned once, by the route that created it)."""
    prefix = "ep" if channel == WEBHOOK else "nt"
    endpoint = WebhookEndpoint(
        id=new_id(prefix), channel=channel, url=url, secret=secret, created_at=now, updated_at=now, **fields
    )
    session.add(endpoint)
    await session.flush()
    return endpoint


async def count_endpoints(session: AsyncSession) -> int:
    """Webhook endpoints and notification channels together (the MAX_SUBSCRIPTIONS quota)."""
    return int((await session.exec(select(func.count()).select_from(WebhookEndpoint))).one())


async def get_endpoint(session: AsyncSession, endpoint_id: str, channel: str = WEBHOOK) -> WebhookEndpoint | None:
    """The endpoint of that channel (a notification channel is not a webhook, and the other way round)."""
    endpoint = await session.get(WebhookEndpoint, endpoint_id)
    return endpoint if endpoint is not None and endpoint.channel == channel else None


async def list_endpoints(
    session: AsyncSession,
    channel: str = WEBHOOK,
    *,
    after: tuple[datetime, str] | None = None,
    limit: int | None = None,
) -> list[WebhookEndpoint]:
    """Oldest first; `after` is the (created_at, id) of the last endpoint of the previous page."""
    query = select(WebhookEndpoint).where(col(WebhookEndpoint.channel) == channel)
    if after is not None:
        created, endpoint_id = after
        query = query.where(
            or_(
                col(WebhookEndpoint.created_at) > created,
                and_(col(WebhookEndpoint.created_at) == created, col(WebhookEndpoint.id) > endpoint_id),
            )
        )
    query = query.order_by(col(WebhookEndpoint.created_at), col(WebhookEndpoint.id))
    result = await session.exec(query.limit(limit) if limit is not None else query)
    return list(result.all())


async def update_endpoint(
    session: AsyncSession, endpoint: WebhookEndpoint, changes: dict[str, Any], *, now: datetime
) -> WebhookEndpoint:
    """Apply a partial update; re-enabling clears the disabled reason and the failure streak."""
    for name, value in changes.items():
        setattr(endpoint, name, value)
    if changes.get("enabled") is True:
        endpoint.disabled_reason = endpoint.disabled_at = endpoint.failing_since = None
    elif changes.get("enabled") is False and endpoint.disabled_at is None:
        endpoint.disabled_reason, endpoint.disabled_at = "disabled by the operator", now
    endpoint.updated_at = now
    session.add(endpoint)
    await session.flush()
    return endpoint


async def delete_endpoint(session: AsyncSession, endpoint: WebhookEndpoint) -> None:
    await session.delete(endpoint)
    await session.flush()


async def rotate_secret(session: AsyncSession, endpoint: WebhookEndpoint, *, secret: str, now: datetime) -> str:
    """A new secret; the old one keeps co-signing for 24 h so subscribers can switch without a gap."""
    endpoint.previous_secret = endpoint.secret
    endpoint.previous_secret_expires_at = now + ROTATION_OVERLAP
    endpoint.secret = secret
    endpoint.updated_at = now
    session.add(endpoint)
    await session.flush()
    return endpoint.secret


def live_secrets(endpoint: WebhookEndpoint, now: datetime) -> list[str]:
    """Secrets that sign a message sent at `now`: the current one, plus the previous one while it lives."""
    expires = endpoint.previous_secret_expires_at
    if endpoint.previous_secret and expires is not None and expires > now:
        return [endpoint.secret, endpoint.previous_secret]
    return [endpoint.secret]


def matches(endpoint: WebhookEndpoint, alert: Alert) -> bool:
    """Whether the endpoint's filters (None = any) let this alert through."""
    if endpoint.event_types and alert.type not in endpoint.event_types:
        return False
    if endpoint.kinds and alert.kind not in endpoint.kinds:
        return False
    if endpoint.languages and alert.language not in endpoint.languages:
        return False
    if endpoint.official_only and not (alert.payload or {}).get("event", {}).get("official"):
        return False
    return endpoint.min_confidence is None or alert.confidence >= endpoint.min_confidence


# --- outbox ----------------------------------------------------------------------------------------


def _insert(session: AsyncSession) -> Any:
    if session.get_bind().dialect.name == "postgresql":  # imported only there: SQLite needs none of it
        from sqlalchemy.dialects import postgresql

        return postgresql.insert
    from sqlalchemy.dialects import sqlite

    return sqlite.insert


async def enqueue_for_alert(session: AsyncSession, alert: Alert, body: str) -> int:
    """Outbox rows (carrying `body`) for every enabled endpoint whose filters match, in the alert's transaction.

    Idempotent: a second call (or a concurrent worker) inserts nothing thanks to unique (endpoint, alert).
    Returns the number of rows inserted.
    """
    assert alert.id is not None, "flush the alert before enqueueing it"
    endpoints = (await session.exec(select(WebhookEndpoint).where(col(WebhookEndpoint.enabled)))).all()
    rows = [
        {
            "msg_id": new_id("msg"),
            "endpoint_id": endpoint.id,
            "alert_id": alert.id,
            "event_type": alert.type,
            "payload": body,
            "status": PENDING,
            "next_attempt_at": alert.created_at,
            "created_at": alert.created_at,
        }
        for endpoint in endpoints
        if matches(endpoint, alert)
    ]
    if not rows:
        return 0
    statement = _insert(session)(WebhookMessage).values(rows).on_conflict_do_nothing()
    result = await session.exec(statement.returning(WebhookMessage.id))
    return len(result.all())


async def enqueue_message(
    session: AsyncSession, endpoint_id: str, *, event_type: str, body: str, now: datetime
) -> WebhookMessage:
    """One message for one endpoint in the outbox (a test ping, say), due now."""
    message = WebhookMessage(
        msg_id=new_id("msg"),
        endpoint_id=endpoint_id,
        event_type=event_type,
        payload=body,
        next_attempt_at=now,
        created_at=now,
    )
    session.add(message)
    await session.flush()
    return message


async def lease_message(session: AsyncSession, message: WebhookMessage, *, worker_id: str, until: datetime) -> None:
    """Mark one message as being delivered by `worker_id` (an inline send, outside the claim)."""
    message.status, message.lease_owner, message.lease_until = DELIVERING, worker_id, until
    session.add(message)
    await session.flush()


@dataclass(frozen=True)
class Job:
    """A claimed message with everything needed to send it outside any transaction."""

    message_id: int
    msg_id: str
    endpoint_id: str
    url: str
    secrets: list[str]
    body: str
    attempts: int
    created_at: datetime | None = None  # when the alert was written (outbox rows share its transaction)
    delivered_before: bool = False
    channel: str = WEBHOOK  # webhook: sign and POST; apprise: `url` is an Apprise URL


def _due(now: datetime) -> Any:
    waiting = and_(col(WebhookMessage.status).in_((PENDING, FAILED)), col(WebhookMessage.next_attempt_at) <= now)
    # A delivering row whose lease ran out belongs to a worker that died mid-send: send it again.
    orphaned = and_(col(WebhookMessage.status) == DELIVERING, col(WebhookMessage.lease_until) < now)
    return or_(waiting, orphaned)


async def claim_due(
    session: AsyncSession,
    *,
    worker_id: str,
    now: datetime,
    lease: timedelta,
    limit: int,
    per_endpoint: int,
    endpoint_id: str | None = None,
) -> list[Job]:
    """Lease due messages: up to `per_endpoint` for each endpoint no other tick is serving right now.

    An endpoint with live leases is skipped, so its concurrency bound holds across ticks and workers;
    an endpoint that is failing gets one probe at a time, so a dead subscriber costs one timeout per tick.
    """
    busy = select(WebhookMessage.endpoint_id).where(
        col(WebhookMessage.status) == DELIVERING, col(WebhookMessage.lease_until) >= now
    )
    order = (col(WebhookMessage.next_attempt_at), col(WebhookMessage.id))
    rank = func.row_number().over(partition_by=WebhookMessage.endpoint_id, order_by=order)
    cap = case((col(WebhookEndpoint.failing_since).is_not(None), 1), else_=per_endpoint)
    candidates: Any = (
        select(col(WebhookMessage.id).label("id"), rank.label("rn"), cap.label("cap"), order[0])
        .join(WebhookEndpoint, col(WebhookEndpoint.id) == col(WebhookMessage.endpoint_id))
        .where(col(WebhookEndpoint.enabled), _due(now), col(WebhookMessage.endpoint_id).not_in(busy))
    )
    if endpoint_id is not None:
        candidates = candidates.where(WebhookMessage.endpoint_id == endpoint_id)
    ranked = candidates.subquery()
    picked = (
        select(ranked.c.id)
        .where(ranked.c.rn <= ranked.c.cap)
        .order_by(ranked.c.next_attempt_at, ranked.c.id)
        .limit(limit)
    )
    values = {"status": DELIVERING, "lease_owner": worker_id, "lease_until": now + lease}
    message_id = col(WebhookMessage.id)
    claimed = await claim(
        session, WebhookMessage, message_id, picked, still_claimable=_due(now), lease=values, lock_by_id=True
    )
    return await jobs_for(session, claimed, now=now)


async def jobs_for(session: AsyncSession, ids: list[int], *, now: datetime) -> list[Job]:
    """Jobs for these message ids, signed with the endpoint's live secrets."""
    if not ids:
        return []
    rows = await session.exec(
        select(WebhookMessage, WebhookEndpoint)
        .join(WebhookEndpoint, col(WebhookEndpoint.id) == col(WebhookMessage.endpoint_id))
        .where(col(WebhookMessage.id).in_(ids))
        .order_by(col(WebhookMessage.next_attempt_at), col(WebhookMessage.id))
    )
    return [
        Job(
            _id(m.id),
            m.msg_id,
            e.id,
            e.url,
            live_secrets(e, now),
            m.payload,
            m.attempts,
            m.created_at,
            m.first_delivered_at is not None,
            e.channel,
        )
        for m, e in rows.all()
    ]


@dataclass(frozen=True)
class AttemptRow:
    """What one send attempt returned, as the attempt log stores it."""

    ok: bool
    status_code: int | None
    duration_ms: int
    error_class: str | None = None
    error: str | None = None
    response_body: str | None = None


async def record_attempt(
    session: AsyncSession,
    job: Job,
    attempt: AttemptRow,
    *,
    status: str,
    next_attempt_at: datetime | None,
    now: datetime,
    worker_id: str | None,
    trigger: str,
) -> None:
    """Log the attempt and move the message to `status`; a scheduled attempt only while this worker holds the lease."""
    session.add(
        WebhookAttempt(
            message_id=job.message_id,
            endpoint_id=job.endpoint_id,
            attempted_at=now,
            duration_ms=attempt.duration_ms,
            status_code=attempt.status_code,
            success=attempt.ok,
            error_class=attempt.error_class,
            error=attempt.error,
            response_body=attempt.response_body,
            trigger=trigger,
            worker_id=worker_id,
        )
    )
    values: dict[str, Any] = {
        "status": status,
        "attempts": job.attempts + 1,
        "next_attempt_at": next_attempt_at,
        "lease_owner": None,
        "lease_until": None,
        "last_attempt_at": now,
        "last_status": attempt.status_code,
        "last_error": attempt.error,
    }
    if attempt.ok:
        values["first_delivered_at"] = func.coalesce(WebhookMessage.first_delivered_at, now)
    where: list[Any] = [col(WebhookMessage.id) == job.message_id]
    if worker_id is not None and trigger != "test":
        where.append(col(WebhookMessage.lease_owner) == worker_id)  # another worker took over: it decides
    await session.exec(update(WebhookMessage).where(*where).values(**values))
    await session.flush()


async def mark_endpoint_healthy(session: AsyncSession, endpoint_id: str, *, now: datetime) -> None:
    this = col(WebhookEndpoint.id) == endpoint_id
    await session.exec(update(WebhookEndpoint).where(this).values(last_success_at=now, failing_since=None))


async def mark_endpoint_failing(session: AsyncSession, endpoint_id: str, *, now: datetime) -> datetime | None:
    """Start the endpoint's failure streak unless one runs; returns when the streak started."""
    this = col(WebhookEndpoint.id) == endpoint_id
    await session.exec(
        update(WebhookEndpoint).where(this).values(failing_since=func.coalesce(WebhookEndpoint.failing_since, now))
    )
    return (await session.exec(select(WebhookEndpoint.failing_since).where(this))).first()


async def disable_endpoint(session: AsyncSession, endpoint_id: str, reason: str, *, now: datetime) -> None:
    await session.exec(
        update(WebhookEndpoint)
        .where(col(WebhookEndpoint.id) == endpoint_id, col(WebhookEndpoint.enabled))
        .values(enabled=False, disabled_reason=reason, disabled_at=now, updated_at=now)
    )


# --- delivery log ----------------------------------------------------------------------------------


async def list_messages(
    session: AsyncSession, endpoint_id: str, *, status: str | None, before: int | None, limit: int
) -> list[WebhookMessage]:
    """Newest first; `before` is the internal id of the last message of the previous page."""
    query = select(WebhookMessage).where(WebhookMessage.endpoint_id == endpoint_id)
    if status:
        query = query.where(WebhookMessage.status == status)
    if before is not None:
        query = query.where(col(WebhookMessage.id) < before)
    result = await session.exec(query.order_by(col(WebhookMessage.id).desc()).limit(limit))
    return list(result.all())


async def attempts_for(session: AsyncSession, message_ids: list[int]) -> dict[int, list[WebhookAttempt]]:
    """Every attempt of these messages, oldest first, grouped by message."""
    grouped: dict[int, list[WebhookAttempt]] = {mid: [] for mid in message_ids}
    if message_ids:
        query = (
            select(WebhookAttempt)
            .where(col(WebhookAttempt.message_id).in_(message_ids))
            .order_by(col(WebhookAttempt.id))
        )
        for attempt in (await session.exec(query)).all():
            grouped[attempt.message_id].append(attempt)
    return grouped


async def get_message(session: AsyncSession, endpoint_id: str, msg_id: str) -> WebhookMessage | None:
    query = select(WebhookMessage).where(WebhookMessage.endpoint_id == endpoint_id, WebhookMessage.msg_id == msg_id)
    return (await session.exec(query)).first()


async def resend(session: AsyncSession, message: WebhookMessage, *, now: datetime) -> WebhookMessage:
    """Queue the same message (same webhook-id and body) again, with a fresh retry schedule."""
    message.status, message.attempts, message.next_attempt_at = PENDING, 0, now
    message.lease_owner = message.lease_until = None
    session.add(message)
    await session.flush()
    return message


async def recover(session: AsyncSession, endpoint_id: str, *, since: datetime, now: datetime) -> int:
    """Queue again every failed or dead message of the endpoint created since `since`."""
    result = await session.exec(
        update(WebhookMessage)
        .where(
            col(WebhookMessage.endpoint_id) == endpoint_id,
            col(WebhookMessage.status).in_((FAILED, DEAD)),
            col(WebhookMessage.created_at) >= since,
        )
        .values(status=PENDING, attempts=0, next_attempt_at=now, lease_owner=None, lease_until=None)
    )
    return int(result.rowcount or 0)


def _id(value: int | None) -> int:
    assert value is not None, "flush the row first"
    return value


STATUSES = (PENDING, DELIVERING, DELIVERED, FAILED, DEAD)
