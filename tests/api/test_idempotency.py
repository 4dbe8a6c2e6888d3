"""Idempotency-Key on POST: a retry gets the first response, a reused key with another request is refused."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import httpx

from service.api.app import create_app
from service.db import Database
from service.models import utcnow
from service.store import idempotency as store
from tests.conftest import make_settings

HOOK = {"url": "http://127.0.0.1:9/hook", "description": "ops"}


async def test_a_retried_post_gets_the_first_response_and_creates_nothing(
    client: httpx.AsyncClient, admin: dict[str, str]
) -> None:
    headers = {**admin, "Idempotency-Key": "create-hook-1"}
    first = await client.post("/v1/webhooks", json=HOOK, headers=headers)
    again = await client.post("/v1/webhooks", json=HOOK, headers=headers)
    assert first.status_code == again.status_code == 201, again.text
    assert again.json() == first.json() and again.headers["idempotent-replayed"] == "true"
    assert again.headers["location"] == first.headers["location"] and "idempotent-replayed" not in first.headers
    assert len((await client.get("/v1/webhooks", headers=admin)).json()["data"]) == 1
    unkeyed = [await client.post("/v1/webhooks", json=HOOK, headers=admin) for _ in range(2)]
    assert unkeyed[0].json()["id"] != unkeyed[1].json()["id"]  # without a key, two POSTs are two endpoints


async def test_the_same_key_with_another_request_is_refused(client: httpx.AsyncClient, admin: dict[str, str]) -> None:
    headers = {**admin, "Idempotency-Key": "k-2"}
    assert (await client.post("/v1/webhooks", json=HOOK, headers=headers)).status_code == 201
    for url, body in (("/v1/webhooks", {**HOOK, "description": "other"}), ("/v1/feeds?check=false", HOOK)):
        refused = await client.post(url, json=body, headers=headers)
        assert refused.status_code == 422, refused.text
        problem = refused.json()
        assert problem["code"] == "idempotency_key_reused" and problem["type"] == "/problems/idempotency_key_reused"


async def test_a_replayed_error_and_an_unauthorised_try(client: httpx.AsyncClient, admin: dict[str, str]) -> None:
    key = {"Idempotency-Key": "feed-1"}
    body = {"url": "https://outlet.example/rss"}
    anonymous = await client.post("/v1/feeds?check=false", json=body, headers=key)
    assert anonymous.status_code == 401  # not stored: the key stays usable by the admin
    created = await client.post("/v1/feeds?check=false", json=body, headers={**admin, **key})
    replayed = await client.post("/v1/feeds?check=false", json=body, headers={**admin, **key})
    assert created.status_code == replayed.status_code == 201 and replayed.json()["id"] == created.json()["id"]
    conflict_key = {**admin, "Idempotency-Key": "feed-2"}
    conflict = await client.post("/v1/feeds?check=false", json=body, headers=conflict_key)
    assert conflict.status_code == 409  # a 4xx is a response too: the retry sees the same 409
    assert (await client.post("/v1/feeds?check=false", json=body, headers=conflict_key)).json() == conflict.json()


async def test_malformed_keys_are_refused(client: httpx.AsyncClient, admin: dict[str, str]) -> None:
    for key in ("x" * 256, "with space", "tab\tkey"):
        refused = await client.post("/v1/webhooks", json=HOOK, headers={**admin, "Idempotency-Key": key})
        assert refused.status_code == 422 and refused.json()["code"] == "invalid_idempotency_key"


async def test_keys_expire(database_url: str, database: Database, admin: dict[str, str]) -> None:
    app = create_app(make_settings(database_url, idempotency_key_hours=0.5 / 3600), database=database)
    headers = {**admin, "Idempotency-Key": "short-lived"}
    async with app.router.lifespan_context(app):
        http = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver")
        async with http:
            first = await http.post("/v1/webhooks", json=HOOK, headers=headers)
            await asyncio.sleep(0.6)
            later = await http.post("/v1/webhooks", json=HOOK, headers=headers)
    assert first.status_code == later.status_code == 201 and later.json()["id"] != first.json()["id"]


async def test_a_key_whose_first_request_is_running_is_in_use(database: Database) -> None:
    now, ttl, stale = utcnow(), timedelta(hours=1), timedelta(minutes=5)
    async with database.session() as session:
        assert (await store.claim(session, "k", "fp", now=now, ttl=ttl, stale_after=stale))[0] == "claimed"
    async with database.session() as session:
        assert (await store.claim(session, "k", "fp", now=now, ttl=ttl, stale_after=stale))[0] == "in_progress"
        assert (await store.claim(session, "k", "other", now=now, ttl=ttl, stale_after=stale))[0] == "mismatch"
    async with database.session() as session:  # a claim abandoned by a dead process is taken over
        later = now + timedelta(minutes=6)
        assert (await store.claim(session, "k", "fp", now=later, ttl=ttl, stale_after=stale))[0] == "claimed"
