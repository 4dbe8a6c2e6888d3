"""The summary line and event links travel with every alert: polling API, SSE stream, event JSON and page."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import timedelta

import httpx
import pytest

from service.api.app import create_app
from service.db import Database
from service.flows.context import WorkerContext
from service.settings import Settings
from service.worker.runner import build_context
from tests.support.server import LocalServer
from tests.support.stories import NOW, NewsSite, repatriation
from tests.support.webhooks import AppServer

SUMMARY = "Repatriation, 10 June 2025: 1,212 bodies returned to Ukraine, 27 to Russia — 1 source"


@pytest.fixture
async def ctx(settings: Settings, database: Database) -> AsyncIterator[WorkerContext]:
    context = build_context(settings, database)
    context.clock = lambda: NOW
    yield context
    await context.aclose()


async def test_summary_in_polling_stream_event_and_page(
    server: LocalServer, database: Database, ctx: WorkerContext, settings: Settings
) -> None:
    await NewsSite(server, database).publish(ctx, repatriation("bodies", NOW - timedelta(hours=10), 1212, 27))
    with AppServer(create_app(settings)) as app:
        async with httpx.AsyncClient(base_url=app.base, timeout=10) as http:
            (alert,) = (await http.get("/v1/alerts")).json()["data"]
            assert alert["summary"] == SUMMARY
            async with http.stream("GET", "/v1/alerts/stream?after=0") as stream:
                data = None
                async for line in stream.aiter_lines():
                    if line.startswith("data:"):
                        data = json.loads(line.removeprefix("data:").strip())
                        break
            assert data is not None and data["summary"] == SUMMARY and data["links"] == alert["links"]
            event = (await http.get(alert["links"]["event"])).json()
            assert event["summary"] == SUMMARY
            page = await http.get(alert["links"]["page"], headers={"Accept": "text/html"})
            assert page.status_code == 200 and "1,212 bodies returned to Ukraine" in page.text
