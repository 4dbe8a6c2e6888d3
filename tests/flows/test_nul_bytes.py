"""NUL bytes and other control characters from a feed never stop the feed (PostgreSQL refuses NUL in text),
and a poll that fails on our side (the database refuses a row) is recorded on the feed for an operator.

Run on PostgreSQL with EXCHANGEWATCH_TEST_DB=postgresql (the fixtures give a fresh real database per test).
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import insert, text

from service.db import Database
from service.flows.context import WorkerContext
from service.flows.poll import refresh_feed
from service.models import Article, ArticleKey, Feed
from service.settings import Settings
from service.store.clean import clean_text, clean_value
from service.worker.runner import build_context
from tests.support.db import add_feed, load_feed, rows
from tests.support.server import LocalServer

NUL_FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Nul&#0;Outlet</title><link>{base}/</link><description>x</description>
<item><title>Valid story one</title><link>{base}/a/1</link><guid>{base}/a/1</guid>
<description>First valid summary.</description></item>
<item><title>Bad&#0; title&#1;</title><link>{base}/a/&#0;2</link><guid isPermaLink="false">guid-&#0;2</guid>
<description>Summary with a NUL&#0; and a bell&#7; but a tab\tstays.</description></item>
<item><title>Valid story three</title><link>{base}/a/3</link><guid>{base}/a/3</guid>
<description>Third valid summary.</description></item>
</channel></rss>"""


@pytest.fixture
async def ctx(settings: Settings, database: Database) -> AsyncIterator[WorkerContext]:
    context = build_context(settings.model_copy(update={"respect_robots": False}), database)
    yield context
    await context.aclose()


def _serve_nul_feed(server: LocalServer) -> None:
    server.serve("/feed.xml", NUL_FEED.format(base=server.base), content_type="application/rss+xml")
    for n in (1, 2, 3):
        server.serve(f"/a/{n}", "<html><body><p>short</p></body></html>")


def _has_control(value: str) -> bool:
    return any(ord(c) < 32 and c not in "\t\n\r" for c in value)


async def test_a_nul_bearing_feed_stores_every_item_cleaned(
    server: LocalServer, database: Database, ctx: WorkerContext
) -> None:
    _serve_nul_feed(server)
    feed_id = await add_feed(database, server.url("/feed.xml"))

    outcome = await refresh_feed(ctx, feed_id)

    assert outcome.outcome == "ok" and len(outcome.new_articles) == 3
    stored = await rows(database, Article)
    assert sorted(a.title for a in stored) == ["Bad title", "Valid story one", "Valid story three"]
    for article in stored:
        for value in (article.url, article.guid or "", article.title, article.summary, article.text):
            assert not _has_control(value), repr(value)
        assert article.report is None or "\\u0000" not in str(article.report)
    bad = next(a for a in stored if a.title == "Bad title")
    assert bad.summary == "Summary with a NUL and a bell but a tab stays." and bad.guid == "guid-2"
    assert all(not _has_control(k.key) for k in await rows(database, ArticleKey))
    feed = await load_feed(database, feed_id)
    assert feed.last_error is None and feed.error_count == 0 and not _has_control(feed.title or "")

    again = await refresh_feed(ctx, feed_id)  # the dirty GUID finds its clean key: no duplicate
    assert again.outcome in {"ok", "not_modified"} and again.new_articles == []
    assert len(await rows(database, Article)) == 3


async def _refuse_titles(database: Database, word: str) -> None:
    """Make the real database refuse some rows (a trigger), as a full disk or a constraint would."""
    async with database.session() as session:
        if database.is_sqlite:
            await session.exec(  # type: ignore[call-overload]
                text(
                    "CREATE TRIGGER refuse BEFORE INSERT ON articles "
                    f"WHEN NEW.title LIKE '%{word}%' BEGIN SELECT RAISE(ABORT, 'refused by trigger'); END"
                )
            )
            return
        await session.exec(  # type: ignore[call-overload]
            text(
                "CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN "
                f"IF NEW.title LIKE '%{word}%' THEN RAISE EXCEPTION 'refused by trigger'; END IF; "
                "RETURN NEW; END $$ LANGUAGE plpgsql"
            )
        )
        await session.exec(  # type: ignore[call-overload]
            text("CREATE TRIGGER refuse BEFORE INSERT ON articles FOR EACH ROW EXECUTE FUNCTION refuse()")
        )


async def test_a_store_failure_is_recorded_on_the_feed(
    server: LocalServer, database: Database, ctx: WorkerContext
) -> None:
    _serve_nul_feed(server)
    await _refuse_titles(database, "three")
    feed_id = await add_feed(database, server.url("/feed.xml"))

    outcome = await refresh_feed(ctx, feed_id)

    assert outcome.outcome == "store"
    feed = await load_feed(database, feed_id)
    assert feed.last_error_kind == "store" and "refused by trigger" in (feed.last_error or "")
    assert "INSERT" not in (feed.last_error or "")  # the driver's message, not the statement
    assert feed.error_count == 1 and feed.last_checked_at is not None
    assert feed.lease_owner is None and feed.next_check_at > feed.last_checked_at


async def test_an_internal_failure_is_recorded_on_the_feed(
    server: LocalServer, database: Database, ctx: WorkerContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug of ours (injected: the parser raises something that is not a ScrapeError) is kind `internal`."""
    _serve_nul_feed(server)
    feed_id = await add_feed(database, server.url("/feed.xml"))

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("a bug in a parser")

    monkeypatch.setattr("service.flows.poll.parse_source", broken)
    outcome = await refresh_feed(ctx, feed_id)

    feed = await load_feed(database, feed_id)
    assert outcome.outcome == feed.last_error_kind == "internal"
    assert feed.last_error == "RuntimeError: a bug in a parser"
    assert feed.error_count == 1 and feed.last_checked_at is not None and feed.lease_owner is None


def test_clean_keeps_tab_newline_return_and_strips_the_rest() -> None:
    assert clean_text("a\x00b\x01c\td\ne\rf\x7fg\x85h\ud800i") == "abc\td\ne\rfghi"
    assert clean_text("Ünïcode — fine") == "Ünïcode — fine"
    assert clean_value({"k\x00": ["x\x00", 1, None, {"y": "\x1b[31m"}]}) == {"k": ["x", 1, None, {"y": "[31m"}]}


async def test_batched_inserts_are_cleaned_by_the_engine(database: Database) -> None:
    """Multi-row INSERT (RETURNING batches, VALUES lists) and executemany all pass the cleaning hook."""
    feeds = Feed.__table__  # type: ignore[attr-defined]
    batch = [{"url": f"https://outlet.example/{n}\x00", "title": f"Title\x00 {n}\x07"} for n in range(3)]
    async with database.session() as session:
        conn = await session.connection()
        returned = await conn.execute(insert(feeds).returning(feeds.c.url), batch)  # insertmanyvalues
        assert sorted(returned.scalars()) == [f"https://outlet.example/{n}" for n in range(3)]
        await conn.execute(insert(feeds), [{**row, "url": row["url"] + "x"} for row in batch])  # executemany
        await conn.execute(insert(feeds).values([{**row, "url": row["url"] + "y"} for row in batch]))
        await session.commit()
    stored = await rows(database, Feed)
    assert len(stored) == 9
    for feed in stored:
        assert not _has_control(feed.url) and not _has_control(feed.title or ""), (feed.url, feed.title)
    assert sorted({f.title for f in stored}) == ["Title 0", "Title 1", "Title 2"]
