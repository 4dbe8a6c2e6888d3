"""/v1/webhooks end to end: register to a real receiver that verifies with `standardwebhooks`, rotate,
test, the delivery log, resend and recover."""

from __future__ import annotations

import base64
import logging
from collections.abc import AsyncIterator
from datetime import datetime, timedelta

import httpx
import pytest
from standardwebhooks.webhooks import Webhook, WebhookVerificationError
from starlette.requests import Request
from starlette.responses import Response

from service.db import Database
from service.delivery.sender import WebhookSender
from service.models import utcnow
from service.settings import Settings
from service.worker.deliver import deliver_tick
from tests.support.server import LocalServer
from tests.support.webhooks import Clock, local_sender, make_alert, make_context


class Receiver:
    """A subscriber as the docs tell people to write one: verify with standardwebhooks, else 400."""

    def __init__(self, server: LocalServer, path: str = "/hook") -> None:
        self.server, self.path = server, path
        self.secrets: list[str] = []
        self.verified: list[dict[str, object]] = []
        self.rejected = 0
        self.status = 204
        server.routes[path] = self.handle

    @property
    def url(self) -> str:
        return self.server.url(self.path)

    async def handle(self, request: Request) -> Response:
        body = await request.body()
        for secret in self.secrets:
            try:
                self.verified.append(Webhook(secret).verify(body, dict(request.headers)))
                return Response(status_code=self.status)
            except WebhookVerificationError:
                continue
        self.rejected += 1
        return Response("bad signature", status_code=400)


@pytest.fixture
async def sender() -> AsyncIterator[WebhookSender]:
    s = local_sender(total_timeout=2.0)
    yield s
    await s.aclose()


async def register(client: httpx.AsyncClient, admin: dict[str, str], url: str, **extra: object) -> dict:
    response = await client.post("/v1/webhooks", json={"url": url, **extra}, headers=admin)
    assert response.status_code == 201, response.text
    return response.json()


async def test_register_and_receive_a_verifiable_alert(
    client: httpx.AsyncClient,
    admin: dict[str, str],
    settings: Settings,
    database: Database,
    server: LocalServer,
    sender: WebhookSender,
) -> None:
    receiver = Receiver(server)
    created = await register(client, admin, receiver.url, filters={"kinds": ["pow_exchange"]})
    secret = created["secret"]
    assert secret.startswith("whsec_") and len(base64.b64decode(secret.removeprefix("whsec_"))) == 32
    receiver.secrets = [secret]
    clock = Clock(utcnow())
    ctx = make_context(settings, database, clock, sender)

    assert await deliver_tick(ctx) == 0  # nothing is sent before the subscriber asks: it stores the secret first
    assert server.requests == []
    ping = await client.post(f"/v1/webhooks/{created['id']}/test", headers=admin)  # ping on request
    assert ping.status_code == 200, ping.text
    alert = await make_alert(database, at=clock.now)
    assert await deliver_tick(ctx) == 1

    assert receiver.rejected == 0
    assert [m["type"] for m in receiver.verified] == ["webhook.test", "event.created"]
    assert receiver.verified[1]["data"]["cursor"] == str(alert.id)  # type: ignore[index]
    one = (await client.get(f"/v1/webhooks/{created['id']}", headers=admin)).json()
    listed = (await client.get("/v1/webhooks", headers=admin)).json()["data"]
    assert "secret" not in one and all("secret" not in w for w in listed)
    assert one["last_success_at"] is not None and one["filters"]["kinds"] == ["pow_exchange"]


async def test_rotation_signs_with_both_secrets_for_24_hours(
    client: httpx.AsyncClient,
    admin: dict[str, str],
    settings: Settings,
    database: Database,
    server: LocalServer,
    sender: WebhookSender,
) -> None:
    receiver = Receiver(server)
    created = await register(client, admin, receiver.url)
    old = created["secret"]
    rotated = await client.post(f"/v1/webhooks/{created['id']}/secret/rotate", headers=admin)
    assert rotated.status_code == 200
    new = rotated.json()["secret"]
    assert new != old and new.startswith("whsec_")
    receiver.secrets = [new]
    clock = Clock(utcnow())
    ctx = make_context(settings, database, clock, sender)

    await make_alert(database, at=clock.now)
    await make_alert(database, at=clock.now)
    await deliver_tick(ctx)  # two alerts (no ping is sent unasked)
    hits = server.hits("/hook")
    assert len(hits) == 2
    for hit in hits:
        assert len(hit.headers["webhook-signature"].split(" ")) == 2
        Webhook(old).verify(hit.body, hit.headers)  # a subscriber still on the old secret
        Webhook(new).verify(hit.body, hit.headers)  # and one that already switched

    clock.advance(hours=25)
    await make_alert(database, at=clock.now)
    await deliver_tick(ctx)
    last = server.hits("/hook")[-1]
    assert len(last.headers["webhook-signature"].split(" ")) == 1
    Webhook(new).verify(last.body, last.headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(old).verify(last.body, last.headers)


async def test_test_endpoint_reports_inline_and_logs_the_attempt(
    client: httpx.AsyncClient, admin: dict[str, str], server: LocalServer
) -> None:
    receiver = Receiver(server)
    created = await register(client, admin, receiver.url)
    receiver.secrets = [created["secret"]]

    ok = (await client.post(f"/v1/webhooks/{created['id']}/test", headers=admin)).json()
    assert ok["success"] is True and ok["status_code"] == 204 and ok["delivery_id"].startswith("msg_")
    receiver.status = 500
    bad = (await client.post(f"/v1/webhooks/{created['id']}/test", headers=admin)).json()
    assert (bad["success"], bad["status_code"], bad["error_class"]) == (False, 500, "http_5xx")

    log = (await client.get(f"/v1/webhooks/{created['id']}/deliveries", headers=admin)).json()
    by_id = {d["id"]: d for d in log["data"]}
    assert by_id[bad["delivery_id"]]["status"] == "dead"  # a failed test is not retried
    assert by_id[ok["delivery_id"]]["status"] == "delivered"
    assert by_id[bad["delivery_id"]]["attempt_log"][0]["trigger"] == "test"


async def test_delivery_log_resend_and_recover(
    client: httpx.AsyncClient,
    admin: dict[str, str],
    settings: Settings,
    database: Database,
    server: LocalServer,
    sender: WebhookSender,
) -> None:
    server.serve("/hook", "down for maintenance", status=503)
    created = await register(client, admin, server.url("/hook"))
    hook = f"/v1/webhooks/{created['id']}"
    clock = Clock(utcnow())
    ctx = make_context(settings, database, clock, sender)
    await make_alert(database, at=clock.now)
    await make_alert(database, at=clock.now)
    await deliver_tick(ctx)

    log = (await client.get(f"{hook}/deliveries", headers=admin)).json()
    assert len(log["data"]) == 2 and not log["has_more"]
    attempt = log["data"][0]["attempt_log"][0]
    assert attempt["status_code"] == 503 and attempt["response_body"] == "down for maintenance"
    assert attempt["duration_ms"] >= 0 and attempt["error_class"] == "http_5xx"
    page = (await client.get(f"{hook}/deliveries?limit=1", headers=admin)).json()
    assert page["has_more"] and page["next_before"]
    failed = (await client.get(f"{hook}/deliveries?status=failed", headers=admin)).json()["data"]
    assert {d["status"] for d in failed} == {"failed"}

    server.serve("/hook", "ok")
    first = log["data"][0]
    resent = await client.post(f"{hook}/deliveries/{first['id']}/resend", headers=admin)
    assert resent.status_code == 202 and resent.json()["status"] == "pending"
    clock.catch_up()  # the API stamps real time; the worker's clock started earlier
    assert await deliver_tick(ctx) == 1
    assert server.hits("/hook")[-1].headers["webhook-id"] == first["id"]

    since = (clock.now - timedelta(hours=1)).isoformat()
    recovered = await client.post(f"{hook}/recover", json={"since": since}, headers=admin)
    assert recovered.status_code == 202 and recovered.json() == {"recovered": 1}
    clock.catch_up(seconds=2)
    assert await deliver_tick(ctx) == 1
    statuses = {d["status"] for d in (await client.get(f"{hook}/deliveries", headers=admin)).json()["data"]}
    assert statuses == {"delivered"}
    missing = await client.post(f"{hook}/deliveries/msg_nope/resend", headers=admin)
    assert missing.status_code == 404 and missing.headers["content-type"] == "application/problem+json"


async def test_patch_delete_and_auth(client: httpx.AsyncClient, admin: dict[str, str]) -> None:
    created = await register(client, admin, "http://127.0.0.1:9/hook")
    hook = f"/v1/webhooks/{created['id']}"
    assert (await client.get("/v1/webhooks")).status_code == 401
    assert (await client.post("/v1/webhooks", json={"url": "http://127.0.0.1:9/x"})).status_code == 401
    assert (await client.delete(hook, headers={"Authorization": "Bearer wrong"})).status_code == 403

    patched = await client.patch(hook, json={"enabled": False, "filters": {"languages": ["uk"]}}, headers=admin)
    assert patched.status_code == 200
    body = patched.json()
    assert body["enabled"] is False and body["disabled_reason"] and body["filters"]["languages"] == ["uk"]
    enabled = (await client.patch(hook, json={"enabled": True}, headers=admin)).json()
    assert enabled["enabled"] is True and enabled["disabled_reason"] is None
    bad = await client.patch(hook, json={"filters": {"event_types": ["event.deleted"]}}, headers=admin)
    assert bad.status_code == 422

    assert (await client.delete(hook, headers=admin)).status_code == 204
    gone = await client.get(hook, headers=admin)
    assert gone.status_code == 404 and "not found" in gone.json()["detail"]


async def test_secrets_never_reach_the_logs(
    client: httpx.AsyncClient,
    admin: dict[str, str],
    settings: Settings,
    database: Database,
    server: LocalServer,
    sender: WebhookSender,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # Our own code at DEBUG, libraries at INFO (aiosqlite echoes every SQL parameter at DEBUG).
    caplog.set_level(logging.INFO)
    for name in ("service", "scrapers", "httpx", "uvicorn"):
        caplog.set_level(logging.DEBUG, logger=name)
    server.serve("/hook", "no", status=500)
    created = await register(client, admin, server.url("/hook"))
    rotated = (await client.post(f"/v1/webhooks/{created['id']}/secret/rotate", headers=admin)).json()
    await deliver_tick(make_context(settings, database, Clock(utcnow()), sender))
    await client.post(f"/v1/webhooks/{created['id']}/test", headers=admin)
    text = "\n".join(r.getMessage() + str(r.__dict__) for r in caplog.records)
    for secret in (created["secret"], rotated["secret"]):
        assert secret not in text and secret.removeprefix("whsec_") not in text


async def test_openapi_documents_every_webhook_and_alert_route(client: httpx.AsyncClient) -> None:
    spec = (await client.get("/openapi.json")).json()
    expected = {
        ("post", "/v1/webhooks"),
        ("get", "/v1/webhooks"),
        ("get", "/v1/webhooks/{webhook_id}"),
        ("patch", "/v1/webhooks/{webhook_id}"),
        ("delete", "/v1/webhooks/{webhook_id}"),
        ("post", "/v1/webhooks/{webhook_id}/secret/rotate"),
        ("post", "/v1/webhooks/{webhook_id}/test"),
        ("get", "/v1/webhooks/{webhook_id}/deliveries"),
        ("post", "/v1/webhooks/{webhook_id}/deliveries/{delivery_id}/resend"),
        ("post", "/v1/webhooks/{webhook_id}/recover"),
        ("get", "/v1/alerts"),
        ("get", "/v1/alerts/stream"),
        ("get", "/v1/alerts/{alert_id}"),
    }
    present = {(method, path) for path, ops in spec["paths"].items() for method in ops}
    assert expected <= present
    for method, path in expected:
        assert spec["paths"][path][method].get("summary"), (method, path)
    schemas = spec["components"]["schemas"]
    for name in ("WebhookCreate", "WebhookUpdate", "AlertOut", "AlertPage", "RecoverRequest"):
        assert "examples" in schemas[name], name
    assert (await client.get("/docs")).status_code == 200


async def test_receiver_down_for_hours_still_gets_every_alert_and_the_log_shows_each_attempt(
    client: httpx.AsyncClient, admin: dict[str, str], settings: Settings, database: Database, sender: WebhookSender
) -> None:
    """The issue's acceptance scenario, under a controllable clock."""
    receiver_server = LocalServer()  # port reserved, nothing listening: connections are refused
    receiver = Receiver(receiver_server)
    created = await register(client, admin, receiver.url)
    receiver.secrets = [created["secret"]]
    clock = Clock(utcnow())
    ctx = make_context(settings, database, clock, sender)
    alerts = [await make_alert(database, at=clock.now) for _ in range(3)]

    await deliver_tick(ctx)  # 3 alerts: all refused
    for minutes in (1, 6, 40):  # still down through the 5 s and 5 min retries
        clock.advance(minutes=minutes)
        await deliver_tick(ctx)
    receiver_server.start()
    try:
        clock.advance(hours=3)  # after the 2 h retry every message is due again
        while await deliver_tick(ctx):
            pass
    finally:
        receiver_server.stop()

    assert receiver.rejected == 0
    cursors = sorted(m["data"]["cursor"] for m in receiver.verified if m["type"] == "event.created")  # type: ignore[index]
    assert cursors == sorted(str(a.id) for a in alerts)
    log = (await client.get(f"/v1/webhooks/{created['id']}/deliveries", headers=admin)).json()["data"]
    assert {d["status"] for d in log} == {"delivered"} and len(log) == 3
    for delivery in log:
        attempts = delivery["attempt_log"]
        assert [a["success"] for a in attempts][-1] is True and len(attempts) >= 2
        assert {a["error_class"] for a in attempts[:-1]} <= {"connect", "timeout"}
    assert clock.now - created_at(created) < timedelta(hours=4)


def created_at(webhook: dict) -> datetime:
    return datetime.fromisoformat(webhook["created_at"])
