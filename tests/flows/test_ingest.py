"""Ingestion end to end against a real local server: poll, conditional GET, dedup, edits, extraction, errors."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from service.db import Database
from service.flows.context import WorkerContext
from service.flows.poll import refresh_feed
from service.models import Article, utcnow
from service.settings import Settings
from service.worker.runner import build_context
from tests.support.db import add_feed, load_feed, rows
from tests.support.feeds import Item, article_page, atom, dw_rdf, rss2
from tests.support.server import LocalServer

STORY = [
    "The Berlin city council approved a new budget for public libraries on Tuesday after a long debate.",
    "Council members said the money would pay for longer opening hours and new digital services in every district.",
    "Opposition politicians criticised the plan as too small, while library staff welcomed the extra funding.",
]


@pytest.fixture
async def ctx(settings: Settings, database: Database) -> AsyncIterator[WorkerContext]:
    context = build_context(settings, database)
    yield context
    await context.aclose()


async def test_one_story_in_two_feeds_is_one_article_with_extracted_text(
    server: LocalServer, database: Database, ctx: WorkerContext
) -> None:
    published = datetime(2025, 6, 10, 9, 0, tzinfo=UTC)
    page = server.url("/en/berlin-libraries/a-70000001")
    server.serve("/en/berlin-libraries/a-70000001", article_page("Berlin funds its libraries", STORY))
    server.serve(
        "/rdf/rss-en-all",
        dw_rdf(
            [
                Item(
                    "Berlin funds its libraries",
                    page + "?maca=en-rss-en-all-1573-rdf",
                    published,
                    "Council approves budget",
                    content_id="70000001",
                )
            ]
        ),
        content_type="application/rdf+xml",
    )
    server.serve(
        "/world.xml",
        rss2(
            [
                Item(
                    "Berlin funds its libraries",
                    page + "?utm_source=rss&utm_medium=feed",
                    published,
                    "Council approves budget",
                )
            ]
        ),
        content_type="application/rss+xml",
    )
    first = await refresh_feed(ctx, await add_feed(database, server.url("/rdf/rss-en-all")))
    second = await refresh_feed(ctx, await add_feed(database, server.url("/world.xml")))
    assert first.outcome == "ok" and len(first.new_articles) == 1
    assert second.outcome == "ok" and second.new_articles == []
    stored = await rows(database, Article)
    assert len(stored) == 1
    article = stored[0]
    assert article.url == page  # tracking parameters dropped
    assert article.state == "done" and article.text_source == "page"
    assert "longer opening hours" in article.text
    assert "Unrelated teaser headline" not in article.text and "Section 12" not in article.text
    assert article.published_at == published
    assert article.relevant is False


async def test_conditional_get_sends_validators_and_304_stores_nothing(
    server: LocalServer, database: Database, ctx: WorkerContext
) -> None:
    feed_xml = atom([Item("Quiet day", server.url("/a/1"), datetime(2025, 6, 1, tzinfo=UTC), "Nothing")])

    def handler(request):  # type: ignore[no-untyped-def]
        from starlette.responses import Response

        if request.headers.get("if-none-match") == '"v1"':
            return Response(status_code=304, headers={"ETag": '"v1"'})
        return Response(
            feed_xml,
            media_type="application/atom+xml",
            headers={"ETag": '"v1"', "Last-Modified": "Sun, 01 Jun 2025 00:00:00 GMT"},
        )

    server.routes["/atom.xml"] = handler
    server.serve("/a/1", article_page("Quiet day", STORY))
    feed_id = await add_feed(database, server.url("/atom.xml"))
    assert (await refresh_feed(ctx, feed_id)).outcome == "ok"
    again = await refresh_feed(ctx, feed_id)
    assert again.outcome == "not_modified"
    second = server.hits("/atom.xml")[-1]
    assert second.headers["if-none-match"] == '"v1"'
    assert second.headers["if-modified-since"] == "Sun, 01 Jun 2025 00:00:00 GMT"
    assert "exchangewatch" in second.headers["user-agent"]
    feed = await load_feed(database, feed_id)
    assert feed.error_count == 0 and feed.last_success_at is not None and feed.last_status == 304
    assert len(await rows(database, Article)) == 1


async def test_title_edit_updates_the_article(server: LocalServer, database: Database, ctx: WorkerContext) -> None:
    link = server.url("/news/1")
    server.serve("/news/1", article_page("Council approves budget", STORY))
    when = datetime(2025, 6, 2, tzinfo=UTC)
    server.serve("/feed", rss2([Item("Council aproves budget", link, when, "typo")]))
    feed_id = await add_feed(database, server.url("/feed"))
    await refresh_feed(ctx, feed_id)
    server.serve("/feed", rss2([Item("Council approves budget", link, when, "fixed")]))
    outcome = await refresh_feed(ctx, feed_id)
    assert outcome.changed_articles and not outcome.new_articles
    stored = await rows(database, Article)
    assert [a.title for a in stored] == ["Council approves budget"]


async def test_unreachable_page_keeps_feed_text_and_says_so(
    server: LocalServer, database: Database, ctx: WorkerContext
) -> None:
    server.serve("/paywalled", "<html><body>Subscribe to read</body></html>", status=403)
    server.serve(
        "/feed",
        rss2(
            [
                Item(
                    "Library budget",
                    server.url("/paywalled"),
                    datetime(2025, 6, 2, tzinfo=UTC),
                    "The council approved a library budget on Tuesday.",
                )
            ]
        ),
    )
    await refresh_feed(ctx, await add_feed(database, server.url("/feed")))
    (article,) = await rows(database, Article)
    assert article.state == "done" and article.text_source == "summary"
    assert article.text == "The council approved a library budget on Tuesday."
    assert article.fetch_error and article.fetch_error.startswith("blocked")


async def test_retry_after_on_429_and_503_sets_next_check(
    server: LocalServer, database: Database, ctx: WorkerContext
) -> None:
    for status in (429, 503):
        path = f"/limited-{status}"
        server.serve(path, "slow down", status=status, headers={"Retry-After": "3600"})
        feed_id = await add_feed(database, server.url(path))
        before = utcnow()
        assert (await refresh_feed(ctx, feed_id)).outcome == "rate_limited"
        feed = await load_feed(database, feed_id)
        assert feed.error_count == 1 and feed.enabled
        assert feed.next_check_at >= before + timedelta(seconds=3599)


async def test_errors_back_off_exponentially_and_keep_retrying(
    server: LocalServer, database: Database, ctx: WorkerContext
) -> None:
    server.serve("/broken", "oops", status=500)
    feed_id = await add_feed(database, server.url("/broken"))
    delays = []
    for _ in range(6):
        start = utcnow()
        await refresh_feed(ctx, feed_id)
        feed = await load_feed(database, feed_id)
        delays.append((feed.next_check_at - start).total_seconds())
    assert feed.error_count == 6 and feed.enabled and feed.last_error_kind == "http_5xx"
    assert delays[-1] > delays[0] * 4  # base 1 s: grows to ≥ 16 s (jitter keeps at least half)
    assert max(delays) <= ctx.settings.error_backoff_ceiling_seconds + 1


async def test_410_disables_the_feed(server: LocalServer, database: Database, ctx: WorkerContext) -> None:
    server.serve("/gone", "gone", status=410)
    feed_id = await add_feed(database, server.url("/gone"))
    assert (await refresh_feed(ctx, feed_id)).outcome == "gone"
    feed = await load_feed(database, feed_id)
    assert not feed.enabled and feed.disabled_reason and "410" in feed.disabled_reason


async def test_repeated_permanent_redirect_moves_the_feed(
    server: LocalServer, database: Database, ctx: WorkerContext
) -> None:
    server.serve("/old", "", status=301, headers={"Location": server.url("/new")})
    server.serve("/new", rss2([]))
    feed_id = await add_feed(database, server.url("/old"))
    await refresh_feed(ctx, feed_id)
    assert (await load_feed(database, feed_id)).url == server.url("/old")  # one redirect could be a mistake
    await refresh_feed(ctx, feed_id)
    assert (await load_feed(database, feed_id)).url == server.url("/new")


async def test_temporary_redirect_keeps_the_url(server: LocalServer, database: Database, ctx: WorkerContext) -> None:
    server.serve("/tmp", "", status=302, headers={"Location": server.url("/real")})
    server.serve("/real", rss2([]))
    feed_id = await add_feed(database, server.url("/tmp"))
    for _ in range(3):
        assert (await refresh_feed(ctx, feed_id)).outcome == "ok"
    assert (await load_feed(database, feed_id)).url == server.url("/tmp")


async def test_malformed_feed_is_recorded_and_other_feeds_keep_working(
    server: LocalServer, database: Database, ctx: WorkerContext
) -> None:
    server.serve("/bad", "<html><body><h1>Not a feed</h1></body></html>")
    server.serve("/good", rss2([Item("Library budget", server.url("/p"), datetime(2025, 6, 2, tzinfo=UTC), "x")]))
    server.serve("/p", article_page("Library budget", STORY))
    bad = await add_feed(database, server.url("/bad"))
    good = await add_feed(database, server.url("/good"))
    from service.flows.poll import refresh_many

    outcomes = {o.feed_id: o.outcome for o in await refresh_many(ctx, [bad, good])}
    assert outcomes == {bad: "parse", good: "ok"}
    assert (await load_feed(database, bad)).last_error_kind == "parse"
    async with database.reader() as session:
        assert (await session.exec(select(func.count()).select_from(Article))).scalar_one() == 1  # type: ignore[call-overload]


async def test_candidates_only_mode_extracts_only_pages_that_could_be_relevant(
    server: LocalServer, settings: Settings, database: Database
) -> None:
    exchange = [
        "Ukraine and Russia carried out a prisoner exchange on Tuesday, officials said.",
        "Ukrainian defenders returned home from Russian captivity, the Coordination Headquarters said.",
    ]
    server.serve("/swap", article_page("Prisoner exchange", exchange))
    server.serve("/library", article_page("Library budget", STORY))
    when = datetime(2025, 6, 10, tzinfo=UTC)
    server.serve(
        "/feed",
        rss2(
            [
                Item("Prisoner exchange", server.url("/swap"), when, "Swap summary"),
                Item("Library budget", server.url("/library"), when, "Budget summary"),
            ]
        ),
    )
    ctx = build_context(settings.model_copy(update={"page_policy": "candidates"}), database)
    try:
        await refresh_feed(ctx, await add_feed(database, server.url("/feed")))
    finally:
        await ctx.aclose()
    by_title = {a.title: a for a in await rows(database, Article)}
    assert by_title["Library budget"].text_source == "summary"
    assert by_title["Library budget"].text == "Budget summary"
    assert by_title["Prisoner exchange"].text_source == "page" and by_title["Prisoner exchange"].relevant


async def test_a_story_stored_concurrently_by_another_worker_is_seen_not_a_failed_poll(database: Database) -> None:
    """Two workers poll two feeds that carry one story (same GUID, different URLs) at the same moment."""
    from scrapers.feeds import FeedEntry
    from service.flows.entries import incoming
    from service.models import Feed, utcnow
    from service.store.ingest import upsert_entries

    def entry(url: str) -> FeedEntry:
        return FeedEntry(
            guid="story-392",
            url=url,
            title="One story",
            summary="",
            published=None,
            language="en",
            author=None,
            content_id=None,
        )

    async with database.session() as session:
        feeds = [Feed(url=f"https://outlet.example/feed{n}.xml") for n in (1, 2)]
        session.add_all(feeds)
    now = utcnow()

    async def second_worker() -> list[str]:
        async with database.session() as session:
            return [
                o.result
                for o in await upsert_entries(
                    session, [incoming(feeds[1], entry("https://outlet.example/b"), now)], now
                )
            ]

    async with database.session() as first:
        assert [
            o.result
            for o in await upsert_entries(first, [incoming(feeds[0], entry("https://outlet.example/a"), now)], now)
        ] == ["new"]
        racing = asyncio.create_task(second_worker())
        await asyncio.sleep(0.3)  # the second worker reaches the same key while this transaction is open
    assert await racing == ["seen"]
    assert len(await rows(database, Article)) == 1


async def test_a_ticks_quiet_polls_are_recorded_together(
    server: LocalServer, database: Database, ctx: WorkerContext
) -> None:
    from starlette.responses import Response

    from service.models import Feed
    from service.worker.ticks import poll_tick

    server.routes["/quiet"] = lambda request: Response(status_code=304, headers={"ETag": '"same"'})
    ids = [await add_feed(database, server.url("/quiet") + f"?n={n}") for n in range(3)]
    before = utcnow()
    assert await poll_tick(ctx) == 3
    for feed in await rows(database, Feed):
        assert feed.id in ids and feed.last_status == 304 and feed.error_count == 0
        assert feed.lease_owner is None and feed.last_success_at is not None
        assert feed.next_check_at > before
    assert await poll_tick(ctx) == 0  # nothing due, nothing leased
