"""A page that cannot be fetched does not hold an alert back: the article is detected on the feed summary at
once, says why (text_source, fetch_error, state), and is upgraded when the page text arrives later, with an
event.updated only if the page changes the facts. Real local servers: a page that times out, one that 403s."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy import select
from starlette.requests import Request
from starlette.responses import Response

from service.db import Database
from service.flows.context import WorkerContext
from service.flows.poll import refresh_feed
from service.flows.process import process_articles
from service.models import Alert, Article
from service.settings import Settings
from service.worker.runner import build_context
from tests.support.db import add_feed, rows
from tests.support.feeds import Item, article_page, rss2
from tests.support.server import LocalServer

NOW = datetime(2025, 6, 10, 19, 0, tzinfo=UTC)
SUMMARY = (
    "Ukraine and Russia carried out another prisoner exchange on Tuesday, the latest stage of the deal agreed"
    " in Istanbul, officials in Kyiv said."
)
SAME_FACTS = [SUMMARY, "The government gave no further details about the soldiers who came home."]
MORE_FACTS = [SUMMARY, "84 Ukrainian defenders returned home."]


@pytest.fixture
async def ctx(settings: Settings, database: Database) -> AsyncIterator[WorkerContext]:
    fast = settings.model_copy(
        update={"total_timeout_seconds": 1.0, "read_timeout_seconds": 1.0, "page_retry_seconds": 0.0}
    )
    context = build_context(fast, database)
    ticks = itertools.count()
    context.clock = lambda: NOW + timedelta(seconds=next(ticks))  # time moves: a retry due "now" is due
    yield context
    await context.aclose()


def _serve_feed(server: LocalServer, path: str) -> None:
    item = Item("Ukraine and Russia swap prisoners", server.url(path), datetime(2025, 6, 10, 15, tzinfo=UTC), SUMMARY)
    server.serve("/feed.xml", rss2([item]), content_type="application/rss+xml")


def _slow_then(page: list[bytes | None]) -> object:
    async def handler(_request: Request) -> Response:
        if page[0] is None:
            await asyncio.sleep(2)  # longer than the fetch's total deadline (1 s); the server waits for it on stop
        return Response(page[0] or b"", media_type="text/html")

    return handler


async def _alert_types(database: Database) -> list[str]:
    async with database.reader() as session:
        return list((await session.exec(select(Alert.type).order_by(Alert.id))).scalars().all())  # type: ignore[call-overload,arg-type]


async def _article(database: Database) -> Article:
    (article,) = await rows(database, Article)
    return article


@pytest.mark.parametrize(("page_text", "alerts_after"), [(SAME_FACTS, 1), (MORE_FACTS, 2)])
async def test_a_timed_out_page_alerts_on_the_summary_at_once_and_upgrades_later(
    server: LocalServer,
    database: Database,
    ctx: WorkerContext,
    client: httpx.AsyncClient,
    page_text: list[str],
    alerts_after: int,
) -> None:
    page: list[bytes | None] = [None]
    server.routes["/news/swap"] = _slow_then(page)  # type: ignore[assignment]
    _serve_feed(server, "/news/swap")

    await refresh_feed(ctx, await add_feed(database, server.url("/feed.xml")))

    waiting = await _article(database)
    assert waiting.state == "pending" and waiting.text_source == "summary" and waiting.relevant
    assert (waiting.fetch_error or "").startswith("timeout")
    assert await _alert_types(database) == ["event.created"]  # no wait for the page
    shown = (await client.get("/v1/articles")).json()["data"][0]
    assert shown["text_source"] == "summary" and shown["fetch_error"].startswith("timeout")
    assert shown["state"] == "pending"

    page[0] = article_page("Ukraine and Russia swap prisoners", page_text)
    assert await process_articles(ctx) == 1  # the retry is due (page_retry_seconds=0)

    upgraded = await _article(database)
    assert upgraded.state == "done" and upgraded.text_source == "page" and upgraded.fetch_error is None
    types = await _alert_types(database)
    assert len(types) == alerts_after and types[0] == "event.created"
    if alerts_after == 2:
        assert types[1] == "event.updated"


async def test_a_retry_that_fails_again_keeps_the_summary_result_without_new_alerts(
    server: LocalServer, database: Database, ctx: WorkerContext
) -> None:
    server.routes["/news/swap"] = _slow_then([None])  # type: ignore[assignment]
    _serve_feed(server, "/news/swap")
    await refresh_feed(ctx, await add_feed(database, server.url("/feed.xml")))
    for _ in range(3):
        await process_articles(ctx)
    settled = await _article(database)
    assert settled.state == "done" and settled.text_source == "summary" and settled.attempts == 3
    assert (settled.fetch_error or "").startswith("timeout")
    assert await _alert_types(database) == ["event.created"]
    assert await process_articles(ctx) == 0  # settled: no more tries


async def test_a_403_page_settles_on_the_summary_at_once(
    server: LocalServer, database: Database, ctx: WorkerContext, client: httpx.AsyncClient
) -> None:
    server.serve("/news/swap", "<html><body>Forbidden</body></html>", status=403)
    _serve_feed(server, "/news/swap")

    await refresh_feed(ctx, await add_feed(database, server.url("/feed.xml")))

    article = await _article(database)
    assert article.state == "done" and article.text_source == "summary" and article.text == SUMMARY
    assert (article.fetch_error or "").startswith("blocked")
    assert await _alert_types(database) == ["event.created"]
    assert [r.path for r in server.requests].count("/news/swap") == 1  # a 403 is not retried
    shown = (await client.get("/v1/articles")).json()["data"][0]
    assert shown["text_source"] == "summary" and shown["fetch_error"].startswith("blocked")
