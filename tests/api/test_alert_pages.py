"""Alert pages: bytes rendered once per alert, full pages served without the database, requests counted."""

from __future__ import annotations

import httpx
from sqlalchemy import delete

from service.db import Database
from service.models import Alert, Event, utcnow
from service.render import rendered


def _alert(alert_id: int, payload: dict[str, object]) -> Alert:
    alert = Alert(
        id=alert_id,
        type="event.created",
        event_id="e1",
        revision=alert_id,
        kind="pow_exchange",
        created_at=utcnow(),
        payload=payload,
    )
    alert.body = rendered(alert)  # as the pipeline writes it
    return alert


async def _alerts(database: Database, count: int) -> None:
    async with database.session() as session:
        session.add(Event(id="e1", kind="pow_exchange", status="completed"))
        await session.flush()
        session.add_all(_alert(n, {"facts": {"returned_to_ukraine": n}}) for n in range(1, count + 1))


async def test_a_full_page_is_final_and_the_tail_is_live(client: httpx.AsyncClient, database: Database) -> None:
    await _alerts(database, 3)
    first = (await client.get("/v1/alerts?limit=2")).json()
    assert [a["id"] for a in first["data"]] == [1, 2] and first["has_more"] is True
    assert first["data"][0]["facts"] == {"returned_to_ukraine": 1}
    async with database.session() as session:  # the rows go: a full page is served from memory regardless
        await session.exec(delete(Alert).where(Alert.id <= 2))  # type: ignore[call-overload,arg-type]
    assert (await client.get("/v1/alerts?limit=2")).json() == first
    tail = (await client.get(f"/v1/alerts?limit=2&after={first['next_cursor']}")).json()
    assert [a["id"] for a in tail["data"]] == [3] and tail["has_more"] is False
    async with database.session() as session:
        session.add(_alert(4, {}))
    tail = (await client.get(f"/v1/alerts?limit=2&after={first['next_cursor']}")).json()
    assert [a["id"] for a in tail["data"]] == [3, 4]  # the tail is never cached


async def test_requests_are_counted_by_route_template_not_by_url(client: httpx.AsyncClient) -> None:
    await client.get("/v1/feeds/12345")
    await client.get("/v1/feeds/67890")
    metrics = (await client.get("/metrics")).text
    assert 'exchangewatch_api_requests_total{method="GET",route="/v1/feeds/{feed_id}",status="404"}' in metrics
    assert "/v1/feeds/12345" not in metrics
