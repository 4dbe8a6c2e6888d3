"""Enumerated values are validated everywhere (a 422 that names the allowed values), unknown query parameters
are refused, and GET /v1/event-types lists the values."""

from __future__ import annotations

import httpx
import pytest

HOOK = {"url": "http://127.0.0.1:9/hook"}


async def test_a_misspelt_webhook_filter_is_refused_naming_the_allowed_values(
    client: httpx.AsyncClient, admin: dict[str, str]
) -> None:
    for filters in ({"kinds": ["pow_exchnage"]}, {"event_types": ["event.deleted"]}, {"languages": ["english"]}):
        refused = await client.post("/v1/webhooks", json={**HOOK, "filters": filters}, headers=admin)
        assert refused.status_code == 422, refused.text
        assert refused.json()["code"] == "invalid_request"
    kinds = await client.post("/v1/webhooks", json={**HOOK, "filters": {"kinds": ["pow_exchnage"]}}, headers=admin)
    assert "'pow_exchange', 'body_repatriation' or 'agreement'" in kinds.json()["detail"]
    accepted = await client.post("/v1/webhooks", json={**HOOK, "filters": {"kinds": ["agreement"]}}, headers=admin)
    assert accepted.status_code == 201, accepted.text
    hook_id = accepted.json()["id"]
    patched = await client.patch(f"/v1/webhooks/{hook_id}", json={"filters": {"kinds": ["bogus"]}}, headers=admin)
    assert patched.status_code == 422


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("/v1/alerts?kind=bogus", "'pow_exchange'"),
        ("/v1/alerts?type=event.deleted", "'event.created' or 'event.updated'"),
        ("/v1/alerts/stream?kind=bogus", "'agreement'"),
        ("/v1/events?kind=bogus", "'body_repatriation'"),
        ("/v1/events?status=done", "'completed', 'agreed', 'postponed' or 'disrupted'"),
        ("/v1/articles?language=english", "[a-z]{2}"),
        ("/v1/alerts?language=EN", "[a-z]{2}"),
    ],
)
async def test_enumerated_query_values_are_validated(client: httpx.AsyncClient, url: str, allowed: str) -> None:
    refused = await client.get(url)
    assert refused.status_code == 422, refused.text
    assert allowed in refused.json()["detail"]


@pytest.mark.parametrize(
    "url", ["/v1/alerts?knd=pow_exchange", "/v1/events?since=2026-01-01&sort=asc", "/v1/feeds?x=1"]
)
async def test_unknown_query_parameters_are_refused(client: httpx.AsyncClient, url: str) -> None:
    refused = await client.get(url)
    assert refused.status_code == 422, refused.text
    problem = refused.json()
    assert problem["code"] == "unknown_parameter" and problem["type"] == "/problems/unknown_parameter"
    assert "this endpoint takes" in problem["detail"]


async def test_known_values_still_work(client: httpx.AsyncClient) -> None:
    for url in (
        "/v1/alerts?kind=pow_exchange&kind=agreement&type=event.created&language=uk",
        "/v1/events?status=agreed",
    ):
        assert (await client.get(url)).status_code == 200, url


async def test_event_types_lists_every_enumerated_value(client: httpx.AsyncClient) -> None:
    listed = (await client.get("/v1/event-types")).json()
    assert [v["value"] for v in listed["alert_types"]] == ["event.created", "event.updated"]
    assert [v["value"] for v in listed["kinds"]] == ["pow_exchange", "body_repatriation", "agreement"]
    assert {v["value"] for v in listed["statuses"]} == {"completed", "agreed", "postponed", "disrupted"}
    assert {v["value"] for v in listed["source_kinds"]} == {"rss", "telegram", "google_news", "gdelt"}
    assert all(v["description"] for group in listed.values() for v in group)
