"""Errors a program can handle (stable code, type URI, 415 for non-JSON bodies) and an OpenAPI document that
lists only the responses a route can give, types the alert payload and describes the webhook messages."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from service.api.errors import PROBLEM_CODES

HOOK = {"url": "http://127.0.0.1:9/hook"}


@pytest.mark.parametrize(
    ("content", "content_type"),
    [("url=http://127.0.0.1:9/hook", "application/x-www-form-urlencoded"), ('{"url": "x"}', "text/plain")],
)
async def test_a_body_that_is_not_json_is_415(
    client: httpx.AsyncClient, admin: dict[str, str], content: str, content_type: str
) -> None:
    for url in ("/v1/webhooks", "/v1/feeds"):
        refused = await client.post(url, content=content, headers={**admin, "content-type": content_type})
        assert refused.status_code == 415, refused.text
        assert refused.headers["content-type"] == "application/problem+json"
        assert refused.json()["code"] == "unsupported_media_type"
    accepted = await client.post("/v1/webhooks", json=HOOK, headers={**admin, "content-type": "application/json"})
    assert accepted.status_code == 201


async def test_every_problem_has_a_stable_code_and_type(client: httpx.AsyncClient, admin: dict[str, str]) -> None:
    answers = [
        (await client.post("/v1/webhooks", json=HOOK), "unauthorized"),
        (await client.post("/v1/webhooks", json=HOOK, headers={"Authorization": "Bearer x"}), "forbidden"),
        (await client.get("/v1/feeds/999"), "not_found"),
        (await client.get("/v1/feeds?limit=abc"), "invalid_request"),
        (await client.get("/v1/feeds?cursor=zz"), "invalid_cursor"),
    ]
    for response, code in answers:
        problem = response.json()
        assert problem["code"] == code and problem["type"] == f"/problems/{code}", problem
        assert problem["status"] == response.status_code == PROBLEM_CODES[code][0]


def _operations(schema: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(path, method): op for path, item in schema["paths"].items() for method, op in item.items()}


async def test_openapi_lists_only_the_responses_a_route_can_give(client: httpx.AsyncClient) -> None:
    schema = (await client.get("/openapi.json")).json()
    operations = _operations(schema)
    assert set(operations[("/livez", "get")]["responses"]) == {"200"}
    assert set(operations[("/v1/event-types", "get")]["responses"]) == {"200", "422", "429"}
    create = operations[("/v1/webhooks", "post")]
    assert {"401", "403", "409", "413", "415", "422", "429"} <= set(create["responses"])
    assert "404" not in create["responses"] and "401" not in operations[("/v1/alerts", "get")]["responses"]
    assert "Idempotency-Key" in {p["name"] for p in create["parameters"]}
    for (path, method), operation in operations.items():
        for status, response in operation["responses"].items():
            if status.startswith("4"):
                assert list(response.get("content", {})) == ["application/problem+json"], (path, method, status)


async def test_alert_payload_and_webhook_messages_are_typed(client: httpx.AsyncClient) -> None:
    schema = (await client.get("/openapi.json")).json()
    components = schema["components"]["schemas"]
    alert = components["AlertOut"]["properties"]
    assert alert["facts"]["$ref"].endswith("/AlertFacts") and alert["event"]["$ref"].endswith("/AlertEvent")
    assert alert["evidence"]["items"]["$ref"].endswith("/AlertEvidence")
    assert alert["sources"]["items"]["$ref"].endswith("/AlertSource")
    assert components["AlertFacts"]["properties"]["returned_to_ukraine"]["description"]
    assert set(schema["webhooks"]) == {"event.created", "event.updated", "webhook.test"}
    body = schema["webhooks"]["event.created"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert body["$ref"].endswith("/AlertMessage")
    assert "data" in components["AlertMessage"]["properties"]
    described = [p for c in components.values() for p in c.get("properties", {}).values() if p.get("description")]
    assert len(described) >= 300
    assert "Idempotency-Key" in schema["info"]["description"] and "next_cursor" in schema["info"]["description"]


async def test_an_explicit_null_in_a_patch_is_422_not_a_conflict(
    client: httpx.AsyncClient, admin: dict[str, str]
) -> None:
    """Found by the stateful fuzz run: {"url": null} reached a NOT NULL column and came back as a 409."""
    hook = (await client.post("/v1/webhooks", json=HOOK, headers=admin)).json()
    for body in ({"url": None}, {"description": None}, {"enabled": None}):
        refused = await client.patch(f"/v1/webhooks/{hook['id']}", json=body, headers=admin)
        assert refused.status_code == 422 and "must not be null" in refused.text, refused.text
    channel = await client.post("/v1/notifications", json={"url": "json://127.0.0.1:9/n"}, headers=admin)
    assert channel.status_code == 201, channel.text
    refused = await client.patch(f"/v1/notifications/{channel.json()['id']}", json={"url": None}, headers=admin)
    assert refused.status_code == 422, refused.text
