"""Figure 2 — polling with nothing new: 5,000 feeds answering 304 to conditional GETs.

exchangewatch: the poll loop of `run_once` (lease due feeds, conditional GET, record the outcome and the
next check) over 5,000 feeds whose stored ETag matches, on a fresh database. Per-host concurrency is
raised to the overall fetch concurrency (16) because every feed here is on one host, 127.0.0.1.
Floor, same run and server: a plain httpx.AsyncClient loop issuing the same 5,000 conditional GETs with
the same concurrency (16), no database.
Reported: polls/second and CPU seconds of the polling process per 1,000 polls.

Run: python benchmarks/poll_throughput.py [--quick]
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

import _support as sup

CONCURRENCY = 16
ETAG = '"static-v1"'


async def floor(base: str, feeds: int) -> dict[str, Any]:
    import httpx

    limit = asyncio.Semaphore(CONCURRENCY)
    statuses: dict[int, int] = {}
    limits = httpx.Limits(max_connections=50, max_keepalive_connections=20)
    async with httpx.AsyncClient(limits=limits, timeout=30) as client:

        async def one(n: int) -> None:
            async with limit:
                response = await client.get(f"{base}/static/{n}.xml", headers={"If-None-Match": ETAG})
                statuses[response.status_code] = statuses.get(response.status_code, 0) + 1

        started, cpu = time.perf_counter(), time.process_time()
        await asyncio.gather(*(one(n) for n in range(feeds)))
        elapsed, cpu_used = time.perf_counter() - started, time.process_time() - cpu
    return _figures(feeds, elapsed, cpu_used, statuses)


async def exchangewatch(base: str, feeds: int, url: str) -> dict[str, Any]:
    from sqlalchemy import func, select

    from service.db import Database
    from service.models import Feed
    from service.worker.runner import build_context
    from service.worker.ticks import poll_tick

    settings = sup.bench_settings(
        url, per_host_concurrency=CONCURRENCY, fetch_concurrency=CONCURRENCY, poll_interval_seconds=600
    )
    db = Database(url)
    await sup.add_feeds(db, [f"{base}/static/{n}.xml" for n in range(feeds)], etag=ETAG)
    ctx = build_context(settings, db)
    started, cpu = time.perf_counter(), time.process_time()
    polled = 0
    while count := await poll_tick(ctx):
        polled += count
    elapsed, cpu_used = time.perf_counter() - started, time.process_time() - cpu
    await ctx.aclose()
    async with db.reader() as session:
        rows = (await session.execute(select(Feed.last_status, func.count()).group_by(Feed.last_status))).all()
    await db.dispose()
    return _figures(polled, elapsed, cpu_used, {status: n for status, n in rows})


def _figures(polls: int, elapsed: float, cpu: float, statuses: dict[Any, int]) -> dict[str, Any]:
    return {
        "polls": polls,
        "seconds": elapsed,
        "polls_per_second": polls / elapsed,
        "cpu_seconds_per_1000": cpu / polls * 1000,
        "statuses": {str(k): v for k, v in statuses.items()},
    }


def main() -> None:
    args = sup.cli(__doc__.splitlines()[0]).parse_args()
    sup.quiet_logs()
    feeds = 1000 if args.quick else 5000
    with sup.site_server() as site:
        with sup.scratch_database(args.db, "poll") as url:
            sup.migrate(url)
            server_cpu = site.cpu_seconds()
            ours = asyncio.run(exchangewatch(site.base, feeds, url))
            ours["server_cpu_seconds"] = site.cpu_seconds() - server_cpu
        server_cpu = site.cpu_seconds()
        base = asyncio.run(floor(site.base, feeds))
        base["server_cpu_seconds"] = site.cpu_seconds() - server_cpu
    print("exchangewatch:", ours)
    print("floor:", base)
    ratio = ours["polls_per_second"] / base["polls_per_second"]
    rows = [
        sup.row(
            "polls/s",
            ours["polls_per_second"],
            base["polls_per_second"],
            "≥ 0.5× floor and ≥ 1,000/s",
            ratio >= 0.5 and ours["polls_per_second"] >= 1000,
        ),
        sup.row("CPU s per 1,000 polls", ours["cpu_seconds_per_1000"], base["cpu_seconds_per_1000"], "–", None),
    ]
    sup.write_results("poll_throughput", args.db, rows, {"exchangewatch": ours, "floor": base, "feeds": feeds})


if __name__ == "__main__":
    main()
