"""The delivery tick: claim due outbox messages with leases, send them, record each attempt."""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import timedelta

from service.store import webhooks as store
from service.worker.context import WorkerContext

log = logging.getLogger(__name__)

# A claimed message stays ours this long; it covers the 15 s send plus the bookkeeping, and a worker
# that dies mid-send frees its messages for another worker (same webhook-id) once it runs out.
DELIVERY_LEASE = timedelta(seconds=60)
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
            lease=DELIVERY_LEASE,
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
    """Send waves for one endpoint until it has nothing due or the tick's budget is spent."""
    endpoint_id, sent = wave[0].endpoint_id, 0
    while wave:
        outcomes = await asyncio.gather(*(_deliver(ctx, job) for job in wave))
        sent += len(wave)
        if not all(outcomes) or time.monotonic() >= deadline:
            break  # a failing endpoint waits for its retry schedule, not for this tick
        async with ctx.db.session() as session:
            wave = await store.claim_due(
                session,
                worker_id=ctx.worker_id,
                now=ctx.clock(),
                lease=DELIVERY_LEASE,
                limit=ctx.settings.delivery_concurrency_per_endpoint,
                per_endpoint=ctx.settings.delivery_concurrency_per_endpoint,
                endpoint_id=endpoint_id,
            )
    return sent


async def _deliver(ctx: WorkerContext, job: store.Job) -> bool:
    """One attempt (True on success); an error here is logged and the lease brings the message back."""
    try:
        result = await ctx.webhook_sender.send(job.url, job.msg_id, job.body, job.secrets)
        async with ctx.db.session() as session:
            status = await store.record_attempt(
                session,
                job,
                result,
                now=ctx.clock(),
                worker_id=ctx.worker_id,
                disable_after=timedelta(days=ctx.settings.endpoint_disable_after_days),
            )
    except Exception:
        log.exception("webhook attempt failed to complete endpoint_id=%s msg_id=%s", job.endpoint_id, job.msg_id)
        return False
    level = logging.INFO if result.ok else logging.WARNING
    log.log(
        level,
        "webhook attempt endpoint_id=%s msg_id=%s attempt=%d status=%s error=%s duration_ms=%d -> %s",
        job.endpoint_id,
        job.msg_id,
        job.attempts + 1,
        result.status,
        result.error_class,
        result.duration_ms,
        status,
    )
    return result.ok
