"""Deliver the outbox: claim due messages, send them, and decide what each attempt means, beside the send.

An attempt ends in a named outcome for its message (Delivered, Retry at a time, or Dead) and a verdict on
its endpoint (healthy, failing since a time, or disabled with a reason). The policy reads only the send's
result, the attempt count and the endpoint's failure streak, so every channel delivered through the outbox
gets the same retry schedule and the same disabling.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from service import render
from service.db import Database
from service.delivery import schedule
from service.delivery.sender import SendResult, create_sender
from service.flows import channels
from service.flows.context import WorkerContext
from service.metrics import DELIVERY_LAG, WEBHOOK_ATTEMPTS
from service.models import utcnow
from service.models.webhooks import DEAD, DELIVERED, FAILED, WebhookEndpoint, WebhookMessage
from service.settings import Settings
from service.store import webhooks as store

log = logging.getLogger(__name__)
TICK_BUDGET_SECONDS = 10.0  # after this a tick stops claiming new waves, so one tick never runs long
TEST_LEASE = timedelta(minutes=1)


@dataclass(frozen=True)
class Delivered:
    status = DELIVERED


@dataclass(frozen=True)
class Retry:
    at: datetime
    status = FAILED


@dataclass(frozen=True)
class Dead:
    reason: str  # gone | unsafe address | not retried | retries exhausted
    status = DEAD


Outcome = Delivered | Retry | Dead
Rand = Callable[[float, float], float]


def outcome_of(result: SendResult, attempts: int, now: datetime, *, retry: bool, rand: Rand | None = None) -> Outcome:
    """What an attempt means for its message: delivered, another try on the schedule, or no more tries."""
    if result.ok:
        return Delivered()
    if result.gone:
        return Dead("gone")
    if result.error_class == "unsafe_url":
        return Dead("unsafe address")  # a refused address does not become safe by waiting
    if not retry:
        return Dead("not retried")
    kwargs = {"rand": rand} if rand is not None else {}
    next_at = schedule.next_attempt_at(now, attempts, retry_after=result.retry_after, **kwargs)
    return Dead("retries exhausted") if next_at is None else Retry(next_at)


def disable_reason(result: SendResult, failing_since: datetime | None, now: datetime, after: timedelta) -> str | None:
    """Why a failed attempt disables its endpoint: a 410 Gone, or no success for `after`; None keeps it."""
    if result.gone:
        return "the endpoint answered 410 Gone"
    if failing_since is not None and now - failing_since >= after:
        days = after.total_seconds() / 86400
        return f"no successful delivery for {days:g} days (failing since {render.isoformat(failing_since)})"
    return None


async def record(
    session: AsyncSession,
    job: store.Job,
    result: SendResult,
    *,
    now: datetime,
    worker_id: str | None,
    trigger: str = "scheduled",
    disable_after: timedelta = timedelta(days=5),
    rand: Rand | None = None,
) -> str:
    """Log the attempt, move the message on and update its endpoint's health; returns the message's status.

    A test send (trigger="test") is never retried and leaves the endpoint's health alone.
    """
    outcome = outcome_of(result, job.attempts + 1, now, retry=trigger != "test", rand=rand)
    row = store.AttemptRow(
        result.ok, result.status, result.duration_ms, result.error_class, result.error, result.response_body
    )
    next_at = outcome.at if isinstance(outcome, Retry) else None
    await store.record_attempt(
        session, job, row, status=outcome.status, next_attempt_at=next_at, now=now, worker_id=worker_id, trigger=trigger
    )
    if trigger != "test":
        await _endpoint_health(session, job.endpoint_id, result, now=now, disable_after=disable_after)
    await session.flush()
    return outcome.status


async def _endpoint_health(
    session: AsyncSession, endpoint_id: str, result: SendResult, *, now: datetime, disable_after: timedelta
) -> None:
    if result.ok:
        await store.mark_endpoint_healthy(session, endpoint_id, now=now)
        return
    since = None if result.gone else await store.mark_endpoint_failing(session, endpoint_id, now=now)
    reason = disable_reason(result, since, now, disable_after)
    if reason is not None:
        await store.disable_endpoint(session, endpoint_id, reason, now=now)


async def queue_test(session: AsyncSession, endpoint: WebhookEndpoint, *, now: datetime) -> WebhookMessage:
    """A webhook.test ping in the outbox."""
    body = render.ping_body(endpoint.id, now)
    return await store.enqueue_message(session, endpoint.id, event_type=render.TEST_TYPE, body=body, now=now)


async def start_test(session: AsyncSession, endpoint: WebhookEndpoint, *, now: datetime, worker_id: str) -> store.Job:
    """An inline test message, leased to the request that sends it."""
    message = await queue_test(session, endpoint, now=now)
    await store.lease_message(session, message, worker_id=worker_id, until=now + TEST_LEASE)
    assert message.id is not None, "flushed"
    secrets = store.live_secrets(endpoint, now)
    job = store.Job(message.id, message.msg_id, endpoint.id, endpoint.url, secrets, message.payload, 0)
    return replace(job, channel=endpoint.channel)


async def send_test(db: Database, settings: Settings, endpoint: WebhookEndpoint) -> tuple[str, SendResult]:
    """Send a test message now on the endpoint's channel, outside the retry schedule, logged like any attempt."""
    async with db.session() as session:
        job = await start_test(session, endpoint, now=utcnow(), worker_id="api")
    sender = create_sender(settings)
    try:
        result = await channels.send(job, settings=settings, webhook_sender=sender)
    finally:
        await sender.aclose()
    async with db.session() as session:
        await record(session, job, result, now=utcnow(), worker_id="api", trigger="test")
    return job.msg_id, result


async def deliver_due(ctx: WorkerContext) -> int:
    """Send every due message once (burst); returns the number of attempts made.

    Each endpoint is served by its own task, one wave of at most `delivery_concurrency_per_endpoint`
    sends at a time, claiming the next wave while the tick's budget lasts: a dead or slow endpoint holds
    only its own task, never another endpoint's deliveries.
    """
    async with ctx.db.session() as session:
        jobs = await _claim(ctx, session, limit=ctx.settings.delivery_batch)
    by_endpoint: dict[str, list[store.Job]] = {}
    for job in jobs:
        by_endpoint.setdefault(job.endpoint_id, []).append(job)
    deadline = time.monotonic() + TICK_BUDGET_SECONDS
    counts = await asyncio.gather(*(_serve_endpoint(ctx, wave, deadline) for wave in by_endpoint.values()))
    return sum(counts)


async def _serve_endpoint(ctx: WorkerContext, wave: list[store.Job], deadline: float) -> int:
    """Send waves for one endpoint until it has nothing due, fails, or the tick's budget is spent.

    Each wave's attempts are recorded, and the next wave claimed, in one transaction: one write per
    wave instead of one per message keeps SQLite's single writer from becoming the bottleneck.
    """
    endpoint_id, sent = wave[0].endpoint_id, 0
    disable_after = timedelta(days=ctx.settings.endpoint_disable_after_days)
    while wave:
        results = await asyncio.gather(*(_send(ctx, job) for job in wave))
        sent += len(wave)
        more = all(r.ok for r in results) and time.monotonic() < deadline
        try:
            async with ctx.db.session() as session:
                for job, result in zip(wave, results, strict=True):
                    now = ctx.clock()
                    status = await record(
                        session, job, result, now=now, worker_id=ctx.worker_id, disable_after=disable_after
                    )
                    _log(job, result, status)
                # A failing endpoint waits for its retry schedule, not for this tick.
                per_endpoint = ctx.settings.delivery_concurrency_per_endpoint
                wave = await _claim(ctx, session, limit=per_endpoint, endpoint_id=endpoint_id) if more else []
        except Exception:
            log.exception("recording webhook attempts failed endpoint_id=%s", endpoint_id)
            break  # the leases run out and the messages are sent again (same webhook-id)
    return sent


async def _claim(
    ctx: WorkerContext, session: AsyncSession, *, limit: int, endpoint_id: str | None = None
) -> list[store.Job]:
    return await store.claim_due(
        session,
        worker_id=ctx.worker_id,
        now=ctx.clock(),
        lease=timedelta(seconds=ctx.settings.delivery_lease_seconds),
        limit=limit,
        per_endpoint=ctx.settings.delivery_concurrency_per_endpoint,
        endpoint_id=endpoint_id,
    )


async def _send(ctx: WorkerContext, job: store.Job) -> SendResult:
    try:
        return await channels.send(job, settings=ctx.settings, webhook_sender=ctx.webhook_sender)
    except Exception as exc:  # the sender classifies every network error; this is a bug, keep going
        log.exception("webhook sender crashed endpoint_id=%s msg_id=%s", job.endpoint_id, job.msg_id)
        return SendResult(False, 0, error_class="internal", error=type(exc).__name__)


def _log(job: store.Job, result: SendResult, status: str) -> None:
    WEBHOOK_ATTEMPTS.labels("success" if result.ok else (result.error_class or "failure")).inc()
    if result.ok and not job.delivered_before and job.created_at is not None:
        DELIVERY_LAG.observe(max(0.0, (utcnow() - job.created_at).total_seconds()))
    log.log(
        logging.INFO if result.ok else logging.WARNING,
        "webhook attempt endpoint_id=%s msg_id=%s attempt=%d status=%s error=%s duration_ms=%d -> %s",
        job.endpoint_id,
        job.msg_id,
        job.attempts + 1,
        result.status,
        result.error_class,
        result.duration_ms,
        status,
    )
