"""Quotas and probe floods: MAX_SUBSCRIPTIONS caps webhooks and notification channels together (409), and
/health and /metrics share their database figures for PROBE_CACHE_SECONDS (one load for a flood).
The statements are counted by a listener on the real engine."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import httpx
from sqlalchemy import event

from service.api.app import create_app
from service.db import Database
from tests.conftest import ADMIN_TOKEN, make_settings
from tests.support.server import LocalServer

ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}"}


@asynccontextmanager
async def _api(database: Database, database_url: str, **settings: Any) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(make_settings(database_url, **settings), database=database)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            yield http


def _statement_counter(database: Database) -> Callable[[], int]:
    count = 0

    def counted(*_args: Any) -> None:
        nonlocal count
        count += 1

    event.listen(database.engine.sync_engine, "before_cursor_execute", counted)
    return lambda: count


async def test_subscriptions_are_capped_across_webhooks_and_notification_channels(
    database: Database, database_url: str, server: LocalServer
) -> None:
    server.serve("/hook", "ok")
    hook = {"url": server.url("/hook")}
    channel = {"url": "json://" + server.base.removeprefix("http://") + "/hook"}
    async with _api(database, database_url, max_subscriptions=3) as http:
        first = await http.post("/v1/webhooks", json=hook, headers=ADMIN)
        assert first.status_code == 201, first.text
        assert (await http.post("/v1/notifications", json=channel, headers=ADMIN)).status_code == 201
        assert (await http.post("/v1/webhooks", json=hook, headers=ADMIN)).status_code == 201

        over = await http.post("/v1/webhooks", json=hook, headers=ADMIN)
        assert over.status_code == 409 and "at most 3 subscriptions" in over.json()["detail"]
        over_channel = await http.post("/v1/notifications", json=channel, headers=ADMIN)
        assert over_channel.status_code == 409 and "at most 3" in over_channel.json()["detail"]

        assert (await http.delete(f"/v1/webhooks/{first.json()['id']}", headers=ADMIN)).status_code == 204
        assert (await http.post("/v1/webhooks", json=hook, headers=ADMIN)).status_code == 201


async def test_a_probe_flood_costs_one_database_load(database: Database, database_url: str) -> None:
    statements = _statement_counter(database)
    async with _api(database, database_url, probe_cache_seconds=60) as http:
        before = statements()
        answers = await asyncio.gather(*(http.get(path) for path in ["/health"] * 50 + ["/metrics"] * 50))
        flood = statements() - before
        assert {a.status_code for a in answers} <= {200, 503}
        before = statements()
        await http.get("/health")
        await http.get("/metrics")
        assert statements() == before  # still fresh: no query at all
    async with _api(database, database_url, probe_cache_seconds=0) as http:
        before = statements()
        await http.get("/health")
        await http.get("/metrics")
        one_each = statements() - before
    assert one_each > 0 and flood == one_each  # 100 probes, one load of each
