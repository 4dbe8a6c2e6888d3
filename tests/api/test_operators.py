"""Operators' view through the real API: /health thresholds, /metrics gauges, the access log."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import text
from sqlmodel import select

from service.api.app import create_app
from service.db import Database
from service.delivery.signing import generate_secret
from service.flows import deliver
from service.models import Article, Feed, utcnow
from service.store import feeds as feed_store
from service.store import webhooks as webhook_store
from tests.conftest import make_settings


@asynccontextmanager
async def api(database_url: str, database: Database, **overrides: object) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(make_settings(database_url, **overrides), database=database)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            yield http


async def add_feeds(database: Database, count: int, failing: int) -> list[int]:
    now = utcnow()
    ids = []
    async with database.session() as session:
        for n in range(count):
            spec = feed_store.FeedSpec(url=f"https://f{n}.example/rss")
            feed, _ = await feed_store.add_feed(session, spec, now, kind="rss")
            feed.error_count = 3 if n < failing else 0
            feed.last_error_kind = "connect" if n < failing else None
            feed.last_success_at = None if n < failing else now
            ids.append(feed.id)
    return ids


def check(body: dict, name: str) -> dict:
    (entry,) = body["checks"][name]
    return entry


@pytest.mark.parametrize(
    ("failing", "status", "code"),
    [(0, "pass", 200), (1, "warn", 200), (2, "warn", 200), (3, "fail", 503)],
)
async def test_health_grades_the_share_of_failing_feeds(
    database_url: str, database: Database, failing: int, status: str, code: int
) -> None:
    await add_feeds(database, 4, failing)
    async with api(database_url, database, health_failing_feeds_warn=0.25, health_failing_feeds_fail=0.75) as http:
        response = await http.get("/health")
    entry = check(response.json(), "feeds:failing")
    assert entry["status"] == status and entry["observedValue"] == failing
    assert f"{failing} of 4 enabled feeds failing" in entry["output"]
    assert response.status_code == code and response.headers["content-type"] == "application/health+json"


async def test_health_grades_the_oldest_pending_article_and_the_delivery_lag(
    database_url: str, database: Database
) -> None:
    now = utcnow()
    async with database.session() as session:
        session.add(Article(url="https://o.example/a", fingerprint="f" * 16, discovered_at=now - timedelta(hours=2)))
        session.add(Article(url="https://o.example/b", fingerprint="e" * 16, discovered_at=now))
        endpoint = await webhook_store.create_endpoint(
            session, secret=generate_secret(), url="https://hooks.example/x", now=now
        )
        message = await deliver.queue_test(session, endpoint, now=now - timedelta(minutes=10))
        message.created_at = now - timedelta(minutes=10)
    async with api(database_url, database) as http:  # defaults: articles warn 15 min / fail 1 h; lag 5 min / 1 h
        body = (await http.get("/health")).json()
    articles = check(body, "articles:oldestPending")
    assert articles["status"] == "fail" and articles["observedValue"] >= 7200 and articles["observedUnit"] == "s"
    assert articles["output"] == "2 articles waiting"
    lag = check(body, "webhooks:deliveryLag")
    assert lag["status"] == "warn" and 600 <= lag["observedValue"] < 3600
    async with api(database_url, database, health_pending_article_fail_seconds=0) as http:  # 0: never fails
        assert check((await http.get("/health")).json(), "articles:oldestPending")["status"] == "warn"
    async with database.session() as session:
        endpoint.enabled = False  # a disabled endpoint's backlog is reported as such, not as lag
        session.add(endpoint)
    async with api(database_url, database) as http:
        assert check((await http.get("/health")).json(), "webhooks:deliveryLag")["status"] == "pass"


async def test_metrics_gauges_per_feed_and_for_the_backlog(database_url: str, database: Database) -> None:
    ids = await add_feeds(database, 3, 1)
    async with database.session() as session:
        session.add(Article(url="https://o.example/a", fingerprint="f" * 16))
    async with api(database_url, database) as http:
        text = (await http.get("/metrics")).text
        assert "exchangewatch_feeds_failing 1.0" in text and "exchangewatch_feeds_enabled 3.0" in text
        assert "exchangewatch_pending_articles 1.0" in text
        assert f'exchangewatch_feed_up{{feed_id="{ids[0]}",kind="rss"}} 0.0' in text
        assert f'exchangewatch_feed_up{{feed_id="{ids[1]}",kind="rss"}} 1.0' in text
        assert f'exchangewatch_feed_consecutive_errors{{feed_id="{ids[0]}"}} 3.0' in text
        assert "exchangewatch_oldest_undelivered_message_age_seconds 0.0" in text
        async with database.session() as session:
            feed = (await session.exec(select(Feed).where(Feed.id == ids[0]))).one()
            await feed_store.delete_feed(session, feed)
        text = (await http.get("/metrics")).text
    assert f'feed_id="{ids[0]}"' not in text  # a removed feed's series goes with it
    assert "exchangewatch_feeds_failing 0.0" in text


async def test_metrics_answer_with_stale_gauges_and_log_why_when_the_database_fails(
    database_url: str, database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    """A database error (not an outage: a table gone from under the service) leaves /metrics answering with
    the gauges' last values, and says why in the log instead of swallowing it."""
    await add_feeds(database, 2, 1)
    caplog.set_level(logging.WARNING, logger="service.api.probes")
    async with api(database_url, database) as http:
        assert "exchangewatch_feeds_enabled 2.0" in (await http.get("/metrics")).text
        assert not [r for r in caplog.records if r.name == "service.api.probes"]
        async with database.session() as session:
            await session.exec(text("ALTER TABLE feeds RENAME TO feeds_moved"))  # type: ignore[call-overload]
        answer = await http.get("/metrics")
        assert answer.status_code == 200 and "exchangewatch_feeds_enabled 2.0" in answer.text  # last values
    (record,) = [r for r in caplog.records if r.name == "service.api.probes"]
    assert record.levelno == logging.WARNING and "gauges keep their last values" in record.getMessage()
    assert record.exc_info is not None and "feeds" in str(record.exc_info[1])


async def test_access_log_is_optional_and_carries_fields(
    database_url: str, database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="exchangewatch.access")
    async with api(database_url, database) as http:
        await http.get("/v1/feeds")
    assert not [r for r in caplog.records if r.name == "exchangewatch.access"]
    async with api(database_url, database, access_log=True) as http:
        await http.get("/v1/feeds?limit=2")
        await http.get("/v1/nothing-here")
    records = [r for r in caplog.records if r.name == "exchangewatch.access"]
    assert [(r.method, r.path, r.status) for r in records] == [  # type: ignore[attr-defined]
        ("GET", "/v1/feeds?limit=2", 200),
        ("GET", "/v1/nothing-here", 404),
    ]
    assert all(r.ms >= 0 and r.client for r in records)  # type: ignore[attr-defined]
