"""Figure 3 — alert latency: a new item appears on a local feed → the signed webhook reaches a local receiver.

The service runs as `exchangewatch serve` does (API + workers in one process, poll interval 2 s). The
benchmark registers the receiver through POST /v1/webhooks, adds the feed through POST /v1/feeds, then
publishes 50 exchange reports one at a time (each with new numbers, so each is a material change and
raises an alert), at a random phase of the poll interval, and waits for each signed webhook. The receiver
verifies the Standard Webhooks signature. Goal: p95 ≤ poll interval + 1 s.

`--kind telegram` does the same with a Telegram channel preview page (t.me/s/<channel> markup served
locally, source kind forced to "telegram"): that is benchmarks/telegram_latency.py.

Run: python benchmarks/alert_latency.py [--quick]
"""

from __future__ import annotations

import random
import time
from typing import Any

import _support as sup

POLL_INTERVAL = 2.0
TOKEN = "bench-admin-token"
LANGS = ("uk", "en", "ru", "de")


def make_service(url: str, kind: str) -> Any:
    """Child process: the service with workers (API + scheduler), as `exchangewatch serve`."""
    from service.api.app import create_app

    sup.quiet_logs()
    settings = sup.bench_settings(
        url,
        admin_token=TOKEN,
        poll_interval_seconds=POLL_INTERVAL,
        telegram_poll_interval_seconds=POLL_INTERVAL,
        scheduler_tick_seconds=0.2,
        delivery_tick_seconds=0.2,
        extract_processes=1,
        feeds_file=None,
    )
    return create_app(settings, run_workers=True)


def run(kind: str, items: int, name: str) -> None:
    import httpx

    rng = random.Random(3)
    with sup.site_server() as site, sup.scratch_database("sqlite", name) as url:
        sup.migrate(url)
        with sup.ServerProcess("alert_latency:make_service", url=url, kind=kind) as service:
            auth = {"Authorization": f"Bearer {TOKEN}"}
            with httpx.Client(timeout=30) as client:
                hook = client.post(f"{service.base}/v1/webhooks", headers=auth, json={"url": site.base + "/hooks/1"})
                hook.raise_for_status()
                client.post(f"{site.base}/control/secret", json={"path": "*", "secret": hook.json()["secret"]})
                source = f"{site.base}/s/exchange_hq" if kind == "telegram" else f"{site.base}{sup.feed_path(1)}"
                client.post(
                    f"{service.base}/v1/feeds", headers=auth, json={"url": source, "kind": kind}
                ).raise_for_status()
                time.sleep(POLL_INTERVAL + 1)  # the first (empty) poll has set the validators
                latencies, misses = [], 0
                for i in range(items):
                    seen = len(client.get(f"{site.base}/control/received").json())
                    time.sleep(rng.uniform(0, POLL_INTERVAL))
                    published = _publish(client, site.base, kind, i)
                    arrival = _wait(client, site.base, seen, POLL_INTERVAL * 3 + 10)
                    if arrival is None:
                        misses += 1
                        continue
                    latencies.append(arrival["at"] - published)
                    if not arrival["verified"]:
                        misses += 1
                received = client.get(f"{site.base}/control/received").json()
    stats = sup.summary(latencies)
    print("latency s:", {k: round(v, 3) for k, v in stats.items()}, "misses:", misses)
    goal = POLL_INTERVAL + 1
    rows = [
        sup.row("p50 latency s", stats["p50"], None, "–", None),
        sup.row("p95 latency s", stats["p95"], None, f"≤ {goal:g} s", stats["p95"] <= goal and misses == 0),
        sup.row("alerts missed or unsigned", misses, None, "0", misses == 0),
    ]
    sup.write_results(name, "sqlite", rows, {"latencies": latencies, "received": len(received), "kind": kind})


def _publish(client: Any, base: str, kind: str, i: int) -> float:
    lang, n = LANGS[i % len(LANGS)], 100 + 7 * i
    if kind == "telegram":
        from _texts import report

        title, paragraphs = report("uk", n, i)
        client.post(
            f"{base}/control/post", json={"channel": "exchange_hq", "text": title + "\n" + " ".join(paragraphs)}
        )
    else:
        client.post(f"{base}/control/publish", json={"feed": 1, "lang": lang, "n": n, "variant": i})
    return time.time()


def _wait(client: Any, base: str, seen: int, timeout: float) -> dict[str, Any] | None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        received = client.get(f"{base}/control/received").json()
        if len(received) > seen:
            return received[seen]
        time.sleep(0.02)
    return None


def main(kind: str = "rss", name: str = "alert_latency") -> None:
    parser = sup.cli(__doc__.splitlines()[0])
    args = parser.parse_args()
    sup.quiet_logs()
    run(kind, 10 if args.quick else 50, name)


if __name__ == "__main__":
    main()
