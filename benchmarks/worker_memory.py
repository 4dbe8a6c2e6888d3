"""Figure 6 — memory: peak RSS of a worker holding 10,000 feeds and 100,000 articles while polling.

A database is seeded with 10,000 feeds (local, answering 304 to their stored ETag) and 100,000 stored
articles (~2 KB of text each, with their dedup keys). A worker process (WorkerRuntime: APScheduler, the
poll/process/deliver ticks, default feeds_per_tick) then polls for a fixed time; its peak RSS
(ru_maxrss) is the figure. Baseline, same run: a process that only imports the worker's modules and
builds its context (the interpreter + libraries floor).

Run: python benchmarks/worker_memory.py [--quick]
"""

from __future__ import annotations

import asyncio
import multiprocessing
import resource
import time
from pathlib import Path
from typing import Any

import _support as sup

ETAG = '"static-v1"'


async def seed(url: str, base: str, feeds: int, articles: int) -> None:
    from sqlalchemy import insert

    from service.db import Database
    from service.models import Article, ArticleKey, utcnow

    db = Database(url)
    feed_ids = await sup.add_feeds(db, [f"{base}/static/{n}.xml" for n in range(feeds)], etag=ETAG)
    now = utcnow()
    text = " ".join(["The central bank kept its key interest rate unchanged on Thursday."] * 30)
    for start in range(0, articles, 5000):
        stop = min(articles, start + 5000)
        rows = [
            {
                "url": f"https://outlet{n % 50}.invalid/news/{n}",
                "feed_id": feed_ids[n % feeds],
                "guid": f"g{n}",
                "fingerprint": f"{n:016x}",
                "source": f"outlet{n % 50}.invalid",
                "official": False,
                "title": f"Story {n}",
                "summary": "Summary.",
                "text": text,
                "language": "en",
                "published_at": now,
                "discovered_at": now,
                "updated_at": now,
                "state": "done",
                "text_source": "page",
                "fetch_page": True,
                "attempts": 1,
                "relevant": False,
                "report": {"relevant": False, "score": 0.0, "reasons": []},
            }
            for n in range(start, stop)
        ]
        async with db.session() as session:
            await session.execute(insert(Article), rows)
            await session.execute(
                insert(ArticleKey),
                [
                    {"key": f"url:https://outlet{n % 50}.invalid/news/{n}", "article_id": n + 1}
                    for n in range(start, stop)
                ],
            )
    await db.dispose()


def _worker(url: str, seconds: float, floor_only: bool, out: Any) -> None:
    """Child process: run the worker for `seconds` (or only build it), report peak RSS and polls."""
    sup.quiet_logs()

    async def run() -> dict[str, Any]:
        from service.db import Database
        from service.worker.runner import WorkerRuntime

        settings = sup.bench_settings(url, poll_interval_seconds=600, per_host_concurrency=16)
        db = Database(url)
        runtime = WorkerRuntime(settings, db)
        samples: list[int] = []
        if not floor_only:
            await runtime.start()
            deadline = time.monotonic() + seconds
            while time.monotonic() < deadline:
                await asyncio.sleep(0.5)
                samples.append(_rss_kb())
            # Report before shutting down: the figure is about polling, and the parent ends this process.
            out.put(await _report(db, samples))
            await runtime.stop()
            return {}
        await runtime.ctx.aclose()
        out.put(await _report(db, samples))
        return {}

    asyncio.run(run())


async def _report(db: Any, samples: list[int]) -> dict[str, Any]:
    from sqlalchemy import func, select

    from service.models import Feed

    async with db.reader() as session:
        polled = (
            await session.execute(select(func.count()).where(Feed.last_checked_at != None))  # noqa: E711
        ).scalar_one()
    return {
        "polled": polled,
        "rss_samples_mb": [round(kb / 1024, 1) for kb in samples[-5:]],
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "children_peak_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def _rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def measure(url: str, seconds: float, floor_only: bool) -> dict[str, Any]:
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_worker, args=(url, seconds, floor_only, queue))
    process.start()
    try:
        return queue.get(timeout=seconds + 120)
    finally:
        process.join(10)
        if process.is_alive():
            process.kill()


def main() -> None:
    args = sup.cli(__doc__.splitlines()[0]).parse_args()
    sup.quiet_logs()
    feeds, articles, seconds = (2000, 20_000, 15) if args.quick else (10_000, 100_000, 60)
    with sup.site_server() as site, sup.scratch_database(args.db, "memory") as url:
        sup.migrate(url)
        started = time.perf_counter()
        asyncio.run(seed(url, site.base, feeds, articles))
        print(f"seeded {feeds} feeds and {articles} articles in {time.perf_counter() - started:.1f}s")
        floor = measure(url, 0, True)
        ours = measure(url, seconds, False)
    print("worker:", ours)
    print("floor:", floor)
    rows = [
        sup.row("peak RSS MB", ours["peak_rss_mb"], floor["peak_rss_mb"], "≤ 300 MB", ours["peak_rss_mb"] <= 300),
        sup.row("feeds polled", ours["polled"], None, "–", None),
    ]
    sup.write_results(
        "worker_memory",
        args.db,
        rows,
        {"worker": ours, "floor": floor, "feeds": feeds, "articles": articles, "seconds": seconds},
    )


if __name__ == "__main__":
    main()
