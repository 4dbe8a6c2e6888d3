"""The feeds and articles API: auth, validation as 422 problem details, health fields, cursors."""

from __future__ import annotations

import httpx

from service.db import Database
from service.models import Article, utcnow


async def test_write_endpoints_need_the_admin_token(client: httpx.AsyncClient) -> None:
    body = {"url": "https://rss.dw.com/rdf/rss-en-all"}
    missing = await client.post("/v1/feeds?check=false", json=body)
    assert missing.status_code == 401 and missing.headers["content-type"] == "application/problem+json"
    wrong = await client.post("/v1/feeds?check=false", json=body, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 403


async def test_create_list_patch_delete_feed(client: httpx.AsyncClient, admin: dict[str, str]) -> None:
    created = await client.post(
        "/v1/feeds?check=false", json={"url": "https://t.me/s/Koordshtab", "official": True}, headers=admin
    )
    assert created.status_code == 201, created.text
    feed = created.json()
    assert feed["kind"] == "telegram" and feed["official"] is True
    assert feed["error_count"] == 0 and feed["last_success_at"] is None and feed["next_check_at"]
    assert created.headers["location"] == f"/v1/feeds/{feed['id']}"
    duplicate = await client.post("/v1/feeds?check=false", json={"url": "https://t.me/s/Koordshtab"}, headers=admin)
    assert duplicate.status_code == 409
    listed = (await client.get("/v1/feeds")).json()["data"]
    assert [f["id"] for f in listed] == [feed["id"]]
    patched = await client.patch(f"/v1/feeds/{feed['id']}", json={"enabled": False}, headers=admin)
    assert patched.status_code == 200 and patched.json()["enabled"] is False
    assert (await client.delete(f"/v1/feeds/{feed['id']}", headers=admin)).status_code == 204
    assert (await client.get(f"/v1/feeds/{feed['id']}")).status_code == 404


async def test_invalid_input_is_422_with_a_message(client: httpx.AsyncClient, admin: dict[str, str]) -> None:
    for body in (
        {"url": "ftp://example.org/feed"},
        {"url": "https://x.example/f", "kind": "nntp"},
        {"url": "https://x.example/f", "unknown": 1},
        {"nope": True},
        [1, 2],
    ):
        response = await client.post("/v1/feeds?check=false", json=body, headers=admin)
        assert response.status_code == 422, body
        assert response.json()["detail"].startswith("invalid request")
    assert (await client.get("/v1/feeds/not-a-number")).status_code == 422
    assert (await client.get("/v1/articles?limit=100000")).status_code == 422
    assert (await client.get("/v1/articles?cursor=abc")).status_code == 422


async def test_articles_filters_and_cursor_pagination(client: httpx.AsyncClient, database: Database) -> None:
    async with database.session() as session:
        for n in range(5):
            session.add(
                Article(
                    url=f"https://outlet.example/{n}",
                    fingerprint=f"fp{n}",
                    title=f"Story {n}",
                    language="uk" if n % 2 else "en",
                    state="done",
                    discovered_at=utcnow(),
                )
            )
    first = (await client.get("/v1/articles?limit=2")).json()
    assert [a["title"] for a in first["data"]] == ["Story 4", "Story 3"] and first["has_more"] is True
    second = (await client.get(f"/v1/articles?limit=2&cursor={first['next_cursor']}")).json()
    assert [a["title"] for a in second["data"]] == ["Story 2", "Story 1"]
    third = (await client.get(f"/v1/articles?limit=2&cursor={second['next_cursor']}")).json()
    assert [a["title"] for a in third["data"]] == ["Story 0"] and third["has_more"] is False
    ukrainian = (await client.get("/v1/articles?language=uk")).json()["data"]
    assert {a["title"] for a in ukrainian} == {"Story 1", "Story 3"}


async def test_livez_readyz_health(client: httpx.AsyncClient) -> None:
    assert (await client.get("/livez")).json() == {"status": "pass"}
    ready = await client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["checks"]["migrations"] == "pass"
    health = await client.get("/health")
    assert health.status_code == 200 and health.headers["content-type"] == "application/health+json"
    assert health.json()["status"] in ("pass", "warn")
    assert "database:responseTime" in health.json()["checks"]
    metrics = await client.get("/metrics")
    assert metrics.status_code == 200 and "exchangewatch_feed_polls_total" in metrics.text


async def test_events_pages_never_skip_events_seen_at_the_same_instant(
    client: httpx.AsyncClient, database: Database
) -> None:
    from service.models import Event

    seen = utcnow()
    async with database.session() as session:
        for n in range(5):
            state = {
                "v": 1,
                "key": f"e{n}",
                "kind": "pow_exchange",
                "status": "completed",
                "event_date": None,
                "date_precision": "unknown",
            }
            session.add(Event(id=f"e{n}", kind="pow_exchange", status="completed", last_seen=seen, state=state))
    ids: list[str] = []
    cursor = None
    while True:
        query = "/v1/events?limit=2" + (f"&cursor={cursor}" if cursor else "")
        page = (await client.get(query)).json()
        ids += [e["id"] for e in page["data"]]
        if not page["has_more"]:
            break
        cursor = page["next_cursor"]
    assert ids == ["e4", "e3", "e2", "e1", "e0"]
    assert (await client.get("/v1/events?cursor=yesterday")).status_code == 422


async def test_a_write_is_committed_before_the_response(
    client: httpx.AsyncClient, admin: dict[str, str], database: Database
) -> None:
    from sqlalchemy import select

    from service.models import Feed

    created = await client.post(
        "/v1/feeds?check=false", json={"url": "https://rss.dw.com/rdf/rss-en-all"}, headers=admin
    )
    assert created.status_code == 201
    async with database.reader() as session:  # another connection sees it as soon as the client has the 201
        urls = (await session.exec(select(Feed.url))).scalars().all()  # type: ignore[call-overload]
    assert urls == ["https://rss.dw.com/rdf/rss-en-all"]


async def test_concurrent_duplicate_creates_give_one_201_and_409s(
    client: httpx.AsyncClient, admin: dict[str, str]
) -> None:
    import asyncio

    body = {"url": "https://kyivindependent.com/rss/"}
    statuses = sorted(
        r.status_code
        for r in await asyncio.gather(
            *(client.post("/v1/feeds?check=false", json=body, headers=admin) for _ in range(5))
        )
    )
    assert statuses[0] == 201 and statuses.count(201) == 1 and set(statuses[1:]) == {409}
