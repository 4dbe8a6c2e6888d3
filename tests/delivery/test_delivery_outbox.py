"""The outbox and the delivery tick against a real receiver on 127.0.0.1, under a controllable clock."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from sqlmodel import col, select
from standardwebhooks.webhooks import Webhook
from starlette.requests import Request
from starlette.responses import Response

from service.db import Database
from service.delivery.schedule import MAX_ATTEMPTS, RETRY_DELAYS
from service.delivery.sender import WebhookSender
from service.delivery.signing import generate_secret
from service.flows.record import queue_deliveries
from service.models.webhooks import WebhookAttempt, WebhookEndpoint, WebhookMessage
from service.settings import Settings
from service.store import webhooks as store
from service.worker.deliver import deliver_tick
from tests.support.server import LocalServer
from tests.support.webhooks import T0, AlertSpec, Clock, local_sender, make_alert, make_context


@pytest.fixture
async def sender() -> AsyncIterator[WebhookSender]:
    s = local_sender(total_timeout=1.0, connect_timeout=0.5)
    yield s
    await s.aclose()


async def add_endpoint(db: Database, url: str, **fields: object) -> WebhookEndpoint:
    async with db.session() as session:
        return await store.create_endpoint(session, secret=generate_secret(), url=url, now=T0, **fields)


async def messages(db: Database) -> list[WebhookMessage]:
    async with db.reader() as session:
        return list((await session.exec(select(WebhookMessage).order_by(col(WebhookMessage.id)))).all())


async def attempts(db: Database) -> list[WebhookAttempt]:
    async with db.reader() as session:
        return list((await session.exec(select(WebhookAttempt).order_by(col(WebhookAttempt.id)))).all())


async def test_alert_arrives_signed_and_verifiable_with_standardwebhooks(
    settings: Settings, database: Database, server: LocalServer, sender: WebhookSender
) -> None:
    endpoint = await add_endpoint(database, server.url("/hook"))
    server.serve("/hook", "ok")
    alert = await make_alert(database)
    ctx = make_context(settings, database, Clock(), sender)

    assert await deliver_tick(ctx) == 1

    [hit] = server.hits("/hook")
    body = Webhook(endpoint.secret).verify(hit.body, hit.headers)
    assert body["type"] == "event.created"
    assert body["data"]["cursor"] == str(alert.id)
    assert body["data"]["facts"]["returned_to_ukraine"] == 84
    assert {"event", "facts", "changes", "evidence", "sources"} <= set(body["data"])
    assert hit.headers["webhook-id"].startswith("msg_")
    [message] = await messages(database)
    assert (message.status, message.attempts, message.first_delivered_at) == ("delivered", 1, T0)
    assert await deliver_tick(ctx) == 0  # nothing due twice


async def test_enqueue_is_idempotent_and_honours_filters(database: Database) -> None:
    everything = await add_endpoint(database, "https://a.example/hook")
    await add_endpoint(database, "https://b.example/hook", kinds=["body_repatriation"])
    await add_endpoint(database, "https://c.example/hook", languages=["en"], min_confidence=0.5)
    await add_endpoint(database, "https://d.example/hook", event_types=["event.updated"])
    picky = await add_endpoint(database, "https://e.example/hook", min_confidence=0.95)
    await add_endpoint(database, "https://f.example/hook", enabled=False)

    alert = await make_alert(database, AlertSpec(kind="pow_exchange", language="uk", confidence=0.9))
    async with database.session() as session:
        assert await queue_deliveries(session, alert) == 0  # second call: nothing new
    rows = await messages(database)
    assert [m.endpoint_id for m in rows] == [everything.id]
    assert picky.id not in {m.endpoint_id for m in rows}


async def test_retry_schedule_then_dead_under_controllable_clock(
    settings: Settings, database: Database, server: LocalServer, sender: WebhookSender
) -> None:
    await add_endpoint(database, server.url("/down"))
    server.serve("/down", "boom", status=500)
    await make_alert(database)
    clock = Clock()
    ctx = make_context(settings, database, clock, sender)

    gaps: list[float] = []
    assert await deliver_tick(ctx) == 1
    for _ in range(len(RETRY_DELAYS)):
        [message] = await messages(database)
        assert message.status == "failed" and message.next_attempt_at is not None
        gap = (message.next_attempt_at - clock.now).total_seconds()
        gaps.append(gap)
        clock.now = message.next_attempt_at - timedelta(seconds=1)
        assert await deliver_tick(ctx) == 0  # not due a second early
        clock.now = message.next_attempt_at
        assert await deliver_tick(ctx) == 1

    for gap, base in zip(gaps, RETRY_DELAYS, strict=True):
        assert base * 0.9 <= gap <= base * 1.1
    [message] = await messages(database)
    assert (message.status, message.attempts) == ("dead", MAX_ATTEMPTS)
    log = await attempts(database)
    assert len(log) == MAX_ATTEMPTS == len(server.hits("/down"))
    assert {a.error_class for a in log} == {"http_5xx"}
    assert log[0].response_body == "boom"
    assert len({h.headers["webhook-id"] for h in server.hits("/down")}) == 1  # same id on every retry


async def test_receiver_down_then_back_gets_every_alert_in_the_retry_window(
    settings: Settings, database: Database, sender: WebhookSender
) -> None:
    receiver = LocalServer()
    url = receiver.url("/hook")  # the port is reserved but nothing answers yet
    receiver.serve("/hook", "ok")
    await add_endpoint(database, url)
    for _ in range(3):
        await make_alert(database)
    clock = Clock()
    ctx = make_context(settings, database, clock, sender)

    assert await deliver_tick(ctx) == 3
    assert {a.error_class for a in await attempts(database)} <= {"connect", "timeout"}
    receiver.start()
    try:
        clock.advance(minutes=6)  # second retry window (5 s, then 5 min)
        while await deliver_tick(ctx):
            clock.advance(minutes=6)
        ids = {h.headers["webhook-id"] for h in receiver.hits("/hook")}
    finally:
        receiver.stop()
    rows = await messages(database)
    assert {m.status for m in rows} == {"delivered"}
    assert ids == {m.msg_id for m in rows}
    assert (clock.now - T0) < timedelta(hours=1)


async def test_410_disables_the_endpoint_at_once(
    settings: Settings, database: Database, server: LocalServer, sender: WebhookSender
) -> None:
    endpoint = await add_endpoint(database, server.url("/gone"))
    server.serve("/gone", "bye", status=410)
    await make_alert(database)
    await make_alert(database)
    ctx = make_context(settings, database, Clock(), sender)

    await deliver_tick(ctx)
    async with database.reader() as session:
        fresh = await store.get_endpoint(session, endpoint.id)
    assert fresh is not None and not fresh.enabled and "410" in (fresh.disabled_reason or "")
    assert {m.status for m in await messages(database)} == {"dead"}
    before = len(server.hits("/gone"))
    assert await deliver_tick(ctx) == 0 and len(server.hits("/gone")) == before


async def test_429_retry_after_is_honoured(
    settings: Settings, database: Database, server: LocalServer, sender: WebhookSender
) -> None:
    await add_endpoint(database, server.url("/busy"))
    server.serve("/busy", "slow down", status=429, headers={"Retry-After": "120"})
    await make_alert(database)
    clock = Clock()
    ctx = make_context(settings, database, clock, sender)

    await deliver_tick(ctx)
    [message] = await messages(database)
    assert message.next_attempt_at == T0 + timedelta(seconds=120)
    [attempt] = await attempts(database)
    assert (attempt.status_code, attempt.error_class) == (429, "rate_limited")


async def test_redirect_is_a_failure_and_never_followed(
    settings: Settings, database: Database, server: LocalServer, sender: WebhookSender
) -> None:
    await add_endpoint(database, server.url("/moved"))
    server.serve("/moved", "", status=307, headers={"Location": server.url("/elsewhere")})
    await make_alert(database)

    await deliver_tick(make_context(settings, database, Clock(), sender))
    assert server.hits("/elsewhere") == []
    [attempt] = await attempts(database)
    assert (attempt.status_code, attempt.error_class) == (307, "redirect")
    [message] = await messages(database)
    assert message.status == "failed"


async def test_timeout_is_a_failure(
    settings: Settings, database: Database, server: LocalServer, sender: WebhookSender
) -> None:
    async def slow(_request: Request) -> Response:
        await asyncio.sleep(1.5)
        return Response("late")

    server.routes["/slow"] = slow
    await add_endpoint(database, server.url("/slow"))
    await make_alert(database)

    await deliver_tick(make_context(settings, database, Clock(), sender))
    [attempt] = await attempts(database)
    assert attempt.error_class == "timeout" and attempt.status_code is None
    assert attempt.duration_ms >= 900  # the 1 s deadline, not the server's answer (no upper bound: load stretches it)


async def test_expired_lease_is_sent_again_with_the_same_webhook_id(
    settings: Settings, database: Database, server: LocalServer, sender: WebhookSender
) -> None:
    """A worker claims a message and dies before recording the attempt: another one sends it later."""
    await add_endpoint(database, server.url("/hook"))
    server.serve("/hook", "ok")
    await make_alert(database)
    clock = Clock()
    async with database.session() as session:
        [job] = await store.claim_due(
            session, worker_id="crashed", now=clock.now, lease=timedelta(seconds=60), limit=10, per_endpoint=4
        )
    await sender.send(job.url, job.msg_id, job.body, job.secrets)  # sent, then the worker "crashes"

    ctx = make_context(settings, database, clock, sender, worker="w2")
    assert await deliver_tick(ctx) == 0  # the lease still holds
    clock.advance(seconds=61)
    assert await deliver_tick(ctx) == 1
    hits = server.hits("/hook")
    assert len(hits) == 2 and hits[0].headers["webhook-id"] == hits[1].headers["webhook-id"] == job.msg_id
    assert hits[0].body == hits[1].body
    [message] = await messages(database)
    assert message.status == "delivered"


async def test_endpoint_with_no_success_for_five_days_is_disabled(
    settings: Settings, database: Database, server: LocalServer, sender: WebhookSender
) -> None:
    endpoint = await add_endpoint(database, server.url("/down"))
    server.serve("/down", "no", status=503)
    clock = Clock()
    ctx = make_context(settings, database, clock, sender)
    for day in range(7):
        await make_alert(database, at=clock.now)
        await deliver_tick(ctx)
        async with database.reader() as session:
            fresh = await store.get_endpoint(session, endpoint.id)
        assert fresh is not None
        if day < 5:
            assert fresh.enabled, day
        clock.advance(days=1)
    assert not fresh.enabled
    assert "5 days" in (fresh.disabled_reason or "")


async def test_a_dead_endpoint_does_not_hold_up_a_healthy_one(
    settings: Settings, database: Database, server: LocalServer
) -> None:
    """An ordering check, not a timing one: the stuck endpoint answers only after the healthy one got all twelve."""
    fast_hits_seen_by_hang: list[int] = []

    async def hang(_request: Request) -> Response:
        for _ in range(3000):  # at most 30 s: a serial sender would never let /fast reach twelve
            if len(server.hits("/fast")) >= 12:
                break
            await asyncio.sleep(0.01)
        fast_hits_seen_by_hang.append(len(server.hits("/fast")))
        return Response("late")

    server.routes["/hang"] = hang
    server.serve("/fast", "ok")
    await add_endpoint(database, server.url("/hang"))
    await add_endpoint(database, server.url("/fast"))
    for _ in range(12):
        await make_alert(database)
    sender = local_sender(total_timeout=60)
    try:
        await deliver_tick(make_context(settings, database, Clock(), sender))
    finally:
        await sender.aclose()
    assert len(server.hits("/fast")) == 12
    assert fast_hits_seen_by_hang and fast_hits_seen_by_hang[0] == 12


async def test_concurrency_per_endpoint_is_bounded(settings: Settings, database: Database, server: LocalServer) -> None:
    in_flight = 0
    peak = 0

    async def slowish(_request: Request) -> Response:
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        await asyncio.sleep(0.05)
        in_flight -= 1
        return Response("ok")

    server.routes["/hook"] = slowish
    await add_endpoint(database, server.url("/hook"))
    for _ in range(10):
        await make_alert(database)
    sender = local_sender()
    try:
        assert await deliver_tick(make_context(settings, database, Clock(), sender)) == 10
    finally:
        await sender.aclose()
    assert peak <= settings.delivery_concurrency_per_endpoint
    assert len(server.hits("/hook")) == 10
    bodies = [json.loads(h.body)["data"]["cursor"] for h in server.hits("/hook")]
    assert len(set(bodies)) == 10


async def test_an_unsafe_url_is_dead_lettered_at_once_with_the_reason(
    settings: Settings, database: Database, server: LocalServer
) -> None:
    """Registered while private addresses were allowed; the sender now refuses them: no retry schedule."""
    await add_endpoint(database, server.url("/hook"))
    server.serve("/hook", "ok")
    await make_alert(database)
    strict = local_sender(allow_private=False)
    try:
        assert await deliver_tick(make_context(settings, database, Clock(), strict)) == 1
    finally:
        await strict.aclose()

    [message] = await messages(database)
    assert (message.status, message.attempts, message.next_attempt_at) == ("dead", 1, None)
    assert "SSRF guard" in (message.last_error or "") and "127.0.0.1" in (message.last_error or "")
    [attempt] = await attempts(database)
    assert attempt.error_class == "unsafe_url"
    assert server.hits("/hook") == []
