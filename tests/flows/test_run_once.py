"""`run_once` (`exchangewatch poll --once`) is one pass, even when the pass outlasts the poll interval."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from starlette.requests import Request
from starlette.responses import Response

from service.db import Database
from service.settings import Settings
from service.worker.runner import build_context
from service.worker.ticks import run_once
from tests.support.db import add_feed
from tests.support.feeds import Item, rss2
from tests.support.server import LocalServer

FEEDS = 24


async def test_run_once_polls_each_due_feed_once_and_returns_when_the_pass_outlasts_the_interval(
    server: LocalServer, database: Database, settings: Settings
) -> None:
    # 24 feeds answering in 0.25 s each, two at a time (one host): ~3 s for a pass, against a 1 s interval.
    body = rss2([Item("Weather", "https://outlet.example/weather", datetime(2025, 6, 1, tzinfo=UTC))])

    async def slow(_request: Request) -> Response:
        await asyncio.sleep(0.25)
        return Response(body, media_type="application/rss+xml", headers={"etag": '"same"'})

    for k in range(FEEDS):
        server.routes[f"/feed/{k}.xml"] = slow
        await add_feed(database, server.url(f"/feed/{k}.xml"))
    ctx = build_context(settings.model_copy(update={"poll_interval_seconds": 1.0, "feeds_per_tick": 5}), database)
    try:
        polled = await asyncio.wait_for(run_once(ctx), timeout=60)  # a hang guard, not a timing assert
    finally:
        await ctx.aclose()
    assert len(polled) == FEEDS
    assert sorted(r.path for r in server.requests if r.path.startswith("/feed/")) == sorted(
        f"/feed/{k}.xml" for k in range(FEEDS)
    )
