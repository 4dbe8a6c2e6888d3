"""Source kinds beyond RSS: official Telegram channels first, Google News and GDELT for breadth."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape

import httpx
import pytest

from service.bootstrap import sync_feed_list
from service.db import Database
from service.flows.context import WorkerContext
from service.flows.poll import refresh_feed
from service.models import Alert, Article, Event, Feed
from service.opml import default_opml, parse_opml
from service.settings import Settings
from service.worker.runner import build_context
from tests.support.db import add_feed, rows
from tests.support.feeds import Item, article_page, rss2
from tests.support.server import LocalServer

NOW = datetime(2025, 6, 10, 19, 0, tzinfo=UTC)
POST = (
    "🇺🇦 Відбувся черговий етап обміну полоненими.<br/>Додому повертаються 84 українських захисники — серед"
    " них поранені та важкохворі.<br/>Дякуємо ОАЕ за посередництво."
)
NEWS = [
    "Ukraine and Russia exchanged prisoners of war on Tuesday, the Coordination Headquarters in Kyiv said.",
    "Eighty-four Ukrainian defenders returned home, among them seriously ill and wounded soldiers.",
]


def telegram_page(channel: str, posts: list[tuple[int, str, datetime]]) -> str:
    """A channel preview page (https://t.me/s/<channel>) in Telegram's markup."""
    blocks = "".join(
        f"""<div class="tgme_widget_message_wrap js-widget_message_wrap">
<div class="tgme_widget_message js-widget_message"
 data-post="{channel}/{post_id}"><div class="tgme_widget_message_bubble">
<div class="tgme_widget_message_text js-message_text" dir="auto">{text}</div>
<div class="tgme_widget_message_footer compact js-message_footer"><span class="tgme_widget_message_meta">
<a class="tgme_widget_message_date" href="https://t.me/{channel}/{post_id}"><time datetime="{when.isoformat()}"
 class="time">{when:%H:%M}</time></a></span></div></div></div></div>"""
        for post_id, text, when in posts
    )
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{channel} – Telegram</title></head><body>
<header class="tgme_header"><div class="tgme_header_title">{channel}</div></header>
<main class="tgme_main"><section class="tgme_channel_history js-message_history">{blocks}</section></main>
</body></html>"""


@pytest.fixture
async def ctx(settings: Settings, database: Database) -> AsyncIterator[WorkerContext]:
    context = build_context(settings, database)
    context.clock = lambda: NOW
    yield context
    await context.aclose()


def test_default_sources_put_official_channels_beside_the_news_feeds() -> None:
    specs = parse_opml(default_opml())
    kinds = [s.kind for s in specs]
    telegram = [s for s in specs if s.kind == "telegram"]
    assert len(telegram) >= 4 and all(s.official and s.url.startswith("https://t.me/s/") for s in telegram)
    dw = [s.url for s in specs if s.url.startswith("https://rss.dw.com/rdf/")]
    assert len(dw) >= 6
    outlets = {s.url.split("/")[2] for s in specs if s.kind == "rss" and "dw.com" not in s.url}
    assert len(outlets) >= 8
    assert kinds.count("google_news") >= 4 and kinds.count("gdelt") == 1


async def test_feeds_api_lists_the_default_sources(
    settings: Settings, database: Database, client: httpx.AsyncClient
) -> None:
    await sync_feed_list(settings, database)
    feeds = (await client.get("/v1/feeds")).json()["data"]
    assert {"rss", "telegram", "google_news", "gdelt"} <= {f["kind"] for f in feeds}
    assert any(f["url"] == "https://t.me/s/Koordshtab" and f["official"] for f in feeds)


async def test_official_post_alerts_with_its_numbers_and_a_later_news_report_attaches(
    server: LocalServer, database: Database, ctx: WorkerContext
) -> None:
    server.serve("/s/Koordshtab", telegram_page("Koordshtab", [(9001, POST, NOW - timedelta(hours=3))]))
    await refresh_feed(ctx, await add_feed(database, server.url("/s/Koordshtab"), "telegram", official=True, now=NOW))
    (alert,) = await rows(database, Alert)
    assert alert.type == "event.created"
    assert alert.payload["facts"]["returned_to_ukraine"] == 84
    assert alert.payload["event"]["official"] is True
    (article,) = await rows(database, Article)
    assert article.url == "https://t.me/Koordshtab/9001" and article.text_source == "post"
    assert "84 українських захисники" in article.text and "\n" in article.text
    assert server.hits("/Koordshtab/9001") == []  # the post is the article: no page fetch

    server.serve("/news/swap", article_page("Ukraine and Russia exchange prisoners", NEWS))
    server.serve(
        "/news.xml",
        rss2(
            [
                Item(
                    "Ukraine and Russia exchange prisoners",
                    server.url("/news/swap"),
                    NOW - timedelta(hours=1),
                    "Exchange",
                )
            ]
        ),
    )
    await refresh_feed(ctx, await add_feed(database, server.url("/news.xml"), "rss", now=NOW))
    assert len(await rows(database, Alert)) == 1  # attached, no second alert
    (event,) = await rows(database, Event)
    assert event.report_count == 2 and event.state["official"] is True


async def test_edited_post_updates_its_article(server: LocalServer, database: Database, ctx: WorkerContext) -> None:
    feed_id = await add_feed(database, server.url("/s/chan"), "telegram", now=NOW)
    server.serve("/s/chan", telegram_page("chan", [(1, "Перший варіант тексту.", NOW)]))
    await refresh_feed(ctx, feed_id)
    server.serve("/s/chan", telegram_page("chan", [(1, "Виправлений текст допису.", NOW)]))
    outcome = await refresh_feed(ctx, feed_id)
    assert outcome.changed_articles and not outcome.new_articles
    (article,) = await rows(database, Article)
    assert article.text == "Виправлений текст допису."


def _serve_google_news(server: LocalServer, item: str) -> None:
    """A Google News search feed (RSS 2.0) with one item at /rss/search."""
    server.serve(
        "/rss/search",
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>q - Google News</title>{item}</channel></rss>',
        content_type="application/rss+xml",
    )


async def test_google_news_items_are_never_fetched(server: LocalServer, database: Database, ctx: WorkerContext) -> None:
    link = server.url("/rss/articles/CBMiOpaqueRedirect?oc=5")
    description = escape('<a href="x">Ukraine and Russia swap prisoners</a>&nbsp;<font>Reuters</font>')
    item = (
        f"<item><title>Ukraine and Russia swap prisoners - Reuters</title><link>{escape(link)}</link>"
        f'<guid isPermaLink="false">CBMiOpaqueRedirect</guid><pubDate>{format_datetime(NOW)}</pubDate>'
        f"<description>{description}"
        '</description><source url="https://www.reuters.com">Reuters</source></item>'
    )
    _serve_google_news(server, item)
    await refresh_feed(ctx, await add_feed(database, server.url("/rss/search"), "google_news", now=NOW))
    (article,) = await rows(database, Article)
    assert article.title == "Ukraine and Russia swap prisoners"
    assert article.source == "reuters.com" and article.text_source == "feed" and article.fetch_error is None
    assert "Ukraine and Russia swap prisoners" in article.text
    assert server.hits("/rss/articles/CBMiOpaqueRedirect") == []


async def test_gdelt_articles_are_fetched_and_extracted(
    server: LocalServer, database: Database, ctx: WorkerContext
) -> None:
    server.serve("/story", article_page("Prisoner swap", NEWS))
    body = {
        "articles": [
            {
                "url": server.url("/story"),
                "url_mobile": "",
                "title": "Prisoner swap",
                "seendate": NOW.strftime("%Y%m%dT%H%M%SZ"),
                "socialimage": "",
                "domain": "outlet.example",
                "language": "English",
                "sourcecountry": "Germany",
            }
        ]
    }
    server.serve("/api/v2/doc/doc", json.dumps(body), content_type="application/json")
    feed_id = await add_feed(database, server.url("/api/v2/doc/doc"), "gdelt", now=NOW)
    await refresh_feed(ctx, feed_id)
    (article,) = await rows(database, Article)
    assert article.text_source == "page" and "Eighty-four" in article.text and article.language == "en"
    feed = (await rows(database, Feed))[0]
    assert feed.next_check_at >= NOW + timedelta(seconds=ctx.settings.gdelt_min_interval_seconds * 0.9)


@pytest.mark.parametrize(
    ("body", "content_type", "kind"),
    [
        (
            "Please limit requests to one every 5 seconds or contact kalev.leetaru5@gmail.com",
            "text/plain",
            "rate_limited",
        ),
        ('{"articles": [{"url": "https://x.example/a", "title": "cut', "application/json", "parse"),
    ],
)
async def test_gdelt_failures_back_off(
    server: LocalServer, database: Database, ctx: WorkerContext, body: str, content_type: str, kind: str
) -> None:
    server.serve("/api/v2/doc/doc", body, content_type=content_type)
    feed_id = await add_feed(database, server.url("/api/v2/doc/doc"), "gdelt", now=NOW)
    assert (await refresh_feed(ctx, feed_id)).outcome == kind
    feed = (await rows(database, Feed))[0]
    assert feed.enabled and feed.error_count == 1 and feed.last_error_kind == kind
    assert feed.next_check_at >= NOW + timedelta(seconds=ctx.settings.gdelt_min_interval_seconds * 0.9)


def _google_news_item(title: str, source_url: str, publisher: str, guid: str) -> str:
    return (
        f"<item><title>{escape(title)} - {publisher}</title><link>https://news.google.com/rss/articles/{guid}</link>"
        f'<guid isPermaLink="false">{guid}</guid><pubDate>{format_datetime(NOW)}</pubDate>'
        f'<description>{escape(title)}</description><source url="{source_url}">{publisher}</source></item>'
    )


@pytest.mark.parametrize(
    ("source_url", "publisher", "official"),
    [("https://www.president.gov.ua", "President of Ukraine", True), ("https://www.example-news.com", "Outlet", False)],
)
async def test_an_official_page_found_through_an_aggregator_counts_as_official(
    server: LocalServer, database: Database, ctx: WorkerContext, source_url: str, publisher: str, official: bool
) -> None:
    # A one-line post is enough from the President's office, not from an ordinary outlet; the aggregator's
    # feed itself is not official, the address of the page it lists is.
    item = _google_news_item("62 Ukrainian defenders are home", source_url, publisher, "CBMiOfficial")
    _serve_google_news(server, item)
    await refresh_feed(ctx, await add_feed(database, server.url("/rss/search"), "google_news", now=NOW))
    (article,) = await rows(database, Article)
    assert article.official is official
    alerts = await rows(database, Alert)
    if official:
        (alert,) = alerts
        assert alert.payload["facts"]["returned_to_ukraine"] == 62 and alert.payload["event"]["official"] is True
    else:
        assert alerts == []
