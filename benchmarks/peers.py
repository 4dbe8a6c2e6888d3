"""Issue 16 — exchangewatch against its peers, in one run, on one generated local site.

Peers: the naive loop a user would write (httpx GET feed → feedparser → httpx GET every page →
trafilatura.extract → detect(), no storage; `_naive.py`) and the `reader` library (lemon24; feed items
only, no pages; installed with `pip install -e '.[bench]'`).

1. cold: `exchangewatch poll --once` with default settings (fresh migrated SQLite database) and the naive
   loop, both as fresh processes on 600 articles / 20 feeds: wall time and CPU of the process tree
   (imports and extraction processes included), every article stored.
2. feed items → stored rows: 2,000 articles / 200 feeds, in-process, CPU per feed item; exchangewatch
   polls with page work off (`refresh_feed(process=False)`), reader `update_feeds()`.
3. steady 304 polling: 2,000 feeds whose server answers 304; polls per second and CPU per poll.
4. memory: peak RSS of `poll --once`'s process tree on the 2,000-article run; idle RSS of a worker
   process whose work is done and whose extraction pool was let go.

Run: python benchmarks/peers.py [--quick] [--skip-idle]
"""

from __future__ import annotations

import asyncio
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import _support as sup

HERE = Path(__file__).resolve().parent


def tree_rss(pid: int) -> dict[int, float]:
    """Resident memory (MB) of a process and each of its descendants (Linux /proc), by pid."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry.name)] = int(fields[1])
        rss[int(entry.name)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    members, frontier = {pid}, {pid}
    while frontier:
        frontier = {p for p, parent in parents.items() if parent in frontier} - members
        members |= frontier
    return {p: rss[p] / 1e6 for p in members if p in rss}


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants, in MB."""
    return sum(tree_rss(pid).values())


def _role(pid: int, root: int) -> str:
    if pid == root:
        return "main"
    try:
        cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return "child"
    return "resource tracker" if "resource_tracker" in cmd else "extraction" if "spawn_main" in cmd else "child"


def run_measured(cmd: list[str], env: dict[str, str]) -> dict[str, float]:
    """Run a command to completion: wall seconds, CPU seconds of its whole tree, peak tree RSS."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=sup.ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    peak = [0.0]
    by_pid: dict[int, float] = {}  # each process's own peak, to see who holds the tree's memory
    roles: dict[int, str] = {}

    def sample() -> None:
        while proc.poll() is None:
            members = tree_rss(proc.pid)
            peak[0] = max(peak[0], sum(members.values()))
            for p, mb in members.items():
                by_pid[p] = max(by_pid.get(p, 0.0), mb)
                roles.setdefault(p, _role(p, proc.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = proc.communicate()
    wall = time.perf_counter() - started
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise RuntimeError(f"{cmd} failed ({proc.returncode}):\n{output.decode(errors='replace')[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    processes = sorted(((roles.get(p, "?"), round(mb, 1)) for p, mb in by_pid.items()), key=lambda r: -r[1])
    return {
        "seconds": wall,
        "cpu_seconds": cpu,
        "peak_rss_mb": peak[0],
        "peak_rss_mb_by_process": processes,
        "output": output.decode()[-500:],
    }


def service_env(url: str, opml: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EXCHANGEWATCH_")}
    env.update(
        EXCHANGEWATCH_DATABASE_URL=url,
        EXCHANGEWATCH_FEEDS_FILE=str(opml),
        EXCHANGEWATCH_MIGRATE_ON_START="false",  # migrated before timing: the schema is not ingest
        EXCHANGEWATCH_PER_HOST_CONCURRENCY="16",  # every feed is on 127.0.0.1 here (see README)
        EXCHANGEWATCH_LOG_LEVEL="WARNING",
        **extra,
    )
    return env


def write_opml(base: str, feeds: int, path: Path, prefix: str = "/feeds/") -> Path:
    outlines = "".join(f'<outline text="f{n}" type="rss" xmlUrl="{base}{prefix}{n}.xml"/>' for n in range(feeds))
    path.write_text(f'<?xml version="1.0"?><opml version="2.0"><body>{outlines}</body></opml>')
    return path


def stored_counts(url: str) -> dict[str, int]:
    import sqlite3

    with sqlite3.connect(url.split("///", 1)[1]) as conn:
        total, done, page = conn.execute(
            "SELECT count(*), sum(state = 'done'), sum(text_source = 'page') FROM articles"
        ).fetchone()
        relevant = [u for (u,) in conn.execute("SELECT url FROM articles WHERE relevant")]
    return {"articles": total, "done": done or 0, "with_page_text": page or 0, "relevant": len(relevant)}


def cold(spec: dict[str, Any], tmp: Path) -> dict[str, Any]:
    corpus = sup.Corpus(sup.CorpusSpec(**spec))
    with sup.site_server(corpus=spec) as site:
        opml = write_opml(site.base, corpus.spec.feeds, tmp / f"cold-{corpus.spec.articles}.opml")
        with sup.scratch_database("sqlite", f"peers_cold_{corpus.spec.articles}") as url:
            sup.migrate(url)
            ours = run_measured([sys.executable, "-m", "service.cli", "poll", "--once"], service_env(url, opml))
            ours.update(stored_counts(url))
        naive = run_measured(
            [sys.executable, str(HERE / "_naive.py"), site.base, str(corpus.spec.feeds)], dict(os.environ)
        )
    ours["unique_articles"] = len(corpus.articles)
    ours["relevant_in_corpus"] = len(corpus.relevant_ids)
    return {"exchangewatch": ours, "naive": naive}


async def _ours_items(base: str, corpus: sup.Corpus, url: str) -> dict[str, Any]:
    from service.db import Database
    from service.flows.poll import refresh_feed
    from service.worker.runner import build_context

    db = Database(url)
    ids = await sup.add_feeds(db, [base + sup.feed_path(f) for f in range(corpus.spec.feeds)])
    ctx = build_context(sup.bench_settings(url, per_host_concurrency=16, page_policy="none"), db)
    limit = asyncio.Semaphore(ctx.settings.fetch_concurrency)

    async def one(feed_id: int) -> None:
        async with limit:
            await refresh_feed(ctx, feed_id, process=False)

    cpu, started = time.process_time(), time.perf_counter()
    await asyncio.gather(*(one(i) for i in ids))
    cpu, wall = time.process_time() - cpu, time.perf_counter() - started
    await ctx.aclose()
    await db.dispose()
    return {"cpu_seconds": cpu, "seconds": wall, "rows": stored_counts(url)["articles"]}


def _reader_items(base: str, corpus: sup.Corpus, tmp: Path) -> dict[str, Any]:
    from reader import make_reader

    reader = make_reader(str(tmp / "reader-items.sqlite"))
    for f in range(corpus.spec.feeds):
        reader.add_feed(base + sup.feed_path(f))
    cpu, started = time.process_time(), time.perf_counter()
    reader.update_feeds(workers=16)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - started
    rows = reader.get_entry_counts().total
    reader.close()
    return {"cpu_seconds": cpu, "seconds": wall, "rows": rows}


def items(spec: dict[str, Any], tmp: Path) -> dict[str, Any]:
    corpus = sup.Corpus(sup.CorpusSpec(**spec))
    with sup.site_server(corpus=spec) as site:
        with sup.scratch_database("sqlite", "peers_items") as url:
            sup.migrate(url)
            ours = asyncio.run(_ours_items(site.base, corpus, url))
        theirs = _reader_items(site.base, corpus, tmp)
    entries = corpus.entries()
    for result in (ours, theirs):
        result["feed_items"] = entries
        result["cpu_ms_per_item"] = result["cpu_seconds"] / entries * 1000
    return {"exchangewatch": ours, "reader": theirs}


async def _ours_304(base: str, feeds: int, url: str) -> dict[str, Any]:
    from service.db import Database
    from service.worker.runner import build_context
    from service.worker.ticks import poll_tick

    db = Database(url)
    await sup.add_feeds(db, [f"{base}/static/{n}.xml" for n in range(feeds)], etag='"static-v1"')
    ctx = build_context(sup.bench_settings(url, per_host_concurrency=16, poll_interval_seconds=3600), db)
    best: dict[str, Any] = {}
    real_clock = ctx.clock
    for n in range(_PASSES):  # each pass runs two hours later on the worker's clock: every feed is due again
        ctx.clock = lambda n=n: real_clock() + timedelta(hours=2 * n)  # type: ignore[misc]
        cpu, started = time.process_time(), time.perf_counter()
        polls, due_by = 0, ctx.clock()
        while polled := await poll_tick(ctx, due_by=due_by):
            polls += polled
        cpu, wall = time.process_time() - cpu, time.perf_counter() - started
        if not best or wall < best["seconds"]:
            best = {"polls": polls, "seconds": wall, "cpu_seconds": cpu, "passes": _PASSES}
    ctx.clock = real_clock
    await ctx.aclose()
    await db.dispose()
    return best


# Passes over the 2,000 feeds per side: each side's best pass counts (one 3 s pass swings ±20 % with the
# machine's other work). reader runs as many passes with each of its two thread settings.
_PASSES = 3


def _reader_304(base: str, feeds: int, tmp: Path) -> dict[str, Any]:
    """reader's best pass of one thread and of 16 threads (its `workers`), _PASSES passes each, all 304s."""
    from reader import make_reader

    reader = make_reader(str(tmp / "reader-304.sqlite"))
    for n in range(feeds):
        reader.add_feed(f"{base}/static/{n}.xml")
    reader.update_feeds(workers=16)  # first pass: 200 + ETag
    best: dict[str, Any] = {}
    for workers in (1, 16) * _PASSES:
        cpu, started = time.process_time(), time.perf_counter()
        reader.update_feeds(workers=workers, scheduled=False)  # every feed answers 304
        cpu, wall = time.process_time() - cpu, time.perf_counter() - started
        if not best or wall < best["seconds"]:
            best = {"polls": feeds, "seconds": wall, "cpu_seconds": cpu, "workers": workers}
    reader.close()
    return best


def steady_304(feeds: int, tmp: Path) -> dict[str, Any]:
    with sup.site_server(feed_bytes=4000) as site:
        with sup.scratch_database("sqlite", "peers_304") as url:
            sup.migrate(url)
            ours = asyncio.run(_ours_304(site.base, feeds, url))
        theirs = _reader_304(site.base, feeds, tmp)
    for result in (ours, theirs):
        result["per_second"] = result["polls"] / result["seconds"]
        result["cpu_ms_per_poll"] = result["cpu_seconds"] / result["polls"] * 1000
    return {"exchangewatch": ours, "reader": theirs}


def idle_rss(spec: dict[str, Any], tmp: Path, idle_seconds: float) -> dict[str, Any]:
    """A worker that ingested the cold site, then sat idle until its extraction pool was let go."""
    from service.flows.extractor import IDLE_SECONDS

    corpus = sup.Corpus(sup.CorpusSpec(**spec))
    with sup.site_server(corpus=spec) as site:
        opml = write_opml(site.base, corpus.spec.feeds, tmp / "idle.opml")
        with sup.scratch_database("sqlite", "peers_idle") as url:
            sup.migrate(url)
            env = service_env(url, opml, EXCHANGEWATCH_PORT=str(sup.free_port()))
            proc = subprocess.Popen([sys.executable, "-m", "service.cli", "worker"], env=env, cwd=sup.ROOT)
            try:
                deadline = time.monotonic() + 300
                while stored_counts(url)["done"] < len(corpus.articles) and time.monotonic() < deadline:
                    time.sleep(0.5)
                busy = tree_rss_mb(proc.pid)
                time.sleep(idle_seconds or IDLE_SECONDS + 10)
                samples = [tree_rss_mb(proc.pid) for _ in range(10) if not time.sleep(0.2)]
                breakdown = _breakdown(proc.pid)
            finally:
                proc.terminate()
                proc.wait(30)
    return {
        "rss_mb_after_work": busy,
        "idle_rss_mb": min(samples),
        "idle_after_seconds": idle_seconds,
        "processes": breakdown,
        "imports_floor_mb": imports_floor_mb(),
    }


# What an idle worker is: the parent of `exchangewatch worker` (its polling child exits when idle), with the
# imports it holds before any work, the floor its idle RSS cannot go below.
WORKER_IMPORTS = "import uvicorn, aiosqlite, service.cli.app, service.worker.server, service.worker.supervisor"


def imports_floor_mb() -> float:
    script = f"{WORKER_IMPORTS}; print(open('/proc/self/statm').read().split()[1])"
    pages = subprocess.run([sys.executable, "-c", script], cwd=sup.ROOT, capture_output=True, text=True, check=True)
    return int(pages.stdout.strip()) * os.sysconf("SC_PAGE_SIZE") / 1e6


def _breakdown(pid: int) -> list[tuple[int, str, float]]:
    """(pid, command line, RSS MB) of the process and its children, to see who holds the memory."""
    out = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()[:80]
        except OSError:
            continue
        if int(entry.name) == pid or int(fields[1]) == pid:
            out.append((int(entry.name), cmd, int(fields[21]) * os.sysconf("SC_PAGE_SIZE") / 1e6))
    return out


def _ratio(a: float, b: float) -> float:
    return a / b if b else float("nan")


def table(results: dict[str, Any]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    c = results.get("cold")
    if c:
        ours, naive = c["exchangewatch"], c["naive"]
        speed = naive["seconds"] / ours["seconds"]
        rows.append(
            sup.row(
                "cold 600: wall s (naive loop)",
                ours["seconds"],
                naive["seconds"],
                "speed ≥ 1.5×",
                speed >= 1.5,
                speed=speed,
            )
        )
        rows.append(
            sup.row(
                "cold 600: CPU s, process tree (naive loop)",
                ours["cpu_seconds"],
                naive["cpu_seconds"],
                "≤ 1.0×",
                ours["cpu_seconds"] <= naive["cpu_seconds"],
            )
        )
        rows.append(
            sup.row(
                "cold 600: articles stored / done",
                ours["done"],
                ours["unique_articles"],
                "all",
                ours["done"] == ours["unique_articles"],
            )
        )
    i = results.get("items")
    if i:
        ours, theirs = i["exchangewatch"], i["reader"]
        rows.append(
            sup.row(
                "items → rows: CPU ms per feed item (reader)",
                ours["cpu_ms_per_item"],
                theirs["cpu_ms_per_item"],
                "≤ 1.5×",
                ours["cpu_ms_per_item"] <= 1.5 * theirs["cpu_ms_per_item"],
            )
        )
    s = results.get("steady_304")
    if s:
        ours, theirs = s["exchangewatch"], s["reader"]
        rows.append(
            sup.row(
                "304 polls/s (reader)",
                ours["per_second"],
                theirs["per_second"],
                "≥ 1.5×",
                ours["per_second"] >= 1.5 * theirs["per_second"],
            )
        )
        rows.append(
            sup.row("304 CPU ms per poll (reader)", ours["cpu_ms_per_poll"], theirs["cpu_ms_per_poll"], "–", None)
        )
    m = results.get("memory")
    if m:
        rows.append(
            sup.row(
                "peak RSS MB, tree, 2,000-article poll --once", m["peak_rss_mb"], None, "≤ 200", m["peak_rss_mb"] <= 200
            )
        )
    idle = results.get("idle")
    if idle:
        rows.append(
            sup.row(
                "idle RSS MB, worker tree (its parent's imports alone)",
                idle["idle_rss_mb"],
                idle["imports_floor_mb"],
                "≤ 80",
                idle["idle_rss_mb"] <= 80,
            )
        )
    return rows


def main() -> None:
    parser = sup.cli(__doc__.splitlines()[0])
    parser.add_argument("--skip-idle", action="store_true", help="skip the idle-RSS run (it waits ~70 s)")
    parser.add_argument("--only", choices=["cold", "items", "steady_304", "memory", "idle"], action="append")
    args = parser.parse_args()
    sup.quiet_logs()
    now = time.time()
    cold_spec = {"feeds": 20, "articles": 600, "published": now}
    big_spec = {"feeds": 200, "articles": 2000, "published": now}
    feeds_304 = 2000
    if args.quick:
        cold_spec.update(articles=200)
        big_spec.update(feeds=40, articles=400)
        feeds_304 = 300
    wanted = set(args.only or ["cold", "items", "steady_304", "memory", "idle"])
    if args.skip_idle:
        wanted.discard("idle")
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        if "cold" in wanted:
            results["cold"] = cold(cold_spec, tmp)
            print("cold:", results["cold"])
        if "items" in wanted:
            results["items"] = items(big_spec, tmp)
            print("items:", results["items"])
        if "steady_304" in wanted:
            results["steady_304"] = steady_304(feeds_304, tmp)
            print("304:", results["steady_304"])
        if "memory" in wanted:
            big = cold(big_spec, tmp)
            results["memory"] = {"peak_rss_mb": big["exchangewatch"]["peak_rss_mb"], "run": big}
            print("2,000-article cold run:", big)
        if "idle" in wanted:
            results["idle"] = idle_rss(cold_spec, tmp, 0)
            print("idle:", results["idle"])
    sup.write_results(
        "peers", "sqlite", table(results), {"results": results, "load_average_1m_end": os.getloadavg()[0]}
    )


if __name__ == "__main__":
    main()
