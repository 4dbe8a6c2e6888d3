"""Operators' side: readiness and health when things break, retention, JSON logs, the feeds CLI."""

from __future__ import annotations

import json
import logging
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from service.api.app import create_app
from service.cli import main
from service.db import Database
from service.delivery.signing import generate_secret
from service.logs import JsonFormatter
from service.models import Alert, Article, Event, utcnow
from service.models.webhooks import WebhookMessage
from service.settings import Settings
from service.store import webhooks as webhook_store
from service.store.retention import apply_retention
from tests.conftest import make_settings


async def _get(settings: Settings, path: str) -> httpx.Response:
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
            return await http.get(path)


async def test_unreachable_database_fails_readiness_and_health_but_not_liveness() -> None:
    # Nothing listens on port 1: the production case of a database server that is down.
    settings = make_settings("postgresql+psycopg://exchangewatch@127.0.0.1:1/exchangewatch")
    assert (await _get(settings, "/livez")).status_code == 200
    ready = await _get(settings, "/readyz")
    assert ready.status_code == 503 and ready.json()["checks"]["database"].startswith("fail")
    health = await _get(settings, "/health")
    assert health.status_code == 503 and health.json()["status"] == "fail"
    assert health.headers["content-type"] == "application/health+json"


async def test_unmigrated_database_is_not_ready(tmp_path: Path) -> None:
    ready = await _get(make_settings(f"sqlite+aiosqlite:///{tmp_path}/empty.db"), "/readyz")
    assert ready.status_code == 503 and ready.json()["checks"]["migrations"] == "fail"


async def test_retention_clears_old_article_text_and_keeps_events_and_alerts(database: Database) -> None:
    now = utcnow()
    async with database.session() as session:
        session.add(
            Article(
                url="https://o.example/old",
                fingerprint="a",
                text="old text",
                state="done",
                discovered_at=now - timedelta(days=400),
            )
        )
        session.add(
            Article(
                url="https://o.example/new",
                fingerprint="b",
                text="new text",
                state="done",
                discovered_at=now - timedelta(days=1),
            )
        )
        session.add(Event(id="e1", kind="pow_exchange", status="completed", first_seen=now - timedelta(days=400)))
        await session.flush()
        session.add(
            Alert(
                type="event.created",
                event_id="e1",
                revision=1,
                kind="pow_exchange",
                created_at=now - timedelta(days=400),
            )
        )
    async with database.session() as session:
        endpoint = await webhook_store.create_endpoint(
            session, secret=generate_secret(), url="https://hooks.example/x", now=now
        )
        for n, status in enumerate(("delivered", "failed")):
            session.add(
                WebhookMessage(
                    msg_id=f"msg_old{n}",
                    endpoint_id=endpoint.id,
                    event_type="event.created",
                    payload="{}",
                    status=status,
                    created_at=now - timedelta(days=400),
                )
            )
    async with database.session() as session:
        cleared = await apply_retention(session, now=now, article_text_days=180, delivery_log_days=30)
    assert cleared == 2  # the old article's text and the old delivered message
    async with database.reader() as session:
        kept = (await session.exec(select(WebhookMessage.status))).scalars().all()  # type: ignore[call-overload]
    assert kept == ["failed"]  # a message still being retried is never pruned
    async with database.reader() as session:
        texts = {a.url: a.text for a in (await session.exec(select(Article))).scalars()}  # type: ignore[call-overload]
        alerts = (await session.exec(select(Alert))).scalars().all()  # type: ignore[call-overload]
    assert texts == {"https://o.example/old": "", "https://o.example/new": "new text"}
    assert len(alerts) == 1


def test_json_logs_carry_ids_as_fields() -> None:
    record = logging.LogRecord("service.flows.poll", logging.INFO, __file__, 1, "polled feed_id=%s", (7,), None)
    record.feed_id = 7
    line = json.loads(JsonFormatter().format(record))
    assert line["msg"] == "polled feed_id=7" and line["feed_id"] == 7 and line["level"] == "info"


def test_feeds_cli_add_list_export_import_remove(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("EXCHANGEWATCH_DATABASE_URL", database_url)
    assert main(["feeds", "add", "https://t.me/s/Koordshtab", "--official", "--no-check"]) == 0  # no network here
    assert main(["feeds", "add", "https://rss.dw.com/rdf/rss-en-all", "--no-check"]) == 0
    assert main(["feeds", "list"]) == 0
    listing = capsys.readouterr().out
    assert "telegram" in listing and "https://rss.dw.com/rdf/rss-en-all" in listing
    assert main(["feeds", "export"]) == 0
    exported = capsys.readouterr().out
    assert 'type="telegram"' in exported and 'official="true"' in exported
    assert main(["feeds", "remove", "https://t.me/s/Koordshtab"]) == 0
    opml = tmp_path / "mine.opml"
    opml.write_text(exported)
    capsys.readouterr()
    assert main(["feeds", "import", str(opml), "--no-check"]) == 0
    assert "imported 1 new feeds" in capsys.readouterr().out
    bad = tmp_path / "bad.opml"
    bad.write_text("<opml><body><outline xmlUrl='file:///etc/passwd'/></body></opml>")
    assert main(["feeds", "import", str(bad)]) == 1  # every outline rejected: the work failed
    assert "scheme 'file' is not allowed" in capsys.readouterr().err
