"""Scale-out on PostgreSQL: three real worker processes share one database; one is killed mid-run.

Every article is stored once, every event and alert created once, every alert delivered to the endpoint,
and nothing is lost when a worker dies (its leases expire and the others take over).
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, func, select, text
from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.responses import Response

from service import migrate
from service.delivery.signing import generate_secret
from service.models import Alert, Article, Event, Feed
from service.models.webhooks import WebhookEndpoint, WebhookMessage
from tests.support.feeds import Item, article_page, rss2
from tests.support.server import LocalServer

FEEDS = 200
ITEMS_PER_FEED = 2
REPORT_FEEDS = 6  # these feeds each carry one report of the same exchange stage
ROOT = Path(__file__).resolve().parents[2]
NEUTRAL = ["The regional council discussed road repairs and a new bus timetable for the autumn season."]
REPORT = [
    "Ukraine and Russia carried out a prisoner exchange on Tuesday, officials said.",
    "Ukrainian defenders, among them wounded servicemen, returned home after months in Russian captivity.",
]


def _populate(url: str, server: LocalServer, when: datetime) -> None:
    engine = create_engine(migrate.sync_url(url))
    with Session(engine) as session:
        for n in range(FEEDS):
            session.add(
                Feed(
                    url=server.url(f"/feed/{n}.xml"),
                    kind="rss",
                    poll_interval_seconds=3600,
                    next_check_at=when - timedelta(minutes=1),
                )
            )
        session.add(
            WebhookEndpoint(
                id="ep_scale", url=server.url("/hook"), secret=generate_secret(), created_at=when, updated_at=when
            )
        )
        session.commit()
    engine.dispose()


def _serve_feeds(server: LocalServer, when: datetime) -> None:
    for n in range(FEEDS):
        items = []
        for k in range(ITEMS_PER_FEED):
            report = k == 0 and n < REPORT_FEEDS
            title = f"Prisoner exchange, report {n}" if report else f"Council news {n}-{k}"
            path = f"/p/{n}/{k}"
            items.append(Item(title, server.url(path), when, "summary"))
            paragraphs = (
                [*REPORT, f"Outlet {n} adds its own closing remark."] if report else [*NEUTRAL, f"Item {n}-{k}."]
            )
            server.serve(path, article_page(title, paragraphs))
        server.serve(f"/feed/{n}.xml", rss2(items))

    async def slow_page(request: Request) -> Response:
        await asyncio.sleep(0.02)
        return Response(status_code=204)

    server.routes["/hook"] = slow_page


def _worker(url: str, port: int, log: Path) -> subprocess.Popen[bytes]:
    """A worker process logging to `log` (the handle is inherited by the child and closed here)."""
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "EXCHANGEWATCH_DATABASE_URL": url,
        "EXCHANGEWATCH_PORT": str(port),
        "EXCHANGEWATCH_MIGRATE_ON_START": "false",
        "EXCHANGEWATCH_EXTRACT_PROCESSES": "1",
        "EXCHANGEWATCH_LEASE_SECONDS": "5",
        "EXCHANGEWATCH_FEEDS_PER_TICK": "10",
        "EXCHANGEWATCH_SCHEDULER_TICK_SECONDS": "0.2",
        "EXCHANGEWATCH_DELIVERY_TICK_SECONDS": "0.2",
        "EXCHANGEWATCH_WEBHOOK_ALLOW_PRIVATE": "true",
        "EXCHANGEWATCH_WEBHOOK_ALLOW_HTTP": "true",
        "EXCHANGEWATCH_ALERT_MAX_AGE_DAYS": "3650",
        "EXCHANGEWATCH_LOG_LEVEL": "WARNING",
    }
    with log.open("wb") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "service.cli", "worker"], env=env, stdout=out, stderr=subprocess.STDOUT
        )


def _counts(url: str) -> dict[str, int]:
    engine = create_engine(migrate.sync_url(url))
    with Session(engine) as session:

        def count(model: type, *where: object) -> int:
            return int(session.execute(select(func.count()).select_from(model).where(*where)).scalar_one())

        result = {
            "feeds_polled": count(Feed, Feed.last_success_at != None),  # type: ignore[arg-type]  # noqa: E711
            "articles": count(Article),
            "articles_done": count(Article, Article.state == "done"),  # type: ignore[arg-type]
            "events": count(Event),
            "alerts": count(Alert),
            "delivered": count(WebhookMessage, WebhookMessage.status == "delivered"),  # type: ignore[arg-type]
            "messages": count(WebhookMessage),
            "duplicate_urls": int(
                session.execute(
                    text("SELECT count(*) FROM (SELECT url FROM articles GROUP BY url HAVING count(*) > 1) d")
                ).scalar_one()
            ),
        }
    engine.dispose()
    return result


def test_three_workers_share_the_work_and_a_killed_one_loses_nothing(
    pg_database_url: str, server: LocalServer, tmp_path: Path
) -> None:
    when = datetime.now(UTC) - timedelta(hours=1)
    _serve_feeds(server, when)
    _populate(pg_database_url, server, when)
    workers = [_worker(pg_database_url, 18500 + i + os.getpid() % 1000, tmp_path / f"w{i}.log") for i in range(3)]
    try:
        deadline = time.monotonic() + 20
        while _counts(pg_database_url)["articles"] < FEEDS and time.monotonic() < deadline:
            time.sleep(0.1)
        workers[0].send_signal(signal.SIGKILL)  # mid-run: it holds leases on feeds and articles
        workers[0].wait(timeout=10)
        expected_articles = FEEDS * ITEMS_PER_FEED
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            counts = _counts(pg_database_url)
            if (
                counts["feeds_polled"] == FEEDS
                and counts["articles_done"] == expected_articles
                and counts["messages"]
                and counts["delivered"] == counts["messages"]
            ):
                break
            time.sleep(0.5)
    finally:
        for worker in workers[1:]:
            worker.terminate()
        for worker in workers[1:]:
            worker.wait(timeout=20)
    counts = _counts(pg_database_url)
    assert counts["feeds_polled"] == FEEDS
    assert counts["articles"] == counts["articles_done"] == expected_articles
    assert counts["duplicate_urls"] == 0
    assert counts["events"] == 1 and counts["alerts"] == 1, counts
    assert counts["messages"] == 1 and counts["delivered"] == 1
    deliveries = Counter(r.headers["webhook-id"] for r in server.hits("/hook"))
    assert len(deliveries) == 1  # a retry after the kill would reuse the same webhook-id
    for i in (1, 2):
        assert b"Traceback" not in (tmp_path / f"w{i}.log").read_bytes()
