"""Hostile feeds through the service: each failure lands on the feed's health and in the metrics, while a
good feed polled in the same tick still ingests.

tests/scrapers/test_http.py proves the HTTP client raises the right error; these tests prove the service
records it (last_error_kind, error_count, next_check_at, enabled), counts it in
exchangewatch_feed_polls_total{outcome=...}, and keeps the other feeds going.
"""

from __future__ import annotations

import asyncio
import time
import zlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
from sqlalchemy import select

from service.db import Database
from service.flows.context import WorkerContext
from service.flows.poll import refresh_feed
from service.metrics import REGISTRY
from service.models import Article, Feed, utcnow
from service.settings import Settings
from service.worker.runner import build_context
from service.worker.ticks import poll_tick
from tests.conftest import make_settings
from tests.scrapers.rawserver import Handler, RawServer, Request, head_bytes, respond
from tests.support.db import add_feed, load_feed
from tests.support.feeds import Item, article_page, rss2

FEED_CAP = 4_000_000  # above a 10,000-item feed (2.5 MB), far below the hostile bodies
TOTAL_DEADLINE = 1.5
GOOD_PAGE = [
    "The Berlin city council approved a new budget for public libraries on Tuesday after a long debate.",
    "Council members said the money would pay for longer opening hours in every district of the city.",
]
CLOUDFLARE = (
    b"<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>"
    b'<script src="/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1"></script>'
    b"<div id='cf-chl-widget'></div></body></html>"
)


def polls(outcome: str) -> float:
    return REGISTRY.get_sample_value("exchangewatch_feed_polls_total", {"outcome": outcome}) or 0.0


@pytest.fixture
def hostile_settings(database_url: str) -> Settings:
    # A read timeout far above the total deadline: only the total deadline can stop a trickling server.
    return make_settings(
        database_url,
        max_feed_bytes=FEED_CAP,
        read_timeout_seconds=30,
        total_timeout_seconds=TOTAL_DEADLINE,
        respect_robots=False,
    )


@pytest.fixture
async def ctx(hostile_settings: Settings, database: Database) -> AsyncIterator[WorkerContext]:
    context = build_context(hostile_settings, database)
    yield context
    await context.aclose()


async def feed_articles(database: Database, feed_id: int) -> list[Article]:
    async with database.reader() as session:
        query = select(Article).where(Article.feed_id == feed_id).order_by(Article.id)  # type: ignore[arg-type]
        return list((await session.exec(query)).scalars().all())  # type: ignore[call-overload]


def serve_good_feed(raw_server: RawServer) -> str:
    page = raw_server.url("/good/story")
    feed = rss2([Item("Berlin funds its libraries", page, datetime(2025, 6, 10, 9, tzinfo=UTC), "Budget")])
    raw_server.routes["/good.xml"] = respond(200, {"Content-Type": "application/rss+xml"}, feed)
    raw_server.routes["/good/story"] = respond(
        200, {"Content-Type": "text/html; charset=utf-8"}, article_page("Berlin funds its libraries", GOOD_PAGE)
    )
    return raw_server.url("/good.xml")


# ---------------------------------------------------------------- hostile handlers


def endless(sent: list[int]) -> Handler:
    """50 MB with no Content-Length (close-delimited): only a streaming cap stops it."""

    async def handler(_request: Request, writer: asyncio.StreamWriter) -> None:
        writer.write(head_bytes(200, {"Content-Type": "application/rss+xml"}))
        writer.write(b'<?xml version="1.0"?><rss version="2.0"><channel><title>big</title>')
        chunk = b"<!-- padding -->" * 4096
        while sent[0] < 50_000_000:
            writer.write(chunk)
            await writer.drain()
            sent[0] += len(chunk)

    return handler


def gzip_bomb() -> Handler:
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = b" " * 1_000_000
    bomb = b"".join(packer.compress(block) for _ in range(100)) + packer.flush()  # 100 MB inflated
    headers = {"Content-Type": "application/rss+xml", "Content-Encoding": "gzip", "Content-Length": str(len(bomb))}
    return respond(200, headers, bomb)


def trickle() -> Handler:
    """One byte per second: each read succeeds well within the read timeout."""

    async def handler(_request: Request, writer: asyncio.StreamWriter) -> None:
        writer.write(head_bytes(200, {"Content-Type": "application/rss+xml", "Content-Length": "600"}))
        for _ in range(600):
            writer.write(b" ")
            await writer.drain()
            await asyncio.sleep(1)

    return handler


@dataclass(frozen=True)
class Case:
    outcome: str
    status: int | None = None
    enabled: bool = True
    min_delay: float = 0.0  # next_check_at at least this far ahead (Retry-After)


def hostile_routes(sent: list[int]) -> dict[str, tuple[Handler, Case]]:
    xml = {"Content-Type": "application/rss+xml"}
    return {
        "malformed_xml": (
            respond(200, xml, b'<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</tit<item><li'),
            Case("parse"),
        ),
        "html_instead_of_feed": (
            respond(200, {"Content-Type": "text/html"}, b"<html><body><h1>Welcome</h1></body></html>"),
            Case("parse"),
        ),
        "empty_200": (respond(200, xml, b""), Case("parse")),
        "body_50mb": (endless(sent), Case("too_large")),
        "gzip_bomb": (gzip_bomb(), Case("too_large")),
        "one_byte_per_second": (trickle(), Case("timeout")),
        "redirect_loop": (respond(302, {"Location": "/loop-b"}), Case("redirect_loop")),
        "pdf": (respond(200, {"Content-Type": "application/pdf"}, b"%PDF-1.7\n%\xe2\xe3"), Case("bad_content")),
        "image": (respond(200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n"), Case("bad_content")),
        "cloudflare_403": (
            respond(403, {"Content-Type": "text/html", "Server": "cloudflare"}, CLOUDFLARE),
            Case("blocked", 403),
        ),
        "not_found_404": (respond(404, {}, b"nope"), Case("not_found", 404)),
        "gone_410": (respond(410, {}, b"gone"), Case("gone", 410, enabled=False)),
        "rate_limited_429": (
            respond(429, {"Retry-After": "3600"}, b"slow down"),
            Case("rate_limited", 429, min_delay=3599),
        ),
        "unavailable_503": (
            respond(503, {"Retry-After": "7200"}, b"maintenance"),
            Case("rate_limited", 503, min_delay=7199),
        ),
    }


@pytest.mark.parametrize(
    "name",
    [
        "malformed_xml",
        "html_instead_of_feed",
        "empty_200",
        "body_50mb",
        "gzip_bomb",
        "one_byte_per_second",
        "redirect_loop",
        "pdf",
        "image",
        "cloudflare_403",
        "not_found_404",
        "gone_410",
        "rate_limited_429",
        "unavailable_503",
    ],
)
async def test_hostile_feed_is_recorded_and_the_good_feed_still_ingests(
    name: str, raw_server: RawServer, database: Database, ctx: WorkerContext
) -> None:
    sent = [0]
    handler, case = hostile_routes(sent)[name]
    path = "/loop-a" if name == "redirect_loop" else f"/hostile/{name}"
    raw_server.routes[path] = handler
    raw_server.routes["/loop-b"] = respond(301, {"Location": raw_server.url("/loop-a")})
    bad = await add_feed(database, raw_server.url(path))
    good = await add_feed(database, serve_good_feed(raw_server))
    before_bad, before_ok = polls(case.outcome), polls("ok")

    started, polled_at = time.monotonic(), utcnow()
    assert await poll_tick(ctx) == 2
    elapsed = time.monotonic() - started

    feed = await load_feed(database, bad)
    assert feed.last_error_kind == case.outcome, feed.last_error
    assert feed.error_count == 1 and feed.last_error
    assert feed.last_status == case.status
    assert feed.last_success_at is None and feed.last_checked_at is not None
    assert feed.enabled is case.enabled
    assert feed.lease_owner is None  # released, so the next tick can claim it when due
    assert feed.next_check_at >= polled_at + timedelta(seconds=max(case.min_delay, 0.5))
    assert polls(case.outcome) == before_bad + 1
    assert polls("ok") == before_ok + 1

    healthy = await load_feed(database, good)
    assert healthy.error_count == 0 and healthy.last_success_at is not None
    [story] = await feed_articles(database, good)
    assert story.state == "done" and "longer opening hours" in story.text
    if name == "body_50mb":
        await asyncio.sleep(0.2)
        assert sent[0] < 20_000_000  # the cap stopped reading; the rest was never sent
    if name == "one_byte_per_second":
        assert elapsed < TOTAL_DEADLINE + 4  # the total deadline, not 600 s of 1-byte reads


async def test_hostile_feed_keeps_being_retried_with_backoff(
    raw_server: RawServer, database: Database, ctx: WorkerContext
) -> None:
    """A blocked feed is never deleted: each failure pushes next_check_at further out."""
    raw_server.routes["/cf"] = respond(403, {"Server": "cloudflare", "cf-mitigated": "challenge"}, CLOUDFLARE)
    feed_id = await add_feed(database, raw_server.url("/cf"))
    delays = []
    for _ in range(4):
        async with database.session() as session:
            row = await session.get(Feed, feed_id)
            assert row is not None
            row.next_check_at = utcnow() - timedelta(seconds=1)  # due now
            session.add(row)
        assert await poll_tick(ctx) == 1
        feed = await load_feed(database, feed_id)
        assert feed.last_checked_at is not None
        # Both stamped from one clock reading, so the time the poll itself took does not blur the delay.
        delays.append((feed.next_check_at - feed.last_checked_at).total_seconds())
    assert feed.error_count == 4 and feed.enabled and feed.last_error_kind == "blocked"
    assert delays == sorted(delays) and delays[-1] > delays[0]


# ---------------------------------------------------------------- odd but valid feeds


def feed_xml(items: str, *, encoding: str = "utf-8") -> bytes:
    return (
        f'<?xml version="1.0" encoding="{encoding}"?><rss version="2.0"><channel><title>Odd</title>'
        f"<link>https://odd.example/</link><description>d</description>{items}</channel></rss>"
    ).encode(encoding)


def item(title: str, link: str, *, guid: str | None = None, date: str = "Tue, 10 Jun 2025 09:00:00 GMT") -> str:
    guid_tag = f'<guid isPermaLink="false">{guid}</guid>' if guid else ""
    return f"<item><title>{title}</title><link>{link}</link>{guid_tag}<pubDate>{date}</pubDate></item>"


async def poll_once(
    raw_server: RawServer, database: Database, ctx: WorkerContext, body: bytes, ctype: str
) -> list[Article]:
    raw_server.routes["/odd.xml"] = respond(200, {"Content-Type": ctype}, body)
    feed_id = await add_feed(database, raw_server.url("/odd.xml"))
    before = polls("ok")
    assert await poll_tick(ctx) == 1
    feed = await load_feed(database, feed_id)
    assert feed.last_error_kind is None and feed.error_count == 0, feed.last_error
    assert polls("ok") == before + 1
    return await feed_articles(database, feed_id)


UK_TITLES = [
    "Україна повернула додому 84 захисників з російського полону",
    "Обмін полоненими відбувся за посередництва Об'єднаних Арабських Еміратів",
    "Тіла загиблих захисників повернули в Україну після переговорів",
]


async def test_invalid_utf8_keeps_the_readable_titles(
    raw_server: RawServer, database: Database, ctx: WorkerContext
) -> None:
    items = "".join(item(t, f"https://odd.example/{n}") for n, t in enumerate(UK_TITLES))
    broken = item("Зламаний \udcd0 заголовок", "https://odd.example/broken")
    body = feed_xml(items).replace(b"</channel>", broken.encode("utf-8", "surrogateescape") + b"</channel>")
    stored = await poll_once(raw_server, database, ctx, body, "application/rss+xml; charset=utf-8")
    titles = {a.title for a in stored}
    assert set(UK_TITLES) <= titles  # no mojibake from one broken byte
    assert len(stored) == 4


@pytest.mark.parametrize(
    ("encoding", "declared"),
    [("utf-8", "iso-8859-1"), ("cp1251", "utf-8"), ("koi8-u", "windows-1252")],
)
async def test_wrong_declared_charset_gives_correct_text(
    raw_server: RawServer, database: Database, ctx: WorkerContext, encoding: str, declared: str
) -> None:
    items = "".join(item(t, f"https://odd.example/{n}") for n, t in enumerate(UK_TITLES))
    body = feed_xml(items, encoding=encoding).replace(encoding.encode(), declared.encode(), 1)
    stored = await poll_once(raw_server, database, ctx, body, f"application/rss+xml; charset={declared}")
    assert sorted(a.title for a in stored) == sorted(UK_TITLES)


async def test_html_escaped_titles_are_stored_as_plain_text(
    raw_server: RawServer, database: Database, ctx: WorkerContext
) -> None:
    title = (
        "Prisoners &amp;amp; bodies &lt;b&gt;returned&lt;/b&gt; &amp;quot;home&amp;quot; "
        "&lt;script&gt;x()&lt;/script&gt;"
    )
    stored = await poll_once(
        raw_server, database, ctx, feed_xml(item(title, "https://odd.example/e")), "application/rss+xml"
    )
    [article] = stored
    assert "<" not in article.title and "&amp;" not in article.title and "&quot;" not in article.title
    assert article.title.startswith('Prisoners & bodies returned "home"')


async def test_dates_in_the_future_or_1970_are_not_trusted(
    raw_server: RawServer, database: Database, ctx: WorkerContext
) -> None:
    items = item("Future", "https://odd.example/f", date="Fri, 01 Jan 2100 00:00:00 GMT") + item(
        "Epoch", "https://odd.example/e", date="Thu, 01 Jan 1970 00:00:00 GMT"
    )
    stored = await poll_once(raw_server, database, ctx, feed_xml(items), "application/rss+xml")
    assert len(stored) == 2
    now = datetime.now(UTC)
    for article in stored:
        published = article.published_at
        if published is not None:  # the page may supply a date; a placeholder never survives
            published = published if published.tzinfo else published.replace(tzinfo=UTC)
            assert datetime(1971, 1, 1, tzinfo=UTC) <= published <= now + timedelta(days=2)


def big_feed() -> bytes:
    base = datetime(2025, 6, 1, tzinfo=UTC)
    return feed_xml(
        "".join(
            item(
                f"Story {n}",
                f"https://odd.example/s/{n}",
                guid=f"id-{n}",
                date=format_datetime(base + timedelta(minutes=n)),
            )
            for n in range(10_000)
        )
    )


async def test_ten_thousand_items_are_capped_without_freezing_the_worker(
    raw_server: RawServer, database: Database, ctx: WorkerContext
) -> None:
    """The newest 500 items are stored, once each. feedparser needs seconds for 10,000 items; run on the
    event loop that stalls every other feed, every delivery and (in `serve`) the API, so a probe that
    wakes every 50 ms measures the longest stall. Parsing on the loop would stall it for most of the poll;
    the bound is relative to the poll's own duration, so a loaded machine slows both alike."""
    raw_server.routes["/big.xml"] = respond(200, {"Content-Type": "application/rss+xml"}, big_feed())
    feed_id = await add_feed(database, raw_server.url("/big.xml"))
    stalls: list[float] = []
    done = asyncio.Event()

    async def probe() -> None:
        while not done.is_set():
            before = time.monotonic()
            await asyncio.sleep(0.05)
            stalls.append(time.monotonic() - before - 0.05)

    watcher = asyncio.create_task(probe())
    started = time.monotonic()
    outcome = await refresh_feed(ctx, feed_id, process=False)
    took = time.monotonic() - started
    done.set()
    await watcher
    assert outcome.outcome == "ok"
    stored = await feed_articles(database, feed_id)
    assert 0 < len(stored) <= 500 and len({a.url for a in stored}) == len(stored)
    assert "Story 9999" in {a.title for a in stored}  # the newest are the ones kept
    assert max(stalls) < took / 3, f"event loop blocked for {max(stalls):.1f}s during a {took:.1f}s poll"


async def test_duplicate_guids_within_one_feed_give_one_article(
    raw_server: RawServer, database: Database, ctx: WorkerContext
) -> None:
    items = "".join(item(f"Copy {n}", f"https://odd.example/dup?n={n}", guid="same-guid") for n in range(5))
    stored = await poll_once(raw_server, database, ctx, feed_xml(items), "application/rss+xml")
    assert len(stored) == 1
