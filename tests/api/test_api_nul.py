"""A NUL character in any string parameter, path or body is a 422 problem, never a 500 (PostgreSQL refuses
NUL in text). Runs against the real API in-process, on SQLite and (EXCHANGEWATCH_TEST_DB=postgresql) PG."""

from __future__ import annotations

import httpx
import pytest

from service.db import Database
from service.models.webhooks import WebhookEndpoint
from tests.support.db import rows

READS = [
    "/v1/articles?language=e%00n",
    "/v1/alerts?language=%00",
    "/v1/alerts?kind=pow%00exchange",
    "/v1/alerts?after=%00",
    "/v1/events?cursor=abc%00",
    "/v1/events/abc%00def",
    "/v1/alerts/stream?type=%00",
    "/v1/feeds?x=%00",
]


@pytest.mark.parametrize("path", READS)
async def test_nul_in_a_read_route_is_422(client: httpx.AsyncClient, path: str) -> None:
    response = await client.get(path)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert "NUL" in response.json()["detail"]


@pytest.mark.parametrize(
    "body",
    [
        b'{"url": "http://127.0.0.1:9/hook", "description": "bot\\u0000"}',
        b'{"url": "http://127.0.0.1:9/hook\\u0000"}',
        b'{"url": "http://127.0.0.1:9/hook", "description": "raw\x00byte"}',
    ],
)
async def test_nul_in_a_body_is_422_and_stores_nothing(
    client: httpx.AsyncClient, admin: dict[str, str], database: Database, body: bytes
) -> None:
    headers = {**admin, "Content-Type": "application/json"}
    response = await client.post("/v1/webhooks", content=body, headers=headers)
    assert response.status_code == 422, response.text
    assert await rows(database, WebhookEndpoint) == []


async def test_an_escaped_backslash_before_u0000_is_text_not_nul(
    client: httpx.AsyncClient, admin: dict[str, str]
) -> None:
    body = b'{"url": "http://127.0.0.1:9/hook", "description": "C:\\\\u0000 is a path"}'
    headers = {**admin, "Content-Type": "application/json"}
    response = await client.post("/v1/webhooks", content=body, headers=headers)
    assert response.status_code == 201, response.text
    assert response.json()["description"] == "C:\\u0000 is a path"
