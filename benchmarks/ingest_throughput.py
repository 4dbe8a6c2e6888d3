"""Figure 1 — ingest throughput: new articles polled → stored with text → detected → grouped, per second.

2,000 new articles (5 % exchange reports in en/uk/ru/de, pages of 60–200 KB) across 200 feeds (RSS 2.0,
RDF, Atom; 20–150 items each, syndicated items listed by several feeds) served from a local process.

exchangewatch: `run_once` on a fresh database (the `exchangewatch poll --once` path), default settings
except per-host concurrency, since every feed here lives on one host (127.0.0.1) where in production 200
feeds sit on many hosts.
Baseline, same run and server: a loop of httpx GET feed → feedparser → for each new link httpx GET page →
trafilatura.extract → detect(), remembering links it has seen.

Run: python benchmarks/ingest_throughput.py [--quick] [--db postgresql]
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

import _support as sup


def baseline(base: str, corpus: sup.Corpus) -> dict[str, Any]:
    import feedparser
    import httpx
    import trafilatura

    from service.core.detection.detect import detect
    from service.core.domain import Document

    seen: set[str] = set()
    found: set[int] = set()
    stored = 0
    started = time.perf_counter()
    cpu = time.process_time()
    with httpx.Client(timeout=30) as client:
        for feed in range(corpus.spec.feeds):
            parsed = feedparser.parse(client.get(base + sup.feed_path(feed)).content)
            for entry in parsed.entries:
                link = entry.get("link")
                if not link or link in seen:
                    continue
                seen.add(link)
                html = client.get(link).text
                text = trafilatura.extract(html) or ""
                stored += 1
                doc = Document(title=entry.get("title", ""), text=text, language=None, published=None, url=link)
                if detect(doc).relevant:
                    found.add(int(link.rsplit("-", 1)[1]))
    elapsed = time.perf_counter() - started
    return {
        "seconds": elapsed,
        "cpu_seconds": time.process_time() - cpu,
        "articles": stored,
        "per_second": stored / elapsed,
        "recall": len(found & corpus.relevant_ids) / len(corpus.relevant_ids),
        "false_positives": len(found - corpus.relevant_ids),
    }


async def exchangewatch(
    base: str, corpus: sup.Corpus, url: str, processes: int, page_policy: str = "candidates"
) -> dict[str, Any]:
    from sqlalchemy import func, select

    from service.db import Database
    from service.models import Article, Event
    from service.worker.runner import build_context
    from service.worker.ticks import run_once

    settings = sup.bench_settings(
        url,
        per_host_concurrency=16,
        extract_processes=processes,
        poll_interval_seconds=600,
        page_policy=page_policy,
    )
    db = Database(url)
    await sup.add_feeds(db, [base + sup.feed_path(f) for f in range(corpus.spec.feeds)])
    ctx = build_context(settings, db)
    # A long-running worker has its extraction pool up; do not time process start-up.
    warm = sup.render_page(corpus.articles[0])
    await asyncio.gather(*(ctx.extractor.extract(warm, url=base, encoding="utf-8") for _ in range(4)))
    started = time.perf_counter()
    cpu = time.process_time()
    await run_once(ctx)
    elapsed = time.perf_counter() - started
    cpu_used = time.process_time() - cpu
    await ctx.aclose()
    async with db.reader() as session:
        done = (await session.execute(select(func.count()).where(Article.state == "done"))).scalar_one()
        with_page = (
            await session.execute(select(func.count()).where(Article.text_source == "page", Article.text != ""))
        ).scalar_one()
        relevant_urls = (await session.execute(select(Article.url).where(Article.relevant == True))).scalars().all()  # noqa: E712
        events = (await session.execute(select(func.count()).select_from(Event))).scalar_one()
        total = (await session.execute(select(func.count()).select_from(Article))).scalar_one()
    await db.dispose()
    found = {int(u.rsplit("-", 1)[1]) for u in relevant_urls}
    return {
        "seconds": elapsed,
        "cpu_seconds_main_process": cpu_used,
        "articles": total,
        "done": done,
        "with_page_text": with_page,
        "per_second": done / elapsed,
        "recall": len(found & corpus.relevant_ids) / len(corpus.relevant_ids),
        "false_positives": len(found - corpus.relevant_ids),
        "events": events,
    }


def main() -> None:
    parser = sup.cli(__doc__.splitlines()[0], postgres=True)
    parser.add_argument(
        "--policy",
        choices=["all", "candidates", "none"],
        default="candidates",
        help="EXCHANGEWATCH_PAGE_POLICY (default candidates, the service default)",
    )
    args = parser.parse_args()
    sup.quiet_logs()
    spec = {"feeds": 200, "articles": 2000, "published": time.time()}
    if args.quick:
        spec.update(feeds=40, articles=400)
    corpus = sup.Corpus(sup.CorpusSpec(**spec))  # type: ignore[arg-type]
    print(
        f"corpus: {corpus.spec.feeds} feeds, {corpus.entries()} feed entries, {len(corpus.articles)} articles,"
        f" {len(corpus.relevant_ids)} relevant"
    )
    from service.settings import cpu_count

    with sup.site_server(corpus=spec) as site:
        with sup.scratch_database(args.db, "ingest") as url:
            sup.migrate(url)
            ours = asyncio.run(exchangewatch(site.base, corpus, url, cpu_count(), page_policy=args.policy))
        print("exchangewatch:", {k: round(v, 3) if isinstance(v, float) else v for k, v in ours.items()})
        base = baseline(site.base, corpus)
        print("baseline:", {k: round(v, 3) if isinstance(v, float) else v for k, v in base.items()})
    ratio = ours["per_second"] / base["per_second"]
    rows = [
        sup.row("articles/s", ours["per_second"], base["per_second"], "≥ 5× baseline", ratio >= 5),
        sup.row("recall on relevant", ours["recall"], base["recall"], "equal", ours["recall"] >= base["recall"]),
        sup.row("false positives", ours["false_positives"], base["false_positives"], "–", None),
        sup.row("seconds for all", ours["seconds"], base["seconds"], "–", None),
    ]
    name = "ingest_throughput" if args.policy == "candidates" else f"ingest_throughput_{args.policy}"
    sup.write_results(name, args.db, rows, {"exchangewatch": ours, "baseline": base, "corpus": spec})


if __name__ == "__main__":
    main()
