"""Scheduled units of work; each returns how much it did, so tests and `poll --once` can call them directly."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from service.flows.context import WorkerContext
from service.flows.poll import RefreshOutcome, refresh_many
from service.flows.process import process_articles
from service.store import feeds as feed_store
from service.store.retention import apply_retention

log = logging.getLogger(__name__)


async def poll_tick(ctx: WorkerContext, *, due_by: datetime | None = None) -> int:
    """Lease the due feeds (due by `due_by`, default now) and refresh them."""
    return len(await _poll_due(ctx, due_by))


async def _poll_due(ctx: WorkerContext, due_by: datetime | None) -> list[RefreshOutcome]:
    now = ctx.clock()
    async with ctx.db.session() as session:
        ids = await feed_store.claim_due_feeds(
            session,
            worker_id=ctx.worker_id,
            now=now,
            lease=timedelta(seconds=ctx.settings.lease_seconds),
            limit=ctx.settings.feeds_per_tick,
            due_by=due_by,
        )
    return await refresh_many(ctx, ids) if ids else []


async def process_tick(ctx: WorkerContext) -> int:
    """Pick up articles left pending: a crashed worker's, or pages whose fetch is being retried."""
    return await process_articles(ctx)


async def retention_tick(ctx: WorkerContext) -> int:
    async with ctx.db.session() as session:
        removed = await apply_retention(
            session,
            now=ctx.clock(),
            article_text_days=ctx.settings.retention_article_text_days,
            delivery_log_days=ctx.settings.retention_delivery_log_days,
        )
    if removed:
        log.info("retention cleared %d rows", removed)
    return removed


async def run_once(
    ctx: WorkerContext, on_polled: Callable[[list[RefreshOutcome]], None] | None = None
) -> list[RefreshOutcome]:
    """Burst mode: one pass. Poll every feed due when it starts, process what is pending, deliver; return.

    Feeds polled in this pass are due again only after it started, so a pass that takes longer than the
    poll interval still ends. `on_polled` sees each batch of outcomes as it finishes (the CLI's progress).
    """
    from service.worker.deliver import deliver_tick

    started = ctx.clock()
    outcomes: list[RefreshOutcome] = []
    while batch := await _poll_due(ctx, started):
        outcomes += batch
        if on_polled is not None:
            on_polled(batch)
    while await process_tick(ctx):
        pass
    await deliver_tick(ctx)
    return outcomes
