"""What DW's feeds and older pages say about themselves reaches the API: the byline and the language."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import httpx

from service.db import Database
from service.flows.poll import refresh_feed
from service.settings import Settings
from service.worker.runner import build_context
from tests.support.db import add_feed
from tests.support.feeds import Item, dw_rdf
from tests.support.server import LocalServer

PAGE = Path(__file__).parents[1] / "fixtures" / "pages" / "dw-uk-article-2020-old-layout.html"


def rdf_with_item_languages_only(items: list[Item]) -> bytes:
    """DW's RDF as served: dc:language on every item, none on the channel."""
    return dw_rdf(items, language="uk").replace(b"<dc:language>uk</dc:language><sy:updatePeriod>", b"<sy:updatePeriod>")


async def test_rdf_item_language_and_old_dw_byline_through_the_api(
    client: httpx.AsyncClient, settings: Settings, database: Database, server: LocalServer
) -> None:
    link = server.url("/uk/obmin-polonenymy/a-54539001")
    server.serve("/uk/obmin-polonenymy/a-54539001", PAGE.read_bytes())
    published = datetime(2020, 8, 14, 17, 30, tzinfo=UTC)
    item = Item("Україна та Росія провели обмін полоненими", link + "?maca=uk-rss-uk-all-1124-rdf", published)
    item.summary, item.language, item.content_id = "Додому повернулися 72 військові.", "uk", "54539001"
    feed = rdf_with_item_languages_only([item])
    assert b"<channel" in feed and feed.count(b"<dc:language>") == 1
    server.serve("/rdf/rss-uk-all", feed, content_type="application/rdf+xml")
    feed_id = await add_feed(database, server.url("/rdf/rss-uk-all"))
    ctx = build_context(settings, database)
    try:
        assert (await refresh_feed(ctx, feed_id)).outcome == "ok"
    finally:
        await ctx.aclose()

    shown = (await client.get(f"/v1/feeds/{feed_id}")).json()
    assert shown["language"] == "uk"
    (article,) = (await client.get("/v1/articles")).json()["data"]
    assert article["author"] == "Ірина Шевчук"  # not "Deutsche Welle (www.dw.com)"
    assert article["language"] == "uk" and article["text_source"] == "page"
