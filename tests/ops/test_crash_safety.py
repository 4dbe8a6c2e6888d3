"""Crash safety with real processes: `exchangewatch worker` is killed with SIGKILL while it ingests (slow
article pages hold its requests), restarted, and the database must end with every article exactly once,
all processed, with no duplicate keys, events or alerts. Runs on the suite's backend: SQLite (API and
worker processes share the WAL file) in one pass, PostgreSQL in the other."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from starlette.requests import Request
from starlette.responses import Response

from service import migrate
from tests.support.feeds import Item, article_page, rss2
from tests.support.server import LocalServer

ROOT = Path(__file__).resolve().parents[2]
ITEMS = 12
PAGE_DELAY = 0.4
STORY = [
    "The Berlin city council approved a new budget for public libraries on Tuesday after a long debate.",
    "Council members said the money would pay for longer opening hours in every district of the city.",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve_slow_feed(server: LocalServer) -> None:
    base = datetime(2025, 6, 10, 9, tzinfo=UTC)
    items = [
        Item(f"Library story {n}", server.url(f"/story/{n}"), base + timedelta(minutes=n), "x") for n in range(ITEMS)
    ]
    server.serve("/feed.xml", rss2(items), content_type="application/rss+xml")

    async def page(request: Request) -> Response:
        await asyncio.sleep(PAGE_DELAY)  # holds the worker mid-ingest long enough to kill it there
        n = request.url.path.rsplit("/", 1)[1]
        return Response(article_page(f"Library story {n}", [*STORY, f"Story number {n}."]), media_type="text/html")

    for n in range(ITEMS):
        server.routes[f"/story/{n}"] = page


def worker_env(database_url: str, feeds_file: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("EXCHANGEWATCH_")}
    env.update(
        EXCHANGEWATCH_DATABASE_URL=database_url,
        EXCHANGEWATCH_FEEDS_FILE=str(feeds_file),
        EXCHANGEWATCH_MIGRATE_ON_START="false",
        EXCHANGEWATCH_PORT=str(free_port()),
        EXCHANGEWATCH_POLL_INTERVAL_SECONDS="3600",
        EXCHANGEWATCH_POLL_JITTER="0",
        EXCHANGEWATCH_SCHEDULER_TICK_SECONDS="0.2",
        EXCHANGEWATCH_LEASE_SECONDS="5",
        EXCHANGEWATCH_EXTRACT_PROCESSES="1",
        EXCHANGEWATCH_PAGE_POLICY="all",  # library stories: extracted only because the test asks for every page
        EXCHANGEWATCH_RESPECT_ROBOTS="false",
        EXCHANGEWATCH_LOG_LEVEL="WARNING",
    )
    return env


def start_worker(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "service.cli", "worker"], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )


def run_until(env: dict[str, str], log: Path, predicate: object, timeout: float, what: str) -> None:
    """Start a worker, wait for `predicate`, then stop it politely (SIGTERM, then SIGKILL)."""
    worker = start_worker(env, log)
    try:
        wait_for(predicate, timeout, what)
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(10)
        except subprocess.TimeoutExpired:
            worker.kill()


def wait_for(predicate: object, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def query(database_url: str, sql: str) -> list[tuple[object, ...]]:
    engine = create_engine(migrate.sync_url(database_url))
    try:
        with engine.connect() as conn:
            return [tuple(row) for row in conn.execute(text(sql))]
    finally:
        engine.dispose()


@pytest.mark.slow
def test_kill_9_while_ingesting_loses_and_duplicates_nothing(
    database_url: str, server: LocalServer, tmp_path: Path
) -> None:
    serve_slow_feed(server)
    opml = tmp_path / "feeds.opml"
    opml.write_text(
        f'<?xml version="1.0"?><opml version="2.0"><body><outline text="slow" type="rss" '
        f'xmlUrl="{server.url("/feed.xml")}"/></body></opml>'
    )
    env, log = worker_env(database_url, opml), tmp_path / "worker.log"
    first = start_worker(env, log)
    try:
        wait_for(lambda: len([r for r in server.requests if r.path.startswith("/story/")]) >= 3, 30, "ingest to start")
        first.send_signal(signal.SIGKILL)
        first.wait(10)
    finally:
        if first.poll() is None:
            first.kill()
    done_before = query(database_url, "SELECT count(*) FROM articles WHERE state = 'done'")[0][0]
    assert done_before < ITEMS, "the kill came too late to test anything"

    run_until(
        env,
        log,
        lambda: query(database_url, "SELECT count(*) FROM articles WHERE state = 'done'")[0][0] >= ITEMS,
        40,
        "the restarted worker to finish every article",
    )
    output = log.read_text(errors="replace")
    assert "database is locked" not in output

    articles = query(database_url, "SELECT url, state, text_source FROM articles ORDER BY url")
    assert len(articles) == ITEMS and len({a[0] for a in articles}) == ITEMS
    assert {a[1] for a in articles} == {"done"} and {a[2] for a in articles} == {"page"}
    assert query(database_url, "SELECT key FROM article_keys GROUP BY key HAVING count(*) > 1") == []
    assert (
        query(database_url, "SELECT event_id, revision FROM alerts GROUP BY event_id, revision HAVING count(*) > 1")
        == []
    )
    assert query(database_url, "SELECT count(*) FROM feeds WHERE lease_owner IS NOT NULL AND error_count > 0") == [(0,)]


async def _one_alert_for(database_url: str, hook: str) -> None:
    """An event, its alert and the outbox row for one endpoint, written as the pipeline writes them."""
    from service.db import Database
    from service.delivery.signing import generate_secret
    from service.flows.record import queue_deliveries
    from service.models import Alert, Event, utcnow
    from service.render import rendered
    from service.store import webhooks as webhook_store

    db = Database(database_url)
    try:
        async with db.session() as session:
            await webhook_store.create_endpoint(session, secret=generate_secret(), url=hook, now=utcnow())
            session.add(Event(id="e-crash", kind="pow_exchange", status="completed"))
            await session.flush()
            alert = Alert(type="event.created", event_id="e-crash", revision=1, kind="pow_exchange", payload={})
            session.add(alert)
            await session.flush()
            alert.body = rendered(alert)
            await queue_deliveries(session, alert)
    finally:
        await db.dispose()


@pytest.mark.slow
def test_kill_9_while_delivering_resends_with_the_same_webhook_id(
    database_url: str, server: LocalServer, tmp_path: Path
) -> None:
    hanging = {"on": True}

    async def hook(request: Request) -> Response:
        while hanging["on"]:  # the first attempt is in flight when the worker dies
            await asyncio.sleep(0.05)
        return Response(status_code=204)

    server.routes["/hook"] = hook
    asyncio.run(_one_alert_for(database_url, server.url("/hook")))
    opml = tmp_path / "none.opml"
    # One feed on a closed port: a feed list must name a feed; this one only fails, quietly.
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><body><outline xmlUrl="http://127.0.0.1:9/x"/></body></opml>'
    )
    env = worker_env(database_url, opml)
    env.update(
        EXCHANGEWATCH_WEBHOOK_ALLOW_PRIVATE="true",
        EXCHANGEWATCH_WEBHOOK_ALLOW_HTTP="true",
        EXCHANGEWATCH_DELIVERY_TICK_SECONDS="0.2",
        EXCHANGEWATCH_DELIVERY_LEASE_SECONDS="2",
    )
    log = tmp_path / "worker.log"
    first = start_worker(env, log)
    try:
        wait_for(lambda: len(server.hits("/hook")) >= 1, 30, "the first delivery attempt")
        first.send_signal(signal.SIGKILL)
        first.wait(10)
    finally:
        if first.poll() is None:
            first.kill()
    hanging["on"] = False
    assert query(database_url, "SELECT status FROM webhook_messages") == [("delivering",)]  # claimed, unfinished

    run_until(
        env,
        log,
        lambda: query(database_url, "SELECT status FROM webhook_messages") == [("delivered",)],
        30,
        "the restarted worker to deliver the message again",
    )
    ids = [r.headers["webhook-id"] for r in server.hits("/hook")]
    assert len(ids) >= 2 and len(set(ids)) == 1  # seen twice at most once more, always with the same id
    assert query(database_url, "SELECT count(*) FROM webhook_messages") == [(1,)]
