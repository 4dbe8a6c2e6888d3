"""Figure 4 — API: GET /v1/alerts?limit=50 on a database holding 100,000 alerts.

The API (create_app, one uvicorn process, uvloop + httptools) serves both the real route and a trivial
FastAPI route added to the same app (`GET /bench/floor` returning a small JSON object): the framework's
floor, behind the same middleware. Load: `wrk` (if installed) or an httpx async load generator, fixed
concurrency, same duration for both. Rate limiting is set out of the way (one client address).

Run: python benchmarks/api_alerts.py [--quick] [--db postgresql]
"""

from __future__ import annotations

import asyncio
import re
import shutil
import subprocess
import time
from typing import Any

import _support as sup

CONCURRENCY = 32
ALERTS = 100_000


def make_api(url: str) -> Any:
    """Child process: the service's app plus a trivial route (the floor)."""
    from service.api.app import create_app

    sup.quiet_logs()
    app = create_app(sup.bench_settings(url))

    @app.get("/bench/floor")
    async def floor() -> dict[str, Any]:
        return {"ok": True, "data": []}

    return app


async def seed(url: str, alerts: int) -> None:
    from datetime import UTC, datetime, timedelta

    from sqlalchemy import insert

    from service.db import Database
    from service.models import Alert, Event
    from service.render import rendered

    db = Database(url)
    t0 = datetime(2025, 6, 1, tzinfo=UTC)
    events = max(1, alerts // 10)
    async with db.session() as session:
        rows = [
            {
                "id": f"{n:032x}",
                "topic": "exchanges",
                "kind": "pow_exchange",
                "status": "completed",
                "confidence": 0.9,
                "historical": False,
                "revision": 1,
                "report_count": 3,
                "first_seen": t0,
                "last_seen": t0,
                "state": {},
            }
            for n in range(events)
        ]
        for start in range(0, len(rows), 5000):
            await session.execute(insert(Event), rows[start : start + 5000])
    for start in range(0, alerts, 5000):
        batch = []
        for n in range(start, min(alerts, start + 5000)):
            event = f"{n % events:032x}"
            batch.append(
                {
                    "type": "event.created" if n < events else "event.updated",
                    "event_id": event,
                    "revision": n // events + 1,
                    "kind": "pow_exchange",
                    "language": ("uk", "en", "ru", "de")[n % 4],
                    "confidence": 0.9,
                    "created_at": t0 + timedelta(seconds=n),
                    "payload": {
                        "event": {
                            "id": event,
                            "kind": "pow_exchange",
                            "status": "completed",
                            "event_date": "2025-06-01",
                        },
                        "facts": {
                            "returned_to_ukraine": 84 + n % 300,
                            "returned_to_russia": 84 + n % 300,
                            "stage": 1 + n % 5,
                            "mediators": ["UAE"],
                        },
                        "changes": [],
                        "evidence": [
                            {
                                "sentence": f"{84 + n % 300} Ukrainian defenders returned home from"
                                " Russian captivity today, the Coordination Headquarters said.",
                                "source": "ukrinform.ua",
                                "official": False,
                            }
                        ],
                        "sources": [
                            {"source": "ukrinform.ua", "url": f"https://www.ukrinform.ua/news/{n}", "official": False}
                        ],
                    },
                }
            )
        for offset, row in enumerate(batch):
            # Ids given explicitly so each row carries its rendered JSON, as the pipeline writes it.
            row["id"] = start + offset + 1
            row["body"] = rendered(Alert(**row))
        async with db.session() as session:
            await session.execute(insert(Alert), batch)
    await db.dispose()


def load_wrk(url: str, seconds: int) -> dict[str, Any]:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{CONCURRENCY}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    latency = {q: _ms(re.search(rf"\s{q}%\s+([\d.]+\w+)", out).group(1)) for q in ("50", "99")}  # type: ignore[union-attr]
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return {
        "tool": "wrk",
        "rps": rps,
        "p50_ms": latency["50"],
        "p99_ms": latency["99"],
        "errors": int(non2xx.group(1)) if non2xx else 0,
    }


def _ms(value: str) -> float:
    number = float(re.match(r"[\d.]+", value).group(0))  # type: ignore[union-attr]
    unit = value[len(re.match(r"[\d.]+", value).group(0)) :]  # type: ignore[union-attr]
    return number * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


async def load_httpx(url: str, seconds: int) -> dict[str, Any]:
    import httpx

    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds
    async with httpx.AsyncClient(limits=httpx.Limits(max_connections=CONCURRENCY)) as client:

        async def worker() -> None:
            nonlocal errors
            while time.perf_counter() < deadline:
                started = time.perf_counter()
                response = await client.get(url)
                latencies.append((time.perf_counter() - started) * 1000)
                errors += response.status_code != 200

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
        elapsed = time.perf_counter() - started
    return {
        "tool": "httpx",
        "rps": len(latencies) / elapsed,
        "p50_ms": sup.pct(latencies, 50),
        "p99_ms": sup.pct(latencies, 99),
        "errors": errors,
    }


def load(url: str, seconds: int) -> dict[str, Any]:
    return load_wrk(url, seconds) if shutil.which("wrk") else asyncio.run(load_httpx(url, seconds))


def main() -> None:
    args = sup.cli(__doc__.splitlines()[0], postgres=True).parse_args()
    sup.quiet_logs()
    alerts, seconds = (10_000, 4) if args.quick else (ALERTS, 15)
    with sup.scratch_database(args.db, "api") as url:
        sup.migrate(url)
        started = time.perf_counter()
        asyncio.run(seed(url, alerts))
        print(f"seeded {alerts} alerts in {time.perf_counter() - started:.1f}s")
        with sup.ServerProcess("api_alerts:make_api", url=url) as api:
            load(api.base + "/v1/alerts?limit=50", 2)  # warm up both routes
            load(api.base + "/bench/floor", 1)
            ours = load(api.base + "/v1/alerts?limit=50", seconds)
            floor = load(api.base + "/bench/floor", seconds)
    print("alerts:", ours)
    print("floor:", floor)
    ratio = ours["rps"] / floor["rps"]
    rows = [
        sup.row("requests/s", ours["rps"], floor["rps"], "≥ 0.5× floor", ratio >= 0.5),
        sup.row("p99 latency ms", ours["p99_ms"], floor["p99_ms"], "≤ 50 ms", ours["p99_ms"] <= 50),
        sup.row("p50 latency ms", ours["p50_ms"], floor["p50_ms"], "–", None),
    ]
    sup.write_results(
        "api_alerts",
        args.db,
        rows,
        {"alerts_route": ours, "floor": floor, "alerts": alerts, "concurrency": CONCURRENCY},
    )


if __name__ == "__main__":
    main()
