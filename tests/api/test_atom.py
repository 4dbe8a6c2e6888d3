"""/v1/alerts.atom end to end: news site → pipeline → Atom → feedparser, with conditional GET."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta

import feedparser
import httpx
import pytest

from service.db import Database
from service.flows.context import WorkerContext
from service.settings import Settings
from service.worker.runner import build_context
from tests.support.server import LocalServer
from tests.support.stories import NOW, NewsSite, pow_exchange, repatriation


@pytest.fixture
async def ctx(settings: Settings, database: Database) -> AsyncIterator[WorkerContext]:
    context = build_context(settings, database)
    context.clock = lambda: NOW
    yield context
    await context.aclose()


async def test_feed_parses_and_a_new_alert_appears_after_a_conditional_request(
    server: LocalServer, database: Database, ctx: WorkerContext, client: httpx.AsyncClient
) -> None:
    site = NewsSite(server, database)
    await site.publish(ctx, pow_exchange("swap", NOW - timedelta(days=1), 84, 84))

    first = await client.get("/v1/alerts.atom")
    assert first.status_code == 200 and first.headers["content-type"].startswith("application/atom+xml")
    parsed = feedparser.parse(first.content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    (entry,) = parsed.entries
    assert entry.title.startswith("POW exchange, 9 June 2025: 84 returned to Ukraine, 84 to Russia")
    assert entry.link.startswith("http://testserver/events/")
    assert "84" in entry.content[0].value

    etag, modified = first.headers["etag"], first.headers["last-modified"]
    assert (await client.get("/v1/alerts.atom", headers={"If-None-Match": etag})).status_code == 304
    assert (await client.get("/v1/alerts.atom", headers={"If-Modified-Since": modified})).status_code == 304

    await site.publish(ctx, repatriation("bodies", NOW - timedelta(hours=10), 1212, 27))
    second = await client.get("/v1/alerts.atom", headers={"If-None-Match": etag})
    assert second.status_code == 200 and second.headers["etag"] != etag
    titles = [e.title for e in feedparser.parse(second.content).entries]
    assert len(titles) == 2
    assert titles[0].startswith("Repatriation, 10 June 2025: 1,212 bodies returned to Ukraine, 27 to Russia")

    # The same filters as /v1/alerts, as query parameters.
    only_bodies = feedparser.parse((await client.get("/v1/alerts.atom?kind=body_repatriation")).content)
    assert [e.title for e in only_bodies.entries] == titles[:1]
    none = feedparser.parse((await client.get("/v1/alerts.atom?language=de")).content)
    assert none.entries == [] and not none.bozo


async def test_empty_feed_is_valid_and_garbled_dates_are_ignored(client: httpx.AsyncClient) -> None:
    response = await client.get("/v1/alerts.atom", headers={"If-Modified-Since": "yesterday-ish"})
    assert response.status_code == 200 and "last-modified" not in response.headers
    parsed = feedparser.parse(response.content)
    assert not parsed.bozo and parsed.entries == [] and parsed.feed.title == "exchangewatch alerts"
    assert (await client.get("/v1/alerts.atom?limit=0")).status_code == 422
