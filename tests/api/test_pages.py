"""`/` content negotiation, the event page, and /v1/stats holding the chart's totals."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

import httpx
import pytest

from service.db import Database
from service.flows.context import WorkerContext
from service.settings import Settings
from service.worker.runner import build_context
from tests.support.history import HISTORY, seed_history


@pytest.fixture
async def ctx(settings: Settings, database: Database) -> AsyncIterator[WorkerContext]:
    context = build_context(settings, database)
    yield context
    await context.aclose()


async def test_root_is_html_for_browsers_and_json_for_api_clients(client: httpx.AsyncClient) -> None:
    page = await client.get("/", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "No events yet." in page.text and "<svg" in page.text
    for accept in ("application/json", "*/*", "", "text/html;q=0.1, application/json"):
        index = await client.get("/", headers={"Accept": accept})
        assert index.headers["content-type"] == "application/json", accept
        assert index.json()["alerts"] == "/v1/alerts"
    assert (await client.get("/?kind=bogus", headers={"Accept": "text/html"})).status_code == 422
    assert (await client.get("/events/nope", headers={"Accept": "text/html"})).status_code == 404


async def test_stats_match_the_history_and_the_page(
    client: httpx.AsyncClient, ctx: WorkerContext, database: Database
) -> None:
    # Two exchanges and two repatriations in 2025.
    history = tuple(
        h for h in HISTORY if h.day.strftime("%Y-%m-%d") in {"2025-04-18", "2025-05-23", "2025-06-09", "2025-06-16"}
    )
    await seed_history(ctx, database, history)
    stats = (await client.get("/v1/stats")).json()
    totals = stats["totals"]
    pows = [h for h in history if h.kind == "pow"]
    bodies = [h for h in history if h.kind == "bodies"]
    assert totals["people_to_ukraine"] == sum(h.to_ukraine for h in pows)
    assert totals["bodies_to_ukraine"] == sum(h.to_ukraine for h in bodies)
    assert totals["events"] == len(history)
    june = next(m for m in stats["months"] if m["month"] == "2025-06")
    assert june["bodies_to_ukraine"] == 1212 and june["people_to_ukraine"] == 84
    assert stats["months"][0]["month"] == "2022-01"

    page = (await client.get("/", headers={"Accept": "text/html"})).text
    assert f"{totals['people_to_ukraine']:,} people and {totals['bodies_to_ukraine']:,} bodies" in page
    assert page.count('class="bar ') == sum(
        1
        for m in stats["months"]
        for key in ("people_to_ukraine", "people_to_russia", "bodies_to_ukraine", "bodies_to_russia")
        if m[key] > 0
    )
    uk_only = (await client.get("/?language=uk", headers={"Accept": "text/html"})).text
    assert uk_only.count('class="panel event"') == len(history)
    assert (await client.get("/?language=de", headers={"Accept": "text/html"})).text.count('class="panel event"') == 0
    form = (await client.get("/?kind=body_repatriation&language=", headers={"Accept": "text/html"})).text
    assert form.count('class="panel event"') == 2 and '<option value="body_repatriation" selected>' in form


async def test_older_events_page_on_with_the_cursor(
    client: httpx.AsyncClient, ctx: WorkerContext, database: Database
) -> None:
    history = tuple(
        h for h in HISTORY if h.day.strftime("%Y-%m-%d") in {"2025-04-18", "2025-05-23", "2025-06-09", "2025-06-16"}
    )
    await seed_history(ctx, database, history)
    html = {"Accept": "text/html"}
    first = (await client.get("/?limit=3", headers=html)).text
    assert first.count('class="panel event"') == 3
    link = re.search(r'<a href="(/\?cursor=[^"]+)">Older events</a>', first)
    assert link is not None and "limit=3" in link.group(1)
    second = (await client.get(link.group(1).replace("&amp;", "&"), headers=html)).text
    assert second.count('class="panel event"') == 1 and "Older events" not in second
    ids = re.findall(r'href="/events/([^"]+)"', first + second)
    assert len(set(ids)) == len(history)  # every event once: a page, not a longer list
    assert (await client.get("/?cursor=bogus", headers=html)).status_code == 422
