"""Article links are chosen by feed publishers: a page on a non-public address is fetched only on the feed's
own origin (or with PAGE_ALLOW_PRIVATE), on every redirect hop and for robots.txt too. Real local servers."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime

import pytest

from scrapers.http import HttpConfig, PoliteClient
from service.db import Database
from service.flows.context import WorkerContext
from service.flows.poll import refresh_feed
from service.models import Article
from service.settings import Settings
from service.worker.runner import build_context
from tests.conftest import make_settings
from tests.support.db import add_feed, rows
from tests.support.feeds import Item, article_page, rss2
from tests.support.server import LocalServer

SECRET = "root password is hunter2 and the admin panel lists every customer of the exchange"
STORY = [
    "The harbour authority opened a second ferry terminal on Monday after three years of construction work.",
    "Officials said the terminal would shorten waiting times for commuters crossing the bay every morning.",
]
WHEN = datetime(2025, 6, 10, 9, 0, tzinfo=UTC)


@pytest.fixture
def internal() -> Iterator[LocalServer]:
    """Another loopback origin: the "internal admin" service an attacker's feed points at."""
    srv = LocalServer().start()
    srv.serve("/internal/admin", article_page("Admin", [SECRET, SECRET]))
    srv.serve("/robots.txt", "User-agent: *\nAllow: /\n", content_type="text/plain")
    yield srv
    srv.stop()


@pytest.fixture
async def ctx(settings: Settings, database: Database) -> AsyncIterator[WorkerContext]:
    context = build_context(settings, database)
    yield context
    await context.aclose()


def _feed(server: LocalServer, links: list[tuple[str, str]]) -> None:
    items = [Item(title, link, WHEN, f"Summary of {title.lower()}") for title, link in links]
    server.serve("/feed.xml", rss2(items), content_type="application/rss+xml")


async def _articles(database: Database) -> dict[str, Article]:
    return {a.title: a for a in await rows(database, Article)}


async def test_link_to_another_loopback_origin_is_not_fetched_and_keeps_the_summary(
    server: LocalServer, internal: LocalServer, database: Database, ctx: WorkerContext
) -> None:
    server.serve("/news/ferry", article_page("Ferry terminal opens", STORY))
    server.serve("/robots.txt", "User-agent: *\nAllow: /\n", content_type="text/plain")
    _feed(server, [("Ferry terminal opens", server.url("/news/ferry")), ("Admin", internal.url("/internal/admin"))])

    outcome = await refresh_feed(ctx, await add_feed(database, server.url("/feed.xml")))

    assert outcome.outcome == "ok" and len(outcome.new_articles) == 2
    assert internal.requests == []  # neither the page nor its robots.txt
    stored = await _articles(database)
    refused = stored["Admin"]
    assert refused.state == "done" and refused.text == "Summary of admin"
    assert refused.text_source in {"feed", "summary"}
    assert refused.fetch_error is not None and refused.fetch_error.startswith("unsafe_url")
    assert SECRET not in refused.text
    same_origin = stored["Ferry terminal opens"]  # the intranet feed's own pages are still fetched
    assert same_origin.text_source == "page" and "second ferry terminal" in same_origin.text


async def test_redirect_from_the_feed_origin_to_another_loopback_origin_is_refused(
    server: LocalServer, internal: LocalServer, database: Database, ctx: WorkerContext
) -> None:
    server.serve("/go", "", status=302, headers={"Location": internal.url("/internal/admin")})
    _feed(server, [("Bounce", server.url("/go"))])

    await refresh_feed(ctx, await add_feed(database, server.url("/feed.xml")))

    assert [r.path for r in server.requests].count("/go") == 1  # the first hop is the feed's own origin
    assert internal.requests == []
    article = (await _articles(database))["Bounce"]
    assert article.text == "Summary of bounce" and (article.fetch_error or "").startswith("unsafe_url")


async def test_page_allow_private_lets_an_operator_fetch_internal_pages(
    server: LocalServer, internal: LocalServer, database_url: str, database: Database
) -> None:
    _feed(server, [("Admin", internal.url("/internal/admin"))])
    context = build_context(make_settings(database_url, page_allow_private=True), database)
    try:
        await refresh_feed(context, await add_feed(database, server.url("/feed.xml")))
    finally:
        await context.aclose()
    assert "/internal/admin" in [r.path for r in internal.requests]
    assert SECRET in (await _articles(database))["Admin"].text


async def test_the_feed_rule_is_the_ceiling_for_the_feed_origin() -> None:
    """A page on the feed's origin may be private only if the feed may; scheme and port are the origin."""
    feed = "http://127.0.0.1:8123/feed.xml"
    async with PoliteClient(HttpConfig(allow_private=False)) as strict:
        assert not strict.page_access(feed).allows("http://127.0.0.1:8123/news")
    async with PoliteClient(HttpConfig(allow_private=True)) as polite:
        access = polite.page_access(feed)
        assert access.allows("http://127.0.0.1:8123/news") and access.allows("HTTP://127.0.0.1:8123/x")
        assert not access.allows("https://127.0.0.1:8123/news")
        assert not access.allows("http://127.0.0.1:8124/news") and not access.allows("http://localhost:8123/")
