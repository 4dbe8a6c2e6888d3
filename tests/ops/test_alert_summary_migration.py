"""Migration 0004: alerts stored before summaries existed get the summary line and links, in one JSON shape."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import create_engine, select, update

from alembic import command
from service import migrate
from service.core.events.codec import state_from_json
from service.core.events.summary import summarize
from service.db import Database
from service.flows.context import WorkerContext
from service.models import Alert, Event
from service.render import alert_data, dumps
from service.settings import Settings
from service.worker.runner import build_context
from tests.support.history import HISTORY, seed_history

OLD_KEYS = ("summary", "links")


@pytest.fixture
async def ctx(settings: Settings, database: Database) -> AsyncIterator[WorkerContext]:
    context = build_context(settings, database)
    yield context
    await context.aclose()


def _make_old(url: str, alert_id: int) -> None:
    """Rewrite one alert as the code before summaries stored it: no summary or links, in payload or body."""
    engine = create_engine(migrate.sync_url(url))
    table = Alert.__table__  # type: ignore[attr-defined]
    with engine.begin() as conn:
        row = conn.execute(select(table).where(table.c.id == alert_id)).mappings().one()
        payload = {k: v for k, v in row["payload"].items() if k not in OLD_KEYS}
        body = {k: v for k, v in json.loads(row["body"]).items() if k not in OLD_KEYS}
        conn.execute(update(table).where(table.c.id == alert_id).values(payload=payload, body=json.dumps(body)))
    engine.dispose()


async def test_old_alerts_get_the_summary_and_links_of_their_event(
    ctx: WorkerContext, database: Database, database_url: str
) -> None:
    history = tuple(h for h in HISTORY if h.day.strftime("%Y-%m-%d") in {"2025-06-09", "2025-06-16"})
    await seed_history(ctx, database, history)
    async with database.reader() as session:
        alerts = list((await session.exec(select(Alert).order_by(Alert.id))).scalars())  # type: ignore[call-overload]
    assert len(alerts) >= 2
    old, current = alerts[0], alerts[-1]
    untouched_body = current.body
    await asyncio.to_thread(command.downgrade, migrate.alembic_config(migrate.sync_url(database_url)), "0003")
    await asyncio.to_thread(_make_old, database_url, old.id)

    await asyncio.to_thread(migrate.upgrade, migrate.sync_url(database_url))

    async with database.reader() as session:
        migrated = await session.get(Alert, old.id, populate_existing=True)
        event = await session.get(Event, old.event_id)
        kept = await session.get(Alert, current.id, populate_existing=True)
    assert migrated is not None and event is not None and kept is not None
    body = json.loads(migrated.body)
    assert body["summary"] == migrated.payload["summary"] == summarize(state_from_json(event.state))
    assert body["summary"] and body["links"] == {"event": f"/v1/events/{event.id}", "page": f"/events/{event.id}"}
    # The shape service.render writes today (PostgreSQL's JSONB keeps nested keys in its own order).
    assert body == json.loads(dumps(alert_data(migrated)))
    assert list(body) == list(json.loads(untouched_body))  # same keys, same order as a new alert
    assert kept.body == untouched_body  # alerts that had a summary are left alone
