"""/v1/alerts: cursor paging, filters, ETag/304, and the SSE stream resuming from Last-Event-ID."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

import httpx
import pytest

from service.api import alerts as alerts_api
from service.api.app import create_app
from service.db import Database
from service.models import Alert
from service.settings import Settings
from tests.support.webhooks import AlertSpec, AppServer, make_alert


async def seed(db: Database) -> list[Alert]:
    specs = [
        AlertSpec(),
        AlertSpec(type="event.updated"),
        AlertSpec(kind="body_repatriation", language="ru"),
        AlertSpec(kind="agreement", language="en"),
        AlertSpec(language="en"),
    ]
    return [await make_alert(db, spec, enqueue=False) for spec in specs]


async def test_polling_is_cursor_stable_and_filterable(client: httpx.AsyncClient, database: Database) -> None:
    empty = (await client.get("/v1/alerts")).json()
    assert empty == {"data": [], "next_cursor": None, "has_more": False}
    alerts = await seed(database)

    seen: list[int] = []
    cursor = None
    while True:
        params = {"limit": 2} | ({"after": cursor} if cursor else {})
        page = (await client.get("/v1/alerts", params=params)).json()
        seen += [a["id"] for a in page["data"]]
        cursor = page["next_cursor"]
        if not page["has_more"]:
            break
    assert seen == [a.id for a in alerts]
    assert cursor == str(alerts[-1].id)
    tail = (await client.get("/v1/alerts", params={"after": cursor})).json()
    assert tail == {"data": [], "next_cursor": cursor, "has_more": False}  # nothing new: keep your place

    def ids(response: httpx.Response) -> list[int]:
        return [a["id"] for a in response.json()["data"]]

    assert ids(await client.get("/v1/alerts?type=event.updated")) == [alerts[1].id]
    assert ids(await client.get("/v1/alerts?kind=body_repatriation&kind=agreement")) == [
        alerts[2].id,
        alerts[3].id,
    ]
    assert ids(await client.get("/v1/alerts?language=en&kind=pow_exchange")) == [alerts[4].id]
    first = (await client.get("/v1/alerts?limit=1")).json()["data"][0]
    assert {"event", "facts", "changes", "evidence", "sources", "cursor"} <= set(first)
    assert (await client.get("/v1/alerts?after=abc")).status_code == 422


async def test_one_alert_and_etags(client: httpx.AsyncClient, database: Database) -> None:
    alert = await make_alert(database, enqueue=False)
    one = await client.get(f"/v1/alerts/{alert.id}")
    assert one.status_code == 200 and one.json()["cursor"] == str(alert.id)
    etag = one.headers["etag"]
    again = await client.get(f"/v1/alerts/{alert.id}", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag

    listed = await client.get("/v1/alerts")
    cached = await client.get("/v1/alerts", headers={"If-None-Match": listed.headers["etag"]})
    assert cached.status_code == 304
    await make_alert(database, enqueue=False)
    changed = await client.get("/v1/alerts", headers={"If-None-Match": listed.headers["etag"]})
    assert changed.status_code == 200 and len(changed.json()["data"]) == 2

    assert (await client.get("/v1/alerts/99999999999999999999")).status_code == 422
    assert (await client.get("/v1/alerts/stream", headers={"Last-Event-ID": "x1"})).status_code == 422
    missing = await client.get("/v1/alerts/999999")
    assert missing.status_code == 404 and missing.headers["content-type"] == "application/problem+json"


async def read_events(response: httpx.Response, count: int) -> AsyncIterator[dict[str, str]]:
    """Parse SSE frames off a live response until `count` events with data arrived."""
    event: dict[str, str] = {}
    seen = 0
    async for line in response.aiter_lines():
        if line == "":
            if "data" in event:
                yield event
                seen += 1
                if seen == count:
                    return
            event = {}
        elif not line.startswith(":") and ":" in line:
            name, _, value = line.partition(":")
            event[name] = value.removeprefix(" ")


@pytest.fixture
def live_api(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[str]:
    monkeypatch.setattr(alerts_api, "STREAM_POLL_SECONDS", 0.05)
    with AppServer(create_app(settings)) as server:
        yield server.base


async def test_stream_resumes_from_last_event_id_then_follows_live(live_api: str, database: Database) -> None:
    alerts = await seed(database)
    headers = {"Last-Event-ID": str(alerts[2].id)}
    async with (
        httpx.AsyncClient(base_url=live_api, timeout=10) as http,
        http.stream("GET", "/v1/alerts/stream", headers=headers) as response,
    ):
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        received: list[dict[str, str]] = []

        async def collect() -> None:
            async for event in read_events(response, 3):
                received.append(event)

        task = asyncio.create_task(collect())
        while len(received) < 2:
            await asyncio.sleep(0.02)
        live = await make_alert(database, enqueue=False)  # committed while the client is connected
        await asyncio.wait_for(task, timeout=5)

    assert [e["id"] for e in received] == [str(alerts[3].id), str(alerts[4].id), str(live.id)]
    assert [json.loads(e["data"])["cursor"] for e in received] == [e["id"] for e in received]
    assert received[0]["event"] == "event.created"


async def test_stream_without_a_cursor_sends_only_new_alerts_and_honours_filters(
    live_api: str, database: Database
) -> None:
    await seed(database)
    async with (
        httpx.AsyncClient(base_url=live_api, timeout=10) as http,
        http.stream("GET", "/v1/alerts/stream", params={"kind": "agreement"}) as response,
    ):
        await asyncio.sleep(0.2)
        await make_alert(database, AlertSpec(kind="pow_exchange"), enqueue=False)
        wanted = await make_alert(database, AlertSpec(kind="agreement"), enqueue=False)
        events = [e async for e in read_events(response, 1)]
    assert [e["id"] for e in events] == [str(wanted.id)]
