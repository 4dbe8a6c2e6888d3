"""Apprise notification channels end to end: news site → pipeline → outbox → real SMTP and HTTP receivers.

Also: the webhook rules (filters, retries, delivery log, disabling, SSRF) hold for channels, and an
Apprise URL's secrets never show in a response, an error or a log line.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import socket
import subprocess
import sys
import threading
from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from datetime import timedelta
from email import message_from_bytes
from email.header import decode_header, make_header
from pathlib import Path
from typing import Any

import httpx
import pytest
from aiosmtpd.controller import Controller
from starlette.requests import Request
from starlette.responses import Response

from service.db import Database
from service.delivery.apprise import create_notifier
from service.flows import notifications as flow
from service.flows.context import WorkerContext
from service.models.webhooks import WebhookAttempt, WebhookEndpoint, WebhookMessage
from service.settings import Settings
from service.worker.deliver import deliver_tick
from service.worker.runner import build_context
from tests.conftest import make_settings
from tests.support.db import rows
from tests.support.server import LocalServer
from tests.support.stories import NOW, NewsSite, pow_exchange, repatriation
from tests.support.webhooks import Clock, local_sender, make_alert, make_context

ROOT = Path(__file__).resolve().parents[2]
PUBLIC = "https://watch.example.org"
SECRET = "s3cretPassw0rd"


class Inbox:
    """aiosmtpd handler: keeps every message it is given."""

    def __init__(self) -> None:
        self.messages: list[Any] = []

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:
        self.messages.append(envelope)
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    inbox, port = Inbox(), _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


@pytest.fixture
def settings(database_url: str) -> Settings:
    return make_settings(database_url, public_url=PUBLIC)


@pytest.fixture
async def ctx(settings: Settings, database: Database) -> AsyncIterator[WorkerContext]:
    context = build_context(settings, database)
    context.clock = lambda: NOW
    yield context
    await context.aclose()


def _receiver(server: LocalServer, status: int = 200) -> str:
    def handler(_request: Request) -> Response:
        return Response(b"ok", status_code=status)

    server.routes["/hook"] = handler
    return f"json://127.0.0.1:{server.port}/hook"


async def test_alerts_reach_a_json_receiver_and_a_mailbox(
    server: LocalServer,
    database: Database,
    ctx: WorkerContext,
    client: httpx.AsyncClient,
    admin: dict[str, str],
    smtp: tuple[Inbox, int],
) -> None:
    inbox, port = smtp
    hook = await client.post("/v1/notifications", json={"url": _receiver(server)}, headers=admin)
    assert hook.status_code == 201, hook.text
    mail_url = f"mailto://127.0.0.1:{port}?to=family@example.org&from=exchangewatch@example.org"
    body = {"url": mail_url, "filters": {"kinds": ["pow_exchange"]}}
    mail = await client.post("/v1/notifications", json=body, headers=admin)
    assert mail.status_code == 201, mail.text

    # Webhooks carry the same summary line and links; official_only works for them too.
    server.serve("/wh", "ok")
    server.serve("/wh-official", "ok")
    for path, official_only in (("/wh", False), ("/wh-official", True)):
        body = {"url": server.url(path), "filters": {"official_only": official_only}}
        assert (await client.post("/v1/webhooks", json=body, headers=admin)).status_code == 201

    site = NewsSite(server, database)
    await site.publish(ctx, pow_exchange("swap", NOW - timedelta(days=1), 84, 84))
    await site.publish(ctx, repatriation("bodies", NOW - timedelta(hours=10), 1212, 27))
    # Two alerts to the JSON channel and the plain webhook, the exchange to the mailbox; nothing is official.
    assert await deliver_tick(ctx) == 5
    assert server.hits("/wh-official") == []
    hooked = sorted(json.loads(r.body)["data"]["summary"] for r in server.hits("/wh"))
    assert [s for s in hooked if s.startswith("POW exchange, 9 June 2025: 84 returned to Ukraine, 84 to Russia")]

    posted = [json.loads(r.body) for r in server.hits("/hook")]
    titles = sorted(p["title"] for p in posted)
    assert titles[0].startswith("New: POW exchange, 9 June 2025: 84 returned to Ukraine, 84 to Russia")
    assert titles[1].startswith("New: Repatriation, 10 June 2025: 1,212 bodies returned to Ukraine, 27 to Russia")
    assert [t.removeprefix("New: ") for t in titles] == hooked
    exchange = next(p for p in posted if p["title"] == titles[0])
    assert f"Event: {PUBLIC}/events/" in exchange["message"] and "- [127.0.0.1](http" in exchange["message"]

    (envelope,) = inbox.messages
    assert envelope.rcpt_tos == ["family@example.org"]
    email = message_from_bytes(envelope.content)
    assert str(make_header(decode_header(email["Subject"]))) == titles[0]

    log = (await client.get(f"/v1/notifications/{mail.json()['id']}/deliveries", headers=admin)).json()
    assert [(d["type"], d["status"], d["attempts"]) for d in log["data"]] == [("event.created", "delivered", 1)]
    assert log["data"][0]["attempt_log"][0]["success"] is True
    # The JSON channel's two messages page on with the API's cursor, like a webhook's log.
    deliveries = f"/v1/notifications/{hook.json()['id']}/deliveries"
    first = (await client.get(deliveries, params={"limit": 1}, headers=admin)).json()
    assert first["has_more"] is True and first["next_cursor"]
    rest = (await client.get(deliveries, params={"limit": 1, "cursor": first["next_cursor"]}, headers=admin)).json()
    assert rest["has_more"] is False and len(rest["data"]) == 1 and rest["data"][0]["id"] != first["data"][0]["id"]
    assert (await client.get(deliveries, params={"cursor": "x"}, headers=admin)).status_code == 422


async def test_failures_retry_on_the_webhook_schedule_then_disable_and_never_show_the_secret(
    server: LocalServer, database: Database, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    _receiver(server, status=500)
    url = f"json://user:{SECRET}@127.0.0.1:{server.port}/hook"
    endpoint = await flow.add_channel(database, settings, url, filters={"official_only": False})
    await make_alert(database)
    clock = Clock()
    ctx = make_context(settings, database, clock, local_sender())
    caplog.set_level(logging.INFO)

    assert await deliver_tick(ctx) == 1
    (message,) = await rows(database, WebhookMessage)
    assert (message.status, message.attempts) == ("failed", 1)
    assert message.next_attempt_at is not None and message.next_attempt_at > clock.now
    (attempt,) = await rows(database, WebhookAttempt)
    assert attempt.error_class == "rejected" and "500" in (attempt.error or "")
    assert server.hits("/hook")[0].headers["authorization"].startswith("Basic ")  # the secret did reach the host

    clock.advance(days=6)  # past the retry delay and the five-day disable window
    assert await deliver_tick(ctx) == 1
    (stored,) = await rows(database, WebhookEndpoint)
    assert (
        stored.id == endpoint.id and not stored.enabled and "no successful delivery" in (stored.disabled_reason or "")
    )

    shown = [a.error or "" for a in await rows(database, WebhookAttempt)] + [
        m.last_error or "" for m in await rows(database, WebhookMessage)
    ]
    assert all(SECRET not in text for text in shown)
    assert SECRET not in caplog.text and SECRET not in flow.public_url(endpoint)


async def test_official_only_and_language_filters(database: Database, settings: Settings) -> None:
    official = await flow.add_channel(database, settings, "jsons://127.0.0.1/a", filters={"official_only": True})
    german = await flow.add_channel(database, settings, "jsons://127.0.0.1/b", filters={"languages": ["de"]})
    anything = await flow.add_channel(database, settings, "jsons://127.0.0.1/c")
    await make_alert(database)  # an unofficial event, reported in Ukrainian
    queued = {m.endpoint_id for m in await rows(database, WebhookMessage)}
    assert queued == {anything.id} and official.id not in queued and german.id not in queued


async def test_ssrf_rules_govern_the_hosts_channels_reach(
    server: LocalServer, database: Database, database_url: str
) -> None:
    strict = make_settings(database_url, webhook_allow_private=False, webhook_allow_http=True)
    no_plaintext = make_settings(database_url, webhook_allow_private=True, webhook_allow_http=False)
    url = _receiver(server)
    for bad, rules, reason in (
        (url, strict, "non-public"),
        ("mailto://localhost:2525?to=a@example.org&from=b@example.org", strict, "local name"),
        (url, no_plaintext, "without TLS"),
        ("mailto://127.0.0.1:2525?to=a@example.org&from=b@example.org", no_plaintext, "without TLS"),
        ("no-such-service://x", no_plaintext, "not an Apprise URL"),
    ):
        with pytest.raises(flow.InvalidChannel, match=reason):
            await flow.validate(bad, rules)
    await flow.validate("jsons://127.0.0.1:1/hook", no_plaintext)
    await flow.validate("tgram://123456789:AAEtoken/-100123", strict)  # a fixed public API; no DNS needed

    # Checked again before every send: a channel added under looser rules is not reached under strict ones.
    lax = make_settings(database_url)
    endpoint = await flow.add_channel(database, lax, url)
    outcome = await flow.send_test(database, strict, endpoint)
    assert not outcome.result.ok and outcome.result.error_class == "unsafe_url"
    assert server.hits("/hook") == []
    assert (await flow.send_test(database, lax, endpoint)).result.ok and len(server.hits("/hook")) == 1


async def test_api_masks_urls_and_keeps_channels_apart_from_webhooks(
    client: httpx.AsyncClient, admin: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    token = "123456789:AAE" + SECRET
    created = await client.post("/v1/notifications", json={"url": f"tgram://{token}/-1001234567890"}, headers=admin)
    assert created.status_code == 201, created.text
    channel = created.json()
    assert channel["id"].startswith("nt_") and SECRET not in created.text and channel["url"].startswith("tgram://")
    listed = await client.get("/v1/notifications", headers=admin)
    one = await client.get(f"/v1/notifications/{channel['id']}", headers=admin)
    patched = await client.patch(f"/v1/notifications/{channel['id']}", json={"enabled": False}, headers=admin)
    assert patched.json()["enabled"] is False
    for response in (listed, one, patched):
        assert response.status_code == 200 and SECRET not in response.text
    assert SECRET not in caplog.text

    assert (await client.get("/v1/webhooks", headers=admin)).json()["data"] == []
    assert (await client.get(f"/v1/webhooks/{channel['id']}", headers=admin)).status_code == 404
    bad = await client.post("/v1/notifications", json={"url": "nonsense://x"}, headers=admin)
    assert bad.status_code == 422 and "not an Apprise URL" in bad.text
    assert (await client.post("/v1/notifications", json={"url": "json://x.example/"})).status_code == 401
    assert (await client.delete(f"/v1/notifications/{channel['id']}", headers=admin)).status_code == 204
    assert (await client.get(f"/v1/notifications/{channel['id']}", headers=admin)).status_code == 404


def _cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`exchangewatch ARGS` as a user runs it, on a SQLite file, with local receivers allowed."""
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("EXCHANGEWATCH_")},
        "EXCHANGEWATCH_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}",
        "EXCHANGEWATCH_WEBHOOK_ALLOW_PRIVATE": "true",
        "EXCHANGEWATCH_WEBHOOK_ALLOW_HTTP": "true",
        "PYTHONPATH": str(ROOT),
    }
    command = [sys.executable, "-m", "service.cli", *args]
    return subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=90, check=False)


@pytest.mark.slow
def test_cli_notify_add_list_and_test(server: LocalServer, tmp_path: Path) -> None:
    url = _receiver(server).replace("json://", f"json://user:{SECRET}@")
    added = _cli(tmp_path, "notify", "add", url, "--kind", "pow_exchange", "--official-only")
    assert added.returncode == 0, added.stderr
    assert added.stdout.startswith("added: nt_") and SECRET not in added.stdout + added.stderr
    channel_id = added.stdout.split()[1]

    listed = _cli(tmp_path, "notify", "list", "--json")
    (shown,) = [json.loads(line) for line in listed.stdout.splitlines()]
    assert shown["id"] == channel_id and shown["enabled"] and SECRET not in listed.stdout

    sent = _cli(tmp_path, "notify", "test", channel_id)
    assert sent.returncode == 0 and sent.stdout.startswith("sent: msg_"), sent.stderr
    (hit,) = server.hits("/hook")
    assert json.loads(hit.body)["title"] == "exchangewatch test"

    _receiver(server, status=503)
    failed = _cli(tmp_path, "notify", "test", channel_id)
    assert failed.returncode == 1 and "test failed (rejected)" in failed.stderr and SECRET not in failed.stderr
    refused = _cli(tmp_path, "notify", "add", "nonsense://x")
    assert refused.returncode == 2 and "not an Apprise URL" in refused.stderr and "Traceback" not in refused.stderr
    assert _cli(tmp_path, "notify", "test", "nt_missing").returncode == 1


async def test_a_stalled_channel_does_not_hold_up_another(server: LocalServer, settings: Settings) -> None:
    """Sends run side by side: one receiver that does not answer keeps only its own send waiting."""
    release = threading.Event()

    async def stall(_request: Request) -> Response:
        while not release.is_set():
            await asyncio.sleep(0.05)
        return Response(b"ok")

    server.routes["/stall"] = stall
    fast = _receiver(server)
    sender = create_notifier(settings)
    # rto: Apprise's own read timeout, longer than the other send's, so only a shared turn could fail it.
    stalled = asyncio.create_task(sender.send(f"json://127.0.0.1:{server.port}/stall?rto=60", "Stuck", "x"))
    while not server.hits("/stall"):
        await asyncio.sleep(0.05)
    try:
        quick = await replace(sender, timeout=20).send(fast, "Fine", "y")
    finally:
        release.set()
    assert quick.ok, quick.error
    assert json.loads(server.hits("/hook")[0].body)["title"] == "Fine"
    assert (await stalled).ok
