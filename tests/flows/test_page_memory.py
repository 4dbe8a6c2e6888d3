"""Issue 16's peak memory: how many fetched pages a worker holds at once, and the heap given back while it works."""

from __future__ import annotations

import asyncio
import ctypes
from datetime import UTC, datetime
from typing import Any

from service.db import Database
from service.flows import extractor
from service.flows.poll import refresh_many
from service.worker.runner import build_context
from tests.conftest import make_settings
from tests.support.db import add_feed
from tests.support.feeds import Item, article_page, rss2
from tests.support.server import LocalServer

STORY = [
    "The city council approved a new budget for public libraries on Tuesday after a long debate.",
    "Council members said the money would pay for longer opening hours and new digital services.",
]


async def test_pages_held_at_once_are_bounded_across_the_feeds_being_processed(
    database_url: str, database: Database, server: LocalServer
) -> None:
    """Three feeds' batches of pages are processed together; each page's body is held from its download to the
    end of its extraction. At most FETCH_CONCURRENCY (2) are held at once, not 2 per feed's batch."""
    when = datetime(2025, 6, 10, 9, 0, tzinfo=UTC)
    feeds = []
    for f in range(3):
        items = []
        for n in range(4):
            path = f"/f{f}/story-{n}"
            server.serve(path, article_page(f"Libraries {f}-{n}", STORY))
            items.append(Item(f"Libraries {f}-{n}", server.url(path), when, "Budget"))
        server.serve(f"/f{f}.xml", rss2(items), content_type="application/rss+xml")
        feeds.append(await add_feed(database, server.url(f"/f{f}.xml")))
    ctx = build_context(make_settings(database_url, fetch_concurrency=2), database)
    held, most = 0, 0
    fetch, page = ctx.http.fetch, ctx.extractor.page

    async def counted_fetch(url: str, **kwargs: Any) -> Any:
        nonlocal held, most
        if "/story-" in url:
            held += 1
            most = max(most, held)
        return await fetch(url, **kwargs)

    async def slow_page(body: bytes, **kwargs: Any) -> Any:
        nonlocal held
        await asyncio.sleep(0.05)  # extraction slower than downloads: bodies would queue up here
        try:
            return await page(body, **kwargs)
        finally:
            held -= 1

    ctx.http.fetch = counted_fetch  # type: ignore[method-assign]
    ctx.extractor.page = slow_page  # type: ignore[method-assign]
    try:
        outcomes = await refresh_many(ctx, feeds)
    finally:
        await ctx.aclose()
    assert sum(len(o.new_articles) for o in outcomes) == 12
    assert held == 0 and most == 2


def test_the_heap_is_trimmed_at_most_once_per_interval(monkeypatch: Any) -> None:
    """Freed heap pages below live memory go back to the kernel when a job ends; a second job within the
    interval does not trim again."""
    if extractor._malloc_trim() is None:
        return  # not glibc: nothing to give back this way
    calls: list[int] = []
    real = extractor._malloc_trim()
    monkeypatch.setattr(extractor, "_malloc_trim", lambda: lambda pad: calls.append(pad) or real(pad))
    monkeypatch.setattr(extractor, "_last_trim", 0.0)
    libc = ctypes.CDLL(None)
    libc.malloc.restype = ctypes.c_void_p
    libc.free.argtypes = [ctypes.c_void_p]
    blocks = [libc.malloc(64 * 1024) for _ in range(400)]  # 25 MB from the heap (below the mmap threshold)
    for block in blocks:
        ctypes.memset(block, 1, 64 * 1024)  # resident
    for block in blocks[:-1]:
        libc.free(block)  # freed, but the last block keeps the heap's top: nothing returns by itself
    before = _rss()
    extractor.trim_now_and_then()
    after = _rss()
    extractor.trim_now_and_then()
    libc.free(blocks[-1])
    assert calls == [0]
    assert before - after > 15_000_000, (before, after)


def _rss() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096
