"""The delivery tick: claim due outbox messages with leases, send them, record each attempt."""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import timedelta

from sqlmodel.ext.asyncio.session import AsyncSession

from service.delivery.sender import SendResult
from service.flows import notifications
from service.flows.context import WorkerContext
from service.metrics import DELIVERY_LAG, WEBHOOK_ATTEMPTS
from service.models import utcnow
from service.models.webhooks import APPRISE
from service.store import webhooks as store

log = logging.getLogger(__name__)

# After this many seconds a tick stops claiming new waves, so one tick never runs long.
TICK_BUDGET_SECONDS = 10.0


async def deliver_tick(ctx: WorkerContext) -> int:
    """Send every due message once (burst); returns the number of attempts made.

    Each endpoint is served by its own task, one wave of at most `delivery_concurrency_per_endpoint`
    sends at a time, claiming the next wave while the tick's budget lasts: a dead or slow endpoint holds
    only its own task, never another endpoint's deliveries.
    """
    settings = ctx.settings
    async with ctx.db.session() as session:
        jobs = await store.claim_due(
            session,
            worker_id=ctx.worker_id,
            now=ctx.clock(),
            lease=timedelta(seconds=ctx.settings.delivery_lease_seconds),
            limit=settings.delivery_batch,
            per_endpoint=settings.delivery_concurrency_per_endpoint,
        )
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
    while wave:
        results = await asyncio.gather(*(_send(ctx, job) for job in wave))
        sent += len(wave)
        more = all(r.ok for r in results) and time.monotonic() < deadline
        try:
            async with ctx.db.session() as session:
                for job, result in zip(wave, results, strict=True):
                    status = await store.record_attempt(
                        session,
                        job,
                        result,
                        now=ctx.clock(),
                        worker_id=ctx.worker_id,
                        disable_after=timedelta(days=ctx.settings.endpoint_disable_after_days),
                    )
                    _log(job, result, status)
                # A failing endpoint waits for its retry schedule, not for this tick.
                wave = await _claim(ctx, session, endpoint_id) if more else []
        except Exception:
            log.exception("recording webhook attempts failed endpoint_id=%s", endpoint_id)
            break  # the leases run out and the messages are sent again (same webhook-id)
    return sent


async def _claim(ctx: WorkerContext, session: AsyncSession, endpoint_id: str) -> list[store.Job]:
    per_endpoint = ctx.settings.delivery_concurrency_per_endpoint
    return await store.claim_due(
        session,
        worker_id=ctx.worker_id,
        now=ctx.clock(),
        lease=timedelta(seconds=ctx.settings.delivery_lease_seconds),
        limit=per_endpoint,
        per_endpoint=per_endpoint,
        endpoint_id=endpoint_id,
    )


async def _send(ctx: WorkerContext, job: store.Job) -> SendResult:
    try:
        if job.channel == APPRISE:
            return await notifications.deliver(ctx.settings, job.url, job.body)
        return await ctx.webhook_sender.send(job.url, job.msg_id, job.body, job.secrets)
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
